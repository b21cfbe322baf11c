using Zarr.Metadata.V3;
using System.Text.Json.Nodes;
using Zarr.Metadata;
using Zarr.Metadata.Json;
using Zarr.Stores;

namespace Zarr;

public sealed partial class ZarrGroup
{
    /// <summary>
    /// zarr-python's <c>consolidate_metadata</c>: gathers every <c>.zarray</c>, <c>.zgroup</c> and
    /// <c>.zattrs</c> document of the store into one <c>.zmetadata</c> key
    /// (<c>{"metadata": {key: document, …}, "zarr_consolidated_format": 1}</c>, written in zarr-python's
    /// JSON format) and returns the root group opened through it.
    /// </summary>
    public static ZarrGroup ConsolidateMetadata(ZarrStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (NodeInit.GroupFormat(store, "") == 3) return ConsolidateV3(store);
        var documents = new JsonObject();
        foreach (var key in store.ListPrefix(""))
        {
            if (!ConsolidatedMetadataStore.IsMetadataKey(key)) continue;
            var bytes = store.Get(key);
            if (bytes is not null) documents[key] = ZarrJson.Parse(bytes, key, exactNumbers: true);
        }
        var consolidated = new JsonObject { ["metadata"] = documents, ["zarr_consolidated_format"] = 1 };
        store.Set(MetadataKeys.Consolidated, ZarrJson.SerializeToUtf8(consolidated));
        return OpenConsolidated(store);
    }

    // zarr-python 3 consolidates a v3 hierarchy inside the root zarr.json: "consolidated_metadata":
    // {"kind": "inline", "must_understand": false, "metadata": {relative path: that node's zarr.json}}.
    private static ZarrGroup ConsolidateV3(ZarrStore store)
    {
        var documents = new JsonObject();
        foreach (var key in store.ListPrefix("").Order(StringComparer.Ordinal))
        {
            if (!key.EndsWith("/" + V3Document.Key, StringComparison.Ordinal)) continue;
            var bytes = store.Get(key);
            if (bytes is not null) documents[key[..^(V3Document.Key.Length + 1)]] = V3Document.ParseNode(bytes, key).Document;
        }
        var root = V3Document.ParseNode(store.Get(V3Document.Key)!, V3Document.Key).Document;
        root["consolidated_metadata"] = new JsonObject { ["kind"] = "inline", ["must_understand"] = false, ["metadata"] = documents };
        store.Set(V3Document.Key, ZarrJson.SerializeToUtf8(root));
        return Open(store, "r+");
    }

    /// <summary>
    /// zarr-python's <c>open_consolidated</c>: opens the group at <paramref name="path"/> reading all
    /// metadata from the store's <c>.zmetadata</c> key, in mode 'r' or 'r+'. Chunks are still read
    /// from (and, in 'r+', written to) the store; metadata is read-only.
    /// </summary>
    public static ZarrGroup OpenConsolidated(ZarrStore store, string mode = "r+", string? path = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (mode is not ("r" or "r+")) throw new ArgumentException($"Invalid mode '{mode}'; consolidated metadata opens with 'r' or 'r+'.", nameof(mode));
        return Open(new ConsolidatedMetadataStore(store, mode == "r"), mode, path);
    }
}

/// <summary>
/// zarr-python's <c>ConsolidatedMetadataStore</c>: metadata keys come from the <c>.zmetadata</c>
/// document read once at opening, and cannot be changed; every other key (the chunks) goes to the
/// underlying store.
/// </summary>
public sealed class ConsolidatedMetadataStore : ZarrStore
{
    private readonly ZarrStore _inner;
    private readonly bool _readOnly;
    private readonly SortedDictionary<string, byte[]> _metadata = new(StringComparer.Ordinal);

    /// <summary>Reads <c>.zmetadata</c> of <paramref name="inner"/>; throws <see cref="ZarrMetadataException"/> when it is missing or malformed.</summary>
    public ConsolidatedMetadataStore(ZarrStore inner, bool readOnly = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _readOnly = readOnly;
        const string key = MetadataKeys.Consolidated;
        var bytes = inner.Get(key);
        if (bytes is null && inner.Get(V3Document.Key) is { } v3Root)
        {
            ReadV3(v3Root);
            return;
        }
        if (bytes is null) throw new ZarrMetadataException(key, null, "missing: the store has no consolidated metadata.");
        if (ZarrJson.Parse(bytes, key, exactNumbers: true) is not JsonObject root) throw new ZarrMetadataException(key, null, "the document must be a JSON object.");
        if (!root["zarr_consolidated_format"].TryGetInt64(out var format) || format != 1)
            throw new ZarrMetadataException(key, "zarr_consolidated_format", $"unsupported consolidated metadata format {root["zarr_consolidated_format"]?.ToJsonString() ?? "null"}; expected 1.");
        if (root["metadata"] is not JsonObject documents) throw new ZarrMetadataException(key, "metadata", "missing or not an object.");
        foreach (var (k, doc) in documents)
        {
            // A key such as "/.zgroup" or "a/../.zarray" names no node: listing it would make a group its
            // own child (an endless tree walk), so the document is refused.
            if (!StoreKey.IsValid(k))
                throw new ZarrMetadataException(key, "metadata", $"'{k}' is not a valid store key (a relative path without empty, '.' or '..' segments).");
            _metadata[k] = ZarrJson.SerializeToUtf8(doc);
        }
    }

    // zarr-python 3's form: the root zarr.json holds "consolidated_metadata": {"kind": "inline",
    // "metadata": {relative path: that node's zarr.json}}.
    private void ReadV3(byte[] rootBytes)
    {
        const string key = V3Document.Key;
        var (_, root) = V3Document.ParseNode(rootBytes, key);
        if (root["consolidated_metadata"] is not JsonObject consolidated)
            throw new ZarrMetadataException(key, "consolidated_metadata", "missing: the store has no consolidated metadata (.zmetadata, or consolidated_metadata in the root zarr.json).");
        if (consolidated["kind"] is not JsonValue kind || !kind.TryGetValue<string>(out var k) || k != "inline")
            throw new ZarrMetadataException(key, "consolidated_metadata", "kind must be \"inline\".");
        if (consolidated["metadata"] is not JsonObject documents) throw new ZarrMetadataException(key, "consolidated_metadata", "metadata is missing or not an object.");
        _metadata[key] = rootBytes;
        foreach (var (path, doc) in documents)
        {
            if (!StoreKey.IsValid(path))
                throw new ZarrMetadataException(key, "consolidated_metadata", $"'{path}' is not a valid node path (a relative path without empty, '.' or '..' segments).");
            if (doc is not JsonObject) throw new ZarrMetadataException(key, "consolidated_metadata", $"the document of '{path}' is not an object.");
            _metadata[path + "/" + key] = ZarrJson.SerializeToUtf8(doc);
        }
    }

    /// <summary>The store holding the chunks and the <c>.zmetadata</c> key.</summary>
    public ZarrStore Inner => _inner;

    /// <inheritdoc />
    public override string StoreTypeName => "zarr.storage.ConsolidatedMetadataStore";

    /// <inheritdoc />
    public override bool IsReadOnly => _readOnly || _inner.IsReadOnly;

    /// <inheritdoc />
    public override int IoConcurrency => _inner.IoConcurrency;

    internal static bool IsMetadataKey(string key) =>
        key.EndsWith(MetadataKeys.Array, StringComparison.Ordinal)
        || key.EndsWith(MetadataKeys.Group, StringComparison.Ordinal)
        || key.EndsWith(MetadataKeys.Attributes, StringComparison.Ordinal)
        || key == V3Document.Key || key.EndsWith("/" + V3Document.Key, StringComparison.Ordinal);

    /// <inheritdoc />
    public override byte[]? Get(string key) => IsMetadataKey(key) ? _metadata.GetValueOrDefault(key) : _inner.Get(key);

    /// <inheritdoc />
    /// <remarks>Chunks come from the underlying store as it serves them (pooled buffers, ranges, async).</remarks>
    public override PooledValue? GetPooled(string key) => IsMetadataKey(key) ? base.GetPooled(key) : _inner.GetPooled(key);

    /// <inheritdoc />
    public override byte[]? GetRange(string key, long offset, int length) =>
        IsMetadataKey(key) ? base.GetRange(key, offset, length) : _inner.GetRange(key, offset, length);

    /// <inheritdoc />
    public override ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        IsMetadataKey(key) ? base.GetAsync(key, cancellationToken) : _inner.GetAsync(key, cancellationToken);

    /// <inheritdoc />
    public override ValueTask<byte[]?> GetRangeAsync(string key, long offset, int length, CancellationToken cancellationToken = default) =>
        IsMetadataKey(key) ? base.GetRangeAsync(key, offset, length, cancellationToken) : _inner.GetRangeAsync(key, offset, length, cancellationToken);

    /// <inheritdoc />
    public override bool Contains(string key) => IsMetadataKey(key) ? _metadata.ContainsKey(key) : _inner.Contains(key);

    /// <inheritdoc />
    public override long GetSize(string key) =>
        IsMetadataKey(key) ? (_metadata.TryGetValue(key, out var v) ? v.LongLength : -1) : _inner.GetSize(key);

    /// <inheritdoc />
    public override void Set(string key, ReadOnlySpan<byte> value)
    {
        EnsureWritable();
        if (IsMetadataKey(key)) throw new ZarrReadOnlyException($"Consolidated metadata (key '{key}')");
        _inner.Set(key, value);
    }

    /// <inheritdoc />
    public override bool Delete(string key)
    {
        EnsureWritable();
        if (IsMetadataKey(key)) throw new ZarrReadOnlyException($"Consolidated metadata (key '{key}')");
        return _inner.Delete(key);
    }

    /// <inheritdoc />
    public override IEnumerable<string> ListPrefix(string prefix)
    {
        var keys = new SortedSet<string>(_metadata.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)), StringComparer.Ordinal);
        foreach (var k in _inner.ListPrefix(prefix))
            if (!IsMetadataKey(k) && k != MetadataKeys.Consolidated) keys.Add(k);
        return keys;
    }

    /// <inheritdoc />
    public override StoreDescriptor? Describe() => null;
}
