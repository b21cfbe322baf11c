using System.Text.Json.Nodes;
using Zarr.Codecs;
using Zarr.DataTypes;
using Zarr.Metadata;
using Zarr.Metadata.Json;
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

    // {"id": "zlib"} → {"id": "zlib", "level": 1}: the configuration zarr-python writes, every parameter spelled out.
    private static JsonObject Complete(JsonObject config, string metadataKey)
    {
        var id = config["id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return id is not null && CodecRegistry.Default.IsRegistered(id)
            ? CodecRegistry.Default.Create((JsonObject)config.DeepClone(), metadataKey).GetConfig()
            : (JsonObject)config.DeepClone();
    }
}
