using System.Buffers;
using System.Text.Json.Nodes;
using Zarr.DataTypes;
using Zarr.PythonParity;

namespace Zarr.Codecs;

/// <summary>
/// numcodecs <c>fixedscaleoffset</c>: stores <c>round_half_even((x − offset) × scale)</c> as
/// <see cref="AsType"/> and decodes <c>y / scale + offset</c> cast to <see cref="DType"/>. The
/// arithmetic follows NumPy 1.x exactly: float32 data is computed in float32, Python int and float
/// parameters promote as NumPy promotes scalars, and casts to a narrow integer wrap.
/// </summary>
public sealed class FixedScaleOffsetCodec : BytesCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "fixedscaleoffset";

    private readonly PythonNumber _offset;
    private readonly PythonNumber _scale;
    private readonly NumpyElement _dtype;
    private readonly NumpyElement _astype;
    private readonly NumpyType _subtractType;
    private readonly NumpyType _multiplyType;
    private readonly NumpyType _divideType;
    private readonly NumpyType _addType;

    /// <summary>Creates the filter with float parameters (as Python floats).</summary>
    public FixedScaleOffsetCodec(double offset, double scale, ZarrDType dtype, ZarrDType? astype = null)
        : this(PythonNumber.Of(offset), PythonNumber.Of(scale), dtype, astype)
    {
    }

    /// <summary>Creates the filter with integer parameters (as Python ints, written to JSON without a decimal point).</summary>
    public FixedScaleOffsetCodec(long offset, long scale, ZarrDType dtype, ZarrDType? astype = null)
        : this(PythonNumber.Of(offset), PythonNumber.Of(scale), dtype, astype)
    {
    }

    internal FixedScaleOffsetCodec(PythonNumber offset, PythonNumber scale, ZarrDType dtype, ZarrDType? astype)
    {
        ArgumentNullException.ThrowIfNull(dtype);
        _offset = offset;
        _scale = scale;
        DType = dtype;
        AsType = astype ?? dtype;
        _dtype = NumpyElement.From(DType, "dtype");
        _astype = NumpyElement.From(AsType, "astype");
        _subtractType = NumpyMath.ResultType(_dtype.Type, offset);
        _multiplyType = NumpyMath.ResultType(_subtractType, scale);
        _divideType = NumpyMath.TrueDivideType(_astype.Type, scale);
        _addType = NumpyMath.ResultType(_divideType, offset);
    }

    /// <summary>Creates the filter from its JSON configuration.</summary>
    public static FixedScaleOffsetCodec FromConfig(JsonObject config) =>
        new(PythonNumber.Read(config, "offset"), PythonNumber.Read(config, "scale"),
            FilterConfig.GetDType(config, "dtype"), FilterConfig.GetOptionalDType(config, "astype"));

    /// <summary>The value subtracted before scaling.</summary>
    public double Offset => _offset.AsDouble;

    /// <summary>The factor applied after subtracting the offset.</summary>
    public double Scale => _scale.AsDouble;

    /// <summary>The type of the decoded items.</summary>
    public ZarrDType DType { get; }

    /// <summary>The type of the stored items.</summary>
    public ZarrDType AsType { get; }

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    public override JsonObject GetConfig() => new()
    {
        ["id"] = Id,
        ["scale"] = _scale.ToJson(),
        ["offset"] = _offset.ToJson(),
        ["dtype"] = DType.TypeStr,
        ["astype"] = AsType.TypeStr,
    };

    /// <inheritdoc />
    public override int GetEncodedItemSize(int decodedItemSize) => AsType.ItemSize;

    /// <inheritdoc />
    public override void Encode(ReadOnlySpan<byte> input, int itemSize, IBufferWriter<byte> output) =>
        ElementwiseMap.ToWriter(input, _dtype, _astype, EncodeOne, output, m => Error(m), "decoded");

    /// <inheritdoc />
    public override void Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> output) =>
        ElementwiseMap.ToWriter(input, _astype, _dtype, DecodeOne, output, m => Error(m), "encoded");

    /// <inheritdoc />
    public override int DecodeInto(ReadOnlySpan<byte> input, Span<byte> destination) =>
        ElementwiseMap.ToSpan(input, _astype, _dtype, DecodeOne, destination, m => Error(m), "encoded");

    private NumpyValue EncodeOne(NumpyValue x)
    {
        var d = NumpyMath.Subtract(NumpyMath.Cast(x, _dtype.Type, _subtractType), NumpyMath.FromPython(_offset, _subtractType), _subtractType);
        var m = NumpyMath.Multiply(NumpyMath.Cast(d, _subtractType, _multiplyType), NumpyMath.FromPython(_scale, _multiplyType), _multiplyType);
        return NumpyMath.Cast(NumpyMath.Around(m, _multiplyType), _multiplyType, _astype.Type);
    }

    private NumpyValue DecodeOne(NumpyValue y)
    {
        var q = NumpyMath.Divide(NumpyMath.Cast(y, _astype.Type, _divideType), NumpyMath.FromPython(_scale, _divideType), _divideType);
        var s = NumpyMath.Add(NumpyMath.Cast(q, _divideType, _addType), NumpyMath.FromPython(_offset, _addType), _addType);
        return NumpyMath.Cast(s, _addType, _dtype.Type);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"FixedScaleOffset(scale={_scale}, offset={_offset}, dtype={PythonRepr.Of(DType.TypeStr)}"
        + (AsType == DType ? ")" : $", astype={PythonRepr.Of(AsType.TypeStr)})");
}
