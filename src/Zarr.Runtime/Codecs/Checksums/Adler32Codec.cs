using System.Text.Json.Nodes;

namespace Zarr.Codecs;

/// <summary>numcodecs <c>adler32</c>: the zlib Adler-32 of the payload as a 4-byte little-endian prefix.</summary>
public sealed class Adler32Codec : Checksum32Codec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "adler32";

    /// <summary>Creates the codec; a null location is numcodecs' default (start) and is not written to JSON.</summary>
    public Adler32Codec(ChecksumLocation? location = null) : base(location, ChecksumLocation.Start)
    {
    }

    /// <summary>Creates the codec from its JSON configuration.</summary>
    public static Adler32Codec FromConfig(JsonObject config) => new(ReadLocation(config));

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <summary>The Adler-32 (RFC 1950) of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        const uint Mod = 65521;
        const int MaxRun = 5552; // the longest run whose sums cannot overflow 32 bits
        uint a = 1, b = 0;
        while (!data.IsEmpty)
        {
            var run = data[..Math.Min(MaxRun, data.Length)];
            foreach (var x in run)
            {
                a += x;
                b += a;
            }
            a %= Mod;
            b %= Mod;
            data = data[run.Length..];
        }
        return (b << 16) | a;
    }

    /// <inheritdoc />
    protected override uint ComputeChecksum(ReadOnlySpan<byte> payload) => Compute(payload);

    /// <inheritdoc />
    public override string ToString() => $"Adler32({LocationRepr})";
}
