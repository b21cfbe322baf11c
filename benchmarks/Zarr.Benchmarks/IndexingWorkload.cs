using Zarr.Codecs;
using Zarr.Stores;

namespace Zarr.Benchmarks;

/// <summary>
/// The indexing workloads shared by <see cref="IndexingBenchmarks"/> and benchmarks/indexing_compare.sh:
/// a 10000x10000 int32 array (values 0, 1, 2, … in C order) in 1000x1000 chunks held in memory,
/// 10,000 random points, and 200 random 300x300 windows each straddling a chunk corner (four chunks).
/// Points and windows come from the same LCG as benchmarks/indexing_compare.sh's Python side.
/// </summary>
public sealed class IndexingWorkload
{
    public const int Size = 10000;
    public const int Chunk = 1000;
    public const int PointCount = 10_000;
    public const int WindowCount = 200;
    public const int Window = 300;

    private IndexingWorkload(ZarrArray<int> array, long[] rows, long[] cols, (long R, long C)[] windows)
    {
        Array = array;
        Rows = rows;
        Cols = cols;
        Windows = windows;
    }

    public ZarrArray<int> Array { get; }

    public long[] Rows { get; }

    public long[] Cols { get; }

    public (long R, long C)[] Windows { get; }

    /// <summary>"blosc" (zarr-python's default, Blosc lz4 level 5 with byte shuffle) or "zlib" (level 1).</summary>
    public static IndexingWorkload Create(string compressor)
    {
        BytesCodec codec = compressor switch
        {
            "zlib" => new ZlibCodec(1),
            "blosc" => ArrayOptions.DefaultCompressor() is var c && c.Id == "blosc" ? c : throw new InvalidOperationException("Blosc is not registered in this build."),
            _ => throw new ArgumentException($"unknown compressor '{compressor}' (blosc or zlib)", nameof(compressor)),
        };
        var z = ZarrArray.Create<int>([Size, Size], [Chunk, Chunk], new ArrayOptions { Compressor = codec }, new MemoryStore());
        // Fill one band of chunk rows at a time (keeps the peak memory at one band, not the whole array).
        var band = new int[Chunk * Size];
        for (var r0 = 0; r0 < Size; r0 += Chunk)
        {
            for (var i = 0; i < band.Length; i++) band[i] = r0 * Size + i;
            z[r0..(r0 + Chunk), ..] = NDArray<int>.From(band, Chunk, Size);
        }
        var rng = new Lcg(3);
        var rows = new long[PointCount];
        var cols = new long[PointCount];
        for (var i = 0; i < PointCount; i++)
        {
            rows[i] = rng.Next(Size);
            cols[i] = rng.Next(Size);
        }
        var wrng = new Lcg(7);
        var windows = new (long, long)[WindowCount];
        for (var i = 0; i < WindowCount; i++) windows[i] = (Corner(wrng), Corner(wrng));
        return new IndexingWorkload(z, rows, cols, windows);
    }

    // A window start such that [start, start + 300) crosses a chunk border: border - 1 - (0..298).
    private static long Corner(Lcg rng) => (1 + rng.Next(Size / Chunk - 1)) * Chunk - 1 - rng.Next(Window - 1);

    /// <summary>Reads the 10,000 points (one coordinate selection); returns a checksum.</summary>
    public long Points()
    {
        var values = Array.GetCoordinateSelection(Rows, Cols).Data;
        long sum = 0;
        foreach (var v in values) sum += v;
        return sum;
    }

    /// <summary>Reads the 200 windows (one basic selection each); returns a checksum.</summary>
    public long Windows200()
    {
        long sum = 0;
        foreach (var (r, c) in Windows) sum += Array[Selector.Slice(r, r + Window), Selector.Slice(c, c + Window)].Data[Window * Window - 1];
        return sum;
    }

    /// <summary>The checksums the reads must give (the array holds its own flat index).</summary>
    public (long Points, long Windows) Expected()
    {
        long p = 0;
        for (var i = 0; i < PointCount; i++) p += Rows[i] * Size + Cols[i];
        long w = 0;
        foreach (var (r, c) in Windows) w += (r + Window - 1) * Size + c + Window - 1;
        return (p, w);
    }

    /// <summary>The 64-bit LCG of benchmarks/indexing_compare.sh (and compare.py), so both sides draw the same numbers.</summary>
    public sealed class Lcg(ulong seed)
    {
        private ulong _state = seed;

        public long Next(long bound)
        {
            _state = unchecked(_state * 6364136223846793005UL + 1442695040888963407UL);
            return (long)((_state >> 33) % (ulong)bound);
        }
    }
}
