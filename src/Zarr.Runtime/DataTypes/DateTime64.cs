using System.Runtime.InteropServices;

namespace Zarr.DataTypes;

/// <summary>
/// A NumPy datetime64 value: a count of the array's unit since 1970-01-01 (the unit lives in the
/// dtype, e.g. <c>&lt;M8[ns]</c>). <see cref="NaT"/> is <see cref="long.MinValue"/>.
/// </summary>
/// <param name="Value">The count of units since the Unix epoch.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct DateTime64(long Value)
{
    /// <summary>Not-a-time.</summary>
    public static DateTime64 NaT => new(long.MinValue);

    /// <summary>True for not-a-time.</summary>
    public bool IsNaT => Value == long.MinValue;

    /// <summary>Converts to a UTC <see cref="DateTime"/> given the dtype's unit (<c>ns</c>, <c>s</c>, <c>D</c>, …) and multiplier.</summary>
    public DateTime ToDateTime(string unit, int multiplier = 1) =>
        IsNaT ? throw new InvalidOperationException("NaT has no DateTime value.") : TimeUnits.AddTo(DateTime.UnixEpoch, Value * multiplier, unit);

    /// <summary>Converts a <see cref="DateTime"/> to a count of <paramref name="unit"/> since the epoch.</summary>
    public static DateTime64 FromDateTime(DateTime value, string unit, int multiplier = 1) =>
        new(TimeUnits.CountSinceEpoch(value, unit) / multiplier);
}

/// <summary>A NumPy timedelta64 value: a count of the array's unit. <see cref="NaT"/> is <see cref="long.MinValue"/>.</summary>
/// <param name="Value">The count of units.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct TimeDelta64(long Value)
{
    /// <summary>Not-a-time.</summary>
    public static TimeDelta64 NaT => new(long.MinValue);

    /// <summary>True for not-a-time.</summary>
    public bool IsNaT => Value == long.MinValue;

    /// <summary>Converts to a <see cref="TimeSpan"/> given the unit (fixed-length units only: W, D, h, m, s, ms, us, ns…).</summary>
    public TimeSpan ToTimeSpan(string unit, int multiplier = 1) =>
        IsNaT ? throw new InvalidOperationException("NaT has no TimeSpan value.") : TimeUnits.AddTo(DateTime.UnixEpoch, Value * multiplier, unit) - DateTime.UnixEpoch;
}

internal static class TimeUnits
{
    public static long TicksPerUnit(string unit) => unit switch
    {
        "W" => TimeSpan.TicksPerDay * 7,
        "D" => TimeSpan.TicksPerDay,
        "h" => TimeSpan.TicksPerHour,
        "m" => TimeSpan.TicksPerMinute,
        "s" => TimeSpan.TicksPerSecond,
        "ms" => TimeSpan.TicksPerMillisecond,
        "us" or "μs" => 10,
        _ => 0,
    };

    public static DateTime AddTo(DateTime epoch, long count, string unit) => unit switch
    {
        "Y" => epoch.AddYears((int)count),
        "M" => epoch.AddMonths((int)count),
        "ns" => epoch.AddTicks(count / 100),
        "ps" => epoch.AddTicks(count / 100_000),
        "fs" => epoch.AddTicks(count / 100_000_000),
        "as" => epoch.AddTicks(count / 100_000_000_000),
        _ => epoch.AddTicks(checked(count * TicksPerUnit(unit))),
    };

    public static long CountSinceEpoch(DateTime value, string unit)
    {
        var ticks = (value.ToUniversalTime() - DateTime.UnixEpoch).Ticks;
        return unit switch
        {
            "Y" => value.Year - 1970,
            "M" => (value.Year - 1970) * 12 + value.Month - 1,
            "ns" => checked(ticks * 100),
            "ps" => checked(ticks * 100_000),
            "fs" => checked(ticks * 100_000_000),
            "as" => checked(ticks * 100_000_000_000),
            _ => ticks / TicksPerUnit(unit),
        };
    }
}
