using System.Buffers.Binary;
using Zarr.Codecs;
using Zarr.Codecs.Blosc;

namespace Zarr.Runtime.Tests.Blosc;

public class BloscRoundTripTests
{
    public static TheoryData<string> Cnames => new(BloscTestData.Cnames);

    [Theory]
    [MemberData(nameof(Cnames))]
    public void EveryShuffleTypesizeLevelSizeAndBlocksizeRoundTrips(string cname)
    {
        var seed = 0;
        foreach (var shuffle in new[] { BloscShuffle.AutoShuffle, BloscShuffle.NoShuffle, BloscShuffle.Shuffle, BloscShuffle.BitShuffle })
        foreach (var t in new[] { 1, 2, 3, 4, 8, 16, 20, 300 })
        foreach (var clevel in new[] { 0, 1, 5, 9 })
        foreach (var size in new[] { 0, 1, 127, 128, 100 * t + 3, 5003 })
        foreach (var blocksize in new[] { 0, 200 })
        {
            var input = seed % 4 == 3 ? BloscTestData.Random(size, seed) : BloscTestData.Smooth(size, t, seed);
            seed++;
            var codec = new BloscCodec(cname, clevel, shuffle, blocksize) { Threads = 1 };
            var frame = BloscTestData.Encode(codec, input, t);
            Assert.True(frame.Length <= size + 16, "a frame is never larger than its input plus the header");
            Assert.Equal(size, BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(4)));
            Assert.Equal(frame.Length, BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(12)));
            Assert.Equal(input, BloscTestData.Decode(codec, frame));
            var into = new byte[size];
            Assert.Equal(size, codec.DecodeInto(frame, into));
            Assert.Equal(input, into);
        }
    }

    [Theory]
    [MemberData(nameof(Cnames))]
    public void MultiBlockChunksAreTheSameFramesWithOneThreadOrMany(string cname)
    {
        foreach (var (shuffle, t) in new[] { (BloscShuffle.Shuffle, 4), (BloscShuffle.BitShuffle, 2), (BloscShuffle.NoShuffle, 8) })
        {
            var input = BloscTestData.Smooth(1_200_003, t, t);
            var serial = BloscTestData.Encode(new BloscCodec(cname, 1, shuffle) { Threads = 1 }, input, t);
            var parallel = BloscTestData.Encode(new BloscCodec(cname, 1, shuffle) { Threads = 3, ParallelThreshold = 1 }, input, t);
            Assert.Equal(serial, parallel);
            Assert.True(BinaryPrimitives.ReadInt32LittleEndian(serial.AsSpan(8)) < input.Length, "expected several blocks");
            Assert.Equal(input, BloscTestData.Decode(new BloscCodec { Threads = 1 }, serial));
            Assert.Equal(input, BloscTestData.Decode(new BloscCodec { Threads = 3, ParallelThreshold = 1 }, serial));
        }
    }

    [Fact]
    public void StoredFramesAreTheHeaderThenTheInput()
    {
        // c-blosc README_HEADER.rst: 10 int32 with lz4 + shuffle, and an empty buffer.
        var ten = new byte[40];
        for (var i = 0; i < 10; i++) BinaryPrimitives.WriteInt32LittleEndian(ten.AsSpan(4 * i), i);
        var frame = BloscTestData.Encode(BloscCodec.Default, ten, 4);
        Assert.Equal("02013304280000002800000038000000", Convert.ToHexString(frame.AsSpan(0, 16)));
        Assert.Equal(ten, frame[16..]);
        Assert.Equal("02013304000000000100000010000000", Convert.ToHexString(BloscTestData.Encode(BloscCodec.Default, [], 4)));
        Assert.Empty(BloscTestData.Decode(BloscCodec.Default, BloscTestData.Encode(BloscCodec.Default, [], 4)));
    }

    [Theory]
    [InlineData("lz4", 4, 400_000, 0, 400_000)]
    [InlineData("zstd", 4, 400_000, 0, 262_144)]
    [InlineData("lz4", 20, 1_000_000, 0, 131_060)]
    [InlineData("lz4", 300, 15_000_000, 0, 131_072)]
    [InlineData("lz4", 1, 1_000_000, 256, 65_536)]
    [InlineData("lz4", 4, 100_000, 256, 256)]
    [InlineData("blosclz", 8, 10_000, 0, 10_000)]
    [InlineData("zlib", 8, 5_000_000, 0, 1_048_576)]
    [InlineData("zstd", 8, 5_000_000, 0, 262_144)]
    public void BlocksizesFollowCBlosc(string cname, int typeSize, int nbytes, int forced, int expected)
    {
        Assert.True(BloscCompressorKinds.TryParse(cname, out var kind));
        var t = typeSize > 255 ? 1 : typeSize;
        Assert.Equal(expected, BloscEncoder.ComputeBlocksize(kind, 5, t, nbytes, forced));
    }

    [Fact]
    public void ItemsWiderThan255BytesAreBytesToBlosc()
    {
        var input = BloscTestData.Smooth(300 * 50, 300, 1);
        var frame = BloscTestData.Encode(BloscCodec.Default, input, 300);
        Assert.Equal(1, frame[3]);
        Assert.Equal(input, BloscTestData.Decode(BloscCodec.Default, frame));
    }

    [Fact]
    public void AutoShuffleIsBitShuffleForBytesAndByteShuffleOtherwise()
    {
        var codec = new BloscCodec("lz4", 5, BloscShuffle.AutoShuffle);
        Assert.Equal(BloscHeader.FlagBitShuffle, BloscTestData.Encode(codec, new byte[1000], 1)[2] & 0x07);
        Assert.Equal(BloscHeader.FlagShuffle, BloscTestData.Encode(codec, new byte[1000], 2)[2] & 0x07);
    }

    [Fact]
    public void DecodeIntoRefusesADestinationOfAnotherSize()
    {
        var frame = BloscTestData.Encode(BloscCodec.Default, BloscTestData.Smooth(4000, 4, 3), 4);
        var e = Assert.Throws<ZarrCodecException>(() => BloscCodec.Default.DecodeInto(frame, new byte[3999]));
        Assert.Equal("blosc", e.CodecId);
        Assert.Throws<ZarrCodecException>(() => BloscCodec.Default.DecodeInto(frame, new byte[4001]));
        Assert.Equal(4000, BloscCodec.GetDecodedLength(frame));
    }

    [Fact]
    public void BloscLZStreamsRoundTripAtEveryLevel()
    {
        foreach (var clevel in Enumerable.Range(1, 9))
        foreach (var size in new[] { 16, 17, 100, 1000, 8191, 8192, 8193, 70_000, 100_000 })
        {
            foreach (var input in new[] { BloscTestData.Smooth(size, 1, size), new byte[size], Repeating(size) })
            {
                var output = new byte[size];
                var n = BloscLZ.Compress(clevel, input, output);
                if (n == 0) continue;
                Assert.True(n < size);
                Assert.Equal(0x20, output[0] & 0xE0);
                var back = new byte[size];
                Assert.Equal(size, BloscLZ.Decompress(output.AsSpan(0, n), back));
                Assert.Equal(input, back);
            }
        }
    }

    /// <summary>Repeats at distances past the near range (8191), so far matches are used.</summary>
    private static byte[] Repeating(int size)
    {
        var unit = BloscTestData.Random(9000, 42);
        var data = new byte[size];
        for (var i = 0; i < size; i++) data[i] = unit[i % unit.Length];
        return data;
    }
}
