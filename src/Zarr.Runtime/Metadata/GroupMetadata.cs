using System.Text.Json.Nodes;
using Zarr.Metadata.Json;

namespace Zarr.Metadata;

/// <summary>The v2 <c>.zgroup</c> document: only <c>{"zarr_format": 2}</c>.</summary>
public static class GroupMetadata
{
    /// <summary>The bytes zarr-python writes for .zgroup.</summary>
    public static byte[] ToBytes() => ZarrJson.SerializeToUtf8(new JsonObject { ["zarr_format"] = 2 });

    /// <summary>Checks a .zgroup document.</summary>
    public static void Validate(ReadOnlySpan<byte> json, string key)
    {
        if (ZarrJson.Parse(json, key) is not JsonObject obj) throw new ZarrMetadataException(key, null, "the document must be a JSON object.");
        if (!obj["zarr_format"].TryGetInt64(out var f)) throw new ZarrMetadataException(key, "zarr_format", "missing or not an integer.");
        if (f != 2) throw new ZarrMetadataException(key, "zarr_format", $"unsupported format {f}; this reader handles zarr format 2.");
    }
}
