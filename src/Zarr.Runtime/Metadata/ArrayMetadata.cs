using Zarr.Metadata.V3;
using System.Text.Json.Nodes;
using Zarr.DataTypes;
using Zarr.Metadata.Json;

namespace Zarr.Metadata;

/// <summary>
/// An array's metadata: a v2 <c>.zarray</c> document, or a v3 <c>zarr.json</c> read into the same model
/// (<see cref="ZarrFormat"/> 3: the byte order of <see cref="DType"/> comes from the <c>bytes</c> codec,
/// <see cref="Chunks"/> is the chunk grid, which is the shard shape of a sharded array).
/// </summary>
public sealed record ArrayMetadata
{
    /// <summary>2 for a <c>.zarray</c> document, 3 for a <c>zarr.json</c> one.</summary>
    public int ZarrFormat { get; init; } = 2;

    /// <summary>The v3 parts (codecs, chunk key encoding, dimension names, attributes); null for v2.</summary>
    internal V3ArrayParts? V3 { get; init; }

    /// <summary>Zarr v3: the name of each dimension (entries may be null), or null when the document gives none.</summary>
    public IReadOnlyList<string?>? DimensionNames => V3?.DimensionNames;

    /// <summary>Zarr v3: the chunk key encoding, "default" or "v2"; "v2" for a v2 array.</summary>
    public string ChunkKeyEncoding => V3?.ChunkKeyEncoding ?? "v2";

    /// <summary>The array's extent per dimension (empty for a 0-d array).</summary>
    public required long[] Shape { get; init; }

    /// <summary>The chunk extent per dimension.</summary>
    public required int[] Chunks { get; init; }

    /// <summary>The stored data type.</summary>
    public required ZarrDType DType { get; init; }

    /// <summary>The compressor configuration (<c>{"id": …}</c>), or null for none.</summary>
    public JsonObject? Compressor { get; init; }

    /// <summary>The filter configurations, or null for none (zarr-python writes null, never []).</summary>
    public IReadOnlyList<JsonObject>? Filters { get; init; }

    /// <summary>The fill value as it appears in JSON (null for none).</summary>
    public JsonNode? FillValue { get; init; }

    /// <summary>'C' (row-major) or 'F' (column-major) layout inside each chunk.</summary>
    public char Order { get; init; } = 'C';

    /// <summary>The chunk key separator ('.' or '/'); null when the document does not name one.</summary>
    public char? DimensionSeparator { get; init; }

    /// <summary>The separator used for chunk keys ('.' unless the document says '/'; v3: the chunk key encoding's).</summary>
    public char Separator => DimensionSeparator ?? '.';

    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Length;

    /// <summary>
    /// Parses a .zarray document, or a zarr.json one when <paramref name="key"/> ends with <c>zarr.json</c>;
    /// every error names <paramref name="key"/> and the field.
    /// </summary>
    public static ArrayMetadata Parse(ReadOnlySpan<byte> json, string key)
    {
        if (!key.EndsWith(V3Document.Key, StringComparison.Ordinal)) return FromJson(ZarrJson.Parse(json, key), key);
        var (nodeType, doc) = V3Document.ParseNode(json, key);
        if (nodeType != "array") throw new ZarrMetadataException(key, "node_type", "this is a group, not an array.");
        return V3Document.ReadArray(doc, key);
    }

    /// <summary>Reads a parsed .zarray document.</summary>
    public static ArrayMetadata FromJson(JsonNode? node, string key)
    {
        if (node is not JsonObject obj) throw new ZarrMetadataException(key, null, "the document must be a JSON object.");
        var format = obj["zarr_format"];
        if (!format.TryGetInt64(out var f)) throw new ZarrMetadataException(key, "zarr_format", "missing or not an integer.");
        if (f != 2) throw new ZarrMetadataException(key, "zarr_format", $"unsupported format {f}; this reader handles zarr format 2.");

        var shape = ReadLongs(obj, "shape", key);
        var chunksL = ReadLongs(obj, "chunks", key);
        if (chunksL.Length != shape.Length)
            throw new ZarrMetadataException(key, "chunks", $"has {chunksL.Length} dimensions but shape has {shape.Length}.");
        var chunks = new int[chunksL.Length];
        for (var i = 0; i < chunks.Length; i++)
        {
            if (shape[i] < 0) throw new ZarrMetadataException(key, "shape", $"dimension {i} is negative ({shape[i]}).");
            if (chunksL[i] <= 0 || chunksL[i] > int.MaxValue)
                throw new ZarrMetadataException(key, "chunks", $"dimension {i} must be a positive 32-bit integer, not {chunksL[i]}.");
            chunks[i] = (int)chunksL[i];
        }
        long chunkItems = 1;
        foreach (var c in chunks)
        {
            chunkItems *= c;
            if (chunkItems > int.MaxValue) throw new ZarrMetadataException(key, "chunks", "a chunk may hold at most 2^31-1 items.");
        }

        if (!obj.ContainsKey("dtype")) throw new ZarrMetadataException(key, "dtype", "missing.");
        var dtype = ZarrDType.FromJson(obj["dtype"], key);
        if (checked(chunkItems * dtype.ItemSize) > Array.MaxLength)
            throw new ZarrMetadataException(key, "chunks", $"a chunk of {chunkItems} items of {dtype.ItemSize} bytes is too large.");

        JsonObject? compressor = obj["compressor"] switch
        {
            null => null,
            JsonObject c when c["id"] is JsonValue idv && idv.TryGetValue<string>(out _) => (JsonObject)c.DeepClone(),
            _ => throw new ZarrMetadataException(key, "compressor", "must be null or an object with a string 'id'."),
        };

        List<JsonObject>? filters = null;
        switch (obj["filters"])
        {
            case null: break;
            case JsonArray fa:
                filters = [];
                foreach (var item in fa)
                {
                    if (item is not JsonObject fo || fo["id"] is not JsonValue fid || !fid.TryGetValue<string>(out _))
                        throw new ZarrMetadataException(key, "filters", "each filter must be an object with a string 'id'.");
                    filters.Add((JsonObject)fo.DeepClone());
                }
                if (filters.Count == 0) filters = null;
                break;
            default: throw new ZarrMetadataException(key, "filters", "must be null or a list.");
        }

        var order = obj["order"] is JsonValue ov && ov.TryGetValue<string>(out var os) ? os : null;
        if (order is not ("C" or "F")) throw new ZarrMetadataException(key, "order", "must be \"C\" or \"F\".");

        char? sep = null;
        if (obj.TryGetPropertyValue("dimension_separator", out var sepNode) && sepNode is not null)
        {
            var s = sepNode is JsonValue sv && sv.TryGetValue<string>(out var ss) ? ss : null;
            sep = s switch
            {
                "." => '.',
                "/" => '/',
                _ => throw new ZarrMetadataException(key, "dimension_separator", "must be \".\" or \"/\"."),
            };
        }

        if (!obj.ContainsKey("fill_value")) throw new ZarrMetadataException(key, "fill_value", "missing.");
        var fill = obj["fill_value"]?.DeepClone();
        if (dtype.Kind == DTypeKind.Object)
        {
            if (filters is null || filters.Count == 0)
                throw new ZarrMetadataException(key, "filters", "an object (|O) array needs an object codec (vlen-utf8, vlen-bytes, vlen-array) as its first filter.");
        }
        else
        {
            FillValueCodec.ToBytes(dtype, fill, key); // validate now, so bad values fail at open
        }

        return new ArrayMetadata
        {
            Shape = shape,
            Chunks = chunks,
            DType = dtype,
            Compressor = compressor,
            Filters = filters,
            FillValue = fill,
            Order = order[0],
            DimensionSeparator = sep,
        };
    }

    /// <summary>The JSON document: the fields zarr-python 2.13 writes, or for v3 the zarr.json members.</summary>
    public JsonObject ToJson()
    {
        if (ZarrFormat == 3) return V3Document.WriteArray(this);
        var obj = new JsonObject
        {
            ["chunks"] = new JsonArray(Chunks.Select(c => (JsonNode?)JsonValue.Create((long)c)).ToArray()),
            ["compressor"] = Compressor?.DeepClone(),
            ["dtype"] = DType.ToJson(),
            ["fill_value"] = FillValue?.DeepClone(),
            ["filters"] = Filters is null ? null : new JsonArray(Filters.Select(f => (JsonNode?)f.DeepClone()).ToArray()),
            ["order"] = Order.ToString(),
            ["shape"] = new JsonArray(Shape.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            ["zarr_format"] = 2,
        };
        if (DimensionSeparator is { } sep) obj["dimension_separator"] = sep.ToString();
        return obj;
    }

    /// <summary>The document bytes exactly as zarr-python writes them.</summary>
    public byte[] ToBytes() => ZarrJson.SerializeToUtf8(ToJson());

    private static long[] ReadLongs(JsonObject obj, string field, string key)
    {
        if (obj[field] is not JsonArray arr) throw new ZarrMetadataException(key, field, "missing or not a list.");
        if (arr.Count > 32) throw new ZarrMetadataException(key, field, $"has {arr.Count} dimensions; at most 32 are supported.");
        var result = new long[arr.Count];
        for (var i = 0; i < arr.Count; i++)
        {
            if (!arr[i].TryGetInt64(out result[i]))
                throw new ZarrMetadataException(key, field, $"item {i} is not an integer.");
        }
        return result;
    }
}
