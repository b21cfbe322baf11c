namespace Zarr.Indexing;

/// <summary>
/// The points of a coordinate or mask selection that fall in one chunk: for each point its flat
/// C-order offset inside the chunk and its flat position in the output. The offsets and positions
/// are windows onto arrays shared by every region of the plan, so a plan of many chunks costs two
/// arrays, not two per chunk.
/// </summary>
internal sealed class PointsRegion : ChunkRegion
{
    private readonly int[] _chunkOffsets;
    private readonly int[]? _outIndices;
    private readonly int _start;
    private readonly int _count;

    /// <param name="chunkCoords">The chunk's grid coordinates.</param>
    /// <param name="chunkOffsets">Flat offsets inside the chunk, for the points <paramref name="start"/>..+<paramref name="count"/>.</param>
    /// <param name="outIndices">Output positions of the same points, or null when point <c>start + i</c> goes to output <c>start + i</c>.</param>
    /// <param name="start">First point of this chunk in the shared arrays.</param>
    /// <param name="count">Number of points in this chunk.</param>
    public PointsRegion(long[] chunkCoords, int[] chunkOffsets, int[]? outIndices, int start, int count) : base(chunkCoords)
    {
        _chunkOffsets = chunkOffsets;
        _outIndices = outIndices;
        _start = start;
        _count = count;
    }

    /// <summary>Number of points in this chunk (repeats included).</summary>
    public int Count => _count;

    public override bool CoversWholeChunk(int[] chunkShape)
    {
        var length = 1;
        foreach (var c in chunkShape) length *= c;
        if (_count < length) return false;
        // Enough points to cover the chunk: check that every offset is hit (repeats are allowed).
        var seen = new bool[length];
        var distinct = 0;
        foreach (var off in _chunkOffsets.AsSpan(_start, _count))
        {
            if (!seen[off])
            {
                seen[off] = true;
                distinct++;
            }
        }
        return distinct == length;
    }

    /// <summary>The points' flat offsets inside the chunk, in the order <see cref="Place{T}"/> expects values.</summary>
    public ReadOnlySpan<int> Offsets => _chunkOffsets.AsSpan(_start, _count);

    /// <summary>Puts values read at <see cref="Offsets"/> (same order) into their output positions.</summary>
    public void Place<T>(ReadOnlySpan<T> values, Span<T> output)
    {
        if (_outIndices is null)
        {
            values.CopyTo(output.Slice(_start, _count));
            return;
        }
        var outs = _outIndices.AsSpan(_start, _count);
        for (var i = 0; i < outs.Length; i++) output[outs[i]] = values[i];
    }

    public override (int Start, int End) ElementRange(int[] chunkShape)
    {
        int lo = int.MaxValue, hi = int.MinValue;
        foreach (var off in _chunkOffsets.AsSpan(_start, _count))
        {
            lo = Math.Min(lo, off);
            hi = Math.Max(hi, off);
        }
        return (lo, hi + 1);
    }

    public override void Gather<T>(ReadOnlySpan<T> chunk, int[] chunkShape, Span<T> output)
    {
        var offsets = _chunkOffsets.AsSpan(_start, _count);
        if (_outIndices is null)
        {
            var dst = output.Slice(_start, _count);
            for (var i = 0; i < offsets.Length; i++) dst[i] = chunk[offsets[i]];
            return;
        }
        var outs = _outIndices.AsSpan(_start, _count);
        for (var i = 0; i < offsets.Length; i++) output[outs[i]] = chunk[offsets[i]];
    }

    public override void Scatter<T>(ReadOnlySpan<T> source, Span<T> chunk, int[] chunkShape)
    {
        // Points keep the caller's order inside a chunk, so with repeated coordinates the last value wins.
        var offsets = _chunkOffsets.AsSpan(_start, _count);
        if (_outIndices is null)
        {
            var src = source.Slice(_start, _count);
            for (var i = 0; i < offsets.Length; i++) chunk[offsets[i]] = src[i];
            return;
        }
        var outs = _outIndices.AsSpan(_start, _count);
        for (var i = 0; i < offsets.Length; i++) chunk[offsets[i]] = source[outs[i]];
    }

    public override void Fill<T>(T value, Span<T> chunk, int[] chunkShape)
    {
        foreach (var off in _chunkOffsets.AsSpan(_start, _count)) chunk[off] = value;
    }
}
