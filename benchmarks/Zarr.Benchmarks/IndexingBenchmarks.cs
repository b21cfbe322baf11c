using BenchmarkDotNet.Attributes;

namespace Zarr.Benchmarks;

/// <summary>
/// Advanced indexing on a 10000x10000 int32 array in 1000x1000 chunks held in memory: 10,000 random
/// points (coordinate selection), and 200 random 300x300 windows that each straddle a chunk corner.
/// Compared with zarr-python by benchmarks/indexing_compare.sh.
/// </summary>
[MemoryDiagnoser]
public class IndexingBenchmarks
{
    private IndexingWorkload _work = null!;

    /// <summary>"blosc" (zarr-python's default) or "zlib".</summary>
    [Params("blosc", "zlib")]
    public string Compressor { get; set; } = "blosc";

    [GlobalSetup]
    public void Setup()
    {
        if (Compressor == "blosc" && ArrayOptions.DefaultCompressor().Id != "blosc") throw new InvalidOperationException("Blosc is not registered in this build.");
        _work = IndexingWorkload.Create(Compressor);
    }

    [Benchmark(Description = "10,000 random points")]
    public long Points() => _work.Points();

    [Benchmark(Description = "200 windows 300x300 across chunk corners")]
    public long Windows() => _work.Windows200();
}
