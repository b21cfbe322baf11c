namespace Zarr.Stores;

/// <summary>
/// An in-memory store (zarr-python's <c>MemoryStore</c>). Thread-safe, with versioned conditional
/// writes (<see cref="IConditionalStore"/>) for <see cref="Synchronization.OptimisticSynchronizer"/>.
/// </summary>
public class MemoryStore : ZarrStore, IConditionalStore
{
    private readonly SortedDictionary<string, byte[]> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private long _nextVersion;
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public byte[]? GetVersioned(string key, out string? version)
    {
        StoreKey.Validate(key);
        lock (_gate)
        {
            if (!_items.TryGetValue(key, out var v)) { version = null; return null; }
            version = VersionOf(key);
            return v;
        }
    }

    /// <inheritdoc />
    public bool TrySet(string key, ReadOnlySpan<byte> value, string? expectedVersion)
    {
        StoreKey.Validate(key);
        EnsureWritable();
        var copy = value.ToArray();
        lock (_gate)
        {
            var current = _items.ContainsKey(key) ? VersionOf(key) : null;
            if (current != expectedVersion) return false;
            _items[key] = copy;
            _versions[key] = ++_nextVersion;
            return true;
        }
    }

    /// <inheritdoc />
    public bool TryDelete(string key, string expectedVersion)
    {
        StoreKey.Validate(key);
        EnsureWritable();
        lock (_gate)
        {
            if (!_items.ContainsKey(key) || VersionOf(key) != expectedVersion) return false;
            _items.Remove(key);
            _versions.Remove(key);
            return true;
        }
    }

    private string VersionOf(string key) => _versions.TryGetValue(key, out var n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "0";

    /// <inheritdoc />
    public override string StoreTypeName => "zarr.storage.MemoryStore";

    /// <inheritdoc />
    public override byte[]? Get(string key)
    {
        StoreKey.Validate(key);
        lock (_gate) return _items.TryGetValue(key, out var v) ? v : null;
    }

    /// <inheritdoc />
    public override void Set(string key, ReadOnlySpan<byte> value)
    {
        StoreKey.Validate(key);
        EnsureWritable();
        var copy = value.ToArray();
        lock (_gate)
        {
            _items[key] = copy;
            _versions[key] = ++_nextVersion;
        }
    }

    /// <inheritdoc />
    public override bool Delete(string key)
    {
        StoreKey.Validate(key);
        EnsureWritable();
        lock (_gate)
        {
            _versions.Remove(key);
            return _items.Remove(key);
        }
    }

    /// <inheritdoc />
    public override bool Contains(string key)
    {
        StoreKey.Validate(key);
        lock (_gate) return _items.ContainsKey(key);
    }

    /// <inheritdoc />
    public override long GetSize(string key)
    {
        lock (_gate) return _items.TryGetValue(key, out var v) ? v.LongLength : -1;
    }

    /// <inheritdoc />
    public override IEnumerable<string> ListPrefix(string prefix)
    {
        lock (_gate) return _items.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }
}

/// <summary>
/// An in-memory store that reports itself as zarr-python's <c>KVStore</c>: what zarr-python uses when
/// an array is created with no store (as <c>zarr.array</c> and <c>zarr.zeros</c> do).
/// </summary>
public sealed class KVStore : MemoryStore
{
    /// <inheritdoc />
    public override string StoreTypeName => "zarr.storage.KVStore";
}
