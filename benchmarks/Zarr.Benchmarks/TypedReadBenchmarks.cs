using BenchmarkDotNet.Attributes;
using Zarr.Stores;

namespace Zarr.Benchmarks;

/// <summary>
/// The rank-typed accessors against the untyped read of the same selection: a 1800x1800 int32
/// window of a 2000x2000 array (500x500 chunks) and an 8x16x16x16x16 window of a 10x20x20x20x20
/// array (5x10x10x10x10 chunks), both uncompressed in memory and read on one thread, so that what
/// differs is the copy into the .NET array, not decoding. The typed reads decode straight into
/// <c>int[,]</c> / <c>int[,,,,]</c>; "untyped + copy" is what they did before (NDArray, then an
/// element-by-element copy; rank 5 through Array.SetValue), kept here for comparison. "into an
/// existing array" reads the same selection into a caller's array allocated once: what remains
/// between the allocating typed and untyped reads is that .NET zeroes a new multidimensional array
/// (there is no uninitialised allocation for them), which the untyped read's T[] skips.
/// </summary>
[MemoryDiagnoser]
public class TypedReadBenchmarks
{
    private ZarrArray<int> _z2 = null!;
    private ZarrArray<int> _z5 = null!;
    private ZarrArray2D<int> _typed2 = null!;
    private ZarrArray5D<int> _typed5 = null!;
    private readonly int[] _flat2 = new int[1800 * 1800];
    private readonly int[,] _dense2 = new int[1800, 1800];
    private readonly int[] _flat5 = new int[8 * 16 * 16 * 16 * 16];
    private readonly int[,,,,] _dense5 = new int[8, 16, 16, 16, 16];

    [GlobalSetup]
    public void Setup()
    {
        var options = new ArrayOptions { Compressor = null, MaxDegreeOfParallelism = 1 };
        _z2 = ZarrArray.Zeros<int>([2000, 2000], [500, 500], options, new MemoryStore(), "r2");
        _z2.Set([Selector.Ellipsis], NDArray<int>.From(Enumerable.Range(0, 2000 * 2000).ToArray(), 2000, 2000));
        _z5 = ZarrArray.Zeros<int>([10, 20, 20, 20, 20], [5, 10, 10, 10, 10], options, new MemoryStore(), "r5");
        _z5.Set([Selector.Ellipsis], NDArray<int>.From(Enumerable.Range(0, 10 * 20 * 20 * 20 * 20).ToArray(), 10, 20, 20, 20, 20));
        _typed2 = new ZarrArray2D<int>(_z2);
        _typed5 = new ZarrArray5D<int>(_z5);
    }

    [Benchmark(Baseline = true, Description = "rank 2: untyped NDArray")]
    public int Rank2Untyped() => _z2.Get(100..1900, 100..1900).Length;

    [Benchmark(Description = "rank 2: typed int[,]")]
    public int Rank2Typed() => _typed2[100..1900, 100..1900].Length;

    [Benchmark(Description = "rank 2: untyped into an existing int[]")]
    public int Rank2UntypedInto()
    {
        _z2.GetOrthogonalSelection([100..1900, 100..1900], _flat2.AsMemory());
        return _flat2[0];
    }

    [Benchmark(Description = "rank 2: typed into an existing int[,]")]
    public int Rank2TypedInto()
    {
        _typed2.GetOrthogonalSelection(100..1900, 100..1900, _dense2);
        return _dense2[0, 0];
    }

    [Benchmark(Description = "rank 2: untyped + copy (before)")]
    public int Rank2UntypedThenCopy()
    {
        var a = _z2.Get(100..1900, 100..1900);
        var r = new int[a.Shape[0], a.Shape[1]];
        var k = 0;
        for (var i = 0; i < a.Shape[0]; i++)
            for (var j = 0; j < a.Shape[1]; j++) r[i, j] = a.Data[k++];
        return r.Length;
    }

    [Benchmark(Description = "rank 5: untyped NDArray")]
    public int Rank5Untyped() => _z5.Get(1..9, 2..18, 2..18, 2..18, 2..18).Length;

    [Benchmark(Description = "rank 5: typed int[,,,,]")]
    public int Rank5Typed() => _typed5[1..9, 2..18, 2..18, 2..18, 2..18].Length;

    [Benchmark(Description = "rank 5: untyped into an existing int[]")]
    public int Rank5UntypedInto()
    {
        _z5.GetOrthogonalSelection([1..9, 2..18, 2..18, 2..18, 2..18], _flat5.AsMemory());
        return _flat5[0];
    }

    [Benchmark(Description = "rank 5: typed into an existing int[,,,,]")]
    public int Rank5TypedInto()
    {
        _typed5.GetOrthogonalSelection(1..9, 2..18, 2..18, 2..18, 2..18, _dense5);
        return _dense5[0, 0, 0, 0, 0];
    }

    [Benchmark(Description = "rank 5: untyped + SetValue copy (before)")]
    public int Rank5UntypedThenSetValue()
    {
        var a = _z5.Get(1..9, 2..18, 2..18, 2..18, 2..18);
        var result = Array.CreateInstanceFromArrayType(typeof(int[,,,,]), a.Shape);
        var index = new int[5];
        for (var k = 0; k < a.Data.Length; k++)
        {
            result.SetValue(a.Data[k], index);
            for (var d = 4; d >= 0; d--)
            {
                if (++index[d] < a.Shape[d]) break;
                index[d] = 0;
            }
        }
        return result.Length;
    }
}
