using Zarr.Metadata.Json;
using System.Text.Json.Nodes;
using Zarr.Codecs;
using Zarr.DataTypes;

namespace Zarr.Metadata.V3;

/// <summary>
/// The configuration of a <c>sharding_indexed</c> codec (zarr v3 codec spec "sharding-indexed"): the
/// inner chunk shape, the inner codec chain, the index codecs and where the index sits.
/// </summary>
internal sealed class ShardingSpec
{
    private ShardingSpec(int[] shardShape, int[] innerChunks, V3CodecChain inner, bool indexBigEndian, int indexChecksums, bool indexAtEnd, JsonObject json)
    {
        ShardShape = shardShape;
        InnerChunks = innerChunks;
        Inner = inner;
        IndexBigEndian = indexBigEndian;
        IndexChecksums = indexChecksums;
        IndexAtEnd = indexAtEnd;
        Json = json;
        ChunksPerShard = new int[shardShape.Length];
        long n = 1;
        for (var d = 0; d < shardShape.Length; d++)
        {
            ChunksPerShard[d] = shardShape[d] / innerChunks[d];
            n *= ChunksPerShard[d];
        }
        InnerChunkCount = n;
    }

    /// <summary>The shard shape (the array's chunk grid).</summary>
    public int[] ShardShape { get; }

    /// <summary>The inner chunk shape.</summary>
    public int[] InnerChunks { get; }

    /// <summary>Inner chunks per shard along each dimension.</summary>
    public int[] ChunksPerShard { get; }

    /// <summary>Inner chunks per shard.</summary>
    public long InnerChunkCount { get; }

    /// <summary>The codecs of each inner chunk.</summary>
    public V3CodecChain Inner { get; }

    /// <summary>Whether the index's uint64 values are big-endian.</summary>
    public bool IndexBigEndian { get; }

    /// <summary>How many crc32c codecs follow the index's bytes codec (each adds 4 bytes).</summary>
    public int IndexChecksums { get; }

    /// <summary>True when the index is at the end of the shard (the default), false at the start.</summary>
    public bool IndexAtEnd { get; }

    /// <summary>The encoded index size: 16 bytes per inner chunk, plus 4 per checksum.</summary>
    public long IndexByteLength => 16 * InnerChunkCount + 4L * IndexChecksums;

    /// <summary>The codec's JSON, as read.</summary>
    public JsonObject Json { get; }

    public static ShardingSpec Parse(JsonObject? config, ZarrDType dtype, string? variableKind, int[] shardShape, string key, string field)
    {
        if (config is null) throw new ZarrMetadataException(key, field, "sharding_indexed needs a configuration.");
        var inner = V3Json.ReadInts(config["chunk_shape"], key, field + ".sharding_indexed.chunk_shape", 1);
        if (inner.Length != shardShape.Length)
            throw new ZarrMetadataException(key, field, $"the inner chunk shape has {inner.Length} dimensions but the shard has {shardShape.Length}.");
        long count = 1;
        for (var d = 0; d < inner.Length; d++)
        {
            if (shardShape[d] % inner[d] != 0)
                throw new ZarrMetadataException(key, field, $"the inner chunk shape [{string.Join(", ", inner)}] does not divide the shard shape [{string.Join(", ", shardShape)}] (dimension {d}).");
            count *= shardShape[d] / inner[d];
        }
        // The index is read whole: keep it to what one buffer can hold.
        if (count > (Array.MaxLength - 64) / 16)
            throw new ZarrMetadataException(key, field, $"a shard of {count} inner chunks has an index too large to read.");
        var chain = V3CodecChain.Parse(config["codecs"], dtype, variableKind, inner, key, field + ".sharding_indexed.codecs");
        var location = config["index_location"] is null ? "end" : config["index_location"] is JsonValue lv && lv.TryGetValue<string>(out var ls) ? ls : null;
        if (location is not ("start" or "end")) throw new ZarrMetadataException(key, field, "index_location must be \"start\" or \"end\".");
        var (bigEndian, checksums) = ParseIndexCodecs(config["index_codecs"], key, field);
        return new ShardingSpec(shardShape, inner, chain, bigEndian, checksums, location == "end", config);
    }

    // The index must have a fixed encoded size so that a reader can ask for exactly its bytes: a bytes
    // codec, then any number of crc32c codecs (the spec's recommendation is [bytes little, crc32c]).
    private static (bool BigEndian, int Checksums) ParseIndexCodecs(JsonNode? node, string key, string field)
    {
        if (node is not JsonArray list || list.Count == 0) throw new ZarrMetadataException(key, field, "sharding_indexed needs a non-empty index_codecs list.");
        var (first, config) = V3Json.NameAndConfiguration(list[0], key, field + ".index_codecs");
        if (first is not ("bytes" or "endian")) throw new ZarrMetadataException(key, field, $"index_codecs must start with 'bytes' (fixed size), not '{first}'.");
        var endian = config?["endian"] is JsonValue ev && ev.TryGetValue<string>(out var es) ? es : "little";
        if (endian is not ("little" or "big")) throw new ZarrMetadataException(key, field, "the index's bytes codec endian must be \"little\" or \"big\".");
        var checksums = 0;
        for (var i = 1; i < list.Count; i++)
        {
            var (name, _) = V3Json.NameAndConfiguration(list[i], key, field + ".index_codecs");
            if (name != "crc32c") throw new ZarrMetadataException(key, field, $"index codec '{name}' is not supported: the index must have a fixed size (bytes, then crc32c).");
            checksums++;
        }
        return (endian == "big", checksums);
    }

    /// <summary>The configuration zarr-python 3 writes: index at the end, coded as [bytes little, crc32c].</summary>
    public static JsonObject ToJson(int[] innerChunks, JsonArray innerCodecs, bool indexAtEnd = true) => new()
    {
        ["name"] = "sharding_indexed",
        ["configuration"] = new JsonObject
        {
            ["chunk_shape"] = new JsonArray(innerChunks.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
            ["codecs"] = innerCodecs,
            ["index_codecs"] = new JsonArray(
                new JsonObject { ["name"] = "bytes", ["configuration"] = new JsonObject { ["endian"] = "little" } },
                new JsonObject { ["name"] = "crc32c" }),
            ["index_location"] = indexAtEnd ? "end" : "start",
        },
    };
}
