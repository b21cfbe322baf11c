using Zarr.Codecs;

namespace Zarr.Runtime.Tests.Blosc;

/// <summary>
/// <see cref="BloscCodec.TryDecodeRuns"/> (decode only the blocks some runs touch, unshuffle only their
/// items, straight into an output) gives exactly the bytes a whole decode followed by copies gives,
/// for every layout it accepts, serial and parallel; it declines bit-shuffled frames and rejects runs
/// outside the frame or the output.
/// </summary>
public class BloscRunsDecodeTests
{
    public static TheoryData<string, int, BloscShuffle, int, int> Layouts()
    {
        var data = new TheoryData<string, int, BloscShuffle, int, int>();
        foreach (var cname in new[] { "lz4", "blosclz", "zstd" })
            foreach (var shuffle in new[] { BloscShuffle.NoShuffle, BloscShuffle.Shuffle })
                foreach (var itemSize in new[] { 1, 2, 4, 8, 16 })
                    data.Add(cname, 5, shuffle, itemSize, 4096);
        data.Add("lz4", 0, BloscShuffle.Shuffle, 4, 4096); // stored (memcpyed) frame
        data.Add("lz4", 5, BloscShuffle.Shuffle, 4, 0); // automatic block size
        data.Add("lz4", 5, BloscShuffle.Shuffle, 3, 4095); // odd item size, blocks of whole items
        return data;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void RunsDecodeToTheSameBytesAsAWholeDecode(string cname, int clevel, BloscShuffle shuffle, int itemSize, int blocksize)
    {
        var items = 50_000 / itemSize * 3 + 7; // several blocks and a short last one
        var input = BloscTestData.Smooth(items * itemSize, itemSize, items);
        foreach (var threads in new[] { 1, 2 })
        {
            var codec = new BloscCodec(cname, clevel, shuffle, blocksize) { Threads = threads, ParallelThreshold = threads > 1 ? 1 : 0 };
            var frame = BloscTestData.Encode(codec, input, itemSize);
            var rng = new Random(items + threads);
            for (var t = 0; t < 25; t++)
            {
                // Random runs written to disjoint, shuffled places of the output.
                var runs = new List<ItemRun>();
                var outputItems = 0;
                var count = rng.Next(1, 12);
                for (var r = 0; r < count; r++)
                {
                    var length = rng.Next(0, t % 5 == 0 ? items : 3000);
                    var source = rng.Next(items - Math.Min(length, items) + 1);
                    length = Math.Min(length, items - source);
                    runs.Add(new ItemRun(source, length, 0));
                }
                var order = runs.OrderBy(_ => rng.Next()).ToList();
                for (var r = 0; r < order.Count; r++)
                {
                    order[r] = order[r] with { Destination = outputItems + 1 };
                    outputItems += order[r].Count + 1; // a gap item between runs stays untouched
                }
                var output = new byte[(outputItems + 1) * itemSize];
                Array.Fill(output, (byte)0xEE);
                var expected = (byte[])output.Clone();
                foreach (var run in order)
                    input.AsSpan(run.Source * itemSize, run.Count * itemSize).CopyTo(expected.AsSpan(run.Destination * itemSize));

                Assert.True(codec.TryDecodeRuns(frame, BloscCodec.GetDecodedLength(frame), itemSize, order.ToArray(), output, threads));
                Assert.Equal(expected, output);
            }
        }
    }

    [Fact]
    public void RunsEndingInsideABlockDecodeTheSame()
    {
        // With liblz4 the streams of a block stop at the last item a run needs (K4os decodes them
        // whole; NativeLz4's own tests compare the two prefix decoders).
        foreach (var shuffle in new[] { BloscShuffle.Shuffle, BloscShuffle.NoShuffle })
        {
            var input = BloscTestData.Smooth(4 * 30_000, 4, 7);
            var codec = new BloscCodec("lz4", 5, shuffle, 16384);
            var frame = BloscTestData.Encode(codec, input, 4);
            foreach (var (source, count) in new[] { (0, 1), (5, 100), (4096, 1), (4000, 200), (29_999, 1), (100, 12_000) })
            {
                var output = new byte[count * 4];
                Assert.True(codec.TryDecodeRuns(frame, BloscCodec.GetDecodedLength(frame), 4, [new ItemRun(source, count, 0)], output, 1));
                Assert.Equal(input.AsSpan(source * 4, count * 4).ToArray(), output);
            }
        }
    }

    [Fact]
    public void BitShuffledFramesAreDeclined()
    {
        var input = BloscTestData.Smooth(40_000, 4, 1);
        var codec = new BloscCodec("lz4", 5, BloscShuffle.BitShuffle, 4096);
        var frame = BloscTestData.Encode(codec, input, 4);
        var output = new byte[400];
        Assert.False(codec.TryDecodeRuns(frame, BloscCodec.GetDecodedLength(frame), 4, [new ItemRun(0, 100, 0)], output, 1));
        Assert.All(output, b => Assert.Equal(0, b));
    }

    [Fact]
    public void AShuffledFrameOfAnotherItemSizeIsDeclined()
    {
        var input = BloscTestData.Smooth(40_000, 4, 1);
        var codec = new BloscCodec("lz4", 5, BloscShuffle.Shuffle, 4096);
        var frame = BloscTestData.Encode(codec, input, 4);
        Assert.False(codec.TryDecodeRuns(frame, BloscCodec.GetDecodedLength(frame), 8, [new ItemRun(0, 10, 0)], new byte[80], 1));
    }

    [Fact]
    public void RunsOutsideTheFrameOrTheOutputAreRejected()
    {
        var input = BloscTestData.Smooth(40_000, 4, 1);
        var codec = new BloscCodec("lz4", 5, BloscShuffle.Shuffle, 4096);
        var frame = BloscTestData.Encode(codec, input, 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => codec.TryDecodeRuns(frame, BloscCodec.GetDecodedLength(frame), 4, [new ItemRun(9_999, 2, 0)], new byte[8], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => codec.TryDecodeRuns(frame, BloscCodec.GetDecodedLength(frame), 4, [new ItemRun(-1, 2, 0)], new byte[8], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => codec.TryDecodeRuns(frame, BloscCodec.GetDecodedLength(frame), 4, [new ItemRun(0, 3, 0)], new byte[8], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => codec.TryDecodeRuns(frame, BloscCodec.GetDecodedLength(frame), 4, [new ItemRun(0, 1, -1)], new byte[8], 1));
    }

    [Fact]
    public void ACorruptBlockIsACodecErrorNotACrash()
    {
        var input = BloscTestData.Smooth(40_000, 4, 1);
        var codec = new BloscCodec("lz4", 5, BloscShuffle.Shuffle, 4096);
        var frame = BloscTestData.Encode(codec, input, 4);
        for (var i = frame.Length / 2; i < frame.Length / 2 + 40; i++) frame[i] ^= 0x5A;
        var output = new byte[40_000];
        var error = Record.Exception(() => codec.TryDecodeRuns(frame, BloscCodec.GetDecodedLength(frame), 4, [new ItemRun(0, 10_000, 0)], output, 1));
        Assert.IsType<ZarrCodecException>(error);
    }
}
