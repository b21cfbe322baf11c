using Zarr.Indexing;

namespace Zarr.Engine;

// Asynchronous reads and writes, for stores whose I/O is asynchronous (ZarrStore.GetAsync/SetAsync):
// at most DegreeOfParallelism chunks in flight, decoding on the thread that completes each fetch.
internal sealed partial class ChunkEngine<T>
{
    /// <summary>Asynchronous <see cref="ReadInto"/>.</summary>
    public ValueTask ReadIntoAsync(SelectionPlan plan, Memory<T> output, CancellationToken cancellationToken) =>
        _sharding is { } spec
            ? new ValueTask(Task.Run(() => ReadSharded(plan, output, spec), cancellationToken)) // sharded I/O runs on the synchronous range reads
            : ForEachRegionAsync(plan.Regions, async (region, ct) =>
        {
            var key = ChunkKey(region.ChunkCoords);
            var stored = await Store.GetAsync(key, ct).ConfigureAwait(false);
            GatherChunk(region, key, stored is null ? (ReadOnlyMemory<byte>?)null : stored, output.Span, codecThreads: 1);
        }, cancellationToken);

    /// <summary>Asynchronous <see cref="Write"/>.</summary>
    public ValueTask WriteAsync(SelectionPlan plan, ChunkUpdate<T> update, bool isScalar, T scalar, CancellationToken cancellationToken)
    {
        if (_sharding is { } spec) return new ValueTask(Task.Run(() => WriteSharded(plan, update, spec), cancellationToken));
        var writeEmpty = WritesEmptyChunks;
        return ForEachRegionAsync(plan.Regions, async (region, ct) =>
        {
            var key = ChunkKey(region.ChunkCoords);
            if (Settings.Synchronizer is Synchronization.OptimisticSynchronizer optimistic && !region.CoversWholeChunk(_chunks))
            {
                // Conditional stores answer quickly; the attempt loop runs on this worker.
                WriteChunkOptimistically(region, key, update, writeEmpty, optimistic);
                return;
            }
            var chunkLock = Settings.Synchronizer is { } sync ? await sync.AcquireAsync(key, ct).ConfigureAwait(false) : null;
            try
            {
                var whole = region.CoversWholeChunk(_chunks);
                if (whole && isScalar && IsDroppedFill(scalar, writeEmpty))
                {
                    await Store.DeleteAsync(key, ct).ConfigureAwait(false);
                    return;
                }
                var stored = whole ? null : await Store.GetAsync(key, ct).ConfigureAwait(false);
                using var encoded = UpdateChunk(region, key, stored is null ? (ReadOnlyMemory<byte>?)null : stored, whole, update, writeEmpty);
                // Past this point the chunk is stored or deleted even if cancellation is requested now:
                // the store call itself decides whether it can stop, and stores put values atomically.
                if (encoded is null) await Store.DeleteAsync(key, ct).ConfigureAwait(false);
                else await Store.SetAsync(key, encoded.WrittenMemory, ct).ConfigureAwait(false);
            }
            finally
            {
                chunkLock?.Dispose();
            }
        }, cancellationToken);
    }

    private ValueTask ForEachRegionAsync(IReadOnlyList<ChunkRegion> regions, Func<ChunkRegion, CancellationToken, ValueTask> body, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (regions.Count == 0) return ValueTask.CompletedTask;
        var dop = DegreeOfParallelism;
        if (regions.Count == 1 || dop == 1) return Sequential(regions, body, cancellationToken);
        // At most dop bodies in flight; the first failure cancels the token the others see, and
        // awaiting the task rethrows that first exception (not an AggregateException).
        return new ValueTask(Parallel.ForEachAsync(regions, new ParallelOptions { MaxDegreeOfParallelism = dop, CancellationToken = cancellationToken }, body));

        static async ValueTask Sequential(IReadOnlyList<ChunkRegion> regions, Func<ChunkRegion, CancellationToken, ValueTask> body, CancellationToken ct)
        {
            foreach (var region in regions)
            {
                ct.ThrowIfCancellationRequested();
                await body(region, ct).ConfigureAwait(false);
            }
        }
    }
}
