using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Zarr.DataTypes;
using Zarr.PythonParity;

namespace Zarr.Codecs;

/// <summary>
/// numcodecs <c>vlen-array</c>: an object array whose items are 1-D numeric arrays of <see cref="DType"/>
/// (for <c>&lt;i4</c>, <c>int[]</c>; for <c>&lt;f8</c>, <c>double[]</c>; and so on). Each item is stored as
/// its byte length and its elements in the dtype's byte order; null encodes as an empty item.
/// </summary>
public sealed class VLenArrayCodec : ObjectCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "vlen-array";

    private readonly NumpyElement _element;

    /// <summary>Creates the codec for items of a bool, integer or float <paramref name="dtype"/>.</summary>
    public VLenArrayCodec(ZarrDType dtype)
    {
        ArgumentNullException.ThrowIfNull(dtype);
        DType = dtype;
        _element = NumpyElement.From(dtype, "dtype");
    }

    /// <summary>Creates the codec from its JSON configuration.</summary>
    public static VLenArrayCodec FromConfig(JsonObject config) => new(FilterConfig.GetDType(config, "dtype"));

    /// <summary>The element type of every item.</summary>
    public ZarrDType DType { get; }

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    public override JsonObject GetConfig() => new() { ["id"] = Id, ["dtype"] = DType.TypeStr };

    /// <inheritdoc />
    public override bool Supports<T>() => _element.Type switch
    {
        NumpyType.Bool => typeof(T) == typeof(bool[]),
        NumpyType.Int8 => typeof(T) == typeof(sbyte[]),
        NumpyType.UInt8 => typeof(T) == typeof(byte[]),
        NumpyType.Int16 => typeof(T) == typeof(short[]),
        NumpyType.UInt16 => typeof(T) == typeof(ushort[]),
        NumpyType.Int32 => typeof(T) == typeof(int[]),
        NumpyType.UInt32 => typeof(T) == typeof(uint[]),
        NumpyType.Int64 => typeof(T) == typeof(long[]),
        NumpyType.UInt64 => typeof(T) == typeof(ulong[]),
        NumpyType.Float16 => typeof(T) == typeof(Half[]),
        NumpyType.Float32 => typeof(T) == typeof(float[]),
        _ => typeof(T) == typeof(double[]),
    };

    /// <inheritdoc />
    public override void Encode<T>(ReadOnlySpan<T> items, IBufferWriter<byte> output)
    {
        Require<T>();
        VLenFormat.WriteCount(output, items.Length);
        var size = _element.Size;
        foreach (var item in items)
        {
            var bytes = item is null ? default : ElementBytes(item);
            if (!_element.BigEndian || size == 1)
            {
                VLenFormat.WriteItem(output, bytes);
                continue;
            }
            var rented = ArrayPool<byte>.Shared.Rent(Math.Max(1, bytes.Length));
            try
            {
                var copy = rented.AsSpan(0, bytes.Length);
                bytes.CopyTo(copy);
                SwapEach(copy, size);
                VLenFormat.WriteItem(output, copy);
            }
            finally { ArrayPool<byte>.Shared.Return(rented); }
        }
    }

    /// <inheritdoc />
    public override void Decode<T>(ReadOnlySpan<byte> input, Span<T> items)
    {
        Require<T>();
        var reader = VLenFormat.Open(input, items.Length, Id);
        var size = _element.Size;
        for (var i = 0; i < items.Length; i++)
        {
            var bytes = reader.Next();
            if (bytes.Length % size != 0)
                throw new ZarrCodecException(Id, null, $"item {i} has {bytes.Length} bytes, not a whole number of {size}-byte '{DType.TypeStr}' elements");
            var array = CreateArray(bytes.Length / size, out var target);
            bytes.CopyTo(target);
            if (_element.BigEndian && size > 1) SwapEach(target, size);
            if (_element.Type == NumpyType.Bool)
                for (var k = 0; k < target.Length; k++) target[k] = target[k] != 0 ? (byte)1 : (byte)0;
            items[i] = (T)array;
        }
    }

    /// <inheritdoc />
    public override T EmptyValue<T>()
    {
        Require<T>();
        return (T)CreateArray(0, out _);
    }

    /// <inheritdoc />
    /// <remarks>
    /// numcodecs stores a non-None item as <c>np.ascontiguousarray(item, dtype)</c>, so zarr-python's
    /// padding value 0 (the default fill) becomes the one-element array [0]; a null fill pads with
    /// None, an empty item.
    /// </remarks>
    public override T FillValue<T>(JsonNode? fill)
    {
        Require<T>();
        if (fill is null) return EmptyValue<T>();
        var item = Metadata.FillValueCodec.ToBytes(DType, fill, "<fill_value>")!;
        var array = CreateArray(1, out var target);
        item.CopyTo(target);
        if (_element.BigEndian && _element.Size > 1) SwapEach(target, _element.Size);
        if (_element.Type == NumpyType.Bool) target[0] = target[0] != 0 ? (byte)1 : (byte)0;
        return (T)array;
    }

    private static ReadOnlySpan<byte> ElementBytes(object array) => array switch
    {
        bool[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        sbyte[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        byte[] a => a,
        short[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        ushort[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        int[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        uint[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        long[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        ulong[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        Half[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        float[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        double[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        _ => throw new InvalidOperationException("unreachable: the item type was checked"),
    };

    private object CreateArray(int count, out Span<byte> bytes)
    {
        switch (_element.Type)
        {
            case NumpyType.Bool: { var a = new bool[count]; bytes = MemoryMarshal.AsBytes(a.AsSpan()); return a; }
            case NumpyType.Int8: { var a = new sbyte[count]; bytes = MemoryMarshal.AsBytes(a.AsSpan()); return a; }
            case NumpyType.UInt8: { var a = new byte[count]; bytes = a; return a; }
            case NumpyType.Int16: { var a = new short[count]; bytes = MemoryMarshal.AsBytes(a.AsSpan()); return a; }
            case NumpyType.UInt16: { var a = new ushort[count]; bytes = MemoryMarshal.AsBytes(a.AsSpan()); return a; }
            case NumpyType.Int32: { var a = new int[count]; bytes = MemoryMarshal.AsBytes(a.AsSpan()); return a; }
            case NumpyType.UInt32: { var a = new uint[count]; bytes = MemoryMarshal.AsBytes(a.AsSpan()); return a; }
            case NumpyType.Int64: { var a = new long[count]; bytes = MemoryMarshal.AsBytes(a.AsSpan()); return a; }
            case NumpyType.UInt64: { var a = new ulong[count]; bytes = MemoryMarshal.AsBytes(a.AsSpan()); return a; }
            case NumpyType.Float16: { var a = new Half[count]; bytes = MemoryMarshal.AsBytes(a.AsSpan()); return a; }
            case NumpyType.Float32: { var a = new float[count]; bytes = MemoryMarshal.AsBytes(a.AsSpan()); return a; }
            default: { var a = new double[count]; bytes = MemoryMarshal.AsBytes(a.AsSpan()); return a; }
        }
    }

    private static void SwapEach(Span<byte> bytes, int size)
    {
        for (var i = 0; i < bytes.Length; i += size) bytes.Slice(i, size).Reverse();
    }

    private void Require<T>()
    {
        if (!Supports<T>())
            throw new ZarrCodecException(Id, null, $"vlen-array of '{DType.TypeStr}' holds {ElementConverters.ExpectedTypeName(DType)}[] items, not {typeof(T).Name}");
    }

    /// <inheritdoc />
    public override string ToString() => $"VLenArray(dtype={PythonRepr.Of(DType.TypeStr)})";
}
