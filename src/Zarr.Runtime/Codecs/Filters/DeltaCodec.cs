using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Zarr.DataTypes;
using Zarr.PythonParity;

namespace Zarr.Codecs;

/// <summary>
/// numcodecs <c>delta</c>: the first item as is, then each item minus the one before, computed in
/// <see cref="DType"/> (integers wrap) and stored as <see cref="AsType"/>. Decoding is a running sum
/// in the wider of the two types, cast to <see cref="DType"/>, as <c>numpy.cumsum(enc, out=dec)</c> does.
/// </summary>
public sealed class DeltaCodec : BytesCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "delta";

    private readonly NumpyElement _dtype;
    private readonly NumpyElement _astype;

    /// <summary>Creates the filter for items of <paramref name="dtype"/>, stored as <paramref name="astype"/> (default: the same).</summary>
    public DeltaCodec(ZarrDType dtype, ZarrDType? astype = null)
    {
        ArgumentNullException.ThrowIfNull(dtype);
        DType = dtype;
        AsType = astype ?? dtype;
        _dtype = NumpyElement.From(DType, "dtype");
        _astype = NumpyElement.From(AsType, "astype");
    }

    /// <summary>Creates the filter from its JSON configuration.</summary>
    public static DeltaCodec FromConfig(JsonObject config) =>
        new(FilterConfig.GetDType(config, "dtype"), FilterConfig.GetOptionalDType(config, "astype"));

    /// <summary>The type of the decoded items, in which differences are computed.</summary>
    public ZarrDType DType { get; }

    /// <summary>The type of the stored differences.</summary>
    public ZarrDType AsType { get; }

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    public override JsonObject GetConfig() => new() { ["id"] = Id, ["dtype"] = DType.TypeStr, ["astype"] = AsType.TypeStr };

    /// <inheritdoc />
    public override int GetEncodedItemSize(int decodedItemSize) => AsType.ItemSize;

    /// <inheritdoc />
    public override void Encode(ReadOnlySpan<byte> input, int itemSize, IBufferWriter<byte> output)
    {
        var n = FilterConfig.CountItems(m => Error(m), input.Length, _dtype.Size, "decoded");
        var size = n * _astype.Size;
        var dst = output.GetSpan(Math.Max(1, size))[..size];
        if (TrySameType(input, dst, encode: true))
        {
            output.Advance(size);
            return;
        }
        var t = _dtype.Type;
        var previous = default(NumpyValue);
        for (var i = 0; i < n; i++)
        {
            var x = NumpyMath.Read(input, i, _dtype);
            var d = i == 0 ? x : NumpyMath.Subtract(x, previous, t);
            NumpyMath.Write(dst, i, _astype, NumpyMath.Cast(d, t, _astype.Type));
            previous = x;
        }
        output.Advance(size);
    }

    /// <inheritdoc />
    public override void Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        var size = DecodedSize(input);
        var n = DecodeCore(input, output.GetSpan(Math.Max(1, size))[..size]);
        output.Advance(n);
    }

    /// <inheritdoc />
    public override int DecodeInto(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        var size = DecodedSize(input);
        if (size > destination.Length) throw Error($"the data decodes to {size} bytes, more than the expected {destination.Length}");
        return DecodeCore(input, destination[..size]);
    }

    private int DecodedSize(ReadOnlySpan<byte> input) => FilterConfig.CountItems(m => Error(m), input.Length, _astype.Size, "encoded") * _dtype.Size;

    private int DecodeCore(ReadOnlySpan<byte> input, Span<byte> dst)
    {
        // numpy.cumsum(enc, out=dec) resolves its loop like "dec + enc": the running sum is kept in
        // promote(astype, dtype) (float64 for int32 stored as float32) and each sum is cast to dtype.
        var n = input.Length / _astype.Size;
        if (TrySameType(input, dst, encode: false)) return n * _dtype.Size;
        var t = NumpyMath.Promote(_astype.Type, _dtype.Type);
        var sum = default(NumpyValue);
        for (var i = 0; i < n; i++)
        {
            var x = NumpyMath.Cast(NumpyMath.Read(input, i, _astype), _astype.Type, t);
            sum = i == 0 ? x : NumpyMath.Add(sum, x, t);
            NumpyMath.Write(dst, i, _dtype, NumpyMath.Cast(sum, t, _dtype.Type));
        }
        return n * _dtype.Size;
    }

    // The common case (astype = dtype, little-endian): typed loops; integer arithmetic wraps as in NumPy,
    // Half arithmetic rounds through float as NumPy's does.
    private bool TrySameType(ReadOnlySpan<byte> input, Span<byte> dst, bool encode)
    {
        if (_dtype != _astype || _dtype.BigEndian) return false;
        switch (_dtype.Type)
        {
            case NumpyType.Int8: Run<sbyte>(input, dst, encode); return true;
            case NumpyType.UInt8: Run<byte>(input, dst, encode); return true;
            case NumpyType.Int16: Run<short>(input, dst, encode); return true;
            case NumpyType.UInt16: Run<ushort>(input, dst, encode); return true;
            case NumpyType.Int32: Run<int>(input, dst, encode); return true;
            case NumpyType.UInt32: Run<uint>(input, dst, encode); return true;
            case NumpyType.Int64: Run<long>(input, dst, encode); return true;
            case NumpyType.UInt64: Run<ulong>(input, dst, encode); return true;
            case NumpyType.Float32: Run<float>(input, dst, encode); return true;
            case NumpyType.Float64: Run<double>(input, dst, encode); return true;
            default: return false;
        }
    }

    private static void Run<T>(ReadOnlySpan<byte> input, Span<byte> output, bool encode) where T : unmanaged, INumberBase<T>
    {
        var src = MemoryMarshal.Cast<byte, T>(input);
        var dst = MemoryMarshal.Cast<byte, T>(output);
        if (src.IsEmpty) return;
        if (encode)
        {
            dst[0] = src[0];
            for (var i = 1; i < src.Length; i++) dst[i] = src[i] - src[i - 1];
        }
        else
        {
            var sum = src[0];
            dst[0] = sum;
            for (var i = 1; i < src.Length; i++) dst[i] = sum += src[i];
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Delta(dtype={PythonRepr.Of(DType.TypeStr)}" + (AsType == DType ? ")" : $", astype={PythonRepr.Of(AsType.TypeStr)})");
}
