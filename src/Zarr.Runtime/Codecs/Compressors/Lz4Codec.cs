using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json.Nodes;
using K4os.Compression.LZ4;

namespace Zarr.Codecs;

/// <summary>numcodecs <c>lz4</c>: a 4-byte little-endian decoded length, then one raw LZ4 block.</summary>
public sealed class Lz4Codec : BytesCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "lz4";

    /// <summary>Creates the codec. Acceleration 1 is LZ4's default fast mode.</summary>
    public Lz4Codec(int acceleration = 1, CodecBackend backend = CodecBackend.Default)
    {
        Acceleration = acceleration;
        Backend = backend;
    }

    /// <summary>liblz4 or the managed K4os code; not part of the stored configuration.</summary>
    public CodecBackend Backend { get; }

    /// <summary>
    /// LZ4 acceleration: larger is faster and compresses less, as in numcodecs. Applied through the
    /// system's liblz4 (the library numcodecs itself uses on Debian, so the bytes are the same); where
    /// it is missing the managed encoder runs at acceleration 1 and the value is only recorded.
    /// </summary>
    public int Acceleration { get; }

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    public override JsonObject GetConfig() => new() { ["id"] = Id, ["acceleration"] = Acceleration };

    /// <inheritdoc />
    public override void Encode(ReadOnlySpan<byte> input, int itemSize, IBufferWriter<byte> output)
    {
        var bound = LZ4Codec.MaximumOutputSize(input.Length) + 4;
        var span = output.GetSpan(bound);
        BinaryPrimitives.WriteInt32LittleEndian(span, input.Length);
        var n = NativeLz4.CanEncode(Backend) ? NativeLz4.TryEncode(input, span[4..bound], Acceleration) : LZ4Codec.Encode(input, span[4..], LZ4Level.L00_FAST);
        if (n == 0 && input.Length > 0) n = -1;
        if (n < 0) throw Error("LZ4 encoding failed");
        output.Advance(n + 4);
    }

    private int ReadLength(ReadOnlySpan<byte> input)
    {
        if (input.Length < 4) throw Error($"the stream has {input.Length} bytes, fewer than its 4-byte length header");
        var length = BinaryPrimitives.ReadInt32LittleEndian(input);
        if (length < 0) throw Error($"the length header is negative ({length})");
        // LZ4 cannot expand data by more than 255:1; a larger header is corrupt, so never allocate it.
        if ((long)length > (long)(input.Length - 4) * 255 + 16) throw Error($"the length header ({length}) is impossible for {input.Length - 4} compressed bytes");
        return length;
    }

    /// <inheritdoc />
    public override void Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        var length = ReadLength(input);
        var span = output.GetSpan(Math.Max(1, length));
        var n = NativeLz4.Decode(input[4..], span[..length], Backend);
        if (n != length) throw Error($"invalid LZ4 block (decoded {n} of {length} bytes)");
        output.Advance(n);
    }

    /// <inheritdoc />
    public override int DecodeInto(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        var length = ReadLength(input);
        if (length > destination.Length) throw Error($"the stream holds {length} bytes, more than the expected {destination.Length}");
        var n = NativeLz4.Decode(input[4..], destination[..length], Backend);
        if (n != length) throw Error($"invalid LZ4 block (decoded {n} of {length} bytes)");
        return n;
    }

    /// <inheritdoc />
    public override string ToString() => $"LZ4(acceleration={Acceleration})";
}
