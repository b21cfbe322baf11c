namespace Zarr.Synchronization;

/// <summary>
/// One asynchronous mutex per string key, created on first use and dropped when nobody holds or
/// waits for it, so memory follows the number of keys in use rather than the number ever used.
/// Not thread-affine: a holder may release from another thread (needed across <c>await</c>).
/// </summary>
internal sealed class KeyedLock
{
    private const int PoolLimit = 64;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Stack<Entry> _pool = new();
    private readonly Lock _gate = new();

    // Entries are pooled and dropped, never disposed: a SemaphoreSlim needs disposing only once its
    // AvailableWaitHandle has been read, which nothing here does.
#pragma warning disable CA1001
    internal sealed class Entry
#pragma warning restore CA1001
    {
        public readonly SemaphoreSlim Semaphore = new(1, 1);
        public int Users; // holders + waiters, guarded by _gate
    }

    /// <summary>Waits (without a timeout) for the key's mutex.</summary>
    public Holder Enter(string key)
    {
        var entry = Join(key);
        try
        {
            entry.Semaphore.Wait();
        }
        catch
        {
            Leave(key, entry);
            throw;
        }
        return new Holder(this, key, entry);
    }

    /// <summary>Waits asynchronously for the key's mutex.</summary>
    public async ValueTask<Holder> EnterAsync(string key, CancellationToken cancellationToken)
    {
        var entry = Join(key);
        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(key, entry);
            throw;
        }
        return new Holder(this, key, entry);
    }

    /// <summary>Number of keys with a holder or a waiter (for tests).</summary>
    internal int ActiveKeys
    {
        get { lock (_gate) return _entries.Count; }
    }

    private Entry Join(string key)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                entry = _pool.Count > 0 ? _pool.Pop() : new Entry();
                _entries.Add(key, entry);
            }
            entry.Users++;
            return entry;
        }
    }

    private void Leave(string key, Entry entry)
    {
        lock (_gate)
        {
            if (--entry.Users > 0) return;
            _entries.Remove(key);
            // A free entry's semaphore is released (count 1), so it can serve another key as is.
            if (_pool.Count < PoolLimit) _pool.Push(entry);
        }
    }

    /// <summary>Holds a key's mutex until disposed (once; later disposals do nothing).</summary>
    internal sealed class Holder : IDisposable
    {
        private KeyedLock? _owner;
        private readonly string _key;
        private readonly Entry _entry;

        internal Holder(KeyedLock owner, string key, Entry entry)
        {
            _owner = owner;
            _key = key;
            _entry = entry;
        }

        public void Dispose()
        {
            var owner = Interlocked.Exchange(ref _owner, null);
            if (owner is null) return;
            _entry.Semaphore.Release();
            owner.Leave(_key, _entry);
        }
    }
}
