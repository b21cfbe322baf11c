using Zarr.Metadata.Json;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Zarr.DataTypes;

namespace Zarr.Metadata;

/// <summary>
/// The v2 <c>fill_value</c> encoding, as zarr-python 2.13 writes and reads it: numbers, the strings
/// "NaN"/"Infinity"/"-Infinity" for floats, [re, im] for complex, int64 for datetimes, base64 for
/// <c>S</c>, <c>V</c> and structured types, plain strings for <c>U</c>.
/// </summary>
public static class FillValueCodec
{
    /// <summary>
    /// Decodes the JSON fill value to one stored item (in the dtype's byte order), or null for a null
    /// fill, as zarr-python 2.13 does whenever it opens (or creates) an array. With
    /// <paramref name="asCreated"/>, gives the value as passed to zarr.create instead, which is what
    /// goes back into the JSON; the two differ only for complex fills with a non-finite imaginary
    /// part (see <see cref="ComplexAsOpened"/>).
    /// </summary>
    public static byte[]? ToBytes(ZarrDType dtype, JsonNode? json, string key, bool asCreated = false)
    {
        if (json is null || dtype.Kind == DTypeKind.Object) return null;
        var bytes = new byte[dtype.ItemSize];
        var span = bytes.AsSpan();
        try
        {
            switch (dtype.Kind)
            {
                case DTypeKind.Bool:
                    span[0] = json is JsonValue bv && bv.TryGetValue<bool>(out var b) ? (byte)(b ? 1 : 0) : (byte)(ReadInteger(json) != 0 ? 1 : 0);
                    break;
                case DTypeKind.Int:
                case DTypeKind.UInt:
                    WriteInteger(span, dtype, json);
                    break;
                case DTypeKind.DateTime:
                case DTypeKind.TimeDelta:
                    var t = json is JsonValue tv && tv.TryGetValue<string>(out var ts) && ts == "NaT" ? long.MinValue : (long)ReadInteger(json);
                    BinaryPrimitives.WriteInt64LittleEndian(span, t);
                    break;
                case DTypeKind.Float:
                    if (!TryWriteHexBits(span, json)) WriteFloat(span, dtype.ItemSize, ReadFloat(json));
                    break;
                case DTypeKind.Complex:
                    if (json is not JsonArray { Count: 2 } pair) throw new FormatException("a complex fill_value must be [real, imag]");
                    if (IsHex(pair[0]) || IsHex(pair[1]))
                    {
                        // zarr v3 spells a NaN payload (or any exact bit pattern) as "0x…" per part.
                        var half = dtype.ItemSize / 2;
                        if (!TryWriteHexBits(span[..half], pair[0])) WriteFloat(span[..half], half, ReadFloat(pair[0]));
                        if (!TryWriteHexBits(span[half..], pair[1])) WriteFloat(span[half..], half, ReadFloat(pair[1]));
                        break;
                    }
                    var (re, im) = (ReadFloat(pair[0]), ReadFloat(pair[1]));
                    if (!asCreated) (re, im) = ComplexAsOpened(re, im);
                    WriteFloat(span[..(dtype.ItemSize / 2)], dtype.ItemSize / 2, re);
                    WriteFloat(span[(dtype.ItemSize / 2)..], dtype.ItemSize / 2, im);
                    break;
                case DTypeKind.Unicode:
                    var s = json is JsonValue uv && uv.TryGetValue<string>(out var us) ? us : json.ToJsonString();
                    new UnicodeConverter(dtype).Encode([s], span);
                    return bytes;
                case DTypeKind.Bytes:
                case DTypeKind.Raw:
                case DTypeKind.Structured:
                    var raw = DecodeBase64Lenient(json);
                    if (raw.Length > bytes.Length) throw new FormatException($"the decoded value has {raw.Length} bytes, more than the item size {bytes.Length}");
                    raw.CopyTo(span);
                    return bytes;
            }
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException or ArgumentException)
        {
            throw new ZarrMetadataException(key, "fill_value", $"{json.ToJsonString()} is not a valid fill value for dtype {dtype.TypeStr}: {e.Message}", e);
        }
        if (dtype.NeedsByteSwap) ElementConverters.SwapInPlace(span, dtype.SwapUnit);
        return bytes;
    }

    /// <summary>Encodes one stored item (or null) as zarr-python writes it in .zarray.</summary>
    public static JsonNode? ToJson(ZarrDType dtype, ReadOnlySpan<byte> item, bool isNull)
    {
        if (isNull) return null;
        byte[]? copy = null;
        if (dtype.NeedsByteSwap)
        {
            copy = item.ToArray();
            ElementConverters.SwapInPlace(copy, dtype.SwapUnit);
            item = copy;
        }
        switch (dtype.Kind)
        {
            case DTypeKind.Bool: return JsonValue.Create(item[0] != 0);
            case DTypeKind.Int:
                return JsonValue.Create(dtype.ItemSize switch
                {
                    1 => (sbyte)item[0],
                    2 => BinaryPrimitives.ReadInt16LittleEndian(item),
                    4 => BinaryPrimitives.ReadInt32LittleEndian(item),
                    _ => BinaryPrimitives.ReadInt64LittleEndian(item),
                });
            case DTypeKind.UInt:
                var u = dtype.ItemSize switch
                {
                    1 => item[0],
                    2 => BinaryPrimitives.ReadUInt16LittleEndian(item),
                    4 => BinaryPrimitives.ReadUInt32LittleEndian(item),
                    _ => BinaryPrimitives.ReadUInt64LittleEndian(item),
                };
                return u <= long.MaxValue ? JsonValue.Create((long)u) : JsonValue.Create(u);
            case DTypeKind.DateTime:
            case DTypeKind.TimeDelta:
                return JsonValue.Create(BinaryPrimitives.ReadInt64LittleEndian(item));
            case DTypeKind.Float:
                return FloatJson(ReadFloat(item, dtype.ItemSize));
            case DTypeKind.Complex:
                var h = dtype.ItemSize / 2;
                return new JsonArray(FloatJson(ReadFloat(item[..h], h)), FloatJson(ReadFloat(item[h..], h)));
            case DTypeKind.Unicode:
                var s = new string[1];
                new UnicodeConverter(ZarrDType.Parse("<U" + dtype.Length.ToString(CultureInfo.InvariantCulture))).Decode(item, s);
                return JsonValue.Create(s[0]);
            case DTypeKind.Bytes:
                return JsonValue.Create(Convert.ToBase64String(item[..(item.LastIndexOfAnyExcept((byte)0) + 1)]));
            default:
                return JsonValue.Create(Convert.ToBase64String(item));
        }
    }

    /// <summary>
    /// Normalises a fill value given by a caller (a number, bool, string, byte[], complex, DateTime64,
    /// or a JsonNode) to the JSON zarr-python would write for <paramref name="dtype"/>.
    /// </summary>
    public static JsonNode? Normalize(ZarrDType dtype, object? value)
    {
        if (value is null) return null;
        if (dtype.Kind == DTypeKind.Object) return ToNode(value);
        JsonNode? node = value switch
        {
            JsonNode n => n,
            byte[] b => JsonValue.Create(Convert.ToBase64String(b)),
            string s when dtype.Kind == DTypeKind.Bytes => JsonValue.Create(Convert.ToBase64String(Encoding.Latin1.GetBytes(s))),
            string s when dtype.Kind == DTypeKind.Float && (s is "NaN" or "Infinity" or "-Infinity") => JsonValue.Create(s),
            int i when dtype.Kind is DTypeKind.Bytes or DTypeKind.Unicode && i == 0 => JsonValue.Create(""),
            int i when dtype.Kind is DTypeKind.Raw or DTypeKind.Structured && i == 0 => JsonValue.Create(Convert.ToBase64String(new byte[dtype.ItemSize])),
            System.Numerics.Complex c => new JsonArray(JsonValue.Create(c.Real), JsonValue.Create(c.Imaginary)),
            Complex64 c => new JsonArray(JsonValue.Create((double)c.Real), JsonValue.Create((double)c.Imaginary)),
            DateTime64 d => JsonValue.Create(dtype.Kind == DTypeKind.DateTime ? d.ToUnit(TimeUnit.Of(dtype)).Value : d.Value),
            TimeDelta64 d => JsonValue.Create(dtype.Kind == DTypeKind.TimeDelta ? d.ToUnit(TimeUnit.Of(dtype)).Value : d.Value),
            Half h => JsonValue.Create((double)h),
            _ => ToNode(value),
        };
        if (dtype.Kind == DTypeKind.Complex && node is JsonValue scalar) node = new JsonArray(JsonValue.Create(ReadFloat(scalar)), JsonValue.Create(0.0));
        var bytes = ToBytes(dtype, node, "<fill_value>", asCreated: true);
        return ToJson(dtype, bytes, bytes is null);
    }

    private static JsonNode? ToNode(object value) => value switch
    {
        JsonNode n => n,
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        sbyte v => JsonValue.Create((long)v),
        byte v => JsonValue.Create((long)v),
        short v => JsonValue.Create((long)v),
        ushort v => JsonValue.Create((long)v),
        int v => JsonValue.Create((long)v),
        uint v => JsonValue.Create((long)v),
        long v => JsonValue.Create(v),
        ulong v => JsonValue.Create(v),
        float v => JsonValue.Create((double)v),
        double v => JsonValue.Create(v),
        decimal v => JsonValue.Create((double)v),
        Half v => JsonValue.Create((double)v),
        _ => throw new ArgumentException($"A fill value of type {value.GetType().Name} is not supported."),
    };

    private static JsonValue FloatJson(double d) =>
        double.IsNaN(d) ? JsonValue.Create("NaN") :
        double.IsPositiveInfinity(d) ? JsonValue.Create("Infinity") :
        double.IsNegativeInfinity(d) ? JsonValue.Create("-Infinity") :
        JsonValue.Create(d == 0 ? 0.0 : d);

    private static double ReadFloat(ReadOnlySpan<byte> item, int size) => size switch
    {
        2 => (double)BinaryPrimitives.ReadHalfLittleEndian(item),
        4 => BinaryPrimitives.ReadSingleLittleEndian(item),
        _ => BinaryPrimitives.ReadDoubleLittleEndian(item),
    };

    private static void WriteFloat(Span<byte> span, int size, double value)
    {
        switch (size)
        {
            case 2: BinaryPrimitives.WriteHalfLittleEndian(span, (Half)value); break;
            case 4: BinaryPrimitives.WriteSingleLittleEndian(span, (float)value); break;
            default: BinaryPrimitives.WriteDoubleLittleEndian(span, value); break;
        }
    }

    /// <summary>
    /// zarr-python 2.13 decodes a complex fill_value <c>[re, im]</c> as <c>re + 1j * im</c> in NumPy
    /// arithmetic (meta.py decode_fill_value), so 1j·im contributes 0·im − 0 to the real part: an
    /// infinite imaginary part makes the real part the hardware's default NaN (0.0 × ∞), a NaN one makes
    /// it NaN, and a −0.0 becomes +0.0. Reproduced here with the same IEEE operations, so missing
    /// chunks read exactly what zarr-python reads (conformance cases fill-c16be, fill-c8-nan-inf).
    /// </summary>
    private static (double Re, double Im) ComplexAsOpened(double re, double im)
    {
        var jReal = 0.0 * im - 0.0; // real part of 1j * im
        var jImag = 0.0 + im;       // imaginary part of 1j * im (0·0 + 1·im)
        return (double.IsNaN(jReal) ? jReal : re + jReal, 0.0 + jImag);
    }

    // Python's float('nan') (and NumPy's np.nan) is the positive quiet NaN 0x7FF8000000000000;
    // .NET's double.NaN is 0xFFF8000000000000. Missing chunks and the padding of new chunks must
    // hold zarr-python's bits, so "NaN" decodes to Python's NaN (narrowed to 0x7FC00000 / 0x7E00).
    private static readonly double PythonNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0000);

    private static double ReadFloat(JsonNode? json)
    {
        if (json is not JsonValue v) throw new FormatException("expected a number");
        if (v.TryGetValue<string>(out var s))
        {
            return s switch
            {
                "NaN" or "nan" => PythonNaN,
                "Infinity" or "inf" => double.PositiveInfinity,
                "-Infinity" or "-inf" => double.NegativeInfinity,
                _ => s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                    ? BitConverter.Int64BitsToDouble(long.Parse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture))
                    : double.Parse(s, CultureInfo.InvariantCulture),
            };
        }
        if (v.TryGetValue<double>(out var d)) return double.IsNaN(d) ? PythonNaN : d;
        if (v.TryGetInt64(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<ulong>(out var ul)) return ul;
        if (v.TryGetValue<bool>(out var b)) return b ? 1 : 0;
        throw new FormatException("expected a number");
    }

    private static Int128 ReadInteger(JsonNode? json)
    {
        if (json is not JsonValue v) throw new FormatException("expected an integer");
        if (v.TryGetInt64(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<ulong>(out var ul)) return ul;
        if (v.TryGetValue<bool>(out var b)) return b ? 1 : 0;
        if (v.TryGetValue<double>(out var d) && Math.Floor(d) == d && Math.Abs(d) < 1.9e19) return (Int128)d;
        throw new FormatException("expected an integer");
    }

    private static void WriteInteger(Span<byte> span, ZarrDType dtype, JsonNode json)
    {
        var value = ReadInteger(json);
        var signed = dtype.Kind == DTypeKind.Int;
        var bits = dtype.ItemSize * 8;
        var min = signed ? -(Int128.One << (bits - 1)) : Int128.Zero;
        var max = signed ? (Int128.One << (bits - 1)) - 1 : (Int128.One << bits) - 1;
        if (value < min || value > max) throw new OverflowException($"{value} is out of range for {dtype}");
        var u = (ulong)(value & ulong.MaxValue);
        switch (dtype.ItemSize)
        {
            case 1: span[0] = (byte)u; break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)u); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)u); break;
            default: BinaryPrimitives.WriteUInt64LittleEndian(span, u); break;
        }
    }

    private static bool IsHex(JsonNode? json) =>
        json is JsonValue v && v.TryGetValue<string>(out var s) && s.StartsWith("0x", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The zarr v3 hex form of a float fill value (core spec, "fill_value"): "0x" and the bit pattern of
    /// the item, big-endian digits, exactly two per byte (f32 NaN is "0x7fc00000"). Written little-endian.
    /// </summary>
    private static bool TryWriteHexBits(Span<byte> item, JsonNode? json)
    {
        if (!IsHex(json)) return false;
        var digits = json!.GetValue<string>().AsSpan(2);
        if (digits.Length != item.Length * 2) throw new FormatException($"a hex fill value for a {item.Length}-byte float needs {item.Length * 2} hex digits");
        var bits = ulong.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        for (var i = 0; i < item.Length; i++) item[i] = (byte)(bits >> (8 * i));
        return true;
    }

    private static byte[] DecodeBase64Lenient(JsonNode json)
    {
        if (json is JsonArray bytes)
        {
            // zarr v3 raw types (r<N>, raw_bytes) give their fill value as a list of byte values.
            var raw = new byte[bytes.Count];
            for (var i = 0; i < raw.Length; i++)
                raw[i] = bytes[i].TryGetInt64(out var b) && b is >= 0 and <= 255 ? (byte)b : throw new FormatException($"item {i} of the byte list is not an integer 0..255");
            return raw;
        }
        if (json is JsonValue v && v.TryGetValue<string>(out var s))
        {
            try { return Convert.FromBase64String(s); }
            catch (FormatException) { return Encoding.ASCII.GetBytes(s); }
        }
        if (json.TryGetInt64(out var l) && l == 0) return [];
        throw new FormatException("expected a base64 string");
    }
}
