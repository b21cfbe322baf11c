using System.Buffers;
using System.Text.Json.Nodes;
using Zarr.DataTypes;
using Zarr.PythonParity;

namespace Zarr.Codecs;

/// <summary>
/// numcodecs <c>quantize</c> (lossy): keeps about <see cref="Digits"/> decimal digits by storing
/// <c>round_half_even(s·x)/s</c> with <c>s = 2^ceil(log2(10^digits))</c>, computed in the input float
/// type as NumPy does. Decoding is only a cast from <see cref="AsType"/> to <see cref="DType"/>.
/// </summary>
public sealed class QuantizeCodec : BytesCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "quantize";

    private readonly NumpyElement _dtype;
    private readonly NumpyElement _astype;
    private readonly PythonNumber _scale;
    private readonly NumpyType _loopType;

    /// <summary>Creates the filter; both types must be floats.</summary>
    public QuantizeCodec(int digits, ZarrDType dtype, ZarrDType? astype = null)
    {
        ArgumentNullException.ThrowIfNull(dtype);
        Digits = digits;
        DType = dtype;
        AsType = astype ?? dtype;
        if (DType.Kind != DTypeKind.Float || AsType.Kind != DTypeKind.Float)
            throw new ArgumentException("only floating point data types are supported");
        _dtype = NumpyElement.From(DType, "dtype");
        _astype = NumpyElement.From(AsType, "astype");
        _scale = PythonNumber.Of(ComputeScale(digits));
        _loopType = NumpyMath.ResultType(_dtype.Type, _scale);
    }

    /// <summary>Creates the filter from its JSON configuration.</summary>
    public static QuantizeCodec FromConfig(JsonObject config)
    {
        if (config["digits"] is null) throw new ArgumentException("parameter 'digits' is required");
        return new(CodecConfig.GetInt(config, "digits", 0), FilterConfig.GetDType(config, "dtype"), FilterConfig.GetOptionalDType(config, "astype"));
    }

    /// <summary>The number of decimal digits to keep (may be negative).</summary>
    public int Digits { get; }

    /// <summary>The type of the data handed to the filter.</summary>
    public ZarrDType DType { get; }

    /// <summary>The type of the stored data.</summary>
    public ZarrDType AsType { get; }

    /// <summary>The power of two the values are quantised to (16 for one digit, 128 for two, 1024 for three).</summary>
    public double Scale => _scale.Float;

    /// <summary>numcodecs' computation, step by step, with the same libm calls Python makes.</summary>
    internal static double ComputeScale(int digits)
    {
        var precision = Math.Pow(10.0, -digits);
        var exp = Math.Log(precision) / Math.Log(10.0); // math.log(x, 10)
        var e = exp < 0 ? Math.Floor(exp) : Math.Ceiling(exp);
        var bits = Math.Ceiling(Math.Log(Math.Pow(10.0, -e)) / Math.Log(2.0)); // math.log(x, 2)
        return Math.Pow(2.0, bits);
    }

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    public override JsonObject GetConfig() => new() { ["id"] = Id, ["digits"] = Digits, ["dtype"] = DType.TypeStr, ["astype"] = AsType.TypeStr };

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
        var t = _loopType;
        var s = NumpyMath.FromPython(_scale, t);
        var scaled = NumpyMath.Around(NumpyMath.Multiply(s, NumpyMath.Cast(x, _dtype.Type, t), t), t);
        return NumpyMath.Cast(NumpyMath.Divide(scaled, s, t), t, _astype.Type);
    }

    private NumpyValue DecodeOne(NumpyValue y) => NumpyMath.Cast(y, _astype.Type, _dtype.Type);

    /// <inheritdoc />
    public override string ToString() =>
        $"Quantize(digits={Digits}, dtype={PythonRepr.Of(DType.TypeStr)}"
        + (AsType == DType ? ")" : $", astype={PythonRepr.Of(AsType.TypeStr)})");
}
