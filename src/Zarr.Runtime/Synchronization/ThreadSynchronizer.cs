namespace Zarr.Synchronization;

/// <summary>
/// Per-chunk locks shared by the threads of one process (zarr-python's <c>ThreadSynchronizer</c>):
/// give the same instance to every handle of an array that threads write concurrently. A lock exists
/// only while some thread holds or waits for it, so the synchronizer stays small however many
/// chunks are written. Locks are not thread-affine: an asynchronous write may release on another thread.
/// </summary>
public sealed class ThreadSynchronizer : ISynchronizer
{
    private readonly KeyedLock _locks = new();

    /// <inheritdoc />
    public string TypeName => "zarr.sync.ThreadSynchronizer";

    /// <inheritdoc />
    public IDisposable Acquire(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _locks.Enter(key);
    }

    /// <inheritdoc />
    public async ValueTask<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await _locks.EnterAsync(key, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public SynchronizerDescriptor Describe() => new(SynchronizerDescriptor.ThreadKind);

    /// <summary>Number of keys currently locked or awaited (for diagnostics and tests).</summary>
    internal int ActiveKeys => _locks.ActiveKeys;
}
