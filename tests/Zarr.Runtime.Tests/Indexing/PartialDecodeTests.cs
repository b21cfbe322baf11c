using Zarr.Codecs;
using Zarr.Stores;

namespace Zarr.Runtime.Tests.Indexing;

/// <summary>
/// Reads that decode only part of a chunk (the blocks of a Blosc frame, the head of a zlib stream,
/// a slice of an uncompressed chunk) give the same values as whole-chunk decodes, for every kind
/// of selection and every Blosc layout (shuffles, forced small blocks, stored frames).
/// </summary>
public class PartialDecodeTests
{
    public static TheoryData<string> Codecs() => new()
    {
        "none", "zlib", "blosc-lz4-shuffle", "blosc-lz4-shuffle-4k", "blosc-zstd-bitshuffle-8k", "blosc-blosclz-noshuffle-4k", "blosc-stored",
    };

    private static BytesCodec? Make(string name) => name switch
    {
        "none" => null,
        "zlib" => new ZlibCodec(1),
        "blosc-lz4-shuffle" => new BloscCodec("lz4", 5, BloscShuffle.Shuffle),
        "blosc-lz4-shuffle-4k" => new BloscCodec("lz4", 5, BloscShuffle.Shuffle, 4096),
        "blosc-zstd-bitshuffle-8k" => new BloscCodec("zstd", 3, BloscShuffle.BitShuffle, 8192),
        "blosc-blosclz-noshuffle-4k" => new BloscCodec("blosclz", 5, BloscShuffle.NoShuffle, 4096),
        _ => new BloscCodec("lz4", 0, BloscShuffle.Shuffle),
    };

    [Theory]
    [MemberData(nameof(Codecs))]
    public void PartialReadsMatchTheData(string codec)
    {
        const int n = 250;
        var rng = new Random(codec.Length);
        // Smooth values (compressible) with noise, so every codec makes real blocks and matches.
        var data = Enumerable.Range(0, n * n).Select(i => i / 7 + rng.Next(4)).ToArray();
        var z = ZarrArray.Create<int>([n, n], [200, 120], new ArrayOptions { Compressor = Make(codec) }, new MemoryStore());
        z[Selector.Ellipsis] = NDArray<int>.From(data, n, n);
        for (var i = 0; i < 60; i++)
        {
            var r = rng.Next(n);
            var c = rng.Next(n);
            var h = rng.Next(1, n - r + 1);
            var w = rng.Next(1, n - c + 1);
            var window = z[r..(r + h), c..(c + w)];
            for (var a = 0; a < h; a++)
                for (var b = 0; b < w; b++)
                    if (window.Data[a * w + b] != data[(r + a) * n + c + b]) Assert.Fail($"{codec}: window ({r}, {c}) {h}x{w} differs at ({a}, {b})");
            var rows = Enumerable.Range(0, rng.Next(1, 20)).Select(_ => rng.Next(n)).ToArray();
            var cols = rows.Select(_ => rng.Next(n)).ToArray();
            Assert.Equal(rows.Zip(cols, (x, y) => data[x * n + y]), z.VIndex[rows, cols].Data);
            var step = rng.Next(1, 40);
            Assert.Equal(Enumerable.Range(0, (n - c + step - 1) / step).Select(k => data[r * n + c + k * step]), z.OIndex[r, Selector.Slice(c, null, step)].Data);
        }
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void ChunksThatAreOneStretchOfTheOutputDecodeStraightIntoIt(string codec)
    {
        // Chunks of whole rows: a read of whole chunks is one run of the output (decoded in place);
        // F order and a filter take the same path through the full pipeline.
        const int rows = 95, cols = 64;
        var data = Enumerable.Range(0, rows * cols).Select(i => i * 3 - 500).ToArray();
        foreach (var (order, filters) in new[] { ('C', (IZarrCodec[]?)null), ('F', null), ('C', [new DeltaCodec(Zarr.DataTypes.ZarrDType.Int32)]) })
        {
            var options = new ArrayOptions { Compressor = Make(codec), Order = order, Filters = filters };
            var z = ZarrArray.Create<int>([rows, cols], [10, cols], options, new MemoryStore());
            z[Selector.Ellipsis] = NDArray<int>.From(data, rows, cols);
            Assert.Equal(data, z.Read().Data);
            Assert.Equal(data[(20 * cols)..(57 * cols)], z[20..57, ..].Data);
            Assert.Equal(data[(90 * cols)..], z[90.., ..].Data); // the last, partial chunk
            var line = ZarrArray.Create<int>([1000], [128], options, new MemoryStore());
            line[Selector.Ellipsis] = NDArray<int>.From(data[..1000], 1000);
            Assert.Equal(data[..1000], line.Read().Data);
            Assert.Equal(data[128..640], line[128..640].Data);
        }
    }

    [Fact]
    public void WindowsReadFromManyThreadsAtOnceAreAllRight()
    {
        // Each thread keeps its own run buffers, and large windows decode their blocks in parallel too.
        const int n = 600;
        var data = Enumerable.Range(0, n * n).Select(i => i / 5).ToArray();
        var z = ZarrArray.Create<int>([n, n], [250, 250], new ArrayOptions { Compressor = new BloscCodec("lz4", 5, BloscShuffle.Shuffle, 16384) }, new MemoryStore());
        z[Selector.Ellipsis] = NDArray<int>.From(data, n, n);
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var rng = new Random(i);
            var r = rng.Next(n);
            var c = rng.Next(n);
            var h = rng.Next(1, n - r + 1);
            var w = rng.Next(1, n - c + 1);
            var window = z[r..(r + h), c..(c + w)].Data;
            for (var a = 0; a < h; a++)
                for (var b = 0; b < w; b++)
                    if (window[a * w + b] != data[(r + a) * n + c + b]) Assert.Fail($"window ({r}, {c}) {h}x{w} differs at ({a}, {b})");
        });
    }
}
