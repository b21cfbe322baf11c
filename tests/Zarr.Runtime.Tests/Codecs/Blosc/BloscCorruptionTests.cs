using System.Buffers.Binary;
using Zarr.Codecs;

namespace Zarr.Runtime.Tests.Blosc;

/// <summary>
/// Untrusted frames: every outcome of decoding a damaged frame is either data of the length its
/// header announces (Blosc has no checksum, so a flipped literal byte goes unnoticed) or a
/// <see cref="ZarrCodecException"/>, never another exception.
/// </summary>
public class BloscCorruptionTests
{
    public static TheoryData<string, int, BloscShuffle, int, int> Frames => new()
    {
        { "lz4", 4, BloscShuffle.Shuffle, 0, 24_000 },          // split into 4 streams
        { "lz4", 4, BloscShuffle.Shuffle, 256, 6_000 },         // many blocks and a leftover
        { "blosclz", 1, BloscShuffle.NoShuffle, 0, 20_000 },
        { "blosclz", 2, BloscShuffle.BitShuffle, 512, 7_000 },
        { "zstd", 8, BloscShuffle.BitShuffle, 0, 16_000 },
        { "zlib", 2, BloscShuffle.Shuffle, 1024, 9_000 },
        { "snappy", 4, BloscShuffle.Shuffle, 0, 12_000 },
        { "lz4hc", 3, BloscShuffle.NoShuffle, 300, 5_000 },
        { "lz4", 4, BloscShuffle.Shuffle, 0, 100 },             // stored (memcpyed)
    };

    private static byte[] MakeFrame(string cname, int typeSize, BloscShuffle shuffle, int blocksize, int size) =>
        BloscTestData.Encode(new BloscCodec(cname, 5, shuffle, blocksize), BloscTestData.Smooth(size, typeSize, size), typeSize);

    private static void DecodeOrReject(byte[] frame, string what)
    {
        var codecs = new[] { new BloscCodec { Threads = 1 }, new BloscCodec { Threads = 2, ParallelThreshold = 1 } };
        foreach (var codec in codecs)
        {
            try
            {
                var decoded = BloscTestData.Decode(codec, frame);
                Assert.Equal(BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(4)), decoded.Length);
                var into = new byte[decoded.Length];
                codec.DecodeInto(frame, into);
                Assert.Equal(decoded, into);
            }
            catch (ZarrCodecException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"{what}: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void EveryHeaderByteChangedToEveryValue(string cname, int typeSize, BloscShuffle shuffle, int blocksize, int size)
    {
        var frame = MakeFrame(cname, typeSize, shuffle, blocksize, size);
        for (var i = 0; i < 16; i++)
        {
            for (var v = 0; v < 256; v++)
            {
                var bad = (byte[])frame.Clone();
                bad[i] = (byte)v;
                DecodeOrReject(bad, $"byte {i} = {v}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void TruncatedAtManyLengths(string cname, int typeSize, BloscShuffle shuffle, int blocksize, int size)
    {
        var frame = MakeFrame(cname, typeSize, shuffle, blocksize, size);
        // Every length through the header, the offsets and the first streams, then every 13th.
        for (var length = 0; length < frame.Length; length += length < 1024 ? 1 : 13)
        {
            var cut = frame[..length];
            Assert.Throws<ZarrCodecException>(() => BloscTestData.Decode(BloscCodec.Default, cut));
            // Also with a header that agrees with the shorter buffer, so the body checks are reached.
            if (length >= 16)
            {
                BinaryPrimitives.WriteInt32LittleEndian(cut.AsSpan(12), length);
                DecodeOrReject(cut, $"truncated to {length} with cbytes fixed");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void RandomBitFlipsAndOffsets(string cname, int typeSize, BloscShuffle shuffle, int blocksize, int size)
    {
        var frame = MakeFrame(cname, typeSize, shuffle, blocksize, size);
        var rng = new Random(size + typeSize);
        for (var trial = 0; trial < 1500; trial++)
        {
            var bad = (byte[])frame.Clone();
            var flips = 1 + rng.Next(3);
            for (var f = 0; f < flips; f++)
            {
                // Half of the flips land in the header and the offset table, where they do the most damage.
                var at = rng.Next(2) == 0 ? rng.Next(Math.Min(bad.Length, 64)) : rng.Next(bad.Length);
                bad[at] ^= (byte)(1 << rng.Next(8));
            }
            DecodeOrReject(bad, $"trial {trial}");
        }
        var blocks = (frame[2] & 0x02) != 0 ? 0 : Math.Min(16, (BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(12)) - 16) / 4);
        foreach (var value in new[] { int.MinValue, -1, 0, 15, 16, 19, frame.Length - 4, frame.Length - 3, frame.Length, int.MaxValue })
        {
            for (var j = 0; j < blocks; j++)
            {
                var bad = (byte[])frame.Clone();
                BinaryPrimitives.WriteInt32LittleEndian(bad.AsSpan(16 + 4 * j), value);
                DecodeOrReject(bad, $"bstart {j} = {value}");
            }
        }
    }

    [Fact]
    public void HeadersAnnouncingHugeSizesAreRejectedBeforeAllocating()
    {
        var frame = MakeFrame("lz4", 4, BloscShuffle.Shuffle, 0, 24_000);
        foreach (var nbytes in new[] { int.MaxValue, int.MaxValue - 16, 1 << 30, 100_000_000 })
        {
            var bad = (byte[])frame.Clone();
            BinaryPrimitives.WriteInt32LittleEndian(bad.AsSpan(4), nbytes);
            BinaryPrimitives.WriteInt32LittleEndian(bad.AsSpan(8), nbytes);
            Assert.Throws<ZarrCodecException>(() => BloscTestData.Decode(BloscCodec.Default, bad));
        }
        var memcpy = MakeFrame("lz4", 4, BloscShuffle.Shuffle, 0, 100);
        BinaryPrimitives.WriteInt32LittleEndian(memcpy.AsSpan(4), int.MaxValue - 16);
        Assert.Throws<ZarrCodecException>(() => BloscTestData.Decode(BloscCodec.Default, memcpy));
    }

    [Fact]
    public void GarbageIsRejected()
    {
        var rng = new Random(9);
        for (var trial = 0; trial < 3000; trial++)
        {
            var bad = BloscTestData.Random(rng.Next(0, 400), trial);
            if (bad.Length >= 16 && trial % 2 == 0)
            {
                // A plausible header over a garbage body.
                bad[0] = 2;
                bad[1] = 1;
                bad[2] &= 0xF7;
                BinaryPrimitives.WriteInt32LittleEndian(bad.AsSpan(4), rng.Next(0, 5000));
                BinaryPrimitives.WriteInt32LittleEndian(bad.AsSpan(8), rng.Next(1, 600));
                BinaryPrimitives.WriteInt32LittleEndian(bad.AsSpan(12), bad.Length);
            }
            DecodeOrReject(bad, $"garbage {trial}");
        }
    }
}
