using System.Runtime.CompilerServices;

namespace Zarr;

/// <summary>
/// One index along one dimension of a rank-typed array: an <c>int</c>, a <c>long</c> (negative
/// counts from the end) or an <see cref="Index"/> (<c>^1</c>). Drops the dimension from the result.
/// </summary>
public readonly struct AxisIndex
{
    private AxisIndex(Selector selector) => Selector = selector;

    /// <summary>The selector this index stands for.</summary>
    public Selector Selector { get; }

    /// <summary>An integer index.</summary>
    public static implicit operator AxisIndex(int index) => new(index);

    /// <summary>An integer index.</summary>
    public static implicit operator AxisIndex(long index) => new(index);

    /// <summary>A C# index (<c>^1</c> is the last element).</summary>
    public static implicit operator AxisIndex(Index index) => new(index);
}

/// <summary>
/// A selection along one dimension that keeps the dimension: a <see cref="Range"/> (<c>..</c>,
/// <c>2..^1</c>), a <see cref="StridedRange"/> (<c>(0..10).Step(2)</c>), integer indices or a
/// boolean mask (taken orthogonally, as zarr-python's <c>oindex</c>); a collection expression of
/// integers (<c>vol[1, [0, 4], ..2]</c>) is an integer array.
/// </summary>
[CollectionBuilder(typeof(AxisSelection), nameof(Create))]
public readonly struct AxisSelection
{
    private AxisSelection(Selector selector) => Selector = selector;

    /// <summary>The selector this selection stands for.</summary>
    public Selector Selector { get; }

    /// <summary>The whole dimension.</summary>
    public static AxisSelection All => new(Zarr.Selector.All);

    /// <summary>A C# range, step 1.</summary>
    public static implicit operator AxisSelection(Range range) => new(range);

    /// <summary>A range with a step.</summary>
    public static implicit operator AxisSelection(StridedRange range) => new(range.ToSelector());

    /// <summary>Integer indices.</summary>
    public static implicit operator AxisSelection(int[] indices) => new(indices);

    /// <summary>Integer indices.</summary>
    public static implicit operator AxisSelection(long[] indices) => new(indices);

    /// <summary>A boolean mask over the dimension.</summary>
    public static implicit operator AxisSelection(bool[] mask) => new(mask);

    /// <summary>Integer indices from a collection expression (<c>[0, 4]</c>).</summary>
    public static AxisSelection Create(ReadOnlySpan<long> indices) => new(Zarr.Selector.Create(indices));

    /// <summary>The indices of an integer-array selection; it makes collection expressions possible.</summary>
    public IEnumerator<long> GetEnumerator() => Selector.GetEnumerator();
}
