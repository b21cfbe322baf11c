using System.Text.Json.Nodes;
using Zarr.Codecs;
using Zarr.DataTypes;

namespace Zarr.Metadata.V3;

/// <summary>
/// The zarr.json of a new v3 array from creation options, with zarr-python 3's defaults: Zstd(level 0)
/// compression, fill value 0 (false, ""), the "default" chunk key encoding with '/', and for sharded
/// arrays an index at the end coded as [bytes little, crc32c].
/// </summary>
internal static class V3ArrayBuilder
{
    public static ArrayMetadata Build<T>(long[] shape, int[] chunks, ZarrDType dtype, IReadOnlyList<IZarrCodec> filters, ArrayOptions options)
    {
        string? variableKind = null;
        var arrayFilters = filters.ToList();
        if (dtype.Kind == DTypeKind.Object)
        {
            variableKind = arrayFilters.FirstOrDefault() switch
            {
                VLenUtf8Codec => V3DataTypes.String,
                VLenBytesCodec => V3DataTypes.VariableLengthBytes,
                var other => throw new ArgumentException($"A zarr v3 object array holds strings (vlen-utf8) or bytes (vlen-bytes); {other?.Id ?? "no object codec"} has no v3 data type.", nameof(options)),
            };
            arrayFilters.RemoveAt(0);
        }
        var rank = shape.Length;
        var codecs = new JsonArray();
        if (options.Order == 'F' && rank > 1)
            codecs.Add((JsonNode)new JsonObject { ["name"] = "transpose", ["configuration"] = new JsonObject { ["order"] = new JsonArray(Enumerable.Range(0, rank).Reverse().Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()) } });
        foreach (var f in arrayFilters) codecs.Add((JsonNode)V3CodecChain.NumcodecsJson(f));
        if (variableKind is null)
            codecs.Add((JsonNode)new JsonObject { ["name"] = "bytes", ["configuration"] = new JsonObject { ["endian"] = dtype.ByteOrder == ByteOrder.Big ? "big" : "little" } });
        else codecs.Add((JsonNode)new JsonObject { ["name"] = variableKind == V3DataTypes.String ? "vlen-utf8" : "vlen-bytes" });
        var compressors = options.Compressors ?? (options.CompressorIsSet ? (options.Compressor is null ? [] : [options.Compressor]) : [new ZstdCodec(0)]);
        var itemSize = variableKind is null ? dtype.ItemSize : 1;
        foreach (var f in arrayFilters.OfType<BytesCodec>()) itemSize = f.GetEncodedItemSize(itemSize);
        foreach (var c in compressors) codecs.Add((JsonNode)V3CodecChain.BytesToBytesJson(c, itemSize));

        var grid = chunks;
        if (options.Shards is { } shards)
        {
            if (shards.Length != rank) throw new ArgumentException($"The shard shape has {shards.Length} dimensions; the array has {rank}.", nameof(options));
            for (var d = 0; d < rank; d++)
            {
                if (shards[d] <= 0 || shards[d] % chunks[d] != 0)
                    throw new ArgumentException($"Each shard dimension must be a positive multiple of the chunk dimension: shards {InfoReport.Tuple(shards)}, chunks {InfoReport.Tuple(chunks)}.", nameof(options));
            }
            codecs = [ShardingSpec.ToJson(chunks, codecs)];
            grid = (int[])shards.Clone();
        }

        var encoding = options.ChunkKeyEncoding ?? "default";
        if (encoding is not ("default" or "v2")) throw new ArgumentException($"ChunkKeyEncoding must be \"default\" or \"v2\", not \"{encoding}\".", nameof(options));
        var separator = options.DimensionSeparator ?? (encoding == "default" ? '/' : '.');

        JsonNode? fill;
        if (variableKind is not null) fill = options.FillValue is string fs ? fs : "";
        else if (options.FillValue is null) fill = dtype.Kind == DTypeKind.Bool ? false : FillValueCodec.ToJson(dtype, new byte[dtype.ItemSize], false);
        else if (options.FillValue is T typed && !ZarrArray.IsKnownScalar(typed)) fill = FillValueCodec.ToJson(dtype, ElementConverters.Create<T>(dtype).EncodeOne(typed), false);
        else fill = FillValueCodec.Normalize(dtype, options.FillValue);

        if (options.DimensionNames is { } names && names.Count != rank)
            throw new ArgumentException($"DimensionNames has {names.Count} names; the array has {rank} dimensions.", nameof(options));

        var doc = new JsonObject
        {
            ["zarr_format"] = 3,
            ["node_type"] = "array",
            ["shape"] = new JsonArray(shape.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            ["data_type"] = V3DataTypes.ToJson(dtype, variableKind),
            ["chunk_grid"] = new JsonObject { ["name"] = "regular", ["configuration"] = new JsonObject { ["chunk_shape"] = new JsonArray(grid.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()) } },
            ["chunk_key_encoding"] = new JsonObject { ["name"] = encoding, ["configuration"] = new JsonObject { ["separator"] = separator.ToString() } },
            ["fill_value"] = fill,
            ["codecs"] = codecs,
            ["attributes"] = new JsonObject(),
        };
        if (options.DimensionNames is { } dn) doc["dimension_names"] = new JsonArray(dn.Select(n => (JsonNode?)(n is null ? null : JsonValue.Create(n))).ToArray());
        // Validate the whole document the way a reader will.
        return V3Document.ReadArray(doc, V3Document.Key);
    }
}
