using System.Buffers;
using System.Runtime.CompilerServices;
using Zarr.Codecs;
using Zarr.Indexing;
using Zarr.Internal;
using Zarr.Metadata.V3;
using Zarr.Stores;

namespace Zarr.Engine;

/// <summary>The change a write makes to one chunk (C order, full chunk shape).</summary>
internal delegate void ChunkUpdate<T>(ChunkRegion region, Span<T> chunk, int[] chunkShape);

/// <summary>
/// The chunk engine of one array, shared by zarr v2 and v3: it turns a selection plan into store
/// reads and writes. Each chunk a plan touches is fetched and decoded once, chunks are processed in
/// parallel, partial writes read-modify-write only the chunks they touch, and every chunk is stored in
/// one atomic put under its lock. Decoding picks the cheapest path the pipeline offers (points gathered
/// from the encoded chunk, runs decoded straight into the output, a decoded range), and sharded arrays
/// go through the shard paths (ChunkEngine.Sharded.cs). The public array only plans selections and
/// checks values.
/// </summary>
internal sealed partial class ChunkEngine<T>
{
    private readonly ZarrArray _array;
    private readonly ChunkCodecPipeline<T> _pipeline;
    private readonly T _fill;
    private readonly Func<T, bool> _isFill;
    private readonly int[] _chunks;
    private readonly ShardingSpec? _sharding;

    /// <summary>Creates the engine of <paramref name="array"/>; <paramref name="chunks"/> is the grid plans use (inner chunks when sharded).</summary>
    public ChunkEngine(ZarrArray array, ChunkCodecPipeline<T> pipeline, T fill, Func<T, bool> isFill, int[] chunks, ShardingSpec? sharding)
    {
        _array = array;
        _pipeline = pipeline;
        _fill = fill;
        _isFill = isFill;
        _chunks = chunks;
        _sharding = sharding;
    }

    private ZarrStore Store => _array.Store;

    private ArraySettings Settings => _array.Settings;

    private string MetadataKey => _array.MetadataKey;

    private string ChunkKey(ReadOnlySpan<long> coords) => _array.ChunkKey(coords);

    /// <summary>How many chunks are processed at once: the array's setting, raised for stores with slow round trips.</summary>
    public int DegreeOfParallelism => Math.Max(1, Math.Max(Settings.MaxDegreeOfParallelism, Store.IoConcurrency));

    private bool WritesEmptyChunks => Settings.WriteEmptyChunks || _array.Metadata.FillValue is null;

    /// <summary>
    /// Reads a plan into memory that cannot go to other threads (a span of a reference type): one
    /// chunk after another.
    /// </summary>
    public void ReadSerial(SelectionPlan plan, Span<T> destination)
    {
        if (_sharding is not null)
        {
            var result = LargeArrays.AllocateForOverwrite<T>(plan.OutLength);
            ReadInto(plan, result);
            result.AsSpan(0, plan.OutLength).CopyTo(destination);
            return;
        }
        foreach (var region in plan.Regions)
        {
            var key = ChunkKey(region.ChunkCoords);
            using var stored = Store.GetPooled(key);
            GatherChunk(region, key, stored?.Memory, destination, DegreeOfParallelism);
        }
    }

    /// <summary>Reads every region of a plan into <paramref name="output"/> (C order, the plan's shape).</summary>
    public void ReadInto(SelectionPlan plan, Memory<T> output)
    {
        if (_sharding is { } spec)
        {
            ReadSharded(plan, output, spec);
            return;
        }
        // Threads left for one chunk's codec when there are fewer chunks than threads (a small window).
        var dop = DegreeOfParallelism;
        var codecThreads = plan.Regions.Count >= dop ? 1 : dop / Math.Max(1, plan.Regions.Count);
        ForEachRegion(plan.Regions, region =>
        {
            var key = ChunkKey(region.ChunkCoords);
            using var stored = Store.GetPooled(key); // chunk after chunk reuses pooled buffers
            GatherChunk(region, key, stored?.Memory, output.Span, codecThreads);
        });
    }

    /// <summary>
    /// Sparse points of one chunk read straight from its encoded form when the compressor can pick
    /// items (Blosc: no unshuffle of whole blocks, no chunk buffer); false to decode the chunk instead.
    /// </summary>
    private bool TryGatherPoints(PointsRegion points, ReadOnlyMemory<byte>? bytes, string key, Span<T> output)
    {
        if (bytes is null)
        {
            var fill = ArrayPool<T>.Shared.Rent(points.Count);
            fill.AsSpan(0, points.Count).Fill(_fill);
            points.Place<T>(fill.AsSpan(0, points.Count), output);
            ArrayPool<T>.Shared.Return(fill, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            return true;
        }
        var values = ArrayPool<T>.Shared.Rent(points.Count);
        try
        {
            if (!_pipeline.TryGatherPoints(bytes.Value.Span, points.Offsets, values.AsSpan(0, points.Count), key)) return false;
            points.Place<T>(values.AsSpan(0, points.Count), output);
            return true;
        }
        finally
        {
            ArrayPool<T>.Shared.Return(values, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }

    /// <summary>
    /// Decodes the region's runs of chunk items straight into the output: a whole chunk that is one
    /// stretch of the output through any codec, other runs when the codec can (Blosc: only the blocks
    /// the runs touch, only their items unshuffled). No chunk buffer, no second copy.
    /// </summary>
    private bool TryDecodeRuns(ChunkRegion region, ReadOnlySpan<byte> stored, string key, Span<T> output, int codecThreads)
    {
        var runs = region.RentRuns(_chunks, out var count);
        if (runs is null) return false;
        try
        {
            return _pipeline.TryDecodeRuns(stored, runs.AsSpan(0, count), output, codecThreads, key);
        }
        finally
        {
            ItemRunPool.Return(runs);
        }
    }

    // Each chunk is read (unless wholly overwritten), updated, encoded and stored under its lock, in
    // one put: a failure part-way leaves every chunk either as it was or as it was meant to become.
    /// <summary>Applies <paramref name="update"/> to every chunk of a plan and stores the chunks.</summary>
    public void Write(SelectionPlan plan, ChunkUpdate<T> update, bool isScalar, T scalar)
    {
        if (_sharding is { } spec)
        {
            WriteSharded(plan, update, spec);
            return;
        }
        var writeEmpty = WritesEmptyChunks;
        ForEachRegion(plan.Regions, region =>
        {
            var key = ChunkKey(region.ChunkCoords);
            if (Settings.Synchronizer is Synchronization.OptimisticSynchronizer optimistic && !region.CoversWholeChunk(_chunks))
            {
                WriteChunkOptimistically(region, key, update, writeEmpty, optimistic);
                return;
            }
            using var chunkLock = Settings.Synchronizer?.Acquire(key);
            var whole = region.CoversWholeChunk(_chunks);
            if (whole && isScalar && IsDroppedFill(scalar, writeEmpty))
            {
                Store.Delete(key);
                return;
            }
            using var stored = whole ? null : Store.GetPooled(key);
            using var encoded = UpdateChunk(region, key, stored?.Memory, whole, update, writeEmpty);
            if (encoded is null) Store.Delete(key);
            else Store.Set(key, encoded.WrittenSpan);
        });
    }

    /// <summary>
    /// Read with version, update, conditional put; on a conflict read again and reapply, with a short
    /// randomised back-off, until the put wins or the attempts run out.
    /// </summary>
    private void WriteChunkOptimistically(ChunkRegion region, string key, ChunkUpdate<T> update, bool writeEmpty, Synchronization.OptimisticSynchronizer optimistic)
    {
        if (Store is not IConditionalStore conditional)
            throw new ZarrException($"Store {Store.StoreTypeName} has no conditional writes, which {optimistic.TypeName} needs (array '{MetadataKey}').");
        for (var attempt = 1; ; attempt++)
        {
            var stored = conditional.GetVersioned(key, out var version);
            using var encoded = UpdateChunk(region, key, stored is null ? (ReadOnlyMemory<byte>?)null : stored, whole: false, update, writeEmpty);
            var won = encoded is null
                ? version is null || conditional.TryDelete(key, version)
                : conditional.TrySet(key, encoded.WrittenSpan, version);
            if (won) return;
            optimistic.NoteConflict();
            if (attempt >= optimistic.MaxAttempts)
                throw new ZarrException($"Chunk '{key}' changed under {attempt} attempts to update it: too many writers on one chunk ({optimistic.TypeName}).");
            Thread.Sleep(Random.Shared.Next(0, Math.Min(50, 1 << Math.Min(attempt, 6))));
        }
    }

    private bool IsDroppedFill(T scalar, bool writeEmpty) => !writeEmpty && _isFill(scalar);

    /// <summary>Decodes a stored chunk (null: absent, so the fill value) and copies the region's elements to <paramref name="output"/>.</summary>
    /// <remarks>
    /// Sparse points are picked from the encoded chunk when the compressor can (<see cref="TryGatherPoints"/>);
    /// otherwise only the part of the chunk the region reads is decoded, when the codec can stop early
    /// or skip blocks (<see cref="ChunkCodecPipeline{T}.DecodeRange"/>).
    /// </remarks>
    private void GatherChunk(ChunkRegion region, string key, ReadOnlyMemory<byte>? stored, Span<T> output, int codecThreads)
    {
        var chunkLength = _pipeline.ChunkLength;
        if (region is PointsRegion { Count: var count } points && count <= chunkLength / 8 && TryGatherPoints(points, stored, key, output)) return;
        if (stored is { } present && TryDecodeRuns(region, present.Span, key, output, codecThreads)) return;
        var buffer = ArrayPool<T>.Shared.Rent(chunkLength);
        try
        {
            var chunk = buffer.AsSpan(0, chunkLength);
            var (start, end) = region.ElementRange(_chunks);
            if (stored is null) chunk[start..end].Fill(_fill);
            else _pipeline.DecodeRange(stored.Value.Span, chunk, start, end, key);
            region.Gather<T>(chunk, _chunks, output);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }

    /// <summary>
    /// Applies an update to a chunk (starting from <paramref name="stored"/> unless <paramref name="whole"/>)
    /// and encodes it; null when the chunk holds only the fill value and empty chunks are not written.
    /// </summary>
    private PooledBufferWriter? UpdateChunk(ChunkRegion region, string key, ReadOnlyMemory<byte>? stored, bool whole, ChunkUpdate<T> update, bool writeEmpty)
    {
        var chunkShape = _chunks;
        var chunkLength = _pipeline.ChunkLength;
        var buffer = ArrayPool<T>.Shared.Rent(chunkLength);
        try
        {
            var chunk = buffer.AsSpan(0, chunkLength);
            if (!whole)
            {
                if (stored is null) chunk.Fill(_fill);
                else _pipeline.Decode(stored.Value.Span, chunk, key);
            }
            update(region, chunk, chunkShape);
            if (!writeEmpty && IsAll(chunk, _isFill)) return null;
            var encoded = new PooledBufferWriter(_pipeline.ChunkByteLength > 0 ? (int)Math.Min(_pipeline.ChunkByteLength + 1024, int.MaxValue) : 4096); // room for an incompressible chunk: no regrow
            try
            {
                _pipeline.Encode(chunk, encoded, key);
                return encoded;
            }
            catch
            {
                encoded.Dispose();
                throw;
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }

    // Whether zarr-python's all_equal holds (FillEquality): write_empty_chunks=False deletes such chunks.
    private static bool IsAll(ReadOnlySpan<T> chunk, Func<T, bool> isFill)
    {
        foreach (var x in chunk) if (!isFill(x)) return false;
        return true;
    }

    // The calling thread works too (ParallelWork), so a call always makes progress even when every pool
    // thread is busy; pool threads join in as they become free, at most DegreeOfParallelism at a time.
    private void ForEachRegion(IReadOnlyList<ChunkRegion> regions, Action<ChunkRegion> body) =>
        ParallelWork.For(regions.Count, DegreeOfParallelism, i => body(regions[i]));
}
