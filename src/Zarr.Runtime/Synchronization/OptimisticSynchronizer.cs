using Zarr.Stores;

namespace Zarr.Synchronization;

/// <summary>
/// Optimistic concurrency for writers that share no lock — processes on different machines writing
/// the same chunks of an object store. A write that changes part of a chunk reads the chunk with its
/// version (ETag), applies the change, and stores the result only if the chunk is still at that
/// version (<c>If-Match</c>; <c>If-None-Match: *</c> for a chunk that did not exist); when another
/// writer got there first it reads again and reapplies the change, so no update is lost. Needs a
/// store that implements <see cref="IConditionalStore"/> (the Azure Blob store does; S3 does where the
/// server supports conditional writes). Writes that replace whole chunks need no condition.
/// </summary>
public sealed class OptimisticSynchronizer : ISynchronizer
{
    /// <summary>Creates the synchronizer.</summary>
    /// <param name="maxAttempts">Attempts per chunk before the write fails (default 64).</param>
    public OptimisticSynchronizer(int maxAttempts = 64)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAttempts);
        MaxAttempts = maxAttempts;
    }

    /// <summary>Attempts per chunk before a write fails with <see cref="ZarrException"/>.</summary>
    public int MaxAttempts { get; }

    /// <summary>Conditional writes that lost to another writer and were retried (for diagnostics and tests).</summary>
    public long Conflicts => Interlocked.Read(ref _conflicts);

    private long _conflicts;

    internal void NoteConflict() => Interlocked.Increment(ref _conflicts);

    /// <inheritdoc />
    public string TypeName => "zarr.sync.OptimisticSynchronizer";

    /// <summary>No lock is taken: the store's conditional writes do the work.</summary>
    public IDisposable Acquire(string key) => NoLock.Instance;

    private sealed class NoLock : IDisposable
    {
        public static readonly NoLock Instance = new();

        public void Dispose() { }
    }
}
