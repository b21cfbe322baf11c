using System.Text.Json.Nodes;
using Zarr.Codecs;
using Zarr.DataTypes;
using Zarr.Metadata;
using Zarr.Metadata.Json;
using Zarr.Metadata.V3;
using Zarr.Stores;

namespace Zarr;

/// <summary>
/// Writes the arrays of a generated schema. The metadata arrives as JSON text compiled into the
/// binding, so any dtype the metadata can hold, structured ones included, can be created.
/// </summary>
public static class ZarrSchema
{
    /// <summary>
    /// Creates the array <paramref name="key"/> in <paramref name="group"/> from its metadata fields
    /// (as JSON text). A null <paramref name="compressorJson"/> means zarr-python's default compressor,
    /// the text <c>null</c> means none; a null <paramref name="fillValueJson"/> means 0.
    /// </summary>
    public static void CreateArray(ZarrGroup group, string key, string dtypeJson, long[] shape, int[] chunks,
        string? compressorJson, string? filtersJson, string? fillValueJson, char order, string? dimensionSeparator, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (group.ReadOnly) throw new ZarrReadOnlyException($"The group '{group.Name}'");
        CreateArray(group.Store, StoreKey.Join(group.Path, key), dtypeJson, shape, chunks, compressorJson, filtersJson, fillValueJson, order, dimensionSeparator, overwrite);
    }

    /// <summary>Creates the array at <paramref name="path"/> of <paramref name="store"/> (null: the store's root, for a hierarchy that is one array).</summary>
    public static void CreateArray(ZarrStore store, string? path, string dtypeJson, long[] shape, int[] chunks,
        string? compressorJson, string? filtersJson, string? fillValueJson, char order, string? dimensionSeparator, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(store);
        path = StoreKey.NormalizePath(path);
        var metadataKey = StoreKey.Join(path, MetadataKeys.Array);

        var dtype = ZarrDType.FromJson(ZarrJson.Parse(dtypeJson, metadataKey), metadataKey);
        var compressor = compressorJson is null
            ? (shape.Length == 0 ? null : ArrayOptions.DefaultCompressor().GetConfig())
            : ZarrJson.Parse(compressorJson, metadataKey) is JsonObject c ? Complete(c, metadataKey) : null;
        var filters = filtersJson is null ? null
            : (ZarrJson.Parse(filtersJson, metadataKey) as JsonArray)?.Select(f => Complete((JsonObject)f!, metadataKey)).ToArray();
        var fill = fillValueJson is null
            ? FillValueCodec.Normalize(dtype, 0)
            : ZarrJson.Parse(fillValueJson, metadataKey);
        var meta = new ArrayMetadata
        {
            Shape = (long[])shape.Clone(),
            Chunks = (int[])chunks.Clone(),
            DType = dtype,
            Compressor = compressor,
            Filters = filters is { Length: > 0 } ? filters : null,
            FillValue = fill,
            Order = order,
            DimensionSeparator = dimensionSeparator is { Length: 1 } s ? s[0] : null,
        };
        // Validate the document the way a reader will before anything is written.
        meta = ArrayMetadata.FromJson(meta.ToJson(), metadataKey);
        NodeInit.InitArray(store, path, meta, overwrite);
    }

    /// <summary>
    /// Creates the array <paramref name="key"/> in <paramref name="group"/> in <paramref name="zarrFormat"/>:
    /// for 3 a zarr.json with zarr-python 3's defaults (a null <paramref name="compressorJson"/> means
    /// Zstd(level=0)), sharded when <paramref name="shards"/> is set, with <paramref name="dimensionNames"/>.
    /// The codec and fill value JSON is in the v2 form, as a schema class gives it.
    /// </summary>
    public static void CreateArray(ZarrGroup group, string key, string dtypeJson, long[] shape, int[] chunks,
        string? compressorJson, string? filtersJson, string? fillValueJson, char order, string? dimensionSeparator, bool overwrite,
        int zarrFormat, int[]? shards, string?[]? dimensionNames)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (group.ReadOnly) throw new ZarrReadOnlyException($"The group '{group.Name}'");
        CreateArray(group.Store, StoreKey.Join(group.Path, key), dtypeJson, shape, chunks, compressorJson, filtersJson, fillValueJson, order, dimensionSeparator, overwrite,
            zarrFormat, shards, dimensionNames);
    }

    /// <summary>
    /// Creates the array at <paramref name="path"/> of <paramref name="store"/> (null: the root) in
    /// <paramref name="zarrFormat"/>, as <see cref="CreateArray(ZarrGroup, string, string, long[], int[], string, string, string, char, string, bool, int, int[], string[])"/> does.
    /// </summary>
    public static void CreateArray(ZarrStore store, string? path, string dtypeJson, long[] shape, int[] chunks,
        string? compressorJson, string? filtersJson, string? fillValueJson, char order, string? dimensionSeparator, bool overwrite,
        int zarrFormat, int[]? shards, string?[]? dimensionNames)
    {
        if (zarrFormat != 3)
        {
            if (shards is not null || dimensionNames is not null) throw new ArgumentException("Shards and dimension names need zarr format 3.", nameof(zarrFormat));
            CreateArray(store, path, dtypeJson, shape, chunks, compressorJson, filtersJson, fillValueJson, order, dimensionSeparator, overwrite);
            return;
        }
        ArgumentNullException.ThrowIfNull(store);
        path = StoreKey.NormalizePath(path);
        var metadataKey = StoreKey.Join(path, V3Document.Key);
        var dtype = ZarrDType.FromJson(ZarrJson.Parse(dtypeJson, metadataKey), metadataKey);
        IReadOnlyList<BytesCodec> compressors = compressorJson is null ? [new ZstdCodec(0)]
            : ZarrJson.Parse(compressorJson, metadataKey) is JsonObject c ? [(BytesCodec)CodecRegistry.Default.Create(c, metadataKey)] : [];
        var filters = filtersJson is null ? []
            : ((JsonArray)ZarrJson.Parse(filtersJson, metadataKey)!).Select(f => CodecRegistry.Default.Create((JsonObject)f!, metadataKey)).ToList();
        var objectCodec = filters.FirstOrDefault() as ObjectCodec;
        if (objectCodec is not null) filters.RemoveAt(0);
        // zarr v3 has no null fill value: null (and the default) is the type's zero, as zarr-python 3 writes it.
        JsonNode? fill = null;
        if (fillValueJson is not null && ZarrJson.Parse(fillValueJson, metadataKey) is { } given)
        {
            if (dtype.Kind == DTypeKind.Object) fill = given;
            else
            {
                var item = FillValueCodec.ToBytes(dtype, given, metadataKey, asCreated: true);
                fill = item is null ? null : FillValueCodec.ToJson(dtype, item, false);
            }
        }
        var separator = dimensionSeparator is { Length: 1 } s ? s[0] : '/';
        var meta = V3ArrayBuilder.Build(shape, chunks, dtype, objectCodec, filters, order == 'F', compressors, fill, shards, "default", separator, dimensionNames);
        NodeInit.InitArray(store, path, meta, overwrite);
    }

    /// <summary>
    /// Creates the array <paramref name="key"/> in <paramref name="group"/> from a whole zarr.json document
    /// (a metadata-first binding of a zarr v3 store compiles its arrays' documents in).
    /// </summary>
    public static void CreateArray(ZarrGroup group, string key, string zarrJson, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (group.ReadOnly) throw new ZarrReadOnlyException($"The group '{group.Name}'");
        CreateArray(group.Store, StoreKey.Join(group.Path, key), zarrJson, overwrite);
    }

    /// <summary>Creates the array at <paramref name="path"/> of <paramref name="store"/> (null: the root) from a whole zarr.json document.</summary>
    public static void CreateArray(ZarrStore store, string? path, string zarrJson, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(store);
        path = StoreKey.NormalizePath(path);
        var metadataKey = StoreKey.Join(path, V3Document.Key);
        var (nodeType, document) = V3Document.ParseNode(System.Text.Encoding.UTF8.GetBytes(zarrJson), metadataKey);
        if (nodeType != "array") throw new ZarrMetadataException(metadataKey, "node_type", "this is a group, not an array.");
        NodeInit.InitArray(store, path, V3Document.ReadArray(document, metadataKey), overwrite);
    }

    // {"id": "zlib"} → {"id": "zlib", "level": 1}: the configuration zarr-python writes, every parameter spelled out.
    private static JsonObject Complete(JsonObject config, string metadataKey)
    {
        var id = config["id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return id is not null && CodecRegistry.Default.IsRegistered(id)
            ? CodecRegistry.Default.Create((JsonObject)config.DeepClone(), metadataKey).GetConfig()
            : (JsonObject)config.DeepClone();
    }
}
