namespace Zarr.Indexing;

/// <summary>A selection along one dimension, resolved against its length, that can be split per chunk.</summary>
internal abstract class DimSelection
{
    /// <summary>Number of output elements along this dimension.</summary>
    public abstract int OutLength { get; }

    /// <summary>True for an integer index: the dimension does not appear in the result.</summary>
    public virtual bool Drops => false;

    /// <summary>The projections onto each chunk touched, in chunk order.</summary>
    public abstract IEnumerable<DimProjection> Project(int chunkSize);

    /// <summary>The source index (in array coordinates) of output element <paramref name="i"/>.</summary>
    public abstract long SourceIndex(int i);
}

/// <summary>One integer index.</summary>
internal sealed class IntDimSelection(long index) : DimSelection
{
    public long Index => index;

    public override int OutLength => 1;

    public override bool Drops => true;

    public override IEnumerable<DimProjection> Project(int chunkSize)
    {
        yield return new DimProjection { ChunkIndex = index / chunkSize, Count = 1, ChunkStart = (int)(index % chunkSize) };
    }

    public override long SourceIndex(int i) => index;
}

/// <summary>A slice start:stop:step with a positive step, already clamped to the dimension.</summary>
internal sealed class SliceDimSelection : DimSelection
{
    private readonly long _start;
    private readonly long _stop;
    private readonly long _step;
    private readonly int _count;

    public SliceDimSelection(long start, long stop, long step, int dim)
    {
        _start = start;
        _stop = stop;
        _step = step;
        var count = stop <= start ? 0 : (stop - start + step - 1) / step;
        if (count > int.MaxValue) throw new ArgumentOutOfRangeException($"dim{dim}", $"The selection along dimension {dim} has {count} elements, more than one in-memory array can hold.");
        _count = (int)count;
    }

    public override int OutLength => _count;

    public override long SourceIndex(int i) => _start + i * _step;

    public override IEnumerable<DimProjection> Project(int chunkSize)
    {
        if (_count == 0) yield break;
        var firstChunk = _start / chunkSize;
        var lastChunk = (_stop - 1) / chunkSize;
        for (var k = firstChunk; k <= lastChunk; k++)
        {
            var chunkLo = k * chunkSize;
            var chunkHi = Math.Min(chunkLo + chunkSize, _stop);
            long first;
            if (_start >= chunkLo) first = _start;
            else
            {
                var skip = (chunkLo - _start + _step - 1) / _step;
                first = _start + skip * _step;
            }
            if (first >= chunkHi) continue;
            var count = (chunkHi - first + _step - 1) / _step;
            yield return new DimProjection
            {
                ChunkIndex = k,
                Count = (int)count,
                ChunkStart = (int)(first - chunkLo),
                ChunkStep = (int)Math.Min(_step, int.MaxValue),
                OutStart = (int)((first - _start) / _step),
            };
        }
    }
}

/// <summary>An integer array (orthogonal selection): any order, repeats allowed; output keeps the caller's order.</summary>
internal sealed class ArrayDimSelection : DimSelection
{
    private readonly long[] _indices;

    public ArrayDimSelection(ReadOnlySpan<long> indices, long length, int dim)
    {
        _indices = new long[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            var x = indices[i] < 0 ? indices[i] + length : indices[i];
            if (x < 0 || x >= length)
                throw new ArgumentOutOfRangeException($"dim{dim}", $"Index {indices[i]} is out of bounds for dimension {dim} with length {length}.");
            _indices[i] = x;
        }
    }

    public static ArrayDimSelection FromMask(ReadOnlySpan<bool> mask, long length, int dim)
    {
        if (mask.Length != length)
            throw new ArgumentException($"A boolean mask of length {mask.Length} does not match dimension {dim} of length {length}.");
        var idx = new List<long>();
        for (var i = 0; i < mask.Length; i++) if (mask[i]) idx.Add(i);
        return new ArrayDimSelection(idx.ToArray(), length, dim);
    }

    public override int OutLength => _indices.Length;

    public override long SourceIndex(int i) => _indices[i];

    public override IEnumerable<DimProjection> Project(int chunkSize)
    {
        if (_indices.Length == 0) yield break;
        // Group by chunk, keeping the caller's order inside each group, chunks in ascending order.
        var order = new int[_indices.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        var keys = new long[_indices.Length];
        for (var i = 0; i < keys.Length; i++) keys[i] = _indices[i] / chunkSize;
        Array.Sort(keys, order); // unstable: restore caller order inside each group below
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end < order.Length && keys[end] == keys[start]) end++;
            var group = order.AsSpan(start, end - start);
            group.Sort();
            var chunkIdx = new int[group.Length];
            var outIdx = new int[group.Length];
            for (var j = 0; j < group.Length; j++)
            {
                outIdx[j] = group[j];
                chunkIdx[j] = (int)(_indices[group[j]] % chunkSize);
            }
            yield return new DimProjection { ChunkIndex = keys[start], Count = group.Length, ChunkIndices = chunkIdx, OutIndices = outIdx };
            start = end;
        }
    }
}
