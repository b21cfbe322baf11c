using System.Text.Json.Nodes;
using Zarr.Metadata.Json;
using Zarr.Stores;

namespace Zarr;

/// <summary>
/// zarr-python's consolidated metadata (<c>zarr.consolidate_metadata</c>, convenience.py): one
/// <c>.zmetadata</c> document holding every <c>.zarray</c>, <c>.zgroup</c> and <c>.zattrs</c> of the
/// store, so a reader can open a whole hierarchy with one request.
/// </summary>
public static class ConsolidatedMetadata
{
    /// <summary>The key zarr-python writes and reads by default.</summary>
    public const string DefaultKey = ".zmetadata";

    /// <summary>
    /// The document zarr-python 2.13 builds: <c>{"metadata": {key: parsed JSON, …},
    /// "zarr_consolidated_format": 1}</c> over every key of the store ending in <c>.zarray</c>,
    /// <c>.zgroup</c> or <c>.zattrs</c> (the whole store, whatever group is being consolidated).
    /// </summary>
    public static JsonObject Build(ZarrStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var metadata = new JsonObject();
        foreach (var key in store.ListPrefix(""))
        {
            if (!IsMetadataKey(key)) continue;
            var bytes = store.Get(key);
            if (bytes is null) continue; // deleted while listing
            metadata[key] = ZarrJson.Parse(bytes, key);
        }
        return new JsonObject { ["metadata"] = metadata, ["zarr_consolidated_format"] = 1 };
    }

    /// <summary>
    /// Builds the document and stores it under <paramref name="metadataKey"/> with zarr-python's JSON
    /// formatting; returns the bytes written.
    /// </summary>
    public static byte[] Write(ZarrStore store, string metadataKey = DefaultKey)
    {
        ArgumentNullException.ThrowIfNull(store);
        var bytes = ZarrJson.SerializeToUtf8(Build(store));
        store.Set(metadataKey, bytes);
        return bytes;
    }

    /// <summary>True for the keys zarr-python consolidates (any key ending in .zarray, .zgroup or .zattrs).</summary>
    public static bool IsMetadataKey(string key) =>
        key.EndsWith(".zarray", StringComparison.Ordinal) || key.EndsWith(".zgroup", StringComparison.Ordinal) || key.EndsWith(".zattrs", StringComparison.Ordinal);
}
