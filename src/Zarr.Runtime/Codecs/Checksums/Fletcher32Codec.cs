using System.Text.Json.Nodes;

namespace Zarr.Codecs;

/// <summary>
/// numcodecs <c>fletcher32</c> (numcodecs ≥ 0.14): the HDF5/netCDF Fletcher-32 of the payload as a
/// 4-byte little-endian suffix. The sums run over big-endian 16-bit words, folded every 360 words; an odd
/// last byte counts as the high byte of a word. Debian's numcodecs 0.11 does not know this id.
/// </summary>
public sealed class Fletcher32Codec : Checksum32Codec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "fletcher32";

    /// <summary>Creates the codec.</summary>
    public Fletcher32Codec() : base(null, ChecksumLocation.End)
    {
    }

    /// <summary>Creates the codec from its JSON configuration (it has no parameters).</summary>
    public static Fletcher32Codec FromConfig(JsonObject config) => new();

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <summary>The HDF5 Fletcher-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint sum1 = 0, sum2 = 0;
        var words = data.Length / 2;
        var p = 0;
        while (words > 0)
        {
            var run = Math.Min(words, 360);
            words -= run;
            for (var k = 0; k < run; k++, p += 2)
            {
                sum1 += (uint)((data[p] << 8) | data[p + 1]);
                sum2 += sum1;
            }
            sum1 = (sum1 & 0xFFFF) + (sum1 >> 16);
            sum2 = (sum2 & 0xFFFF) + (sum2 >> 16);
        }
        if ((data.Length & 1) != 0)
        {
            sum1 += (uint)(data[p] << 8);
            sum2 += sum1;
            sum1 = (sum1 & 0xFFFF) + (sum1 >> 16);
            sum2 = (sum2 & 0xFFFF) + (sum2 >> 16);
        }
        sum1 = (sum1 & 0xFFFF) + (sum1 >> 16);
        sum2 = (sum2 & 0xFFFF) + (sum2 >> 16);
        return (sum2 << 16) | sum1;
    }

    /// <inheritdoc />
    protected override uint ComputeChecksum(ReadOnlySpan<byte> payload) => Compute(payload);

    /// <inheritdoc />
    public override string ToString() => "Fletcher32()";
}
