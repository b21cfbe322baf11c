using System.Globalization;
using System.Numerics;

namespace Zarr.DataTypes;

/// <summary>
/// A NumPy time unit and its multiplier (the <c>[10ms]</c> of <c>M8[10ms]</c>), as
/// <see cref="DateTime64"/> and <see cref="TimeDelta64"/> carry it. Code 0 is "no unit": a value made
/// without one, which takes the unit of the array it is written to.
/// </summary>
internal readonly record struct TimeUnit(byte Code, int Multiplier)
{
    private static readonly string[] s_names = ["", "Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as"];

    private static readonly string[] s_plural =
        ["", "years", "months", "weeks", "days", "hours", "minutes", "seconds", "milliseconds", "microseconds", "nanoseconds", "picoseconds", "femtoseconds", "attoseconds"];

    private const byte Years = 1, Months = 2, Days = 4;

    /// <summary>No unit.</summary>
    public static TimeUnit None => default;

    /// <summary>True when the value has a unit.</summary>
    public bool IsKnown => Code != 0;

    /// <summary>The unit's NumPy name (<c>ms</c>), or null for none.</summary>
    public string? Name => Code == 0 ? null : s_names[Code];

    /// <summary>NumPy's plural English name (<c>milliseconds</c>), as <c>str(timedelta64)</c> prints it.</summary>
    public string PluralName => s_plural[Code];

    /// <summary>Years and months, whose length in seconds depends on the calendar.</summary>
    public bool IsCalendar => Code is Years or Months;

    /// <summary>The unit as in a dtype string: <c>ms</c>, <c>10ms</c>.</summary>
    public override string ToString() => Code == 0 ? "" : (Multiplier == 1 ? "" : Multiplier.ToString(CultureInfo.InvariantCulture)) + s_names[Code];

    /// <summary>The unit of a datetime64 or timedelta64 dtype.</summary>
    public static TimeUnit Of(ZarrDType dtype) => Parse(dtype.Unit ?? throw new ArgumentException($"dtype {dtype} has no time unit."), dtype.UnitMultiplier);

    /// <summary>A unit from its NumPy name (<c>μs</c> is <c>us</c>) and a positive multiplier.</summary>
    public static TimeUnit Parse(string unit, int multiplier = 1)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(multiplier);
        var code = Array.IndexOf(s_names, unit == "μs" ? "us" : unit);
        if (code <= 0) throw new ArgumentException($"'{unit}' is not a NumPy time unit (Y, M, W, D, h, m, s, ms, us, ns, ps, fs, as).", nameof(unit));
        return new TimeUnit((byte)code, multiplier);
    }

    // Attoseconds in one (unmultiplied) fixed-length unit.
    private static BigInteger Attoseconds(byte code) => code switch
    {
        3 => 604_800 * BigInteger.Pow(10, 18),
        4 => 86_400 * BigInteger.Pow(10, 18),
        5 => 3_600 * BigInteger.Pow(10, 18),
        6 => 60 * BigInteger.Pow(10, 18),
        _ => BigInteger.Pow(10, 3 * (13 - code)), // s = 10^18 … as = 1
    };

    /// <summary>
    /// <paramref name="count"/> of this unit as a count of <paramref name="target"/>, rounded down as
    /// NumPy casts (1969-12-31T23:59:59.999 is 1969-12-31T23:59:59 in seconds). Years and months go
    /// through the calendar for datetimes; a timedelta cannot change between them and fixed units.
    /// </summary>
    /// <exception cref="OverflowException">The result does not fit 64 bits (or is the NaT pattern).</exception>
    /// <exception cref="InvalidCastException">A timedelta between calendar and fixed-length units.</exception>
    public long Convert(long count, TimeUnit target, bool isDateTime)
    {
        if (!IsKnown || !target.IsKnown || this == target) return count;
        BigInteger result;
        if (IsCalendar && target.IsCalendar)
            result = FloorDiv(count * (BigInteger)Multiplier * (Code == Years ? 12 : 1), (BigInteger)target.Multiplier * (target.Code == Years ? 12 : 1));
        else if (IsCalendar || target.IsCalendar)
        {
            if (!isDateTime)
                throw new InvalidCastException($"A timedelta64 in {PluralName} cannot be expressed in {target.PluralName}: their ratio depends on the calendar.");
            if (IsCalendar)
            {
                var months = count * (BigInteger)Multiplier * (Code == Years ? 12 : 1);
                if (months < -12L * 1969 || months > 12L * 8029) throw new OverflowException($"{count} {PluralName} since 1970 is outside the years 1-9999.");
                var days = (DateTime.UnixEpoch.AddMonths((int)months) - DateTime.UnixEpoch).Days;
                result = FloorDiv(days * Attoseconds(Days), Attoseconds(target.Code) * target.Multiplier);
            }
            else
            {
                var days = FloorDiv(count * Attoseconds(Code) * Multiplier, Attoseconds(Days));
                if (days < -719_162 || days > 2_932_896) throw new OverflowException($"{count} {PluralName} since 1970 is outside the years 1-9999.");
                var date = DateTime.UnixEpoch.AddDays((double)days);
                var months = (date.Year - 1970) * 12 + date.Month - 1;
                result = FloorDiv(months, (BigInteger)target.Multiplier * (target.Code == Years ? 12 : 1));
            }
        }
        else result = FloorDiv(count * Attoseconds(Code) * Multiplier, Attoseconds(target.Code) * target.Multiplier);
        if (result <= long.MinValue || result > long.MaxValue)
            throw new OverflowException($"{count} {PluralName} does not fit a 64-bit count of {target}.");
        return (long)result;
    }

    private static BigInteger FloorDiv(BigInteger a, BigInteger b)
    {
        var q = BigInteger.DivRem(a, b, out var r);
        return r != 0 && (r < 0) != (b < 0) ? q - 1 : q;
    }

    /// <summary>The UTC <see cref="DateTime"/> <paramref name="count"/> units after the epoch.</summary>
    public DateTime AddTo(DateTime epoch, long count)
    {
        var n = checked(count * Multiplier);
        return Code switch
        {
            Years => epoch.AddYears(checked((int)n)),
            Months => epoch.AddMonths(checked((int)n)),
            10 => epoch.AddTicks(n / 100),
            11 => epoch.AddTicks(n / 100_000),
            12 => epoch.AddTicks(n / 100_000_000),
            13 => epoch.AddTicks(n / 100_000_000_000),
            _ => epoch.AddTicks(checked(n * TicksPer(Code))),
        };
    }

    /// <summary>The count of this unit from the epoch to <paramref name="value"/> (rounded toward zero).</summary>
    public long CountSinceEpoch(DateTime value)
    {
        var ticks = (value.ToUniversalTime() - DateTime.UnixEpoch).Ticks;
        long n = Code switch
        {
            Years => value.Year - 1970,
            Months => (value.Year - 1970) * 12 + value.Month - 1,
            10 => checked(ticks * 100),
            11 => checked(ticks * 100_000),
            12 => checked(ticks * 100_000_000),
            13 => checked(ticks * 100_000_000_000),
            _ => ticks / TicksPer(Code),
        };
        return n / Multiplier;
    }

    private static long TicksPer(byte code) => code switch
    {
        3 => TimeSpan.TicksPerDay * 7,
        4 => TimeSpan.TicksPerDay,
        5 => TimeSpan.TicksPerHour,
        6 => TimeSpan.TicksPerMinute,
        7 => TimeSpan.TicksPerSecond,
        8 => TimeSpan.TicksPerMillisecond,
        _ => 10, // us
    };

    /// <summary>
    /// NumPy's <c>str(datetime64)</c> of <paramref name="count"/> in this unit: ISO 8601 to the unit's
    /// precision (<c>2020-01</c> for months, <c>2020-01-01T00:00:00.000</c> for ms) in the proleptic
    /// Gregorian calendar, years printed as C's <c>%04lld</c> (<c>104850-08</c>, <c>-001-01-01</c>).
    /// </summary>
    public string FormatDate(long count)
    {
        var v = (BigInteger)count * Multiplier;
        switch (Code)
        {
            case Years: return Year(1970 + v);
            case Months: return Year(1970 + FloorDiv(v, 12)) + "-" + Two(Mod(v, 12) + 1);
            case 3: return Date(v * 7);
            case Days: return Date(v);
            case 5: return Date(FloorDiv(v, 24)) + "T" + Two(Mod(v, 24));
            case 6: return Date(FloorDiv(v, 1440)) + "T" + Two(Mod(v, 1440) / 60) + ":" + Two(Mod(v, 60));
        }
        var digits = 3 * (Code - 7); // s 0, ms 3, us 6 … as 18
        var perSecond = BigInteger.Pow(10, digits);
        var seconds = FloorDiv(v, perSecond);
        var secondOfDay = Mod(seconds, 86_400);
        var text = Date(FloorDiv(seconds, 86_400)) + "T" + Two(secondOfDay / 3600) + ":" + Two(secondOfDay / 60 % 60) + ":" + Two(secondOfDay % 60);
        return digits == 0 ? text : text + "." + Mod(v, perSecond).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    private static BigInteger Mod(BigInteger a, BigInteger b) => a - FloorDiv(a, b) * b;

    private static string Two(BigInteger v) => v.ToString("00", CultureInfo.InvariantCulture);

    private static string Year(BigInteger y) => y < 0 ? "-" + (-y).ToString("000", CultureInfo.InvariantCulture) : y.ToString("0000", CultureInfo.InvariantCulture);

    // Days since 1970-01-01 as year-month-day (H. Hinnant's civil_from_days, on any range).
    private static string Date(BigInteger days)
    {
        var z = days + 719_468;
        var era = FloorDiv(z, 146_097);
        var doe = z - era * 146_097;
        var yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        var doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        var mp = (5 * doy + 2) / 153;
        var day = doy - (153 * mp + 2) / 5 + 1;
        var month = mp < 10 ? mp + 3 : mp - 9;
        var year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        return Year(year) + "-" + Two(month) + "-" + Two(day);
    }
}
