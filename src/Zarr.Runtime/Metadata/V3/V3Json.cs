using Zarr.Metadata.Json;
using System.Text.Json.Nodes;

namespace Zarr.Metadata.V3;

/// <summary>Reading the extension-point objects of zarr v3 metadata (v3 core spec, "Extension definition").</summary>
internal static class V3Json
{
    /// <summary>
    /// An extension point is a bare name or <c>{"name", "configuration"?, "must_understand"?}</c>. Returns
    /// the name and the configuration object (null when absent).
    /// </summary>
    public static (string Name, JsonObject? Configuration) NameAndConfiguration(JsonNode? node, string key, string field)
    {
        switch (node)
        {
            case JsonValue v when v.TryGetValue<string>(out var bare):
                return (bare, null);
            case JsonObject o:
                if (o["name"] is not JsonValue nv || !nv.TryGetValue<string>(out var name))
                    throw new ZarrMetadataException(key, field, "needs a string 'name'.");
                var config = o["configuration"] switch
                {
                    null => null,
                    JsonObject c => c,
                    _ => throw new ZarrMetadataException(key, field, $"the configuration of '{name}' must be an object."),
                };
                return (name, config);
            default:
                throw new ZarrMetadataException(key, field, "must be a name or an object with a 'name'.");
        }
    }

    /// <summary>The integers of a list member, each in [<paramref name="min"/>, int.MaxValue].</summary>
    public static int[] ReadInts(JsonNode? node, string key, string field, int min)
    {
        if (node is not JsonArray arr) throw new ZarrMetadataException(key, field, "missing or not a list.");
        if (arr.Count > 32) throw new ZarrMetadataException(key, field, $"has {arr.Count} dimensions; at most 32 are supported.");
        var result = new int[arr.Count];
        for (var i = 0; i < arr.Count; i++)
        {
            if (!arr[i].TryGetInt64(out var v) || v < min || v > int.MaxValue)
                throw new ZarrMetadataException(key, field, $"item {i} must be an integer from {min} to {int.MaxValue}.");
            result[i] = (int)v;
        }
        return result;
    }
}
