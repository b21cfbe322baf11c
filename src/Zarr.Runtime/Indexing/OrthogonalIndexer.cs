namespace Zarr.Indexing;

/// <summary>
/// Builds plans for basic selection (integers, slices, ellipsis) and orthogonal selection (any mix
/// per dimension of integers, slices, integer arrays and boolean masks).
/// </summary>
internal static class OrthogonalIndexer
{
    /// <summary>Expands an ellipsis and pads missing trailing dimensions with full slices.</summary>
    public static Selector[] Normalize(ReadOnlySpan<Selector> selection, int rank)
    {
        var ellipses = 0;
        foreach (var s in selection) if (s.Kind == SelectorKind.Ellipsis) ellipses++;
        if (ellipses > 1) throw new ArgumentException("A selection can contain at most one ellipsis.");
        var named = selection.Length - ellipses;
        if (named > rank) throw new ArgumentException($"Too many indices: the selection names {named} dimensions but the array has {rank}.");
        var result = new Selector[rank];
        var k = 0;
        foreach (var s in selection)
        {
            if (s.Kind == SelectorKind.Ellipsis)
            {
                for (var j = 0; j < rank - named; j++) result[k++] = Selector.All;
            }
            else result[k++] = s;
        }
        while (k < rank) result[k++] = Selector.All;
        return result;
    }

    /// <summary>Resolves each dimension's selector; <paramref name="allowArrays"/> is false for basic selection.</summary>
    public static DimSelection[] Resolve(ReadOnlySpan<Selector> selection, long[] shape, bool allowArrays)
    {
        var sel = Normalize(selection, shape.Length);
        var dims = new DimSelection[shape.Length];
        for (var d = 0; d < shape.Length; d++)
        {
            var s = sel[d];
            dims[d] = s.Kind switch
            {
                SelectorKind.Index => new IntDimSelection(s.ResolveIndex(shape[d], d)),
                SelectorKind.Slice => FromSlice(s, shape[d], d),
                SelectorKind.Indices when allowArrays && s.IndexShape.Length != 1 =>
                    throw new ArgumentException($"Dimension {d}: integer arrays in an orthogonal selection must be 1-dimensional; this one has shape ({string.Join(", ", s.IndexShape)}). Use GetCoordinateSelection (VIndex) for N-dimensional coordinate arrays."),
                SelectorKind.Indices when allowArrays => new ArrayDimSelection(s.Indices, shape[d], d),
                SelectorKind.Mask when allowArrays => ArrayDimSelection.FromMask(s.Mask, shape[d], d),
                _ => throw new ArgumentException($"Dimension {d}: {s.Kind} selectors are not allowed in basic selection; use GetOrthogonalSelection (OIndex) or GetCoordinateSelection (VIndex)."),
            };
        }
        return dims;
    }

    private static SliceDimSelection FromSlice(Selector s, long length, int d)
    {
        var (start, stop, step) = s.ResolveSlice(length);
        return new SliceDimSelection(start, stop, step, d);
    }

    /// <summary>The plan: output shape and the outer product of per-dimension chunk projections.</summary>
    /// <summary>
    /// Refuses, before any chunk region is built, a selection whose result cannot be one .NET array:
    /// listing the regions of a selection of 10^27 elements would never end.
    /// </summary>
    private static void EnsureFitsOneArray(int[] outShape)
    {
        long n = 1;
        foreach (var length in outShape)
        {
            n *= length;
            if (n == 0) return;
            if (n > Array.MaxLength)
            {
                var total = outShape.Aggregate(System.Numerics.BigInteger.One, (a, b) => a * b);
                throw new ArgumentOutOfRangeException("selection",
                    $"The selection has {total} elements (shape ({string.Join(", ", outShape)})), more than one .NET array can hold ({Array.MaxLength}); read it in parts, for example a range of the first dimension at a time.");
            }
        }
    }

    public static SelectionPlan Plan(DimSelection[] dims, int[] chunks)
    {
        var rank = dims.Length;
        var fullOut = new int[rank];
        for (var d = 0; d < rank; d++) fullOut[d] = dims[d].OutLength;
        var outStrides = ChunkRegion.Strides(fullOut);
        var outShape = dims.Where(d => !d.Drops).Select(d => d.OutLength).ToArray();
        EnsureFitsOneArray(fullOut);
        var perDim = new DimProjection[rank][];
        var empty = false;
        for (var d = 0; d < rank; d++)
        {
            perDim[d] = dims[d].Project(chunks[d]).ToArray();
            if (perDim[d].Length == 0) empty = true;
        }
        var regions = new List<ChunkRegion>();
        if (rank == 0)
        {
            regions.Add(new OrthogonalRegion([], [], []));
        }
        else if (!empty)
        {
            var counter = new int[rank];
            while (true)
            {
                var projections = new DimProjection[rank];
                var coords = new long[rank];
                for (var d = 0; d < rank; d++)
                {
                    projections[d] = perDim[d][counter[d]];
                    coords[d] = projections[d].ChunkIndex;
                }
                regions.Add(new OrthogonalRegion(coords, projections, outStrides));
                var k = rank - 1;
                while (k >= 0 && ++counter[k] == perDim[k].Length) counter[k--] = 0;
                if (k < 0) break;
            }
        }
        return new SelectionPlan(outShape, regions);
    }
}
