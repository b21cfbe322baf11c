// One workload of the zarr-python comparison, timed inside the process (start-up excluded).
// Usage: Zarr.Compare <workload> <folder> [tag] [--warm] [codec]   — prints "<workload> <seconds>" (the
// sharding workloads add the CPU seconds); written arrays are named <workload>_cs<tag>.zarr. With --warm
// the operation first runs once untimed on other paths (its own output names, and the copy w1_warm.zarr
// for the reads), as a long-running process would have run it before.
// The same workloads are implemented for zarr-python in benchmarks/compare.py, which alternates
// both sides on the same files and prints the table. The sharding workloads (s1, s1u, s2, s3, u100,
// u1000, shard-prepare; codec zstd or gzip) are in ShardWorkloads.cs, driven by
// benchmarks/shard_compare.py against zarrita.
using System.Diagnostics;
using Zarr;
using Zarr.Codecs;
using Zarr.Stores;

// No LINQ before the timed region: it would compile, untimed, code the library's first call may need.
var warm = Array.IndexOf(args, "--warm") >= 0;
if (warm) args = Array.FindAll(args, a => a != "--warm");
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Zarr.Compare <w1|w2|w3|w4|w5|w6|w7|limit|s1|s1u|s2|s3|u100|u1000|shard-prepare> <folder> [tag] [--warm] [codec]");
    return 2;
}
var workload = args[0];
var dir = args[1];
var tag = args.Length > 2 ? args[2] : "";
if (Array.IndexOf(ShardWorkloads.Names, workload) >= 0)
{
    var clock = new Clock();
    ShardWorkloads.TryRun(workload, dir, tag, args.Length > 3 ? args[3] : "zstd", clock);
    Console.WriteLine($"{workload} {clock.Seconds:F6} {clock.CpuSeconds:F6}");
    return 0;
}
if (warm)
{
    if (Run(workload, dir, tag + "_warm", "w1_warm.zarr") is null) return 2;
    // What the warm-up allocated is garbage now; zarr-python frees it on return (reference counting).
    GC.Collect();
}
var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
var jitTime = System.Runtime.JitInfo.GetCompilationTime();
var exceptions = 0; // thrown (and caught) inside the timed run: expected paths should throw none
if (Environment.GetEnvironmentVariable("ZARR_COMPARE_JITINFO") == "1")
    AppDomain.CurrentDomain.FirstChanceException += (_, _) => Interlocked.Increment(ref exceptions);
var seconds = Run(workload, dir, tag, "w1.zarr");
if (seconds is null) return 2;
Console.WriteLine($"{workload} {seconds:F6}");
// What the run compiled (its input's set-up included): the measure of first-call work in --mode jit/r2r.
if (Environment.GetEnvironmentVariable("ZARR_COMPARE_JITINFO") == "1")
    Console.Error.WriteLine($"{workload}: {System.Runtime.JitInfo.GetCompiledMethodCount() - jitted} methods compiled, "
        + $"{(System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds:F0} ms compiling, {exceptions} exceptions thrown");
return 0;

// Runs one workload and returns the seconds its operation took (null for an unknown workload).
// source is the store the read workloads read (w1.zarr, or its copy for the warm-up).
static double? Run(string workload, string dir, string tag, string source)
{
    var sw = new Stopwatch();
    switch (workload)
    {
        case "w1":
        {
            // write a 10000x10000 int32 arange, chunks 1000x1000, default compressor (Blosc lz4), DirectoryStore
            var nd = Arange(10000);
            var path = Path.Combine(dir, $"w1_cs{tag}.zarr");
            sw.Start();
            var z = ZarrArray.Open<int>(new DirectoryStore(path), "w", [10000, 10000], [1000, 1000]);
            z[..] = nd;
            sw.Stop();
            break;
        }
        case "w2":
        {
            sw.Start();
            var z = ZarrArray.Open(new DirectoryStore(Path.Combine(dir, source)), "r").As<int>();
            var all = z.Read();
            sw.Stop();
            if (all.Data[12345] != 12345) throw new InvalidOperationException("w2 read wrong data");
            break;
        }
        case "w3":
        {
            var (rows, cols) = Points(10_000, 10000);
            sw.Start();
            var z = ZarrArray.Open(new DirectoryStore(Path.Combine(dir, source)), "r").As<int>();
            var values = CoordinateSelection(z, rows, cols);
            sw.Stop();
            if (values[0] != (int)(rows[0] * 10000 + cols[0])) throw new InvalidOperationException("w3 read wrong data");
            break;
        }
        case "w4":
        {
            var rng = new Random(42);
            var data = new double[4000 * 4000];
            for (var i = 0; i < data.Length; i++)
            {
                var u1 = 1.0 - rng.NextDouble();
                var u2 = rng.NextDouble();
                data[i] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            }
            var nd = NDArray<double>.From(data, 4000, 4000);
            var path = Path.Combine(dir, $"w4_cs{tag}.zarr");
            sw.Start();
            var z = ZarrArray.Open<double>(new DirectoryStore(path), "w", [4000, 4000], [500, 500], new ArrayOptions { Compressor = new ZstdCodec(3) });
            z[..] = nd;
            var back = z.Read();
            sw.Stop();
            if (back.Data[777] != data[777]) throw new InvalidOperationException("w4 read wrong data");
            break;
        }
        case "w5":
        {
            var nd = Arange(2000);
            var path = Path.Combine(dir, $"w5_cs{tag}.zarr");
            sw.Start();
            var z = ZarrArray.Open<int>(new DirectoryStore(path), "w", [2000, 2000], [20, 20]);
            z[..] = nd;
            var back = z.Read();
            sw.Stop();
            if (back.Data[4321] != 4321) throw new InvalidOperationException("w5 read wrong data");
            break;
        }
        case "w6":
        {
            var path = Path.Combine(dir, $"w6_cs{tag}.zarr");
            sw.Start();
            var root = ZarrGroup.Create(new DirectoryStore(path), overwrite: true);
            for (var g = 0; g < 10; g++)
            {
                var grp = root.CreateGroup("group" + g);
                grp.Attrs["index"] = g;
                for (var a = 0; a < 100; a++)
                {
                    var arr = grp.Zeros<int>("array" + a, [100], [100]);
                    arr.Attrs.Update([new("units", "m"), new("scale", a * 0.5)]);
                }
            }
            var opened = ZarrGroup.Open(new DirectoryStore(path), "r");
            var count = Walk(opened);
            sw.Stop();
            if (count != 1010) throw new InvalidOperationException($"w6 walked {count} nodes");
            break;
        }
        case "w7":
        {
            var rng = new Lcg(7);
            var windows = new (long R, long C)[200];
            for (var i = 0; i < windows.Length; i++) windows[i] = (rng.Next(10000 - 300), rng.Next(10000 - 300));
            sw.Start();
            var z = ZarrArray.Open(new DirectoryStore(Path.Combine(dir, source)), "r").As<int>();
            long sum = 0;
            foreach (var (r, c) in windows) sum += z[Selector.Slice(r, r + 300), Selector.Slice(c, c + 300)].Data[0];
            sw.Stop();
            if (sum == 0) throw new InvalidOperationException("w7 read wrong data");
            break;
        }
        case "limit":
        {
            // The machine's limit for w2: the same 100 chunks, already in memory, decoded (LZ4 + unshuffle)
            // by the Blosc codec alone on every core into reused per-thread buffers: no store, no
            // selection, no fresh output pages.
            var chunkDir = Path.Combine(dir, source);
            var frames = Directory.GetFiles(chunkDir).Where(f => !Path.GetFileName(f).StartsWith('.')).Select(File.ReadAllBytes).ToArray();
            var codec = new BloscCodec { Threads = 1 };
            var buffers = new ThreadLocal<byte[]>(() => new byte[4_000_000]);
            Parallel.For(0, frames.Length, i => codec.DecodeInto(frames[i], buffers.Value!)); // warm-up, untimed
            sw.Start();
            Parallel.For(0, frames.Length, i => codec.DecodeInto(frames[i], buffers.Value!));
            sw.Stop();
            if (frames.Length != 100) throw new InvalidOperationException($"expected the 100 chunks of w1.zarr, found {frames.Length}");
            break;
        }
        default:
            Console.Error.WriteLine($"unknown workload '{workload}'");
            return null;
    }
    return sw.Elapsed.TotalSeconds;
}

// NumPy's arange(side * side).reshape(side, side) as int32.
static NDArray<int> Arange(int side)
{
    var data = new int[side * side];
    for (var i = 0; i < data.Length; i++) data[i] = i;
    return NDArray<int>.From(data, side, side);
}

static int Walk(ZarrGroup g)
{
    var n = 0;
    foreach (var (_, node) in g.Members())
    {
        n++;
        _ = node.Attrs.Count;
        if (node is ZarrGroup child) n += Walk(child);
        else if (node is ZarrArray a) _ = a.Shape;
    }
    return n;
}

static (long[] Rows, long[] Cols) Points(int n, long size)
{
    var rng = new Lcg(3);
    var rows = new long[n];
    var cols = new long[n];
    for (var i = 0; i < n; i++)
    {
        rows[i] = rng.Next(size);
        cols[i] = rng.Next(size);
    }
    return (rows, cols);
}

static int[] CoordinateSelection(ZarrArray<int> z, long[] rows, long[] cols) => CompareShim.Coordinates(z, rows, cols);

/// <summary>A tiny LCG shared with compare.py so both sides pick the same points and windows.</summary>
internal sealed class Lcg(ulong seed)
{
    private ulong _state = seed;

    public long Next(long bound)
    {
        _state = unchecked(_state * 6364136223846793005UL + 1442695040888963407UL);
        return (long)((_state >> 33) % (ulong)bound);
    }
}
