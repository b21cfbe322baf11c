namespace Zarr.Stores;

/// <summary>
/// A store in front of another (typically remote) store that keeps recently read values in memory:
/// two least-recently-used caches bounded by bytes, one for metadata documents (.zarray, .zgroup,
/// .zattrs, .zmetadata, zarr.json) and one for chunks, so that large chunk reads never evict the
/// metadata every open needs. Writes and deletes go through to the inner store and update the cache;
/// changes made to the inner store by others are not seen until a value is evicted.
/// </summary>
public sealed class CachingStore : ZarrStore
{
    private readonly ZarrStore _inner;
    private readonly bool _ownsInner;
    private readonly LruBytes _metadata;
    private readonly LruBytes _chunks;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The store to cache.</param>
    /// <param name="maxChunkBytes">Most bytes of chunks kept (default 256 MiB); a larger value is not cached.</param>
    /// <param name="maxMetadataBytes">Most bytes of metadata documents kept (default 16 MiB).</param>
    /// <param name="ownsInner">Dispose <paramref name="inner"/> with this store.</param>
    public CachingStore(ZarrStore inner, long maxChunkBytes = 256L << 20, long maxMetadataBytes = 16L << 20, bool ownsInner = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegative(maxChunkBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(maxMetadataBytes);
        _inner = inner;
        _ownsInner = ownsInner;
        _metadata = new LruBytes(maxMetadataBytes);
        _chunks = new LruBytes(maxChunkBytes);
    }

    /// <summary>The cached store.</summary>
    public ZarrStore Inner => _inner;

    /// <summary>Reads answered from the cache.</summary>
    public long Hits => _metadata.Hits + _chunks.Hits;

    /// <summary>Reads that went to the inner store.</summary>
    public long Misses => _metadata.Misses + _chunks.Misses;

    /// <summary>Bytes held: metadata and chunks.</summary>
    public (long Metadata, long Chunks) CachedBytes => (_metadata.Bytes, _chunks.Bytes);

    /// <inheritdoc />
    public override string StoreTypeName => _inner.StoreTypeName;

    /// <inheritdoc />
    public override bool IsReadOnly => _inner.IsReadOnly;

    /// <inheritdoc />
    public override int IoConcurrency => _inner.IoConcurrency;

    internal static bool IsMetadataKey(string key)
    {
        var slash = key.LastIndexOf('/');
        var name = key.AsSpan(slash + 1);
        return name is ".zarray" or ".zgroup" or ".zattrs" or ".zmetadata" or "zarr.json";
    }

    private LruBytes CacheFor(string key) => IsMetadataKey(key) ? _metadata : _chunks;

    /// <inheritdoc />
    public override byte[]? Get(string key)
    {
        var cache = CacheFor(key);
        if (cache.TryGet(key, out var value)) return value.ToArray();
        var read = _inner.Get(key);
        if (read is not null) cache.Put(key, read);
        return read?.ToArray();
    }

    /// <inheritdoc />
    public override async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var cache = CacheFor(key);
        if (cache.TryGet(key, out var value)) return value.ToArray();
        var read = await _inner.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (read is not null) cache.Put(key, read);
        return read?.ToArray();
    }

    /// <inheritdoc />
    public override byte[]? GetRange(string key, long offset, int length)
    {
        if (!CacheFor(key).TryGet(key, out var value)) return _inner.GetRange(key, offset, length);
        if (offset < 0) offset = Math.Max(0, value.Length + offset);
        if (offset >= value.Length) return [];
        return value.AsSpan((int)offset, (int)Math.Min(length, value.Length - offset)).ToArray();
    }

    /// <inheritdoc />
    public override ValueTask<byte[]?> GetRangeAsync(string key, long offset, int length, CancellationToken cancellationToken = default) =>
        CacheFor(key).TryGet(key, out _) ? ValueTask.FromResult(GetRange(key, offset, length)) : _inner.GetRangeAsync(key, offset, length, cancellationToken);

    /// <inheritdoc />
    public override void Set(string key, ReadOnlySpan<byte> value)
    {
        _inner.Set(key, value);
        CacheFor(key).Put(key, value.ToArray());
    }

    /// <inheritdoc />
    public override async ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        await _inner.SetAsync(key, value, cancellationToken).ConfigureAwait(false);
        CacheFor(key).Put(key, value.ToArray());
    }

    /// <inheritdoc />
    public override bool Delete(string key)
    {
        CacheFor(key).Remove(key);
        return _inner.Delete(key);
    }

    /// <inheritdoc />
    public override bool Contains(string key) => CacheFor(key).TryGet(key, out _) || _inner.Contains(key);

    /// <inheritdoc />
    public override long GetSize(string key) => CacheFor(key).TryGet(key, out var value) ? value.Length : _inner.GetSize(key);

    /// <inheritdoc />
    public override IEnumerable<string> ListPrefix(string prefix) => _inner.ListPrefix(prefix);

    /// <inheritdoc />
    public override IReadOnlyList<string> ListDir(string path) => _inner.ListDir(path);

    /// <inheritdoc />
    public override void DeletePrefix(string path)
    {
        _metadata.Clear();
        _chunks.Clear();
        _inner.DeletePrefix(path);
    }

    /// <summary>Forgets every cached value.</summary>
    public void Clear()
    {
        _metadata.Clear();
        _chunks.Clear();
    }

    /// <inheritdoc />
    public override void Flush() => _inner.Flush();

    /// <inheritdoc />
    public override StoreDescriptor? Describe() => _inner.Describe();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsInner) _inner.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>A thread-safe least-recently-used map of byte arrays, bounded by their total length.</summary>
    private sealed class LruBytes(long capacity)
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, LinkedListNode<(string Key, byte[] Value)>> _map = new(StringComparer.Ordinal);
        private readonly LinkedList<(string Key, byte[] Value)> _order = new();

        public long Bytes { get; private set; }

        public long Hits { get; private set; }

        public long Misses { get; private set; }

        public bool TryGet(string key, out byte[] value)
        {
            lock (_gate)
            {
                if (_map.TryGetValue(key, out var node))
                {
                    _order.Remove(node);
                    _order.AddFirst(node);
                    value = node.Value.Value;
                    Hits++;
                    return true;
                }
                Misses++;
                value = [];
                return false;
            }
        }

        public void Put(string key, byte[] value)
        {
            lock (_gate)
            {
                RemoveCore(key);
                if (value.LongLength > capacity) return;
                _map[key] = _order.AddFirst((key, value));
                Bytes += value.LongLength;
                while (Bytes > capacity && _order.Last is { } last) RemoveCore(last.Value.Key);
            }
        }

        public void Remove(string key)
        {
            lock (_gate) RemoveCore(key);
        }

        public void Clear()
        {
            lock (_gate)
            {
                _map.Clear();
                _order.Clear();
                Bytes = 0;
            }
        }

        private void RemoveCore(string key)
        {
            if (!_map.Remove(key, out var node)) return;
            _order.Remove(node);
            Bytes -= node.Value.Value.LongLength;
        }
    }
}
