using System.Buffers.Binary;
using Zarr.Metadata.V3;

namespace Zarr.Codecs.Sharding;

/// <summary>
/// The index of one shard (zarr v3 codec spec "sharding-indexed", "Binary shard format"): for each inner
/// chunk, in C order of the inner chunk grid, its byte offset from the start of the shard and its
/// length, as little- or big-endian uint64; both all ones for an inner chunk that is not stored. The
/// encoded index is followed by a CRC-32C (little-endian) for each crc32c index codec.
/// </summary>
internal sealed class ShardIndex
{
    /// <summary>The sharding codec's id, used to name it in errors.</summary>
    public const string CodecId = "sharding_indexed";

    private const ulong Empty = ulong.MaxValue;
    private readonly ulong[] _entries; // offset, length per inner chunk

    private ShardIndex(ulong[] entries) => _entries = entries;

    /// <summary>An index with no inner chunk stored.</summary>
    public static ShardIndex CreateEmpty(long count)
    {
        var entries = new ulong[checked(2 * count)];
        entries.AsSpan().Fill(Empty);
        return new ShardIndex(entries);
    }

    /// <summary>Inner chunks the index covers.</summary>
    public int Count => _entries.Length / 2;

    /// <summary>
    /// Decodes an encoded index and checks every entry: checksums, then that each stored inner chunk
    /// lies inside the shard (when <paramref name="shardLength"/> is known, else at least inside what
    /// a shard can address) and outside the index itself.
    /// </summary>
    public static ShardIndex Decode(ReadOnlySpan<byte> encoded, ShardingSpec spec, long shardLength, string? shardKey)
    {
        if (encoded.Length != spec.IndexByteLength)
            throw Error(shardKey, $"the shard index has {encoded.Length} bytes but {spec.InnerChunkCount} inner chunks need {spec.IndexByteLength}: the shard is truncated or not a shard.");
        for (var c = 0; c < spec.IndexChecksums; c++)
        {
            var payload = encoded[..^4];
            var stored = BinaryPrimitives.ReadUInt32LittleEndian(encoded[^4..]);
            var actual = Crc32CCodec.Compute(payload);
            if (stored != actual) throw Error(shardKey, $"the shard index checksum does not match (stored 0x{stored:x8}, computed 0x{actual:x8}): the index is corrupt.");
            encoded = payload;
        }
        var entries = new ulong[spec.InnerChunkCount * 2];
        for (var i = 0; i < entries.Length; i++)
        {
            var word = encoded.Slice(8 * i, 8);
            entries[i] = spec.IndexBigEndian ? BinaryPrimitives.ReadUInt64BigEndian(word) : BinaryPrimitives.ReadUInt64LittleEndian(word);
        }
        var indexStart = spec.IndexAtEnd ? shardLength - spec.IndexByteLength : 0;
        var indexEnd = spec.IndexAtEnd ? shardLength : spec.IndexByteLength;
        for (var i = 0; i < entries.Length; i += 2)
        {
            var (offset, length) = (entries[i], entries[i + 1]);
            if (offset == Empty && length == Empty) continue;
            if (offset == Empty || length == Empty || offset > long.MaxValue || length > int.MaxValue || offset + length > long.MaxValue)
                throw Error(shardKey, $"index entry {i / 2} (offset {offset}, length {length}) is out of range.");
            var end = (long)(offset + length);
            if (shardLength >= 0 && end > shardLength)
                throw Error(shardKey, $"index entry {i / 2} points at bytes [{offset}, {end}) outside the shard of {shardLength} bytes.");
            if (length > 0 && (shardLength >= 0 || !spec.IndexAtEnd) && (long)offset < indexEnd && end > indexStart)
                throw Error(shardKey, $"index entry {i / 2} points at bytes [{offset}, {end}) that overlap the shard index.");
        }
        return new ShardIndex(entries);
    }

    /// <summary>The stored extent of inner chunk <paramref name="inner"/>, or false when it is not stored.</summary>
    public bool TryGet(int inner, out long offset, out int length)
    {
        var o = _entries[2 * inner];
        var l = _entries[2 * inner + 1];
        if (o == Empty && l == Empty)
        {
            offset = 0;
            length = 0;
            return false;
        }
        offset = (long)o;
        length = (int)l;
        return true;
    }

    /// <summary>Records the extent of inner chunk <paramref name="inner"/> (or marks it not stored).</summary>
    public void Set(int inner, long offset, int length, bool stored)
    {
        _entries[2 * inner] = stored ? (ulong)offset : Empty;
        _entries[2 * inner + 1] = stored ? (ulong)length : Empty;
    }

    /// <summary>True when no inner chunk is stored.</summary>
    public bool IsEmpty => _entries.AsSpan().IndexOfAnyExcept(Empty) < 0;

    /// <summary>Writes the encoded index (with its checksums) into <paramref name="destination"/>.</summary>
    public void Encode(Span<byte> destination, ShardingSpec spec)
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            var word = destination.Slice(8 * i, 8);
            if (spec.IndexBigEndian) BinaryPrimitives.WriteUInt64BigEndian(word, _entries[i]);
            else BinaryPrimitives.WriteUInt64LittleEndian(word, _entries[i]);
        }
        var length = 8 * _entries.Length;
        for (var c = 0; c < spec.IndexChecksums; c++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(length, 4), Crc32CCodec.Compute(destination[..length]));
            length += 4;
        }
    }

    /// <summary>An error about the shard <paramref name="shardKey"/> (null inside a nested shard: the caller adds the key of the chunk holding it).</summary>
    public static ZarrCodecException Error(string? shardKey, string message) => new(CodecId, shardKey, message);
}
