using System.Buffers;
using System.Text.Json.Nodes;

namespace Zarr.Codecs;

/// <summary>
/// numcodecs <c>shuffle</c>: a byte transpose of the whole buffer, byte <c>b</c> of every element
/// first, then byte <c>b+1</c>: <c>out[b·n + i] = in[i·es + b]</c>. Element sizes of 0 or 1 copy.
/// </summary>
public sealed class ShuffleCodec : BytesCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "shuffle";

    /// <summary>Creates the filter for elements of <paramref name="elementSize"/> bytes (numcodecs' default is 4).</summary>
    public ShuffleCodec(int elementSize = 4)
    {
        ElementSize = elementSize;
    }

    /// <summary>Creates the filter from its JSON configuration.</summary>
    public static ShuffleCodec FromConfig(JsonObject config) => new(CodecConfig.GetInt(config, "elementsize", 4));

    /// <summary>The element size in bytes.</summary>
    public int ElementSize { get; }

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    public override JsonObject GetConfig() => new() { ["id"] = Id, ["elementsize"] = ElementSize };

    /// <inheritdoc />
    public override int GetEncodedItemSize(int decodedItemSize) => 1;

    /// <inheritdoc />
    public override void Encode(ReadOnlySpan<byte> input, int itemSize, IBufferWriter<byte> output)
    {
        var dst = output.GetSpan(Math.Max(1, input.Length))[..input.Length];
        Transpose(input, dst, unshuffle: false);
        output.Advance(input.Length);
    }

    /// <inheritdoc />
    public override void Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        var dst = output.GetSpan(Math.Max(1, input.Length))[..input.Length];
        Transpose(input, dst, unshuffle: true);
        output.Advance(input.Length);
    }

    /// <inheritdoc />
    public override int DecodeInto(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        if (input.Length > destination.Length) throw Error($"the data decodes to {input.Length} bytes, more than the expected {destination.Length}");
        Transpose(input, destination[..input.Length], unshuffle: true);
        return input.Length;
    }

    private void Transpose(ReadOnlySpan<byte> src, Span<byte> dst, bool unshuffle)
    {
        var es = ElementSize;
        if (es <= 1)
        {
            src.CopyTo(dst);
            return;
        }
        if (src.Length % es != 0) throw Error($"the buffer of {src.Length} bytes is not a whole number of {es}-byte elements");
        var n = src.Length / es;
        for (var b = 0; b < es; b++)
        {
            var plane = b * n;
            if (unshuffle)
                for (var i = 0; i < n; i++) dst[i * es + b] = src[plane + i];
            else
                for (var i = 0; i < n; i++) dst[plane + i] = src[i * es + b];
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"Shuffle(elementsize={ElementSize})";
}
