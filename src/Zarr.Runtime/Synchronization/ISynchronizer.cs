namespace Zarr.Synchronization;

/// <summary>
/// Chunk-level locking for concurrent writers (zarr-python's synchronizers): a write takes the lock of
/// each chunk it read-modify-writes, so concurrent partial writes of one chunk lose nothing. A write
/// holds at most one chunk lock at a time (an append or resize takes the array's metadata lock first,
/// then chunk locks), so implementations need not detect deadlocks.
/// </summary>
public interface ISynchronizer
{
    /// <summary>The zarr-python type name shown by <c>Info</c> (e.g. <c>zarr.sync.ThreadSynchronizer</c>).</summary>
    string TypeName { get; }

    /// <summary>Takes the lock for a store key, waiting as long as needed; dispose the result to release it.</summary>
    IDisposable Acquire(string key);

    /// <summary>
    /// Takes the lock for a store key without blocking a thread while waiting; dispose the result to
    /// release it. The default blocks in <see cref="Acquire"/>; the built-in synchronizers wait asynchronously.
    /// </summary>
    ValueTask<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Acquire(key));
    }

    /// <summary>
    /// How to recreate an equivalent synchronizer in another process (see <see cref="NodeDescriptor"/>),
    /// or null when it cannot be described.
    /// </summary>
    SynchronizerDescriptor? Describe() => null;
}
