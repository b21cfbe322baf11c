namespace Zarr;

/// <summary>
/// A range with a step, Python's <c>start:stop:step</c>: <c>(0..10).Step(2)</c> or
/// <c>StridedRange.Every(3)</c>. Keeps the dimension in a rank-typed selection.
/// </summary>
/// <param name="Range">The start and end (either may count from the end).</param>
/// <param name="Step">The positive step.</param>
public readonly record struct StridedRange(Range Range, long Step)
{
    /// <summary>Every <paramref name="step"/>-th element of the whole dimension (<c>::step</c>).</summary>
    public static StridedRange Every(long step) => new(System.Range.All, step);

    /// <summary>The selector for this range.</summary>
    public Selector ToSelector() => Selector.Slice(Range, Step);
}

/// <summary>Adds <c>.Step(n)</c> to C# ranges.</summary>
public static class RangeExtensions
{
    /// <summary>The range taken every <paramref name="step"/> elements: <c>(1..^1).Step(2)</c> is <c>1:-1:2</c>.</summary>
    public static StridedRange Step(this Range range, long step) => new(range, step);
}
