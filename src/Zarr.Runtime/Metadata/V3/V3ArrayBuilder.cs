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
        var list = filters.ToList();
        var objectCodec = dtype.Kind == DTypeKind.Object && list.FirstOrDefault() is ObjectCodec oc ? oc : null;
        if (objectCodec is not null) list.RemoveAt(0);
        var compressors = options.Compressors ?? (options.CompressorIsSet ? (options.Compressor is null ? [] : [options.Compressor]) : [new ZstdCodec(0)]);
        JsonNode? fill;
        if (dtype.Kind == DTypeKind.Object) fill = options.FillValue is string fs ? fs : "";
        else if (options.FillValue is null) fill = null;
        else if (options.FillValue is T typed && !ZarrArray.IsKnownScalar(typed)) fill = FillValueCodec.ToJson(dtype, ElementConverters.Create<T>(dtype).EncodeOne(typed), false);
        else fill = FillValueCodec.Normalize(dtype, options.FillValue);
        var encoding = options.ChunkKeyEncoding ?? "default";
        if (encoding is not ("default" or "v2")) throw new ArgumentException($"ChunkKeyEncoding must be \"default\" or \"v2\", not \"{encoding}\".", nameof(options));
        return Build(shape, chunks, dtype, objectCodec, list, options.Order == 'F', compressors, fill, options.Shards, encoding,
            options.DimensionSeparator ?? (encoding == "default" ? '/' : '.'), options.DimensionNames);
    }

    /// <summary>
    /// The zarr.json of an array from its parts: v2-style filters are split into numcodecs array→array
    /// codecs (before <c>bytes</c>) and bytes→bytes ones (after it, before the compressors).
    /// </summary>
    internal static ArrayMetadata Build(long[] shape, int[] chunks, ZarrDType dtype, ObjectCodec? objectCodec, IReadOnlyList<IZarrCodec> filters, bool fortran,
        IReadOnlyList<BytesCodec> compressors, JsonNode? fill, int[]? shards, string encoding, char separator, IReadOnlyList<string?>? names)
    {
        string? variableKind = null;
        if (dtype.Kind == DTypeKind.Object)
        {
            variableKind = objectCodec switch
            {
                VLenUtf8Codec => V3DataTypes.String,
                VLenBytesCodec => V3DataTypes.VariableLengthBytes,
                var other => throw new ArgumentException($"A zarr v3 object array holds strings (vlen-utf8) or bytes (vlen-bytes); {other?.Id ?? "no object codec"} has no v3 data type."),
            };
        }
        var rank = shape.Length;
        var codecs = new JsonArray();
        if (fortran && rank > 1)
            codecs.Add((JsonNode)new JsonObject { ["name"] = "transpose", ["configuration"] = new JsonObject { ["order"] = new JsonArray(Enumerable.Range(0, rank).Reverse().Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()) } });
        var afterBytes = new List<BytesCodec>();
        var sawBytesFilter = false;
        foreach (var f in filters)
        {
            if (V3CodecChain.IsArrayToArray(f.Id))
            {
                if (sawBytesFilter) throw new ArgumentException($"Filter {f.Id} works on the array but follows a bytes filter; zarr v3 cannot express that order.");
                codecs.Add((JsonNode)V3CodecChain.NumcodecsJson(f));
            }
            else if (f is BytesCodec bc)
            {
                sawBytesFilter = true;
                afterBytes.Add(bc);
            }
            else throw new ArgumentException($"Filter {f.Id} has no zarr v3 form.");
        }
        if (variableKind is null)
            codecs.Add((JsonNode)new JsonObject { ["name"] = "bytes", ["configuration"] = new JsonObject { ["endian"] = dtype.ByteOrder == ByteOrder.Big ? "big" : "little" } });
        else codecs.Add((JsonNode)new JsonObject { ["name"] = variableKind == V3DataTypes.String ? "vlen-utf8" : "vlen-bytes" });
        var itemSize = variableKind is null ? dtype.ItemSize : 1;
        foreach (var f in filters.OfType<BytesCodec>()) itemSize = f.GetEncodedItemSize(itemSize);
        foreach (var c in afterBytes.Concat(compressors)) codecs.Add((JsonNode)V3CodecChain.BytesToBytesJson(c, itemSize));

        var grid = chunks;
        if (shards is not null)
        {
            if (shards.Length != rank) throw new ArgumentException($"The shard shape has {shards.Length} dimensions; the array has {rank}.");
            for (var d = 0; d < rank; d++)
            {
                if (shards[d] <= 0 || shards[d] % chunks[d] != 0)
                    throw new ArgumentException($"Each shard dimension must be a positive multiple of the chunk dimension: shards {InfoReport.Tuple(shards)}, chunks {InfoReport.Tuple(chunks)}.");
            }
            codecs = new JsonArray(ShardingSpec.ToJson(chunks, codecs)); // not a collection expression: its generic Add is not AOT-safe
            grid = (int[])shards.Clone();
        }

        // zarr v3 has no null fill value: zarr-python 3 uses the type's zero.
        fill ??= variableKind is not null ? "" : dtype.Kind == DTypeKind.Bool ? false : FillValueCodec.ToJson(dtype, new byte[dtype.ItemSize], false);

        if (names is not null && names.Count != rank)
            throw new ArgumentException($"DimensionNames has {names.Count} names; the array has {rank} dimensions.");

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
        if (names is not null) doc["dimension_names"] = new JsonArray(names.Select(n => (JsonNode?)(n is null ? null : JsonValue.Create(n))).ToArray());
        // Validate the whole document the way a reader will.
        return V3Document.ReadArray(doc, V3Document.Key);
    }
}
