using K4os.Compression.LZ4;
using Zarr.Codecs.Blosc;

namespace Zarr.Runtime.Tests.Indexing;

/// <summary>Single bytes read in place from LZ4 blocks equal the decompressed bytes (runs, periodic data, noise, overlapping matches).</summary>
public class Lz4RandomAccessTests
{
    public static TheoryData<string> Kinds() => new() { "runs", "periodic", "noise", "mixed", "tiny" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryByteMatchesTheDecompressedBlock(string kind)
    {
        var rng = new Random(kind.Length);
        var n = kind == "tiny" ? 7 : 50_000;
        var data = new byte[n];
        for (var i = 0; i < n; i++)
        {
            data[i] = kind switch
            {
                "runs" => (byte)(i / 300),
                "periodic" => (byte)(i % 7 * 31 + i / 1000),
                "noise" => (byte)rng.Next(256),
                "mixed" => i % 5000 < 2500 ? (byte)rng.Next(4) : (byte)(i % 3),
                _ => (byte)i,
            };
        }
        foreach (var level in new[] { LZ4Level.L00_FAST, LZ4Level.L09_HC })
        {
            var compressed = new byte[LZ4Codec.MaximumOutputSize(n)];
            var length = LZ4Codec.Encode(data, compressed, level);
            var input = compressed.AsSpan(0, length);
            var max = Lz4RandomAccess.MaxSegments(length);
            var starts = new int[max];
            var sources = new int[max];
            Assert.True(Lz4RandomAccess.TryIndex(input, n, starts, sources, out var count));
            for (var p = 0; p < n; p++)
            {
                var budget = int.MaxValue;
                var b = Lz4RandomAccess.ByteAt(input, starts.AsSpan(0, count), sources.AsSpan(0, count), p, ref budget);
                if (b != data[p]) Assert.Fail($"{kind} {level}: byte {p} is {b}, expected {data[p]}");
            }
            Assert.False(Lz4RandomAccess.TryIndex(input, n + 1, starts, sources, out _));
            Assert.False(Lz4RandomAccess.TryIndex(input[..^1], n, starts, sources, out _));
        }
    }
}
