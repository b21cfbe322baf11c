using System.Buffers.Binary;
using System.Numerics;
using System.Text.Json.Nodes;

namespace Zarr.Codecs;

/// <summary>
/// numcodecs <c>crc32c</c> (numcodecs ≥ 0.14; also the zarr v3 checksum): the CRC-32C (Castagnoli) of
/// the payload as a 4-byte little-endian suffix. Debian's numcodecs 0.11 does not know this id.
/// </summary>
public sealed class Crc32CCodec : Checksum32Codec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "crc32c";

    /// <summary>Creates the codec; a null location is numcodecs' default (end) and is not written to JSON.</summary>
    public Crc32CCodec(ChecksumLocation? location = null) : base(location, ChecksumLocation.End)
    {
    }

    /// <summary>Creates the codec from its JSON configuration.</summary>
    public static Crc32CCodec FromConfig(JsonObject config) => new(ReadLocation(config));

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <summary>The CRC-32C of <paramref name="data"/> (reflected polynomial 0x82F63B78; "123456789" gives 0xE3069283).</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (var b in data) crc = BitOperations.Crc32C(crc, b);
        return ~crc;
    }

    /// <inheritdoc />
    protected override uint ComputeChecksum(ReadOnlySpan<byte> payload) => Compute(payload);

    /// <inheritdoc />
    public override string ToString() => $"CRC32C({LocationRepr})";
}
