using System.Text.Json.Nodes;

namespace Zarr.Codecs;

/// <summary>numcodecs <c>crc32</c>: the zlib CRC-32 of the payload as a 4-byte little-endian prefix.</summary>
public sealed class Crc32Codec : Checksum32Codec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "crc32";

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
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }

    /// <summary>The CRC-32 (ISO-HDLC, as zlib's <c>crc32</c>) of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        var table = Table;
        foreach (var b in data) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    /// <inheritdoc />
    protected override uint ComputeChecksum(ReadOnlySpan<byte> payload) => Compute(payload);

    /// <inheritdoc />
    public override string ToString() => $"CRC32({LocationRepr})";
}
