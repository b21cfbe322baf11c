namespace Zarr.Indexing;

/// <summary>
/// What one selection takes from one chunk along one dimension: which positions inside the chunk
/// (a strided run or a list) and where they land in the output (a contiguous run or a list).
/// </summary>
internal sealed class DimProjection
{
    /// <summary>The chunk's index along this dimension.</summary>
    public long ChunkIndex { get; init; }

    /// <summary>Number of positions taken.</summary>
    public int Count { get; init; }

    /// <summary>First position inside the chunk (when <see cref="ChunkIndices"/> is null).</summary>
    public int ChunkStart { get; init; }

    /// <summary>Step between positions inside the chunk (when <see cref="ChunkIndices"/> is null).</summary>
    public int ChunkStep { get; init; } = 1;

    /// <summary>Explicit positions inside the chunk, or null for a strided run.</summary>
    public int[]? ChunkIndices { get; init; }

    /// <summary>First output position (when <see cref="OutIndices"/> is null); output positions are consecutive.</summary>
    public int OutStart { get; init; }

    /// <summary>Explicit output positions, or null for a consecutive run.</summary>
    public int[]? OutIndices { get; init; }

    public int ChunkAt(int i) => ChunkIndices is null ? ChunkStart + i * ChunkStep : ChunkIndices[i];

    public int OutAt(int i) => OutIndices is null ? OutStart + i : OutIndices[i];

    /// <summary>True when the run is the whole chunk extent, in order.</summary>
    public bool CoversChunk(int chunkSize) => ChunkIndices is null && ChunkStart == 0 && ChunkStep == 1 && Count == chunkSize;

    /// <summary>True when both sides are unit-stride runs, so a span copy can move them.</summary>
    public bool IsContiguous => ChunkIndices is null && OutIndices is null && ChunkStep == 1;
}
