using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Zarr.DataTypes;

/// <summary>
/// Converts between the stored bytes of a fixed-size dtype and a .NET element type
/// (the array→bytes step of the pipeline for fixed-size types).
/// </summary>
/// <typeparam name="T">The .NET element type.</typeparam>
public abstract class ElementConverter<T>
{
    /// <summary>Creates the converter for <paramref name="dtype"/>.</summary>
    protected ElementConverter(ZarrDType dtype) => DType = dtype;

    /// <summary>The stored data type.</summary>
    public ZarrDType DType { get; }

    /// <summary>Bytes per stored item.</summary>
    public int ItemSize => DType.ItemSize;

    /// <summary>
    /// True when a span of <typeparamref name="T"/> is byte for byte the stored layout, so chunks can
    /// be decoded straight into the caller's memory.
    /// </summary>
    public virtual bool IsBitwise => false;

    /// <summary>Decodes <c>dst.Length</c> items from <paramref name="src"/> (exactly <c>dst.Length × ItemSize</c> bytes).</summary>
    public abstract void Decode(ReadOnlySpan<byte> src, Span<T> dst);

    /// <summary>Encodes <c>src.Length</c> items into <paramref name="dst"/> (exactly <c>src.Length × ItemSize</c> bytes).</summary>
    public abstract void Encode(ReadOnlySpan<T> src, Span<byte> dst);

    /// <summary>Decodes one item.</summary>
    public T DecodeOne(ReadOnlySpan<byte> item)
    {
        var one = new T[1];
        Decode(item, one);
        return one[0];
    }

    /// <summary>Encodes one item.</summary>
    public byte[] EncodeOne(T value)
    {
        var bytes = new byte[ItemSize];
        Encode([value], bytes);
        return bytes;
    }
}

/// <summary>Chooses the <see cref="ElementConverter{T}"/> for a dtype and element type.</summary>
public static class ElementConverters
{
    /// <summary>True when <typeparamref name="T"/> can hold items of <paramref name="dtype"/>.</summary>
    public static bool IsSupported<T>(ZarrDType dtype) => TryCreate<T>(dtype) is not null;

    /// <summary>Creates the converter, or throws naming the dtype and the element type.</summary>
    public static ElementConverter<T> Create<T>(ZarrDType dtype) =>
        TryCreate<T>(dtype) ?? throw new ZarrException(
            $"Elements of dtype {dtype} ('{dtype.TypeStr}') cannot be read as {typeof(T).Name}; expected {ExpectedTypeName(dtype)}.");

    /// <summary>The natural .NET element type name for a dtype (see <see cref="ElementTypes"/>), for messages.</summary>
    public static string ExpectedTypeName(ZarrDType dtype) => dtype.Kind switch
    {
        DTypeKind.Object => "string, byte[] or an array (through the object codec)",
        DTypeKind.Raw or DTypeKind.Structured => "byte[] or a blittable struct of " + dtype.ItemSize + " bytes",
        _ => ElementTypes.DisplayName(dtype),
    };

    private static ElementConverter<T>? TryCreate<T>(ZarrDType dtype)
    {
        var t = typeof(T);
        switch (dtype.Kind)
        {
            case DTypeKind.Object:
                return null;
            case DTypeKind.Unicode:
                return t == typeof(string) ? (ElementConverter<T>)(object)new UnicodeConverter(dtype) : null;
            case DTypeKind.Bytes:
                if (t == typeof(byte[])) return (ElementConverter<T>)(object)new BytesConverter(dtype, stripNuls: true);
                if (t == typeof(string)) return (ElementConverter<T>)(object)new Latin1Converter(dtype);
                return null;
            case DTypeKind.Raw:
            case DTypeKind.Structured:
                if (t == typeof(byte[])) return (ElementConverter<T>)(object)new BytesConverter(dtype, stripNuls: false);
                return IsBlittableOfSize<T>(dtype.ItemSize) && !t.IsPrimitive ? new BlittableConverter<T>(dtype) : null;
        }
        if (dtype.Kind == DTypeKind.DateTime && t == typeof(DateTime64)) return (ElementConverter<T>)(object)new DateTime64Converter(dtype);
        if (dtype.Kind == DTypeKind.TimeDelta && t == typeof(TimeDelta64)) return (ElementConverter<T>)(object)new TimeDelta64Converter(dtype);
        // Numbers and booleans: the natural element type (ElementTypes), or long for a time's raw count.
        var ok = t == ElementTypes.NaturalType(dtype) || (dtype.Kind is DTypeKind.DateTime or DTypeKind.TimeDelta && t == typeof(long));
        return ok ? new BlittableConverter<T>(dtype) : null;
    }

    private static bool IsBlittableOfSize<T>(int size) =>
        !RuntimeHelpers.IsReferenceOrContainsReferences<T>() && Unsafe.SizeOf<T>() == size;

    /// <summary>Reverses the byte order of each <paramref name="unit"/>-byte group in place.</summary>
    public static void SwapInPlace(Span<byte> data, int unit)
    {
        switch (unit)
        {
            case 2:
                var s = MemoryMarshal.Cast<byte, ushort>(data);
                BinaryPrimitives.ReverseEndianness(s, s);
                break;
            case 4:
                var i = MemoryMarshal.Cast<byte, uint>(data);
                BinaryPrimitives.ReverseEndianness(i, i);
                break;
            case 8:
                var l = MemoryMarshal.Cast<byte, ulong>(data);
                BinaryPrimitives.ReverseEndianness(l, l);
                break;
            default:
                if (unit <= 1) return;
                for (var o = 0; o + unit <= data.Length; o += unit) data.Slice(o, unit).Reverse();
                break;
        }
    }
}

/// <summary>Items whose .NET layout equals the stored layout up to byte order.</summary>
internal sealed class BlittableConverter<T> : ElementConverter<T>
{
    private readonly bool _swap;

    public BlittableConverter(ZarrDType dtype) : base(dtype) => _swap = dtype.NeedsByteSwap;

    public override bool IsBitwise => !_swap;

    internal static Span<byte> AsBytes(Span<T> span) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(span)), checked(span.Length * Unsafe.SizeOf<T>()));

    internal static ReadOnlySpan<byte> AsBytes(ReadOnlySpan<T> span) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(span)), checked(span.Length * Unsafe.SizeOf<T>()));

    public override void Decode(ReadOnlySpan<byte> src, Span<T> dst)
    {
        var bytes = AsBytes(dst);
        src[..bytes.Length].CopyTo(bytes);
        if (_swap) ElementConverters.SwapInPlace(bytes, DType.SwapUnit);
    }

    public override void Encode(ReadOnlySpan<T> src, Span<byte> dst)
    {
        var bytes = AsBytes(src);
        bytes.CopyTo(dst);
        if (_swap) ElementConverters.SwapInPlace(dst[..bytes.Length], DType.SwapUnit);
    }
}

/// <summary><c>U&lt;n&gt;</c> items as strings: UCS-4, NUL-padded, trailing NULs stripped on read.</summary>
internal sealed class UnicodeConverter(ZarrDType dtype) : ElementConverter<string>(dtype)
{
    private readonly Encoding _encoding = new UTF32Encoding(bigEndian: dtype.ByteOrder == ByteOrder.Big, byteOrderMark: false, throwOnInvalidCharacters: false);

    public override void Decode(ReadOnlySpan<byte> src, Span<string> dst)
    {
        var size = ItemSize;
        for (var i = 0; i < dst.Length; i++)
        {
            var item = src.Slice(i * size, size);
            var chars = size / 4;
            while (chars > 0 && item.Slice((chars - 1) * 4, 4).IndexOfAnyExcept((byte)0) < 0) chars--;
            dst[i] = chars == 0 ? "" : _encoding.GetString(item[..(chars * 4)]);
        }
    }

    public override void Encode(ReadOnlySpan<string> src, Span<byte> dst)
    {
        var size = ItemSize;
        for (var i = 0; i < src.Length; i++)
        {
            var item = dst.Slice(i * size, size);
            item.Clear();
            var s = src[i] ?? "";
            var needed = _encoding.GetByteCount(s);
            if (needed > size)
                throw new ArgumentException($"The string \"{Truncate(s)}\" has {needed / 4} characters, more than the {size / 4} of dtype {DType.TypeStr}.");
            _encoding.GetBytes(s, item);
        }
    }

    internal static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}

/// <summary><c>S&lt;n&gt;</c> items as Latin-1 strings (each byte one character), trailing NULs stripped.</summary>
internal sealed class Latin1Converter(ZarrDType dtype) : ElementConverter<string>(dtype)
{
    public override void Decode(ReadOnlySpan<byte> src, Span<string> dst)
    {
        var size = ItemSize;
        for (var i = 0; i < dst.Length; i++)
        {
            var item = src.Slice(i * size, size);
            var n = item.LastIndexOfAnyExcept((byte)0) + 1;
            dst[i] = Encoding.Latin1.GetString(item[..n]);
        }
    }

    public override void Encode(ReadOnlySpan<string> src, Span<byte> dst)
    {
        var size = ItemSize;
        for (var i = 0; i < src.Length; i++)
        {
            var item = dst.Slice(i * size, size);
            item.Clear();
            var s = src[i] ?? "";
            if (s.Length > size) throw new ArgumentException($"The value \"{UnicodeConverter.Truncate(s)}\" is longer than the {size} bytes of dtype {DType.TypeStr}.");
            foreach (var c in s) if (c > 0xFF) throw new ArgumentException($"The value \"{UnicodeConverter.Truncate(s)}\" has a character outside Latin-1; use byte[] elements for dtype {DType.TypeStr}.");
            Encoding.Latin1.GetBytes(s, item);
        }
    }
}

/// <summary><c>S</c>, <c>V</c> and structured items as byte arrays.</summary>
internal sealed class BytesConverter(ZarrDType dtype, bool stripNuls) : ElementConverter<byte[]>(dtype)
{
    public override void Decode(ReadOnlySpan<byte> src, Span<byte[]> dst)
    {
        var size = ItemSize;
        for (var i = 0; i < dst.Length; i++)
        {
            var item = src.Slice(i * size, size);
            dst[i] = (stripNuls ? item[..(item.LastIndexOfAnyExcept((byte)0) + 1)] : item).ToArray();
        }
    }

    public override void Encode(ReadOnlySpan<byte[]> src, Span<byte> dst)
    {
        var size = ItemSize;
        for (var i = 0; i < src.Length; i++)
        {
            var item = dst.Slice(i * size, size);
            item.Clear();
            var v = src[i] ?? [];
            if (v.Length > size || (!stripNuls && v.Length != size && v.Length != 0))
                throw new ArgumentException($"A value of {v.Length} bytes does not fit dtype {DType.TypeStr} ({size} bytes per item).");
            v.CopyTo(item);
        }
    }
}
