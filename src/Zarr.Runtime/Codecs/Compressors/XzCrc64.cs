namespace Zarr.Codecs;

/// <summary>CRC-64 as xz uses it (ECMA-182 polynomial, reflected; init and final XOR all ones).</summary>
internal static class XzCrc64
{
    private static readonly ulong[] Table = BuildTable();

    private static ulong[] BuildTable()
    {
        var table = new ulong[256];
        for (ulong n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xC96C5795D7870F42UL ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }

    public static ulong Compute(ReadOnlySpan<byte> data)
    {
        var crc = ulong.MaxValue;
        var table = Table;
        foreach (var b in data) crc = table[(byte)crc ^ b] ^ (crc >> 8);
        return ~crc;
    }
}
