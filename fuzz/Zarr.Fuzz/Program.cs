using System.Diagnostics;
using System.Globalization;
using System.Text;
using Zarr;
using Zarr.Fuzz;
using Zarr.Stores;

// Zarr.Fuzz: mutates real chunks of every codec and filter, and the metadata documents of a small
// hierarchy, and reads them through every read path. Each read must succeed or fail with a
// ZarrException; anything else, a read that runs past the hang limit, or a read that allocates more
// than twice the largest legitimate chunk (plus a fixed allowance for the error itself) is a finding.
// Exit code 0 when there is none. See fuzz/README.md.

var options = FuzzOptions.Parse(args);
var report = new Report();
var watchdog = new Watchdog(TimeSpan.FromSeconds(options.HangSeconds));
var stopwatch = Stopwatch.StartNew();
var rng = new Random(options.Seed);

var corpus = Corpus.Build();
var donors = corpus.SelectMany(a => a.Store.ListPrefix("").Where(IsChunkKey).Select(k => a.Store.Get(k)!)).ToList();
var baselines = new Dictionary<(string, string), long>();
foreach (var array in corpus)
{
    foreach (var (path, read) in ReadPaths.For(array.Array))
    {
        read(); // warm up, then measure what an intact read allocates
        var before = GC.GetTotalAllocatedBytes(true);
        read();
        baselines[(array.Name, path)] = GC.GetTotalAllocatedBytes(true) - before;
    }
}
var hierarchy = Hierarchy.Build();

var iteration = 0;
while (iteration < options.Iterations && stopwatch.Elapsed.TotalSeconds < options.Seconds)
{
    if (iteration % 5 == 4) FuzzMetadata(iteration);
    else FuzzChunk(iteration);
    iteration++;
}

report.Print(options, iteration, stopwatch.Elapsed);

// Chunk (or shard) keys: every key that is not a metadata document.
static bool IsChunkKey(string k) => !k.StartsWith('.') && !k.EndsWith("zarr.json", StringComparison.Ordinal);
watchdog.Stop();
return report.Findings == 0 ? 0 : 1;

void FuzzChunk(int it)
{
    var array = corpus[rng.Next(corpus.Count)];
    var keys = array.Store.ListPrefix("").Where(IsChunkKey).ToList();
    var key = keys[rng.Next(keys.Count)];
    var original = array.Store.Get(key)!;
    var mutated = Mutator.MutateBytes(rng, original, donors, out var how);
    array.Store.Set(key, mutated);
    try
    {
        report.ChunkMutations++;
        foreach (var (path, read) in ReadPaths.For(array.Array))
        {
            var where = $"seed {options.Seed} iteration {it}: array {array.Name}, chunk {key} ({how}), read {path}";
            var allocated = Run(where, read, metadata: false);
            var extra = allocated - baselines[(array.Name, path)];
            report.NoteAllocation(array, path, extra, where);
        }
    }
    finally
    {
        array.Store.Set(key, original);
    }
}

void FuzzMetadata(int it)
{
    var store = hierarchy.Clone();
    var keys = store.ListPrefix("").Where(k => k.EndsWith(".zarray", StringComparison.Ordinal) || k.EndsWith(".zgroup", StringComparison.Ordinal) || k.EndsWith(".zattrs", StringComparison.Ordinal) || k.EndsWith(".zmetadata", StringComparison.Ordinal) || k.EndsWith("zarr.json", StringComparison.Ordinal)).ToList();
    var key = keys[rng.Next(keys.Count)];
    var mutated = Mutator.MutateJson(rng, store.Get(key)!, out var how);
    store.Set(key, mutated);
    report.MetadataMutations++;
    var where = $"seed {options.Seed} iteration {it}: metadata {key} ({how})";
    Run(where + ", open and walk", () => Hierarchy.Walk(ZarrGroup.Open(store, "r")), metadata: true);
    Run(where + ", consolidated", () => Hierarchy.Walk(ZarrGroup.OpenConsolidated(store, "r")), metadata: true);
    Run(where + ", open array", () => Hierarchy.ReadArray(ZarrArray.Open(store, "r", "g/a")), metadata: true);
    Run(where + ", open v3 array", () => Hierarchy.ReadArray(ZarrArray.Open(store, "r", "v3/sharded")), metadata: true);
}

long Run(string where, Action read, bool metadata)
{
    var before = GC.GetTotalAllocatedBytes(true);
    watchdog.Start(where);
    try
    {
        read();
        report.Ok++;
    }
    catch (ZarrException)
    {
        report.Clean++;
    }
    catch (ArgumentOutOfRangeException e) when (metadata && (e.ParamName == "selection" || e.ParamName?.StartsWith("dim", StringComparison.Ordinal) == true))
    {
        report.Clean++; // a selection too large for the (mutated) shape is refused as such
    }
    catch (Exception e)
    {
        report.Other(where, e);
    }
    finally
    {
        watchdog.Done();
    }
    return GC.GetTotalAllocatedBytes(true) - before;
}

internal sealed record FuzzOptions(int Seed, int Iterations, double Seconds, double HangSeconds)
{
    public static FuzzOptions Parse(string[] args)
    {
        int seed = 1, iterations = 2000;
        double seconds = double.PositiveInfinity, hang = 10;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var v = args[i + 1];
            switch (args[i])
            {
                case "--seed": seed = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--iterations": iterations = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = double.Parse(v, CultureInfo.InvariantCulture); iterations = v == "0" ? iterations : int.MaxValue; break;
                case "--hang-seconds": hang = double.Parse(v, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}; use --seed N, --iterations N, --seconds S, --hang-seconds S");
            }
        }
        return new FuzzOptions(seed, iterations, seconds, hang);
    }
}

/// <summary>The read paths of one array: whole, a window, points, a block, orthogonal and the edge chunk.</summary>
internal static class ReadPaths
{
    public static IEnumerable<(string Path, Action Read)> For(ZarrArray array) => array.DType.TypeStr switch
    {
        "<i4" => Typed(array.As<int>()),
        "<f8" or ">f8" => Typed(array.As<double>()),
        "|b1" => Typed(array.As<bool>()),
        _ when array.Filters[0] is Zarr.Codecs.PickleCodec => Typed(array.As<object>()),
        _ when array.CanReadAs<string>() => Typed(array.As<string>()),
        _ when array.CanReadAs<byte[]>() => Typed(array.As<byte[]>()),
        _ when array.CanReadAs<int[]>() => Typed(array.As<int[]>()),
        _ => throw new InvalidOperationException("no element type for " + array),
    };

    private static IEnumerable<(string, Action)> Typed<T>(ZarrArray<T> z)
    {
        yield return ("whole", () => z.Read());
        yield return ("window", () => _ = z[3..9, 5..33]);
        yield return ("points", () => _ = z.VIndex[new[] { 0, 15, 16, 36 }, new[] { 0, 19, 20, 44 }]);
        yield return ("block", () => z.GetBlockSelection(1, 1));
        yield return ("orthogonal", () => z.GetOrthogonalSelection(new[] { 1, 17, 33 }, 2..40));
        yield return ("edge", () => _ = z[32.., 40..]);
    }
}

/// <summary>A small hierarchy with attributes and consolidated metadata, for the metadata mutations.</summary>
internal static class Hierarchy
{
    public static MemoryStore Build()
    {
        var store = new MemoryStore();
        var root = ZarrGroup.Open(store, "w");
        root.Attrs["title"] = "fuzz";
        var g = root.CreateGroup("g");
        g.Attrs["n"] = 3;
        var a = g.Zeros<int>("a", shape: [20, 30], chunks: [8, 16]);
        a[Selector.Ellipsis] = NDArray<int>.From(Enumerable.Range(0, 600).ToArray(), 20, 30);
        a.Attrs["_ARRAY_DIMENSIONS"] = new System.Text.Json.Nodes.JsonArray("y", "x");
        var s = root.Zeros<double>("s", shape: [5], chunks: [5], new ArrayOptions { Compressor = new Zarr.Codecs.ZlibCodec(1) });
        s[Selector.Ellipsis] = NDArray<double>.From([1, 2, 3, 4, 5], 5);
        ZarrGroup.ConsolidateMetadata(store);
        // A zarr v3 group beside it, with a sharded array, for mutations of zarr.json documents.
        var v3 = ZarrGroup.Create(store, path: "v3", zarrFormat: 3);
        v3.Attrs["title"] = "fuzz v3";
        var sharded = v3.Zeros<int>("sharded", shape: [20, 30], chunks: [4, 5], new ArrayOptions { Shards = [8, 10], DimensionNames = ["y", "x"] });
        sharded[Selector.Ellipsis] = NDArray<int>.From(Enumerable.Range(0, 600).ToArray(), 20, 30);
        return store;
    }

    public static MemoryStore Clone(this MemoryStore store)
    {
        var copy = new MemoryStore();
        foreach (var key in store.ListPrefix("")) copy.Set(key, store.Get(key)!);
        return copy;
    }

    public static void Walk(ZarrGroup group)
    {
        _ = group.Tree();
        _ = group.Info;
        _ = group.Attrs.AsJsonObject();
        foreach (var (_, node) in group.Members())
        {
            if (node is ZarrGroup child) Walk(child);
            else if (node is ZarrArray array) ReadArray(array);
        }
    }

    public static void ReadArray(ZarrArray array)
    {
        _ = array.Info;
        _ = array.Attrs.AsJsonObject();
        // A window of at most 2 along each dimension: a mutated shape may be huge.
        var window = Enumerable.Range(0, array.NDim).Select(_ => (Selector)(0..2)).ToArray();
        if (array.CanReadAs<int>()) _ = array.As<int>().Get(window);
        else if (array.CanReadAs<double>()) _ = array.As<double>().Get(window);
        else if (array.CanReadAs<long>()) _ = array.As<long>().Get(window);
        else if (array.CanReadAs<float>()) _ = array.As<float>().Get(window);
        else if (array.CanReadAs<byte>()) _ = array.As<byte>().Get(window);
        else if (array.CanReadAs<bool>()) _ = array.As<bool>().Get(window);
        else if (array.CanReadAs<string>()) _ = array.As<string>().Get(window);
    }
}

/// <summary>Ends the process when one read runs longer than the hang limit (a read cannot be aborted).</summary>
internal sealed class Watchdog
{
    private readonly TimeSpan _limit;
    private readonly Thread _thread;
    private volatile string? _current;
    private long _startedTicks;
    private volatile bool _stopped;

    public Watchdog(TimeSpan limit)
    {
        _limit = limit;
        _thread = new Thread(Loop) { IsBackground = true, Name = "fuzz watchdog" };
        _thread.Start();
    }

    public void Start(string where)
    {
        Interlocked.Exchange(ref _startedTicks, Stopwatch.GetTimestamp());
        _current = where;
    }

    public void Done() => _current = null;

    public void Stop() => _stopped = true;

    private void Loop()
    {
        while (!_stopped)
        {
            Thread.Sleep(200);
            var current = _current;
            if (current is not null && Stopwatch.GetElapsedTime(Interlocked.Read(ref _startedTicks)) > _limit)
            {
                Console.Out.WriteLine($"HANG: a read ran longer than {_limit.TotalSeconds} s: {current}");
                Console.Out.Flush();
                Environment.Exit(3);
            }
        }
    }
}

internal sealed class Report
{
    private readonly Dictionary<string, (int Count, string Example)> _other = [];
    private long _maxFixedExtra;
    private string _maxFixedWhere = "";
    private long _maxFixedLegit;
    private long _maxObjectExtra;
    private string _maxObjectWhere = "";
    private readonly List<string> _allocationFindings = [];

    /// <summary>
    /// What an error may cost beyond an intact read whatever the input claims: exception objects, messages
    /// and stack traces, and the working memory a decoder sets up per stream (bzip2 block tables, the
    /// managed zstd window), which an intact read takes from a pool.
    /// </summary>
    public const long ErrorAllowance = 2 << 20;

    /// <summary>
    /// Working memory a format itself prescribes whatever the chunk's size: a bzip2 stream's header
    /// names its block size (100–900 kB), and decoding a block takes about five bytes per block byte,
    /// so a 1 kB chunk written at level 9 legitimately needs some 4.5 MB.
    /// </summary>
    private static long WorkingMemory(string chain) => chain.Contains("bz2", StringComparison.Ordinal) ? 6L << 20 : 0;

    public int ChunkMutations { get; set; }
    public int MetadataMutations { get; set; }
    public long Ok { get; set; }
    public long Clean { get; set; }
    public long OtherCount { get; private set; }
    public int Findings => (int)OtherCount + _allocationFindings.Count;

    public void Other(string where, Exception e)
    {
        OtherCount++;
        var frame = e.StackTrace?.Split('\n').FirstOrDefault()?.Trim() ?? "";
        var key = e.GetType().Name + " " + frame;
        _other[key] = _other.TryGetValue(key, out var seen) ? (seen.Count + 1, seen.Example) : (1, $"{where}\n      {e.GetType().FullName}: {e.Message}");
    }

    public void NoteAllocation(CorpusArray array, string path, long extra, string where)
    {
        if (array.LegitimateChunkBytes == 0)
        {
            if (extra > _maxObjectExtra) (_maxObjectExtra, _maxObjectWhere) = (extra, where);
            // Object chunks are bounded by a multiple of their stored size (at least 16 MiB).
            if (extra > 2L * Zarr.Codecs.ChunkCodecPipeline<object>.MinObjectChunkLimit + ErrorAllowance + WorkingMemory(array.Name))
                _allocationFindings.Add($"{where}: {extra} bytes beyond an intact read");
            return;
        }
        if (extra > _maxFixedExtra) (_maxFixedExtra, _maxFixedWhere, _maxFixedLegit) = (extra, where, array.LegitimateChunkBytes);
        if (extra > 2 * array.LegitimateChunkBytes + ErrorAllowance + WorkingMemory(array.Name))
            _allocationFindings.Add($"{where}: {extra} bytes beyond an intact read, chunks hold {array.LegitimateChunkBytes}");
    }

    public void Print(FuzzOptions options, int iterations, TimeSpan elapsed)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"fuzz: seed {options.Seed}, {iterations} mutations in {elapsed.TotalSeconds:F1} s ({ChunkMutations} of chunks, each read 6 ways; {MetadataMutations} of metadata documents, each opened 4 ways)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"reads: {Ok + Clean + OtherCount} ({Ok} succeeded, {Clean} clean ZarrException, {OtherCount} other exceptions), 0 hangs, 0 crashes");
        sb.AppendLine(CultureInfo.InvariantCulture, $"largest extra allocation of a read of fixed-size items: {_maxFixedExtra} bytes beyond an intact read ({(double)_maxFixedExtra / Math.Max(1, _maxFixedLegit):F1}x its {_maxFixedLegit}-byte chunks) at {_maxFixedWhere}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"largest extra allocation of an object-array read: {_maxObjectExtra} bytes at {_maxObjectWhere}");
        foreach (var (key, (count, example)) in _other.OrderByDescending(p => p.Value.Count))
            sb.AppendLine(CultureInfo.InvariantCulture, $"  OTHER x{count}: {key}\n      first: {example}");
        foreach (var finding in _allocationFindings.Take(20)) sb.AppendLine("  ALLOCATION: " + finding);
        sb.AppendLine(CultureInfo.InvariantCulture, $"findings: {Findings}");
        Console.Out.Write(sb.ToString());
    }
}
