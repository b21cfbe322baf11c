using System.Buffers;
using System.Buffers.Text;
using System.Text.Json.Nodes;

namespace Zarr.Codecs;

/// <summary>numcodecs <c>base64</c>: the bytes as standard, padded base64 text (<c>01 02 03</c> → <c>AQID</c>).</summary>
public sealed class Base64Codec : BytesCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "base64";

    /// <summary>Creates the codec from its JSON configuration (it has no parameters).</summary>
    public static Base64Codec FromConfig(JsonObject config) => new();

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    public override JsonObject GetConfig() => new() { ["id"] = Id };

    /// <inheritdoc />
    public override int GetEncodedItemSize(int decodedItemSize) => 1;

    /// <inheritdoc />
    public override void Encode(ReadOnlySpan<byte> input, int itemSize, IBufferWriter<byte> output)
    {
        var length = Base64.GetMaxEncodedToUtf8Length(input.Length);
        var span = output.GetSpan(Math.Max(1, length));
        var status = Base64.EncodeToUtf8(input, span, out _, out var written);
        if (status != OperationStatus.Done) throw Error("base64 encoding failed");
        output.Advance(written);
    }

    /// <inheritdoc />
    public override void Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        // Python's base64.standard_b64decode ignores nothing but accepts the padded alphabet only.
        var span = output.GetSpan(Math.Max(1, Base64.GetMaxDecodedFromUtf8Length(input.Length)));
        var status = Base64.DecodeFromUtf8(input, span, out var consumed, out var written);
        if (status != OperationStatus.Done || consumed != input.Length)
            throw Error($"invalid base64 text at byte {consumed} of {input.Length}");
        output.Advance(written);
    }

    /// <inheritdoc />
    public override string ToString() => "Base64()";
}
