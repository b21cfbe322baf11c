using System.Collections.Concurrent;

namespace Zarr.Synchronization;

/// <summary>Per-chunk locks shared by the threads of one process (zarr-python's <c>ThreadSynchronizer</c>).</summary>
public sealed class ThreadSynchronizer : ISynchronizer
{
    private readonly ConcurrentDictionary<string, object> _locks = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string TypeName => "zarr.sync.ThreadSynchronizer";

    /// <inheritdoc />
    public IDisposable Acquire(string key)
    {
        var gate = _locks.GetOrAdd(key, static _ => new object());
        Monitor.Enter(gate);
        return new Releaser(gate);
    }

    private sealed class Releaser(object gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) Monitor.Exit(gate);
        }
    }
}
