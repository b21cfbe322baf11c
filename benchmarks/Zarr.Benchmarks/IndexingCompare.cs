using System.Diagnostics;
using System.Globalization;

namespace Zarr.Benchmarks;

/// <summary>
/// The C# side of benchmarks/indexing_compare.sh: builds the workload (not timed), warms up, then
/// times each operation <c>repeats</c> times inside the process and prints the median and the fastest.
/// Usage: <c>Zarr.Benchmarks --indexing-compare &lt;blosc|zlib&gt; [repeats]</c>.
/// </summary>
public static class IndexingCompare
{
    public static int Run(string[] args)
    {
        var compressor = args.Length > 0 ? args[0] : "blosc";
        var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
        var work = IndexingWorkload.Create(compressor);
        var (points, windows) = work.Expected();
        foreach (var (name, op, expected) in new (string, Func<long>, long)[] { ("points", work.Points, points), ("windows", work.Windows200, windows) })
        {
            if (op() != expected) throw new InvalidOperationException($"{name}: wrong checksum");
            op(); // second warm-up run: tiered JIT promotes the hot loops
            var times = new double[repeats];
            var cpu = new double[repeats];
            using var process = Process.GetCurrentProcess();
            for (var i = 0; i < repeats; i++)
            {
                process.Refresh();
                var cpu0 = process.TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                op();
                times[i] = sw.Elapsed.TotalSeconds;
                process.Refresh();
                cpu[i] = (process.TotalProcessorTime - cpu0).TotalSeconds;
            }
            System.Array.Sort(times);
            System.Array.Sort(cpu);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} median_s={times[repeats / 2]:F6} cpu_s={cpu[repeats / 2]:F6} min_s={times[0]:F6}"));
        }
        return 0;
    }
}
