namespace Zarr.Synchronization;

/// <summary>
/// Chunk-level locking for concurrent writers (zarr-python's synchronizers): a write takes the lock of
/// each chunk it read-modify-writes, so concurrent partial writes of one chunk lose nothing.
/// </summary>
public interface ISynchronizer
{
    /// <summary>The zarr-python type name shown by <c>Info</c> (e.g. <c>zarr.sync.ThreadSynchronizer</c>).</summary>
    string TypeName { get; }

    /// <summary>Takes the lock for a store key; dispose the result to release it.</summary>
    IDisposable Acquire(string key);
}
