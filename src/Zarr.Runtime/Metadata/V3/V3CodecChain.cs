using Zarr.Metadata.Json;
using System.Text.Json.Nodes;
using Zarr.Codecs;
using Zarr.DataTypes;

namespace Zarr.Metadata.V3;

/// <summary>
/// A zarr v3 <c>codecs</c> list read into the runtime's one pipeline model (v3 core spec, "Codecs"):
/// array→array codecs (transposes composed into one permutation, then numcodecs filters), exactly one
/// array→bytes codec (<c>bytes</c> with its endianness, <c>vlen-utf8</c>/<c>vlen-bytes</c>, or
/// <c>sharding_indexed</c>), then bytes→bytes codecs. v2's order + filters + compressor is the same
/// model with at most one bytes→bytes codec.
/// </summary>
internal sealed class V3CodecChain
{
    // numcodecs codecs that zarr-python 3 wraps as array→array (src/zarr/codecs/numcodecs/_codecs.py).
    private static readonly HashSet<string> NumcodecsArrayToArray = new(StringComparer.Ordinal)
    {
        "delta", "fixedscaleoffset", "quantize", "bitround", "astype", "packbits",
    };

    /// <summary>Whether zarr-python 3 wraps the numcodecs codec <paramref name="id"/> as an array→array codec.</summary>
    public static bool IsArrayToArray(string id) => NumcodecsArrayToArray.Contains(id);

    private V3CodecChain(int[]? permutation, IReadOnlyList<IZarrCodec> arrayFilters, bool bigEndian, ObjectCodec? objectSerializer,
        ShardingSpec? sharding, IReadOnlyList<BytesCodec> bytesCodecs)
    {
        Permutation = permutation;
        ArrayFilters = arrayFilters;
        BigEndian = bigEndian;
        ObjectSerializer = objectSerializer;
        Sharding = sharding;
        BytesCodecs = bytesCodecs;
    }

    /// <summary>The composed transpose (encoded shape[i] = chunk shape[Permutation[i]]), or null for none.</summary>
    public int[]? Permutation { get; }

    /// <summary>numcodecs array→array codecs, in encode order.</summary>
    public IReadOnlyList<IZarrCodec> ArrayFilters { get; }

    /// <summary>True when the <c>bytes</c> codec stores big-endian items.</summary>
    public bool BigEndian { get; }

    /// <summary>The vlen codec of a <c>string</c> or <c>variable_length_bytes</c> array, else null.</summary>
    public ObjectCodec? ObjectSerializer { get; }

    /// <summary>The sharding codec, when it is the array→bytes codec.</summary>
    public ShardingSpec? Sharding { get; }

    /// <summary>The chain that serialises elements: this one, or that of the innermost shards.</summary>
    public V3CodecChain Innermost => Sharding?.Inner.Innermost ?? this;

    /// <summary>bytes→bytes codecs, in encode order.</summary>
    public IReadOnlyList<BytesCodec> BytesCodecs { get; }

    /// <summary>The v2-style filter list of the pipeline: the object codec first, then the array filters.</summary>
    public IReadOnlyList<IZarrCodec> PipelineFilters =>
        ObjectSerializer is null ? ArrayFilters : [ObjectSerializer, .. ArrayFilters];

    /// <summary>Reads a codecs list for chunks of <paramref name="chunkShape"/> and <paramref name="dtype"/> (little-endian form).</summary>
    public static V3CodecChain Parse(JsonNode? node, ZarrDType dtype, string? variableKind, int[] chunkShape, string key, string field)
    {
        if (node is not JsonArray list || list.Count == 0) throw new ZarrMetadataException(key, field, "must be a non-empty list of codecs.");
        int[]? permutation = null;
        var filters = new List<IZarrCodec>();
        var bytesCodecs = new List<BytesCodec>();
        var bigEndian = false;
        ObjectCodec? objectSerializer = null;
        ShardingSpec? sharding = null;
        var haveSerializer = false;
        var rank = chunkShape.Length;
        foreach (var item in list)
        {
            var (name, config) = V3Json.NameAndConfiguration(item, key, field);
            var bare = name.StartsWith("numcodecs.", StringComparison.Ordinal) ? name["numcodecs.".Length..] : null;
            if (!haveSerializer)
            {
                if (name == "transpose")
                {
                    if (filters.Count > 0) throw new ZarrMetadataException(key, field, "a transpose after a numcodecs array→array codec is not supported.");
                    var order = ReadPermutation(config, rank, key, field);
                    permutation = permutation is null ? order : Compose(permutation, order);
                    continue;
                }
                if (bare is not null && NumcodecsArrayToArray.Contains(bare))
                {
                    filters.Add(CreateNumcodecs(bare, config, key, field));
                    continue;
                }
                switch (name)
                {
                    case "bytes" or "endian":
                        bigEndian = ReadEndian(config, dtype, key, field);
                        haveSerializer = true;
                        continue;
                    case "vlen-utf8" or "numcodecs.vlen-utf8" or "vlen-bytes" or "numcodecs.vlen-bytes":
                        objectSerializer = (ObjectCodec)CodecRegistry.Default.Create(new JsonObject { ["id"] = name.EndsWith("utf8", StringComparison.Ordinal) ? "vlen-utf8" : "vlen-bytes" }, key);
                        if (variableKind is null) throw new ZarrMetadataException(key, field, $"codec '{name}' needs a variable-length data type (string or variable_length_bytes).");
                        haveSerializer = true;
                        continue;
                    case "sharding_indexed":
                        sharding = ShardingSpec.Parse(config, dtype, variableKind, chunkShape, key, field);
                        haveSerializer = true;
                        continue;
                }
                throw new ZarrMetadataException(key, field, $"codec '{name}' is not an array→bytes or array→array codec this reader knows (expected 'bytes', 'sharding_indexed', 'vlen-utf8', 'vlen-bytes', 'transpose' or 'numcodecs.*').");
            }
            bytesCodecs.Add(CreateBytesToBytes(name, bare, config, key, field));
        }
        if (!haveSerializer) throw new ZarrMetadataException(key, field, "has no array→bytes codec (such as 'bytes').");
        if (variableKind is not null && objectSerializer is null && sharding is null)
            throw new ZarrMetadataException(key, field, $"a '{variableKind}' array needs the vlen-utf8 or vlen-bytes codec.");
        if (permutation is not null && IsIdentity(permutation)) permutation = null;
        return new V3CodecChain(permutation, filters, bigEndian, objectSerializer, sharding, bytesCodecs);
    }

    private static bool ReadEndian(JsonObject? config, ZarrDType dtype, string key, string field)
    {
        var endian = config?["endian"] is JsonValue e && e.TryGetValue<string>(out var es) ? es : null;
        if (endian is null)
        {
            if (config?["endian"] is not null) throw new ZarrMetadataException(key, field, "the bytes codec's endian must be \"little\" or \"big\".");
            if (dtype.ByteOrder != ByteOrder.NotApplicable && dtype.Kind != DTypeKind.Structured)
                throw new ZarrMetadataException(key, field, $"the bytes codec needs an endian for the {dtype.ItemSize}-byte data type.");
            return false;
        }
        return endian switch
        {
            "little" => false,
            "big" => true,
            _ => throw new ZarrMetadataException(key, field, $"the bytes codec's endian must be \"little\" or \"big\", not \"{endian}\"."),
        };
    }

    private static int[] ReadPermutation(JsonObject? config, int rank, string key, string field)
    {
        if (config?["order"] is JsonValue s && s.TryGetValue<string>(out var named))
        {
            // Before ZEP 1 was accepted the order could be "C" or "F"; tensorstore still reads them.
            if (named == "C") return Enumerable.Range(0, rank).ToArray();
            if (named == "F") return Enumerable.Range(0, rank).Reverse().ToArray();
        }
        var order = V3Json.ReadInts(config?["order"], key, field + ".transpose.order", 0);
        if (order.Length != rank || order.Distinct().Count() != rank || order.Any(o => o >= rank))
            throw new ZarrMetadataException(key, field, $"transpose order [{string.Join(", ", order)}] is not a permutation of {rank} dimensions.");
        return order;
    }

    // Applying p then q: encoded[i] = (p-transposed)[q[i]] = original[p[q[i]]].
    private static int[] Compose(int[] p, int[] q) => q.Select(i => p[i]).ToArray();

    private static bool IsIdentity(int[] p)
    {
        for (var i = 0; i < p.Length; i++) if (p[i] != i) return false;
        return true;
    }

    private static IZarrCodec CreateNumcodecs(string id, JsonObject? config, string key, string field)
    {
        var v2 = new JsonObject { ["id"] = id };
        if (config is not null) foreach (var (k, v) in config) if (k != "id") v2[k] = v?.DeepClone();
        try
        {
            return CodecRegistry.Default.Create(v2, key);
        }
        catch (ArgumentException e)
        {
            throw new ZarrMetadataException(key, field, $"codec 'numcodecs.{id}': {e.Message}", e);
        }
    }

    private static BytesCodec CreateBytesToBytes(string name, string? bare, JsonObject? config, string key, string field)
    {
        IZarrCodec codec;
        try
        {
            codec = name switch
            {
                "blosc" => BloscCodec.FromConfig(new JsonObject
                {
                    ["cname"] = config?["cname"]?.DeepClone() ?? "lz4",
                    ["clevel"] = config?["clevel"]?.DeepClone() ?? 5,
                    ["shuffle"] = ShuffleNumber(config?["shuffle"], key, field),
                    ["blocksize"] = config?["blocksize"]?.DeepClone() ?? 0,
                }),
                "gzip" => new GZipCodec(CodecConfig.GetInt(config ?? [], "level", 5)),
                "zstd" => new ZstdCodec(CodecConfig.GetInt(config ?? [], "level", 0), CodecConfig.GetBool(config ?? [], "checksum", false)),
                "crc32c" => new Crc32CCodec(),
                _ when bare is not null => CreateNumcodecs(bare, config, key, field),
                _ => throw new ZarrMetadataException(key, field, $"unknown codec '{name}'."),
            };
        }
        catch (ArgumentException e)
        {
            throw new ZarrMetadataException(key, field, $"codec '{name}': {e.Message}", e);
        }
        return codec as BytesCodec ?? throw new ZarrMetadataException(key, field, $"codec '{name}' is not a bytes→bytes codec, but it comes after the array→bytes codec.");
    }

    private static int ShuffleNumber(JsonNode? node, string key, string field)
    {
        if (node is null) return (int)BloscShuffle.NoShuffle;
        if (node is JsonValue v && v.TryGetValue<string>(out var s))
        {
            return s switch
            {
                "noshuffle" => (int)BloscShuffle.NoShuffle,
                "shuffle" => (int)BloscShuffle.Shuffle,
                "bitshuffle" => (int)BloscShuffle.BitShuffle,
                _ => throw new ZarrMetadataException(key, field, $"blosc shuffle must be \"noshuffle\", \"shuffle\" or \"bitshuffle\", not \"{s}\"."),
            };
        }
        if (node.TryGetInt64(out var n) && n is >= 0 and <= 2) return (int)n;
        throw new ZarrMetadataException(key, field, "blosc shuffle must be \"noshuffle\", \"shuffle\" or \"bitshuffle\".");
    }

    /// <summary>The v3 JSON of a bytes→bytes codec, for chunks whose items are <paramref name="itemSize"/> bytes at that point.</summary>
    public static JsonObject BytesToBytesJson(BytesCodec codec, int itemSize)
    {
        switch (codec)
        {
            case BloscCodec b:
                var shuffle = b.Shuffle == BloscShuffle.AutoShuffle ? (itemSize == 1 ? BloscShuffle.BitShuffle : BloscShuffle.Shuffle) : b.Shuffle;
                return new JsonObject
                {
                    ["name"] = "blosc",
                    ["configuration"] = new JsonObject
                    {
                        ["typesize"] = itemSize,
                        ["cname"] = b.Cname,
                        ["clevel"] = b.Clevel,
                        ["shuffle"] = shuffle switch { BloscShuffle.NoShuffle => "noshuffle", BloscShuffle.BitShuffle => "bitshuffle", _ => "shuffle" },
                        ["blocksize"] = b.Blocksize,
                    },
                };
            case GZipCodec g:
                return new JsonObject { ["name"] = "gzip", ["configuration"] = new JsonObject { ["level"] = g.Level } };
            case ZstdCodec z:
                return new JsonObject { ["name"] = "zstd", ["configuration"] = new JsonObject { ["level"] = z.Level, ["checksum"] = z.Checksum } };
            case Crc32CCodec { Location: ChecksumLocation.End }:
                return new JsonObject { ["name"] = "crc32c" };
            default:
                return NumcodecsJson(codec);
        }
    }

    /// <summary>zarr-python 3's name for a wrapped numcodecs codec: <c>numcodecs.&lt;id&gt;</c> with the other parameters as configuration.</summary>
    public static JsonObject NumcodecsJson(IZarrCodec codec)
    {
        var config = new JsonObject();
        foreach (var (k, v) in codec.GetConfig()) if (k != "id") config[k] = v?.DeepClone();
        return new JsonObject { ["name"] = "numcodecs." + codec.Id, ["configuration"] = config };
    }
}
