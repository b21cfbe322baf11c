using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Zarr.Codecs;

/// <summary>
/// A numcodecs 32-bit checksum codec: the payload unchanged plus a 4-byte little-endian checksum at
/// its start or end. Decoding verifies the checksum and fails with both values named on a mismatch.
/// </summary>
public abstract class Checksum32Codec : BytesCodec
{
    private readonly bool _locationGiven;

    /// <summary>Creates the codec. <paramref name="location"/> null means the codec's default, which is then not written to JSON.</summary>
    protected Checksum32Codec(ChecksumLocation? location, ChecksumLocation defaultLocation)
    {
        _locationGiven = location is not null;
        Location = location ?? defaultLocation;
    }

    /// <summary>Where the checksum is stored.</summary>
    public ChecksumLocation Location { get; }

    /// <summary>The checksum of <paramref name="payload"/>.</summary>
    protected abstract uint ComputeChecksum(ReadOnlySpan<byte> payload);

    /// <summary>Reads numcodecs' optional <c>location</c> parameter (<c>"start"</c> or <c>"end"</c>).</summary>
    protected static ChecksumLocation? ReadLocation(JsonObject config) => CodecConfig.GetString(config, "location", null) switch
    {
        null => null,
        "start" => ChecksumLocation.Start,
        "end" => ChecksumLocation.End,
        var other => throw new ArgumentException($"Invalid checksum location: {other}"),
    };

    /// <summary>The numcodecs name of <see cref="Location"/>.</summary>
    protected string LocationName => Location == ChecksumLocation.Start ? "start" : "end";

    /// <inheritdoc />
    public override JsonObject GetConfig()
    {
        // numcodecs ≥ 0.14 writes 'location' only when it was passed; 0.11 rejects the key outright.
        var o = new JsonObject { ["id"] = Id };
        if (_locationGiven) o["location"] = LocationName;
        return o;
    }

    /// <summary>The repr of the parameters, as numcodecs' default repr lists them.</summary>
    protected string LocationRepr => _locationGiven ? $"location='{LocationName}'" : "";

    /// <inheritdoc />
    public override int GetEncodedItemSize(int decodedItemSize) => 1;

    /// <inheritdoc />
    public override void Encode(ReadOnlySpan<byte> input, int itemSize, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(input.Length + 4);
        var checksum = ComputeChecksum(input);
        if (Location == ChecksumLocation.Start)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span, checksum);
            input.CopyTo(span[4..]);
        }
        else
        {
            input.CopyTo(span);
            BinaryPrimitives.WriteUInt32LittleEndian(span[input.Length..], checksum);
        }
        output.Advance(input.Length + 4);
    }

    private ReadOnlySpan<byte> Verify(ReadOnlySpan<byte> input)
    {
        if (input.Length < 4) throw Error($"the stream has {input.Length} bytes, too short to contain a 32-bit checksum");
        var start = Location == ChecksumLocation.Start;
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(start ? input : input[^4..]);
        var payload = start ? input[4..] : input[..^4];
        var computed = ComputeChecksum(payload);
        if (stored != computed)
            throw Error(string.Create(CultureInfo.InvariantCulture,
                $"checksum mismatch: the stored {Id} is 0x{stored:x8} but the data's is 0x{computed:x8} (the chunk is corrupt)"));
        return payload;
    }

    /// <inheritdoc />
    public override void Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> output) => output.Write(Verify(input));

    /// <inheritdoc />
    public override int DecodeInto(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        var payload = Verify(input);
        if (payload.Length > destination.Length) throw Error($"the payload has {payload.Length} bytes, more than the expected {destination.Length}");
        payload.CopyTo(destination);
        return payload.Length;
    }
}
