using System.Diagnostics;
using Zarr;
using Zarr.Codecs;
using Zarr.Stores;

/// <summary>
/// Our side of benchmarks/shard_compare.py (issue 18): a 4000² int32 array (element = flat index) in
/// Zarr v3 with 1000² shards of 100² inner chunks, against zarrita (benchmarks/zarrita/shard_bench.mjs)
/// and against our own unsharded v2 reads of the same data. Inside shards and in the unsharded arrays
/// the compressor is the same (zstd level 1 unless the driver asks for gzip level 1), after a
/// little-endian bytes codec; the shard index keeps our default index codecs (bytes + crc32c).
/// </summary>
internal static class ShardWorkloads
{
    public const long Size = 4000;
    public const int Inner = 100;
    public const int Shard = 1000;
    public const int Windows = 1000;

    public static readonly string[] Names = ["shard-prepare", "s1", "s1u", "s2", "s3", "u100", "u1000", "check"];

    /// <summary>Runs one workload; false when <paramref name="workload"/> is not one of ours.</summary>
    public static bool TryRun(string workload, string dir, string tag, string codec, Clock sw)
    {
        switch (workload)
        {
            case "shard-prepare":
            {
                // The stores the read workloads share: the sharded v3 array (zarrita reads the same
                // files) and the two unsharded v2 arrays of the same data.
                var nd = Data();
                Sharded(Path.Combine(dir, "s.zarr"), codec)[..] = nd;
                V2(Path.Combine(dir, "u100.zarr"), Inner, codec)[..] = nd;
                V2(Path.Combine(dir, "u1000.zarr"), Shard, codec)[..] = nd;
                return true;
            }
            case "s1":
            {
                var nd = Data();
                var path = Path.Combine(dir, $"s1_cs{tag}.zarr");
                sw.Start();
                Sharded(path, codec)[..] = nd;
                sw.Stop();
                return true;
            }
            case "s1u":
            {
                // The same write without shards: v3, 100² chunks, one file each (what zarrita writes in s1).
                var nd = Data();
                var path = Path.Combine(dir, $"s1u_cs{tag}.zarr");
                sw.Start();
                var z = ZarrArray.Create<int>([Size, Size], [Inner, Inner], new ArrayOptions { ZarrFormat = 3, Compressor = Compressor(codec) }, new DirectoryStore(path));
                z[..] = nd;
                sw.Stop();
                return true;
            }
            case "check":
            {
                // The array at <folder> (zarrita's s1/s1u output) read whole and every element checked; untimed.
                var all = ZarrArray.Open(new DirectoryStore(dir), "r").As<int>().Read().Data;
                if (all.Length != Size * Size) throw new InvalidOperationException($"{dir}: {all.Length} elements");
                for (var i = 0; i < all.Length; i++)
                    if (all[i] != i) throw new InvalidOperationException($"{dir}: element {i} is {all[i]}, expected {i}");
                return true;
            }
            case "s2":
            case "u100":
            case "u1000":
            {
                var name = workload == "s2" ? "s.zarr" : workload + ".zarr";
                sw.Start();
                var z = ZarrArray.Open(new DirectoryStore(Path.Combine(dir, name)), "r").As<int>();
                var all = z.Read();
                sw.Stop();
                if (all.Data.Length != Size * Size || all.Data[12_345_678] != 12_345_678 || all.Data[^1] != Size * Size - 1)
                    throw new InvalidOperationException($"{workload} read wrong data");
                return true;
            }
            case "s3":
            {
                var windows = InnerChunkWindows();
                sw.Start();
                var z = ZarrArray.Open(new DirectoryStore(Path.Combine(dir, "s.zarr")), "r").As<int>();
                long sum = 0;
                foreach (var (r, c) in windows)
                {
                    var w = z[Selector.Slice(r, r + Inner), Selector.Slice(c, c + Inner)];
                    sum += w.Data[0] + w.Data[^1];
                }
                sw.Stop();
                long expected = 0;
                foreach (var (r, c) in windows) expected += r * Size + c + (r + Inner - 1) * Size + c + Inner - 1;
                if (sum != expected) throw new InvalidOperationException($"s3 read wrong data ({sum}, expected {expected})");
                return true;
            }
            default:
                return false;
        }
    }

    /// <summary>The 1,000 inner chunks of s3 as (first row, first column): Lcg(18), row then column, as shard_bench.mjs draws them.</summary>
    public static (long R, long C)[] InnerChunkWindows()
    {
        var rng = new Lcg(18);
        var n = Size / Inner;
        var windows = new (long, long)[Windows];
        for (var i = 0; i < windows.Length; i++) windows[i] = (rng.Next(n) * Inner, rng.Next(n) * Inner);
        return windows;
    }

    private static NDArray<int> Data()
    {
        var data = new int[Size * Size];
        for (var i = 0; i < data.Length; i++) data[i] = i;
        return NDArray<int>.From(data, (int)Size, (int)Size);
    }

    private static BytesCodec Compressor(string codec) => codec switch
    {
        "zstd" => new ZstdCodec(1),
        "gzip" => new GZipCodec(1),
        _ => throw new ArgumentException($"unknown codec '{codec}' (zstd or gzip)"),
    };

    private static ZarrArray<int> Sharded(string path, string codec) =>
        ZarrArray.Create<int>([Size, Size], [Inner, Inner], new ArrayOptions { ZarrFormat = 3, Shards = [Shard, Shard], Compressor = Compressor(codec) }, new DirectoryStore(path));

    private static ZarrArray<int> V2(string path, int chunk, string codec) =>
        ZarrArray.Create<int>([Size, Size], [chunk, chunk], new ArrayOptions { Compressor = Compressor(codec) }, new DirectoryStore(path));
}

/// <summary>
/// Wall time and this process's CPU time (every thread, user + system) of the timed region: on a
/// shared machine the CPU time is the steadier figure.
/// </summary>
internal sealed class Clock
{
    private readonly Stopwatch _wall = new();
    private TimeSpan _cpuAtStart;

    public double Seconds => _wall.Elapsed.TotalSeconds;

    public double CpuSeconds { get; private set; }

    public void Start()
    {
        _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        _wall.Start();
    }

    public void Stop()
    {
        _wall.Stop();
        CpuSeconds += (Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart).TotalSeconds;
    }
}
