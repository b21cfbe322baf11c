using System.Globalization;
using System.Numerics;

namespace Zarr.DataTypes;

/// <summary>
/// A NumPy datetime64 value: a count of a unit since 1970-01-01 and the unit itself (<c>ms</c>,
/// <c>10ms</c>, <c>D</c>…). Values read from an array carry the array's unit, so they print as NumPy
/// prints them (<c>2020-01-01T00:00:00.000</c>, <c>NaT</c>) and convert without naming the unit again
/// (<see cref="ToDateTime()"/>). A value made without a unit (<c>new DateTime64(5)</c>) takes the unit of
/// the array it is written to; one with another unit is converted as NumPy casts. Two values are equal
/// when they hold the same count of the same unit (NaT equals NaT here, unlike NumPy's comparison).
/// </summary>
public readonly record struct DateTime64
{
    private readonly TimeUnit _unit;

    /// <summary>A count of units since the epoch, without a unit: it takes the unit of the array it is written to.</summary>
    public DateTime64(long value) => Value = value;

    /// <summary>A count of <paramref name="unit"/> (times <paramref name="multiplier"/>) since the epoch.</summary>
    public DateTime64(long value, string unit, int multiplier = 1) : this(value, TimeUnit.Parse(unit, multiplier)) { }

    internal DateTime64(long value, TimeUnit unit)
    {
        Value = value;
        _unit = unit;
    }

    /// <summary>The count of units since the Unix epoch (<see cref="long.MinValue"/> for NaT).</summary>
    public long Value { get; }

    /// <summary>The unit (<c>ns</c>, <c>ms</c>, <c>D</c>…), or null for a value made without one.</summary>
    public string? Unit => _unit.Name;

    /// <summary>The unit's multiplier (10 for <c>M8[10ms]</c>); 1 without a unit.</summary>
    public int UnitMultiplier => _unit.IsKnown ? _unit.Multiplier : 1;

    internal TimeUnit TimeUnit => _unit;

    /// <summary>Not-a-time, without a unit.</summary>
    public static DateTime64 NaT => new(long.MinValue);

    /// <summary>True for not-a-time.</summary>
    public bool IsNaT => Value == long.MinValue;

    /// <summary>Converts to a UTC <see cref="DateTime"/> in the value's own unit.</summary>
    /// <exception cref="InvalidOperationException">The value is NaT or has no unit.</exception>
    public DateTime ToDateTime()
    {
        if (!_unit.IsKnown) throw new InvalidOperationException($"The datetime64 count {Value} has no unit; use ToDateTime(unit).");
        return IsNaT ? throw new InvalidOperationException("NaT has no DateTime value.") : _unit.AddTo(DateTime.UnixEpoch, Value);
    }

    /// <summary>Converts to a UTC <see cref="DateTime"/> reading the count as <paramref name="unit"/> (<c>ns</c>, <c>s</c>, <c>D</c>, …) times <paramref name="multiplier"/>, whatever the value's own unit.</summary>
    public DateTime ToDateTime(string unit, int multiplier = 1) =>
        IsNaT ? throw new InvalidOperationException("NaT has no DateTime value.") : TimeUnit.Parse(unit, multiplier).AddTo(DateTime.UnixEpoch, Value);

    /// <summary>Converts a <see cref="DateTime"/> to a count of <paramref name="unit"/> since the epoch, carrying the unit.</summary>
    public static DateTime64 FromDateTime(DateTime value, string unit, int multiplier = 1)
    {
        var u = TimeUnit.Parse(unit, multiplier);
        return new(u.CountSinceEpoch(value), u);
    }

    /// <summary>
    /// The same instant in another unit, rounded down as NumPy casts (years and months through the
    /// calendar). NaT stays NaT; a value without a unit only gains one.
    /// </summary>
    /// <exception cref="OverflowException">The count does not fit 64 bits in that unit.</exception>
    public DateTime64 ToUnit(string unit, int multiplier = 1) => ToUnit(TimeUnit.Parse(unit, multiplier));

    internal DateTime64 ToUnit(TimeUnit unit) => new(IsNaT ? Value : _unit.Convert(Value, unit, isDateTime: true), unit);

    /// <summary>NumPy's <c>str()</c>: ISO 8601 to the unit's precision (<c>2020-01-01T00:00:00.000</c>), or <c>NaT</c>.</summary>
    public override string ToString() =>
        IsNaT ? "NaT" : _unit.IsKnown ? _unit.FormatDate(Value) : Value.ToString(CultureInfo.InvariantCulture) + " (no unit)";
}

/// <summary>
/// A NumPy timedelta64 value: a count of a unit and the unit itself. Values read from an array carry
/// the array's unit, so they print as NumPy prints them (<c>5 seconds</c>, <c>NaT</c>) and convert
/// without naming the unit again (<see cref="ToTimeSpan()"/>). A value made without a unit takes the
/// unit of the array it is written to. Equal as <see cref="DateTime64"/> values are.
/// </summary>
public readonly record struct TimeDelta64
{
    private readonly TimeUnit _unit;

    /// <summary>A count without a unit: it takes the unit of the array it is written to.</summary>
    public TimeDelta64(long value) => Value = value;

    /// <summary>A count of <paramref name="unit"/> (times <paramref name="multiplier"/>).</summary>
    public TimeDelta64(long value, string unit, int multiplier = 1) : this(value, TimeUnit.Parse(unit, multiplier)) { }

    internal TimeDelta64(long value, TimeUnit unit)
    {
        Value = value;
        _unit = unit;
    }

    /// <summary>The count of units (<see cref="long.MinValue"/> for NaT).</summary>
    public long Value { get; }

    /// <summary>The unit (<c>s</c>, <c>ms</c>…), or null for a value made without one.</summary>
    public string? Unit => _unit.Name;

    /// <summary>The unit's multiplier; 1 without a unit.</summary>
    public int UnitMultiplier => _unit.IsKnown ? _unit.Multiplier : 1;

    internal TimeUnit TimeUnit => _unit;

    /// <summary>Not-a-time, without a unit.</summary>
    public static TimeDelta64 NaT => new(long.MinValue);

    /// <summary>True for not-a-time.</summary>
    public bool IsNaT => Value == long.MinValue;

    /// <summary>Converts to a <see cref="TimeSpan"/> in the value's own unit (fixed-length units only: W, D, h, m, s, ms, us, ns…).</summary>
    /// <exception cref="InvalidOperationException">The value is NaT, has no unit, or is in years or months.</exception>
    public TimeSpan ToTimeSpan()
    {
        if (!_unit.IsKnown) throw new InvalidOperationException($"The timedelta64 count {Value} has no unit; use ToTimeSpan(unit).");
        if (_unit.IsCalendar) throw new InvalidOperationException($"A timedelta64 in {_unit.PluralName} has no fixed length.");
        return IsNaT ? throw new InvalidOperationException("NaT has no TimeSpan value.") : _unit.AddTo(DateTime.UnixEpoch, Value) - DateTime.UnixEpoch;
    }

    /// <summary>Converts to a <see cref="TimeSpan"/> reading the count as <paramref name="unit"/> (fixed-length units only: W, D, h, m, s, ms, us, ns…).</summary>
    public TimeSpan ToTimeSpan(string unit, int multiplier = 1) =>
        IsNaT ? throw new InvalidOperationException("NaT has no TimeSpan value.") : TimeUnit.Parse(unit, multiplier).AddTo(DateTime.UnixEpoch, Value) - DateTime.UnixEpoch;

    /// <summary>The same duration in another unit, rounded down as NumPy casts; years and months convert only to each other.</summary>
    public TimeDelta64 ToUnit(string unit, int multiplier = 1) => ToUnit(TimeUnit.Parse(unit, multiplier));

    internal TimeDelta64 ToUnit(TimeUnit unit) => new(IsNaT ? Value : _unit.Convert(Value, unit, isDateTime: false), unit);

    /// <summary>NumPy's <c>str()</c>: <c>5 seconds</c>, <c>50 milliseconds</c> for 5 of <c>10ms</c>, or <c>NaT</c>.</summary>
    public override string ToString() =>
        IsNaT ? "NaT"
        : _unit.IsKnown ? ((BigInteger)Value * _unit.Multiplier).ToString(CultureInfo.InvariantCulture) + " " + _unit.PluralName
        : Value.ToString(CultureInfo.InvariantCulture) + " (no unit)";
}
