namespace Zarr.Indexing;

/// <summary>A selection resolved against an array: the result's shape and the chunks it touches.</summary>
internal sealed class SelectionPlan
{
    public SelectionPlan(int[] outShape, IReadOnlyList<ChunkRegion> regions)
    {
        OutShape = outShape;
        Regions = regions;
        long n = 1;
        foreach (var s in outShape) n *= s;
        OutLength = checked((int)n);
    }

    /// <summary>The shape of the selection's result (integer-indexed dimensions dropped).</summary>
    public int[] OutShape { get; }

    /// <summary>Number of elements in the result.</summary>
    public int OutLength { get; }

    /// <summary>The chunks touched, each once.</summary>
    public IReadOnlyList<ChunkRegion> Regions { get; }
}
