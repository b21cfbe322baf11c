namespace Zarr.Indexing;

/// <summary>
/// The part of one chunk a selection touches, and where those elements sit in the selection's
/// output. Chunks and outputs are dense C-order buffers.
/// </summary>
internal abstract class ChunkRegion
{
    protected ChunkRegion(long[] chunkCoords) => ChunkCoords = chunkCoords;

    /// <summary>The chunk's grid coordinates.</summary>
    public long[] ChunkCoords { get; }

    /// <summary>True when every element of the chunk (padding included) is written, so the old chunk need not be read.</summary>
    public abstract bool CoversWholeChunk(int[] chunkShape);

    /// <summary>Copies the selected chunk elements into the output.</summary>
    public abstract void Gather<T>(ReadOnlySpan<T> chunk, int[] chunkShape, Span<T> output);

    /// <summary>Copies the matching elements of <paramref name="source"/> (shaped as the output) into the chunk.</summary>
    public abstract void Scatter<T>(ReadOnlySpan<T> source, Span<T> chunk, int[] chunkShape);

    /// <summary>Sets the selected chunk elements to <paramref name="value"/>.</summary>
    public abstract void Fill<T>(T value, Span<T> chunk, int[] chunkShape);

    /// <summary>
    /// The span [Start, End) of flat C-order chunk offsets that <see cref="Gather{T}"/> reads: a read
    /// may decode only that part of the chunk when its codec can (<see cref="Codecs.IPartialDecoder.DecodeRangeInto"/>).
    /// </summary>
    public virtual (int Start, int End) ElementRange(int[] chunkShape)
    {
        var n = 1;
        foreach (var c in chunkShape) n *= c;
        return (0, n);
    }

    /// <summary>
    /// The region as runs of consecutive chunk items, each with its offset in the output (what
    /// <see cref="Gather{T}"/> copies), in a pooled array of which the first <paramref name="count"/>
    /// are used (return it with <see cref="Codecs.ItemRunPool.Return"/>); null when the region
    /// is not a set of runs (scattered points, a strided last dimension).
    /// </summary>
    public virtual Codecs.ItemRun[]? RentRuns(int[] chunkShape, out int count)
    {
        count = 0;
        return null;
    }

    /// <summary>C-order strides of a shape.</summary>
    public static int[] Strides(ReadOnlySpan<int> shape)
    {
        var s = new int[shape.Length];
        var acc = 1;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            s[d] = acc;
            acc *= shape[d];
        }
        return s;
    }
}

/// <summary>A region that is the outer product of per-dimension projections (basic and orthogonal selection).</summary>
internal sealed class OrthogonalRegion : ChunkRegion
{
    private readonly DimProjection[] _dims;
    private readonly int[] _outStrides;

    public OrthogonalRegion(long[] chunkCoords, DimProjection[] dims, int[] outStrides) : base(chunkCoords)
    {
        _dims = dims;
        _outStrides = outStrides;
    }

    public override bool CoversWholeChunk(int[] chunkShape)
    {
        for (var d = 0; d < _dims.Length; d++) if (!_dims[d].CoversChunk(chunkShape[d])) return false;
        return true;
    }

    public override (int Start, int End) ElementRange(int[] chunkShape)
    {
        var strides = Strides(chunkShape);
        int lo = 0, hi = 0;
        for (var d = 0; d < _dims.Length; d++)
        {
            var p = _dims[d];
            int min, max;
            if (p.ChunkIndices is null)
            {
                min = p.ChunkStart;
                max = p.ChunkStart + (p.Count - 1) * p.ChunkStep;
            }
            else
            {
                min = int.MaxValue;
                max = int.MinValue;
                foreach (var i in p.ChunkIndices)
                {
                    min = Math.Min(min, i);
                    max = Math.Max(max, i);
                }
            }
            lo += min * strides[d];
            hi += max * strides[d];
        }
        return (lo, hi + 1);
    }

    public override Codecs.ItemRun[]? RentRuns(int[] chunkShape, out int count)
    {
        count = 0;
        if (_dims.Length == 0)
        {
            var single = Codecs.ItemRunPool.Rent(1);
            single[0] = new Codecs.ItemRun(0, 1, 0);
            count = 1;
            return single;
        }
        if (!_dims[^1].IsContiguous) return null;
        var n = 1;
        for (var d = 0; d < _dims.Length - 1; d++) n *= _dims[d].Count;
        var runs = Codecs.ItemRunPool.Rent(n);
        if (_dims[^1].Count > 0) AddRuns(runs, ref count, Strides(chunkShape), 0, 0, 0);
        return runs;
    }

    private void AddRuns(Codecs.ItemRun[] runs, ref int count, int[] cs, int d, int cOff, int oOff)
    {
        var p = _dims[d];
        if (d == _dims.Length - 1)
        {
            var source = cOff + p.ChunkStart;
            var destination = oOff + p.OutStart;
            ref var last = ref runs[Math.Max(0, count - 1)];
            if (count > 0 && last.Source + last.Count == source && last.Destination + last.Count == destination)
                last = last with { Count = last.Count + p.Count }; // rows that follow on in both the chunk and the output are one run
            else runs[count++] = new Codecs.ItemRun(source, p.Count, destination);
            return;
        }
        for (var i = 0; i < p.Count; i++)
            AddRuns(runs, ref count, cs, d + 1, cOff + p.ChunkAt(i) * cs[d], oOff + p.OutAt(i) * _outStrides[d]);
    }

    public override void Gather<T>(ReadOnlySpan<T> chunk, int[] chunkShape, Span<T> output)
    {
        if (_dims.Length == 0) { output[0] = chunk[0]; return; }
        GatherDim(chunk, Strides(chunkShape), output, 0, 0, 0);
    }

    private void GatherDim<T>(ReadOnlySpan<T> chunk, int[] cs, Span<T> output, int d, int cOff, int oOff)
    {
        var p = _dims[d];
        var last = d == _dims.Length - 1;
        if (last && p.IsContiguous)
        {
            chunk.Slice(cOff + p.ChunkStart, p.Count).CopyTo(output.Slice(oOff + p.OutStart, p.Count));
            return;
        }
        for (var i = 0; i < p.Count; i++)
        {
            var c = cOff + p.ChunkAt(i) * cs[d];
            var o = oOff + p.OutAt(i) * _outStrides[d];
            if (last) output[o] = chunk[c];
            else GatherDim(chunk, cs, output, d + 1, c, o);
        }
    }

    public override void Scatter<T>(ReadOnlySpan<T> source, Span<T> chunk, int[] chunkShape)
    {
        if (_dims.Length == 0) { chunk[0] = source[0]; return; }
        ScatterDim(source, chunk, Strides(chunkShape), 0, 0, 0);
    }

    private void ScatterDim<T>(ReadOnlySpan<T> source, Span<T> chunk, int[] cs, int d, int cOff, int oOff)
    {
        var p = _dims[d];
        var last = d == _dims.Length - 1;
        if (last && p.IsContiguous)
        {
            source.Slice(oOff + p.OutStart, p.Count).CopyTo(chunk.Slice(cOff + p.ChunkStart, p.Count));
            return;
        }
        for (var i = 0; i < p.Count; i++)
        {
            var c = cOff + p.ChunkAt(i) * cs[d];
            var o = oOff + p.OutAt(i) * _outStrides[d];
            if (last) chunk[c] = source[o];
            else ScatterDim(source, chunk, cs, d + 1, c, o);
        }
    }

    public override void Fill<T>(T value, Span<T> chunk, int[] chunkShape)
    {
        if (_dims.Length == 0) { chunk[0] = value; return; }
        FillDim(value, chunk, Strides(chunkShape), 0, 0);
    }

    private void FillDim<T>(T value, Span<T> chunk, int[] cs, int d, int cOff)
    {
        var p = _dims[d];
        var last = d == _dims.Length - 1;
        if (last && p.ChunkIndices is null && p.ChunkStep == 1)
        {
            chunk.Slice(cOff + p.ChunkStart, p.Count).Fill(value);
            return;
        }
        for (var i = 0; i < p.Count; i++)
        {
            var c = cOff + p.ChunkAt(i) * cs[d];
            if (last) chunk[c] = value;
            else FillDim(value, chunk, cs, d + 1, c);
        }
    }
}
