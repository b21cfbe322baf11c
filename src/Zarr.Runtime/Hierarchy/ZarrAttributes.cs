using Zarr.Metadata.V3;
using System.Collections;
using System.Text.Json.Nodes;
using Zarr.Metadata;
using Zarr.Metadata.Json;
using Zarr.Stores;
using Zarr.Synchronization;

namespace Zarr;

/// <summary>
/// The user attributes of a group or array (its <c>.zattrs</c> document). Every change rewrites the
/// document in zarr-python's JSON format; values are <see cref="JsonNode"/>s, and NaN/Infinity are
/// read and written as Python's json module does.
/// </summary>
public sealed class ZarrAttributes : IEnumerable<KeyValuePair<string, JsonNode?>>
{
    private readonly ZarrStore _store;
    private readonly string _key;
    private readonly bool _readOnly;
    private readonly Lock _gate = new();
    private readonly ISynchronizer? _synchronizer;

    // Zarr v3 keeps attributes inside the node's zarr.json ("attributes" member): changes rewrite that document.
    private readonly bool _inDocument;

    internal ZarrAttributes(ZarrStore store, string nodePath, bool readOnly, ISynchronizer? synchronizer = null, bool inDocument = false)
    {
        _store = store;
        _inDocument = inDocument;
        _key = StoreKey.Join(nodePath, inDocument ? V3Document.Key : MetadataKeys.Attributes);
        _readOnly = readOnly;
        _synchronizer = synchronizer;
    }

    // Changes read, modify and rewrite the whole document: under the node's synchronizer (on the
    // .zattrs key, as zarr-python locks it) concurrent changes from other handles or processes compose.
    private IDisposable? AcquireDocument() => _synchronizer?.Acquire(_key);

    /// <summary>The store key of the document.</summary>
    public string Key => _key;

    private JsonObject Load()
    {
        var bytes = _store.Get(_key);
        if (bytes is null) return new JsonObject();
        if (_inDocument)
        {
            var attributes = V3Document.ParseNode(bytes, _key).Document["attributes"];
            return attributes is null ? new JsonObject() : (JsonObject)attributes.DeepClone();
        }
        return ZarrJson.Parse(bytes, _key, exactNumbers: true) as JsonObject ?? throw new ZarrMetadataException(_key, null, "attributes must be a JSON object.");
    }

    private void Save(JsonObject obj)
    {
        if (_readOnly) throw new ZarrReadOnlyException($"The attributes '{_key}'");
        if (_inDocument)
        {
            var bytes = _store.Get(_key) ?? throw new ZarrNodeException(_key, "the node's zarr.json disappeared.");
            var (_, document) = V3Document.ParseNode(bytes, _key);
            document["attributes"] = obj.DeepClone();
            _store.Set(_key, ZarrJson.SerializeToUtf8(document));
            return;
        }
        _store.Set(_key, ZarrJson.SerializeToUtf8(obj));
    }

    /// <summary>A copy of every attribute.</summary>
    public JsonObject AsJsonObject() => Load();

    /// <summary>Gets (null when absent) or sets an attribute.</summary>
    public JsonNode? this[string name]
    {
        get => Load()[name]?.DeepClone();
        set
        {
            lock (_gate)
            {
                using var document = AcquireDocument();
                var obj = Load();
                obj[name] = value?.DeepClone();
                Save(obj);
            }
        }
    }

    /// <summary>True when the attribute exists.</summary>
    public bool Contains(string name) => Load().ContainsKey(name);

    /// <summary>Number of attributes.</summary>
    public int Count => Load().Count;

    /// <summary>The attribute names.</summary>
    public IReadOnlyList<string> Keys => Load().Select(p => p.Key).ToList();

    /// <summary>Sets several attributes in one write (zarr-python's <c>attrs.update</c>).</summary>
    public void Update(IEnumerable<KeyValuePair<string, JsonNode?>> values)
    {
        lock (_gate)
        {
            using var document = AcquireDocument();
            var obj = Load();
            foreach (var (k, v) in values) obj[k] = v?.DeepClone();
            Save(obj);
        }
    }

    /// <summary>Replaces every attribute (zarr-python's <c>attrs.put</c>).</summary>
    public void Put(JsonObject values)
    {
        lock (_gate)
        {
            using var document = AcquireDocument();
            Save((JsonObject)values.DeepClone());
        }
    }

    /// <summary>Removes an attribute; false when it was absent.</summary>
    public bool Remove(string name)
    {
        lock (_gate)
        {
            using var document = AcquireDocument();
            var obj = Load();
            if (!obj.Remove(name)) return false;
            Save(obj);
            return true;
        }
    }

    /// <summary>A string attribute, or null.</summary>
    public string? GetString(string name) => this[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, JsonNode?>> GetEnumerator() => Load().ToList().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
