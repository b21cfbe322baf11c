using System.Buffers;
using System.Text.Json.Nodes;
using Zarr.DataTypes;
using Zarr.PythonParity;

namespace Zarr.Codecs;

/// <summary>
/// numcodecs <c>astype</c>: a NumPy cast from <see cref="DecodeDType"/> to <see cref="EncodeDType"/>
/// on encode and back on decode (float→integer truncates; narrow integers wrap).
/// </summary>
public sealed class AsTypeCodec : BytesCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "astype";

    private readonly NumpyElement _encode;
    private readonly NumpyElement _decode;

    /// <summary>Creates the filter. Both types must be bool, integer or float types.</summary>
    public AsTypeCodec(ZarrDType encodeDType, ZarrDType decodeDType)
    {
        ArgumentNullException.ThrowIfNull(encodeDType);
        ArgumentNullException.ThrowIfNull(decodeDType);
        EncodeDType = encodeDType;
        DecodeDType = decodeDType;
        _encode = NumpyElement.From(encodeDType, "encode_dtype");
        _decode = NumpyElement.From(decodeDType, "decode_dtype");
    }

    /// <summary>Creates the filter from its JSON configuration.</summary>
    public static AsTypeCodec FromConfig(JsonObject config) =>
        new(FilterConfig.GetDType(config, "encode_dtype"), FilterConfig.GetDType(config, "decode_dtype"));

    /// <summary>The stored type.</summary>
    public ZarrDType EncodeDType { get; }

    /// <summary>The type of the data handed to the filter.</summary>
    public ZarrDType DecodeDType { get; }

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    public override JsonObject GetConfig() => new() { ["id"] = Id, ["encode_dtype"] = EncodeDType.TypeStr, ["decode_dtype"] = DecodeDType.TypeStr };

    /// <inheritdoc />
    public override int GetEncodedItemSize(int decodedItemSize) => EncodeDType.ItemSize;

    /// <inheritdoc />
    public override void Encode(ReadOnlySpan<byte> input, int itemSize, IBufferWriter<byte> output) =>
        ElementwiseMap.ToWriter(input, _decode, _encode, v => NumpyMath.Cast(v, _decode.Type, _encode.Type), output, m => Error(m), "decoded");

    /// <inheritdoc />
    public override void Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> output) =>
        ElementwiseMap.ToWriter(input, _encode, _decode, v => NumpyMath.Cast(v, _encode.Type, _decode.Type), output, m => Error(m), "encoded");

    /// <inheritdoc />
    public override int DecodeInto(ReadOnlySpan<byte> input, Span<byte> destination) =>
        ElementwiseMap.ToSpan(input, _encode, _decode, v => NumpyMath.Cast(v, _encode.Type, _decode.Type), destination, m => Error(m), "encoded");

    /// <inheritdoc />
    public override string ToString() =>
        $"AsType(encode_dtype={PythonRepr.Of(EncodeDType.TypeStr)}, decode_dtype={PythonRepr.Of(DecodeDType.TypeStr)})";
}
