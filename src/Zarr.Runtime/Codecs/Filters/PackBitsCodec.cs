using System.Buffers;
using System.Text.Json.Nodes;

namespace Zarr.Codecs;

/// <summary>
/// numcodecs <c>packbits</c>: bools (one byte each, non-zero = true) packed eight to a byte, most
/// significant bit first, after one header byte holding the number of padding bits (0–7) in the last byte.
/// </summary>
public sealed class PackBitsCodec : BytesCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "packbits";

    /// <summary>Creates the filter from its JSON configuration (it has no parameters).</summary>
    public static PackBitsCodec FromConfig(JsonObject config) => new();

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    public override JsonObject GetConfig() => new() { ["id"] = Id };

    /// <inheritdoc />
    public override int GetEncodedItemSize(int decodedItemSize) => 1;

    /// <inheritdoc />
    public override void Encode(ReadOnlySpan<byte> input, int itemSize, IBufferWriter<byte> output)
    {
        var packed = (input.Length + 7) / 8;
        var dst = output.GetSpan(packed + 1);
        var leftover = input.Length % 8;
        dst[0] = (byte)(leftover == 0 ? 0 : 8 - leftover);
        for (var i = 0; i < packed; i++)
        {
            var bits = input.Slice(i * 8, Math.Min(8, input.Length - i * 8));
            var b = 0;
            for (var k = 0; k < bits.Length; k++)
                if (bits[k] != 0) b |= 0x80 >> k;
            dst[i + 1] = (byte)b;
        }
        output.Advance(packed + 1);
    }

    private int DecodedSize(ReadOnlySpan<byte> input)
    {
        if (input.Length == 0) throw Error("the stream is empty; it needs at least the padding header byte");
        var padding = input[0];
        if (padding > 7) throw Error($"the padding header is {padding}; it must be 0..7");
        if (input.Length == 1 && padding != 0) throw Error($"the padding header is {padding} but no bits follow");
        return (input.Length - 1) * 8 - padding;
    }

    private static void Unpack(ReadOnlySpan<byte> input, Span<byte> dst)
    {
        for (var i = 0; i < dst.Length; i++) dst[i] = (byte)((input[1 + (i >> 3)] >> (7 - (i & 7))) & 1);
    }

    /// <inheritdoc />
    public override void Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        var size = DecodedSize(input);
        Unpack(input, output.GetSpan(Math.Max(1, size))[..size]);
        output.Advance(size);
    }

    /// <inheritdoc />
    public override int DecodeInto(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        var size = DecodedSize(input);
        if (size > destination.Length) throw Error($"the data decodes to {size} bytes, more than the expected {destination.Length}");
        Unpack(input, destination[..size]);
        return size;
    }

    /// <inheritdoc />
    public override string ToString() => "PackBits()";
}
