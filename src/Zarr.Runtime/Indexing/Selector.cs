using System.Runtime.CompilerServices;

namespace Zarr;

/// <summary>The kind of a per-dimension <see cref="Selector"/>.</summary>
public enum SelectorKind
{
    /// <summary>One integer index (the dimension is dropped from the result).</summary>
    Index,
    /// <summary>A slice: start, stop and a positive step.</summary>
    Slice,
    /// <summary>All remaining dimensions, taken whole (<c>...</c>).</summary>
    Ellipsis,
    /// <summary>An array of integer indices (orthogonal or coordinate selection).</summary>
    Indices,
    /// <summary>A boolean mask over the dimension.</summary>
    Mask,
}

/// <summary>
/// What to take along one dimension: an integer (negative counts from the end), a C#
/// <see cref="System.Index"/>/<see cref="System.Range"/>, a stepped slice, an ellipsis, an integer
/// array or a boolean mask. Converts implicitly from <c>int</c>, <c>long</c>, <c>Index</c>,
/// <c>Range</c>, <c>int[]</c>, <c>long[]</c> and <c>bool[]</c>, so <c>z[0..3, ^1]</c> reads naturally;
/// a collection expression of integers is an integer array (<c>z[1..3, [0, 4], ..2]</c>).
/// </summary>
[CollectionBuilder(typeof(Selector), nameof(Create))]
public readonly struct Selector
{
    private readonly long _index;
    private readonly bool _indexFromEnd;
    private readonly long? _start;
    private readonly bool _startFromEnd;
    private readonly long? _stop;
    private readonly bool _stopFromEnd;
    private readonly long[]? _indices;
    private readonly bool[]? _mask;
    private readonly int[]? _indexShape;

    private Selector(SelectorKind kind, long index = 0, bool indexFromEnd = false, long? start = null, bool startFromEnd = false,
        long? stop = null, bool stopFromEnd = false, long step = 1, long[]? indices = null, bool[]? mask = null, int[]? indexShape = null)
    {
        Kind = kind;
        _index = index;
        _indexFromEnd = indexFromEnd;
        _start = start;
        _startFromEnd = startFromEnd;
        _stop = stop;
        _stopFromEnd = stopFromEnd;
        Step = step;
        _indices = indices;
        _mask = mask;
        _indexShape = indexShape;
    }

    /// <summary>The kind of selector.</summary>
    public SelectorKind Kind { get; }

    /// <summary>The step of a slice (1 otherwise).</summary>
    public long Step { get; }

    /// <summary>The integer indices of an <see cref="SelectorKind.Indices"/> selector.</summary>
    public ReadOnlySpan<long> Indices => _indices;

    /// <summary>The mask of a <see cref="SelectorKind.Mask"/> selector.</summary>
    public ReadOnlySpan<bool> Mask => _mask;

    /// <summary>The whole dimension (<c>:</c>).</summary>
    public static Selector All => new(SelectorKind.Slice);

    /// <summary>The ellipsis (<c>...</c>): every dimension not otherwise named, whole.</summary>
    public static Selector Ellipsis => new(SelectorKind.Ellipsis);

    /// <summary>A Python-style slice <c>start:stop:step</c>; negative start/stop count from the end; null means the edge.</summary>
    public static Selector Slice(long? start, long? stop, long step = 1)
    {
        if (step == 0) throw new ArgumentException("A slice step cannot be zero.", nameof(step));
        if (step < 0) throw new ArgumentException("Negative slice steps are not supported (as in zarr-python).", nameof(step));
        return new(SelectorKind.Slice, start: start, stop: stop, step: step);
    }

    /// <summary>A range with a step: <c>Selector.Slice(0..10, 2)</c> is <c>0:10:2</c>.</summary>
    public static Selector Slice(Range range, long step)
    {
        if (step <= 0) throw new ArgumentException("A slice step must be positive.", nameof(step));
        return new(SelectorKind.Slice,
            start: range.Start.Value, startFromEnd: range.Start.IsFromEnd,
            stop: range.End.IsFromEnd && range.End.Value == 0 ? null : range.End.Value, stopFromEnd: range.End.IsFromEnd,
            step: step);
    }

    /// <summary>One index; negative values count from the end.</summary>
    public static Selector At(long index) => new(SelectorKind.Index, index: index);

    /// <summary>An array of indices (orthogonal / coordinate selection).</summary>
    public static Selector Of(params long[] indices) => new(SelectorKind.Indices, indices: indices);

    /// <summary>
    /// An array of indices from a collection expression: <c>[0, 4]</c> in <c>z[1..3, [0, 4], ..2]</c>.
    /// (As the only argument of a <c>params Selector[]</c> method, <c>[0, 4]</c> is two selectors; the
    /// indexers of arrays and their <c>OIndex</c>/<c>VIndex</c> views take it as one.)
    /// </summary>
    public static Selector Create(ReadOnlySpan<long> indices) => new(SelectorKind.Indices, indices: indices.ToArray());

    /// <summary>The indices of an <see cref="SelectorKind.Indices"/> selector (nothing for other kinds); it makes collection expressions possible.</summary>
    public IEnumerator<long> GetEnumerator() => ((IEnumerable<long>)(_indices ?? [])).GetEnumerator();

    /// <summary>A boolean mask along one dimension.</summary>
    public static Selector Where(params bool[] mask) => new(SelectorKind.Mask, mask: mask);

    /// <summary>An integer index.</summary>
    public static implicit operator Selector(int index) => new(SelectorKind.Index, index: index);

    /// <summary>An integer index.</summary>
    public static implicit operator Selector(long index) => new(SelectorKind.Index, index: index);

    /// <summary>A C# index (<c>^1</c> is the last element).</summary>
    public static implicit operator Selector(Index index) => new(SelectorKind.Index, index: index.Value, indexFromEnd: index.IsFromEnd);

    /// <summary>A C# range (<c>2..^1</c>), step 1.</summary>
    public static implicit operator Selector(Range range) => Slice(range, 1);

    /// <summary>Integer indices.</summary>
    public static implicit operator Selector(int[] indices) => new(SelectorKind.Indices, indices: Array.ConvertAll(indices, i => (long)i));

    /// <summary>Integer indices.</summary>
    public static implicit operator Selector(long[] indices) => new(SelectorKind.Indices, indices: indices);

    /// <summary>
    /// An N-dimensional integer array: in a coordinate selection (<c>VIndex</c>) the result takes the
    /// broadcast shape of the coordinate arrays; orthogonal selection accepts only 1-d arrays.
    /// </summary>
    public static implicit operator Selector(NDArray<long> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return new(SelectorKind.Indices, indices: indices.Data, indexShape: indices.Shape);
    }

    /// <summary>An N-dimensional integer array (see the <see cref="NDArray{T}"/> of long conversion).</summary>
    public static implicit operator Selector(NDArray<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return new(SelectorKind.Indices, indices: Array.ConvertAll(indices.Data, i => (long)i), indexShape: indices.Shape);
    }

    /// <summary>A boolean mask.</summary>
    public static implicit operator Selector(bool[] mask) => new(SelectorKind.Mask, mask: mask);

    /// <summary>The shape of an <see cref="SelectorKind.Indices"/> selector's array (1-d unless built from an N-d array).</summary>
    internal int[] IndexShape => _indexShape ?? [_indices?.Length ?? 0];

    /// <summary>An integer selector as written: its value and whether it counts from the end (<c>^n</c>).</summary>
    internal (long Value, bool FromEnd) RawIndex => (_index, _indexFromEnd);

    /// <summary>A slice's bounds as written (null for an open end), before resolving against a length.</summary>
    internal (long? Start, bool StartFromEnd, long? Stop, bool StopFromEnd) RawSlice => (_start, _startFromEnd, _stop, _stopFromEnd);

    /// <summary>Resolves an integer selector against a dimension length; throws naming the dimension when out of bounds.</summary>
    internal long ResolveIndex(long length, int dim)
    {
        var i = _indexFromEnd ? length - _index : _index < 0 ? length + _index : _index;
        if (i < 0 || i >= length)
            throw new ArgumentOutOfRangeException($"dim{dim}", $"Index {(_indexFromEnd ? "^" + _index : _index.ToString(System.Globalization.CultureInfo.InvariantCulture))} is out of bounds for dimension {dim} with length {length}.");
        return i;
    }

    /// <summary>Resolves a slice to (start, stop, step) with Python's rules, clamped to [0, length].</summary>
    internal (long Start, long Stop, long Step) ResolveSlice(long length)
    {
        long Resolve(long? v, bool fromEnd, long dflt)
        {
            if (v is null) return dflt;
            var x = fromEnd ? length - v.Value : v.Value < 0 ? length + v.Value : v.Value;
            return Math.Clamp(x, 0, length);
        }
        var start = Resolve(_start, _startFromEnd, 0);
        var stop = Resolve(_stop, _stopFromEnd, length);
        if (stop < start) stop = start;
        return (start, stop, Step);
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        SelectorKind.Index => _indexFromEnd ? "^" + _index : _index.ToString(System.Globalization.CultureInfo.InvariantCulture),
        SelectorKind.Ellipsis => "...",
        SelectorKind.Indices => "[" + string.Join(", ", _indices!) + "]",
        SelectorKind.Mask => "mask[" + _mask!.Length + "]",
        _ => $"{(_start is null ? "" : (_startFromEnd ? "^" : "") + _start)}:{(_stop is null ? "" : (_stopFromEnd ? "^" : "") + _stop)}{(Step == 1 ? "" : ":" + Step)}",
    };
}
