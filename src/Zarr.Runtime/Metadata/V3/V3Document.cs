using System.Text.Json.Nodes;
using Zarr.DataTypes;
using Zarr.Metadata.Json;

namespace Zarr.Metadata.V3;

/// <summary>The zarr v3 parts of an array's metadata that v2 has no field for.</summary>
internal sealed record V3ArrayParts
{
    /// <summary>The codec chain, parsed.</summary>
    public required V3CodecChain Chain { get; init; }

    /// <summary>The <c>codecs</c> list as written.</summary>
    public required JsonArray Codecs { get; init; }

    /// <summary>"string" or "variable_length_bytes" for the variable-length types, else null.</summary>
    public string? VariableKind { get; init; }

    /// <summary>"default" or "v2".</summary>
    public required string ChunkKeyEncoding { get; init; }

    /// <summary>The dimension names, or null.</summary>
    public IReadOnlyList<string?>? DimensionNames { get; init; }

    /// <summary>The attributes inside zarr.json (an empty object when none).</summary>
    public JsonObject Attributes { get; init; } = [];

    /// <summary>Members this reader does not know that are marked <c>must_understand: false</c>, kept on rewrite.</summary>
    public JsonObject Extra { get; init; } = [];
}

/// <summary>
/// Reads and writes <c>zarr.json</c> documents (zarr v3 core spec, "Metadata"). Every error names the
/// key and the field.
/// </summary>
internal static class V3Document
{
    /// <summary>The metadata document of a v3 node.</summary>
    public const string Key = "zarr.json";

    private static readonly HashSet<string> ArrayMembers = new(StringComparer.Ordinal)
    {
        "zarr_format", "node_type", "shape", "data_type", "chunk_grid", "chunk_key_encoding", "fill_value", "codecs",
        "attributes", "storage_transformers", "dimension_names",
    };

    private static readonly HashSet<string> GroupMembers = new(StringComparer.Ordinal)
    {
        "zarr_format", "node_type", "attributes", "consolidated_metadata",
    };

    /// <summary>Parses a zarr.json; returns the node type ("array" or "group") and the document.</summary>
    public static (string NodeType, JsonObject Document) ParseNode(ReadOnlySpan<byte> json, string key)
    {
        if (ZarrJson.Parse(json, key, exactNumbers: true) is not JsonObject obj) throw new ZarrMetadataException(key, null, "the document must be a JSON object.");
        if (!obj["zarr_format"].TryGetInt64(out var f)) throw new ZarrMetadataException(key, "zarr_format", "missing or not an integer.");
        if (f != 3) throw new ZarrMetadataException(key, "zarr_format", $"a zarr.json document must say format 3, not {f}.");
        var nodeType = obj["node_type"] is JsonValue nv && nv.TryGetValue<string>(out var nt) ? nt : null;
        if (nodeType is not ("array" or "group")) throw new ZarrMetadataException(key, "node_type", "must be \"array\" or \"group\".");
        CheckExtensions(obj, nodeType == "array" ? ArrayMembers : GroupMembers, key);
        if (obj["attributes"] is not (null or JsonObject)) throw new ZarrMetadataException(key, "attributes", "must be an object.");
        return (nodeType, obj);
    }

    // v3 core spec, "Extensions": a member this reader does not know may be ignored only when it is an
    // object with "must_understand": false; anything else must make the open fail, naming the member.
    private static void CheckExtensions(JsonObject obj, HashSet<string> known, string key)
    {
        foreach (var (name, value) in obj)
        {
            if (known.Contains(name)) continue;
            if (value is JsonObject ext && ext["must_understand"] is JsonValue mu && mu.TryGetValue<bool>(out var must) && !must) continue;
            throw new ZarrMetadataException(key, name, "is an extension this reader does not understand (only members marked \"must_understand\": false may be ignored).");
        }
    }

    /// <summary>Reads an array document (as returned by <see cref="ParseNode"/>).</summary>
    public static ArrayMetadata ReadArray(JsonObject obj, string key)
    {
        var shapeNode = obj["shape"] as JsonArray ?? throw new ZarrMetadataException(key, "shape", "missing or not a list.");
        if (shapeNode.Count > 32) throw new ZarrMetadataException(key, "shape", $"has {shapeNode.Count} dimensions; at most 32 are supported.");
        var shape = new long[shapeNode.Count];
        for (var i = 0; i < shape.Length; i++)
        {
            if (!shapeNode[i].TryGetInt64(out shape[i]) || shape[i] < 0) throw new ZarrMetadataException(key, "shape", $"item {i} must be a non-negative integer.");
        }

        if (!obj.ContainsKey("data_type")) throw new ZarrMetadataException(key, "data_type", "missing.");
        var littleType = V3DataTypes.Parse(obj["data_type"], key, out var variableKind);

        var (gridName, gridConfig) = V3Json.NameAndConfiguration(obj["chunk_grid"], key, "chunk_grid");
        if (gridName != "regular") throw new ZarrMetadataException(key, "chunk_grid", $"unsupported chunk grid '{gridName}'; this reader handles 'regular'.");
        var chunks = V3Json.ReadInts(gridConfig?["chunk_shape"], key, "chunk_grid.configuration.chunk_shape", 1);
        if (chunks.Length != shape.Length) throw new ZarrMetadataException(key, "chunk_grid", $"the chunk shape has {chunks.Length} dimensions but shape has {shape.Length}.");
        long chunkItems = 1;
        foreach (var c in chunks)
        {
            chunkItems *= c;
            if (chunkItems > int.MaxValue) throw new ZarrMetadataException(key, "chunk_grid", "a chunk may hold at most 2^31-1 items.");
        }

        var (encoding, separator) = ReadChunkKeyEncoding(obj["chunk_key_encoding"], key);

        if (obj["storage_transformers"] is JsonArray { Count: > 0 } transformers)
        {
            var (name, _) = V3Json.NameAndConfiguration(transformers[0], key, "storage_transformers");
            throw new ZarrMetadataException(key, "storage_transformers", $"storage transformer '{name}' is not supported.");
        }
        if (obj["storage_transformers"] is not (null or JsonArray)) throw new ZarrMetadataException(key, "storage_transformers", "must be a list.");

        var chain = V3CodecChain.Parse(obj["codecs"], littleType, variableKind, chunks, key, "codecs");
        var dtype = V3DataTypes.WithByteOrder(littleType, chain.Innermost.BigEndian);
        if (checked(chunkItems * Math.Max(1, dtype.ItemSize)) > Array.MaxLength && chain.Sharding is null)
            throw new ZarrMetadataException(key, "chunk_grid", $"a chunk of {chunkItems} items of {dtype.ItemSize} bytes is too large.");

        List<string?>? names = null;
        if (obj["dimension_names"] is JsonArray dn)
        {
            if (dn.Count != shape.Length) throw new ZarrMetadataException(key, "dimension_names", $"has {dn.Count} names for {shape.Length} dimensions.");
            names = [];
            foreach (var n in dn)
            {
                names.Add(n switch
                {
                    null => null,
                    JsonValue v when v.TryGetValue<string>(out var s) => s,
                    _ => throw new ZarrMetadataException(key, "dimension_names", "each name must be a string or null."),
                });
            }
        }
        else if (obj["dimension_names"] is not null) throw new ZarrMetadataException(key, "dimension_names", "must be a list.");

        if (!obj.ContainsKey("fill_value")) throw new ZarrMetadataException(key, "fill_value", "missing.");
        var fill = obj["fill_value"]?.DeepClone();
        if (dtype.Kind != DTypeKind.Object)
        {
            if (fill is null) throw new ZarrMetadataException(key, "fill_value", "must not be null in zarr v3.");
            FillValueCodec.ToBytes(dtype, fill, key);
        }

        var extra = new JsonObject();
        foreach (var (name, value) in obj) if (!ArrayMembers.Contains(name)) extra[name] = value?.DeepClone();

        return new ArrayMetadata
        {
            Shape = shape,
            Chunks = chunks,
            DType = dtype,
            FillValue = fill,
            Order = 'C',
            DimensionSeparator = separator,
            ZarrFormat = 3,
            V3 = new V3ArrayParts
            {
                Chain = chain,
                Codecs = (JsonArray)obj["codecs"]!.DeepClone(),
                VariableKind = variableKind,
                ChunkKeyEncoding = encoding,
                DimensionNames = names,
                Attributes = obj["attributes"] is JsonObject a ? (JsonObject)a.DeepClone() : [],
                Extra = extra,
            },
        };
    }

    private static (string Encoding, char Separator) ReadChunkKeyEncoding(JsonNode? node, string key)
    {
        var (name, config) = V3Json.NameAndConfiguration(node, key, "chunk_key_encoding");
        if (name is not ("default" or "v2")) throw new ZarrMetadataException(key, "chunk_key_encoding", $"unsupported chunk key encoding '{name}'; expected 'default' or 'v2'.");
        var separator = name == "default" ? '/' : '.';
        if (config?["separator"] is { } sepNode)
        {
            var s = sepNode is JsonValue sv && sv.TryGetValue<string>(out var ss) ? ss : null;
            separator = s switch
            {
                "/" => '/',
                "." => '.',
                _ => throw new ZarrMetadataException(key, "chunk_key_encoding", "separator must be \"/\" or \".\"."),
            };
        }
        return (name, separator);
    }

    /// <summary>The zarr.json document of an array.</summary>
    internal static JsonObject WriteArray(ArrayMetadata meta)
    {
        var v3 = meta.V3 ?? throw new InvalidOperationException("not a v3 array");
        var obj = new JsonObject
        {
            ["shape"] = new JsonArray(meta.Shape.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            ["data_type"] = V3DataTypes.ToJson(meta.DType, v3.VariableKind),
            ["chunk_grid"] = new JsonObject
            {
                ["name"] = "regular",
                ["configuration"] = new JsonObject { ["chunk_shape"] = new JsonArray(meta.Chunks.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()) },
            },
            ["chunk_key_encoding"] = new JsonObject
            {
                ["name"] = v3.ChunkKeyEncoding,
                ["configuration"] = new JsonObject { ["separator"] = meta.Separator.ToString() },
            },
            ["fill_value"] = meta.FillValue?.DeepClone(),
            ["codecs"] = v3.Codecs.DeepClone(),
            ["attributes"] = v3.Attributes.DeepClone(),
            ["zarr_format"] = 3,
            ["node_type"] = "array",
            ["storage_transformers"] = new JsonArray(),
        };
        if (v3.DimensionNames is { } names) obj["dimension_names"] = new JsonArray(names.Select(n => (JsonNode?)(n is null ? null : JsonValue.Create(n))).ToArray());
        foreach (var (k, v) in v3.Extra) obj[k] = v?.DeepClone();
        return obj;
    }

    /// <summary>The zarr.json document of a group.</summary>
    public static byte[] GroupBytes(JsonObject? attributes = null) => ZarrJson.SerializeToUtf8(new JsonObject
    {
        ["attributes"] = attributes?.DeepClone() ?? new JsonObject(),
        ["zarr_format"] = 3,
        ["node_type"] = "group",
    });
}
