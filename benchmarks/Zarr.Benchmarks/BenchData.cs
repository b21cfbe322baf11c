namespace Zarr.Benchmarks;

/// <summary>
/// The benchmark chunk: 4 MiB of little-endian int32 following a random walk (steps −3..4 from a
/// splitmix64 hash of the index), like a smooth sensor signal. benchmarks/blosc_compare.sh builds the
/// same bytes with NumPy.
/// </summary>
public static class BenchData
{
    public const int Items = 1 << 20;

    public static byte[] RandomWalkInt32()
    {
        var data = new byte[Items * 4];
        long value = 100_000;
        for (var i = 0; i < Items; i++)
        {
            var z = (ulong)(i + 1) * 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            value += (long)(z >> 61) - 3;
            BitConverter.TryWriteBytes(data.AsSpan(4 * i), (int)value);
        }
        return data;
    }
}
