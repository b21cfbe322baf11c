using System.Text.Json.Nodes;

namespace Zarr.Codecs;

/// <summary>numcodecs <c>crc32</c>: the zlib CRC-32 of the payload as a 4-byte little-endian prefix.</summary>
public sealed class Crc32Codec : Checksum32Codec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "crc32";

    // Eight tables for slicing-by-8: table k maps a byte to its CRC contribution k bytes further on.
    private static readonly uint[] Table = BuildTable();

    /// <summary>Creates the codec; a null location is numcodecs' default (start) and is not written to JSON.</summary>
    public Crc32Codec(ChecksumLocation? location = null) : base(location, ChecksumLocation.Start)
    {
    }

    /// <summary>Creates the codec from its JSON configuration.</summary>
    public static Crc32Codec FromConfig(JsonObject config) => new(ReadLocation(config));

    /// <inheritdoc />
    public override string Id => CodecId;

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        for (var t = 1; t < 8; t++)
            for (var n = 0; n < 256; n++)
                table[t * 256 + n] = table[(t - 1) * 256 + n] >> 8 ^ table[table[(t - 1) * 256 + n] & 0xFF];
        return table;
    }

    /// <summary>The CRC-32 (ISO-HDLC, as zlib's <c>crc32</c>) of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        var t = Table;
        while (data.Length >= 8)
        {
            var lo = crc ^ System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(data);
            var hi = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = t[7 * 256 + (lo & 0xFF)] ^ t[6 * 256 + (lo >> 8 & 0xFF)] ^ t[5 * 256 + (lo >> 16 & 0xFF)] ^ t[4 * 256 + (lo >> 24)]
                ^ t[3 * 256 + (hi & 0xFF)] ^ t[2 * 256 + (hi >> 8 & 0xFF)] ^ t[256 + (hi >> 16 & 0xFF)] ^ t[hi >> 24];
            data = data[8..];
        }
        foreach (var b in data) crc = t[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    /// <inheritdoc />
    protected override uint ComputeChecksum(ReadOnlySpan<byte> payload) => Compute(payload);

    /// <inheritdoc />
    public override string ToString() => $"CRC32({LocationRepr})";
}
