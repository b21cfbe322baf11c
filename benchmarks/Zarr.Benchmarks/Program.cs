using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Zarr.Codecs;
using Zarr.Internal;

namespace Zarr.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length >= 1 && args[0] == "--compare") return Compare(args.Skip(1).ToArray());
        if (args.Length >= 1 && args[0] == "--indexing-compare") return IndexingCompare.Run(args.Skip(1).ToArray());
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }

    /// <summary>
    /// The quick side of benchmarks/blosc_compare.sh: times encode and decode (median of repeats) of the
    /// benchmark chunk, decoding numcodecs' own frames from <c>dir</c>, and prints one line per case.
    /// </summary>
    private static int Compare(string[] args)
    {
        var dir = args[0];
        var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 25;
        var threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        var data = BenchData.RandomWalkInt32();
        var expected = File.ReadAllBytes(Path.Combine(dir, "data.bin"));
        if (!data.AsSpan().SequenceEqual(expected)) throw new InvalidOperationException("NumPy and C# benchmark data differ");
        var destination = new byte[data.Length];
        using var writer = new PooledBufferWriter(data.Length + 64);
        foreach (var (name, codec) in new[]
        {
            ("lz4-shuffle", new BloscCodec("lz4", 5, BloscShuffle.Shuffle) { Threads = threads }),
            ("zstd3-bitshuffle", new BloscCodec("zstd", 3, BloscShuffle.BitShuffle) { Threads = threads }),
        })
        {
            var theirs = File.ReadAllBytes(Path.Combine(dir, name + ".blosc"));
            codec.DecodeInto(theirs, destination);
            if (!destination.AsSpan().SequenceEqual(data)) throw new InvalidOperationException(name + ": numcodecs frame decodes wrong");
            var (encode, encodeMin) = Time(repeats, () =>
            {
                writer.Clear();
                codec.Encode(data, 4, writer);
            });
            var ours = writer.WrittenSpan.ToArray();
            var (decode, decodeMin) = Time(repeats, () => codec.DecodeInto(theirs, destination));
            var (decodeOurs, _) = Time(repeats, () => codec.DecodeInto(ours, destination));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name} encode_s={encode:E4} encode_min_s={encodeMin:E4} decode_s={decode:E4} decode_min_s={decodeMin:E4} decode_own_s={decodeOurs:E4} size={ours.Length}"));
        }
        return 0;
    }

    /// <summary>The median and the fastest of <paramref name="repeats"/> timed runs.</summary>
    private static (double Median, double Min) Time(int repeats, Action action)
    {
        // Warm up for a second so tiered JIT has promoted every hot method to optimised code.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < 1) action();
        var times = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times[i] = sw.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return (times[repeats / 2], times[0]);
    }
}
