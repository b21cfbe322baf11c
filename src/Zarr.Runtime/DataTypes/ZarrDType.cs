using Zarr.Metadata.Json;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Zarr.DataTypes;

/// <summary>
/// A NumPy data type as zarr v2 stores it: a typestr such as <c>&lt;i4</c>, <c>|S5</c>,
/// <c>&lt;M8[ns]</c>, or a structured descr list. Immutable; equality is by encoding.
/// </summary>
public sealed class ZarrDType : IEquatable<ZarrDType>
{
    private static readonly string[] Units = ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "μs", "ns", "ps", "fs", "as"];

    private ZarrDType(DTypeKind kind, ByteOrder order, int itemSize, string typeStr, string? unit = null, int unitMultiplier = 1, IReadOnlyList<DTypeField>? fields = null)
    {
        Kind = kind;
        ByteOrder = order;
        ItemSize = itemSize;
        TypeStr = typeStr;
        Unit = unit;
        UnitMultiplier = unitMultiplier;
        Fields = fields ?? [];
    }

    /// <summary>The kind (bool, int, float, …).</summary>
    public DTypeKind Kind { get; }

    /// <summary>The byte order of stored items.</summary>
    public ByteOrder ByteOrder { get; }

    /// <summary>Bytes per item (for <c>U</c>, 4 × characters). 8 for object (a reference's size, as zarr-python counts it).</summary>
    public int ItemSize { get; }

    /// <summary>The typestr (<c>&lt;i4</c>); for structured types, the Python repr of the descr.</summary>
    public string TypeStr { get; }

    /// <summary>The datetime/timedelta unit (<c>ns</c>, <c>s</c>, …), else null.</summary>
    public string? Unit { get; }

    /// <summary>The multiplier of the unit (<c>10</c> in <c>m8[10s]</c>).</summary>
    public int UnitMultiplier { get; }

    /// <summary>The fields of a structured type, in order; empty otherwise.</summary>
    public IReadOnlyList<DTypeField> Fields { get; }

    /// <summary>True for structured types.</summary>
    public bool IsStructured => Kind == DTypeKind.Structured;

    /// <summary>True when items must be byte-swapped to be read on this (little-endian) machine.</summary>
    public bool NeedsByteSwap => ByteOrder == ByteOrder.Big && BitConverter.IsLittleEndian && SwapUnit > 1;

    /// <summary>The size of the unit swapped as a whole (the float size for complex types).</summary>
    public int SwapUnit => Kind == DTypeKind.Complex ? ItemSize / 2 : Kind == DTypeKind.Unicode ? 4 : ItemSize;

    /// <summary>The number of characters of a <c>U</c> type, or bytes of an <c>S</c>/<c>V</c> type.</summary>
    public int Length => Kind == DTypeKind.Unicode ? ItemSize / 4 : ItemSize;

    // ---- common types -------------------------------------------------------------------------

    /// <summary>bool (<c>|b1</c>).</summary>
    public static ZarrDType Bool { get; } = Parse("|b1");
    /// <summary>int8.</summary>
    public static ZarrDType Int8 { get; } = Parse("|i1");
    /// <summary>int16, little-endian.</summary>
    public static ZarrDType Int16 { get; } = Parse("<i2");
    /// <summary>int32, little-endian.</summary>
    public static ZarrDType Int32 { get; } = Parse("<i4");
    /// <summary>int64, little-endian.</summary>
    public static ZarrDType Int64 { get; } = Parse("<i8");
    /// <summary>uint8.</summary>
    public static ZarrDType UInt8 { get; } = Parse("|u1");
    /// <summary>uint16, little-endian.</summary>
    public static ZarrDType UInt16 { get; } = Parse("<u2");
    /// <summary>uint32, little-endian.</summary>
    public static ZarrDType UInt32 { get; } = Parse("<u4");
    /// <summary>uint64, little-endian.</summary>
    public static ZarrDType UInt64 { get; } = Parse("<u8");
    /// <summary>float16, little-endian.</summary>
    public static ZarrDType Float16 { get; } = Parse("<f2");
    /// <summary>float32, little-endian.</summary>
    public static ZarrDType Float32 { get; } = Parse("<f4");
    /// <summary>float64, little-endian.</summary>
    public static ZarrDType Float64 { get; } = Parse("<f8");
    /// <summary>complex64, little-endian.</summary>
    public static ZarrDType Complex64 { get; } = Parse("<c8");
    /// <summary>complex128, little-endian.</summary>
    public static ZarrDType Complex128 { get; } = Parse("<c16");
    /// <summary>object (<c>|O</c>).</summary>
    public static ZarrDType Object { get; } = Parse("|O");

    // ---- parsing ------------------------------------------------------------------------------

    /// <summary>
    /// Parses a typestr. Also accepts NumPy names (<c>int32</c>, <c>float64</c>, <c>bool</c>,
    /// <c>datetime64[ns]</c>) and short forms without byte order (<c>i4</c>, <c>f8</c>), which get
    /// little-endian order, as NumPy on this machine would. A JSON descr list (<c>[["x", "&lt;i4"], …]</c>)
    /// gives a structured type.
    /// </summary>
    public static ZarrDType Parse(string typeStr)
    {
        ArgumentNullException.ThrowIfNull(typeStr);
        if (typeStr.TrimStart().StartsWith('['))
        {
            try
            {
                return FromJson(Metadata.Json.ZarrJson.Parse(typeStr, "<dtype>"), "<dtype>");
            }
            catch (ZarrMetadataException e)
            {
                throw new ArgumentException($"Unsupported structured dtype '{typeStr}': {e.Message}", nameof(typeStr), e);
            }
        }
        if (TryParse(typeStr, out var dtype, out var error)) return dtype;
        throw new ArgumentException($"Unsupported dtype '{typeStr}': {error}", nameof(typeStr));
    }

    /// <summary>Parses the JSON <c>dtype</c> field of a .zarray (a string or a structured list).</summary>
    public static ZarrDType FromJson(JsonNode? node, string key)
    {
        try
        {
            return node switch
            {
                JsonValue v when v.TryGetValue<string>(out var s) =>
                    TryParse(s, out var d, out var err) ? d : throw new ZarrMetadataException(key, "dtype", $"unsupported dtype '{s}': {err}"),
                JsonArray a => ParseStructured(a, key),
                _ => throw new ZarrMetadataException(key, "dtype", "must be a string or a list of fields."),
            };
        }
        catch (ArgumentException e)
        {
            throw new ZarrMetadataException(key, "dtype", e.Message, e);
        }
    }

    /// <summary>The JSON form written in .zarray: the typestr, or the descr list for structured types.</summary>
    public JsonNode ToJson()
    {
        if (!IsStructured) return JsonValue.Create(TypeStr);
        var arr = new JsonArray();
        foreach (var f in Fields)
        {
            var item = new JsonArray((JsonNode?)JsonValue.Create(f.JsonName), f.DType.ToJson());
            if (f.Shape.Length > 0)
            {
                var shape = new JsonArray();
                foreach (var s in f.Shape) shape.Add((JsonNode?)JsonValue.Create(s));
                item.Add((JsonNode?)shape);
            }
            arr.Add((JsonNode?)item);
        }
        return arr;
    }

    private static ZarrDType ParseStructured(JsonArray a, string key)
    {
        var fields = new List<DTypeField>();
        var offset = 0;
        var index = 0;
        foreach (var item in a)
        {
            if (item is not JsonArray f || f.Count < 2 || f.Count > 3 || f[0] is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var name))
                throw new ZarrMetadataException(key, "dtype", $"structured field {index} must be [name, dtype] or [name, dtype, shape].");
            var fieldType = FromJson(f[1], key);
            int[] shape = [];
            if (f.Count == 3)
            {
                if (f[2] is not JsonArray shapeArr) throw new ZarrMetadataException(key, "dtype", $"the shape of field '{name}' must be a list.");
                shape = shapeArr.Select(x => x.TryGetInt64(out var n) && n >= 0 && n <= int.MaxValue ? (int)n
                    : throw new ZarrMetadataException(key, "dtype", $"the shape of field '{name}' must hold non-negative integers.")).ToArray();
            }
            var displayName = name.Length == 0 ? "f" + index.ToString(CultureInfo.InvariantCulture) : name;
            // np.dtype names an unnamed field f<index>, and zarr-python writes dtype.descr, so the
            // name goes back to the metadata as f<index> too.
            // Sizes come from the document: add them up in 64 bits and refuse an item no array could hold,
            // instead of letting an int product wrap or overflow later.
            long fieldBytes = fieldType.ItemSize;
            foreach (var n in shape) if (fieldBytes <= Array.MaxLength) fieldBytes *= n; // both ≤ 2^31: no 64-bit overflow
            if (offset + fieldBytes > Array.MaxLength)
                throw new ZarrMetadataException(key, "dtype", $"field '{name}' (shape [{string.Join(", ", shape)}] of {fieldType.TypeStr}) makes an item larger than {Array.MaxLength} bytes, the most one .NET array can hold.");
            var field = new DTypeField(displayName, fieldType, shape, offset, displayName);
            offset += (int)fieldBytes;
            fields.Add(field);
            index++;
        }
        if (fields.Count == 0) throw new ZarrMetadataException(key, "dtype", "a structured dtype needs at least one field.");
        return new ZarrDType(DTypeKind.Structured, ByteOrder.NotApplicable, offset, DescrRepr(fields), fields: fields);
    }

    /// <summary>Creates a structured type from fields given as (name, dtype, shape).</summary>
    public static ZarrDType Structured(params (string Name, ZarrDType DType, int[]? Shape)[] fields)
    {
        var arr = new JsonArray();
        foreach (var (name, dtype, shape) in fields)
        {
            var item = new JsonArray((JsonNode?)JsonValue.Create(name), dtype.ToJson());
            if (shape is { Length: > 0 }) item.Add((JsonNode?)new JsonArray(shape.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()));
            arr.Add((JsonNode?)item);
        }
        return ParseStructured(arr, "<structured dtype>");
    }

    private static string DescrRepr(List<DTypeField> fields)
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            var f = fields[i];
            sb.Append("('").Append(f.Name).Append("', ");
            sb.Append(f.DType.IsStructured ? f.DType.TypeStr : "'" + f.DType.ReprInStruct() + "'");
            if (f.Shape.Length > 0)
            {
                sb.Append(", (").Append(string.Join(", ", f.Shape));
                if (f.Shape.Length == 1) sb.Append(',');
                sb.Append(')');
            }
            sb.Append(')');
        }
        return sb.Append(']').ToString();
    }

    // NumPy drops the '|' of S, V and one-byte types inside a structured repr, and shows bool as '?'.
    private string ReprInStruct() => Kind == DTypeKind.Bool ? "?" : TypeStr[0] == '|' ? TypeStr[1..] : TypeStr;

    private static bool TryParse(string s, out ZarrDType dtype, out string error)
    {
        dtype = null!;
        error = "";
        var named = FromNumpyName(s);
        if (named is not null) s = named;
        if (s.Length == 0) { error = "empty"; return false; }
        var order = ByteOrder.Little;
        var explicitOrder = true;
        switch (s[0])
        {
            case '<': order = ByteOrder.Little; break;
            case '>': order = ByteOrder.Big; break;
            case '|': order = ByteOrder.NotApplicable; break;
            case '=': order = ByteOrder.Little; break;
            default: explicitOrder = false; break;
        }
        var body = explicitOrder ? s[1..] : s;
        if (body.Length == 0) { error = "no kind"; return false; }
        var kindChar = body[0];
        var rest = body[1..];
        string? unit = null;
        var multiplier = 1;
        if (kindChar is 'M' or 'm')
        {
            var open = rest.IndexOf('[');
            if (open < 0 || !rest.EndsWith(']')) { error = "datetime64/timedelta64 need a unit, e.g. M8[ns]"; return false; }
            var unitText = rest[(open + 1)..^1];
            rest = rest[..open];
            var digits = 0;
            while (digits < unitText.Length && char.IsAsciiDigit(unitText[digits])) digits++;
            if (digits > 0) multiplier = int.Parse(unitText.AsSpan(0, digits), CultureInfo.InvariantCulture);
            unit = unitText[digits..];
            if (!Units.Contains(unit)) { error = $"unknown time unit '{unitText}'"; return false; }
            if (multiplier <= 0) { error = "the unit multiplier must be positive"; return false; }
        }
        int size;
        if (kindChar == 'O')
        {
            if (rest.Length != 0 && rest != "8") { error = "object dtype takes no size"; return false; }
            dtype = new ZarrDType(DTypeKind.Object, ByteOrder.NotApplicable, 8, "|O");
            return true;
        }
        if (!int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size <= 0)
        {
            error = "missing or invalid item size";
            return false;
        }
        DTypeKind kind;
        switch (kindChar)
        {
            case 'b': kind = DTypeKind.Bool; if (size != 1) { error = "bool has size 1"; return false; } break;
            case 'i': kind = DTypeKind.Int; if (size is not (1 or 2 or 4 or 8)) { error = "int sizes are 1, 2, 4, 8"; return false; } break;
            case 'u': kind = DTypeKind.UInt; if (size is not (1 or 2 or 4 or 8)) { error = "uint sizes are 1, 2, 4, 8"; return false; } break;
            case 'f': kind = DTypeKind.Float; if (size is not (2 or 4 or 8)) { error = "float sizes are 2, 4, 8"; return false; } break;
            case 'c': kind = DTypeKind.Complex; if (size is not (8 or 16)) { error = "complex sizes are 8, 16"; return false; } break;
            case 'M': kind = DTypeKind.DateTime; if (size != 8) { error = "datetime64 has size 8"; return false; } break;
            case 'm': kind = DTypeKind.TimeDelta; if (size != 8) { error = "timedelta64 has size 8"; return false; } break;
            case 'S': kind = DTypeKind.Bytes; break;
            case 'a': kind = DTypeKind.Bytes; break;
            case 'U': kind = DTypeKind.Unicode; if (size > int.MaxValue / 4) { error = "too long"; return false; } size *= 4; break;
            case 'V': kind = DTypeKind.Raw; break;
            default: error = $"unknown kind '{kindChar}'"; return false;
        }
        // NumPy normalises the byte order of one-byte, S and V types to '|'.
        if (size == 1 && kind is not DTypeKind.Unicode || kind is DTypeKind.Bytes or DTypeKind.Raw) order = ByteOrder.NotApplicable;
        else if (order == ByteOrder.NotApplicable) order = ByteOrder.Little;
        var letter = kindChar == 'a' ? 'S' : kindChar;
        var typeStr = (order switch { ByteOrder.Little => "<", ByteOrder.Big => ">", _ => "|" })
            + letter + (kind == DTypeKind.Unicode ? size / 4 : size).ToString(CultureInfo.InvariantCulture)
            + (unit is null ? "" : "[" + (multiplier == 1 ? "" : multiplier.ToString(CultureInfo.InvariantCulture)) + unit + "]");
        dtype = new ZarrDType(kind, order, size, typeStr, unit, multiplier);
        return true;
    }

    private static string? FromNumpyName(string s) => s switch
    {
        "bool" or "bool_" or "?" => "|b1",
        "int8" => "|i1",
        "int16" => "<i2",
        "int32" or "int" => "<i4",
        "int64" => "<i8",
        "uint8" => "|u1",
        "uint16" => "<u2",
        "uint32" => "<u4",
        "uint64" => "<u8",
        "float16" or "half" => "<f2",
        "float32" or "single" => "<f4",
        "float64" or "float" or "double" => "<f8",
        "complex64" => "<c8",
        "complex128" or "complex" => "<c16",
        "object" or "O" => "|O",
        _ when s.StartsWith("datetime64[", StringComparison.Ordinal) => "<M8" + s["datetime64".Length..],
        _ when s.StartsWith("timedelta64[", StringComparison.Ordinal) => "<m8" + s["timedelta64".Length..],
        _ => null,
    };

    // ---- display ------------------------------------------------------------------------------

    /// <summary>NumPy's <c>str(dtype)</c>: <c>int32</c>, <c>&gt;i2</c>, <c>&lt;U3</c>, <c>|S5</c>, <c>datetime64[ns]</c>, <c>object</c>.</summary>
    public override string ToString()
    {
        if (Kind == DTypeKind.Object) return "object";
        if (IsStructured) return TypeStr;
        var native = ByteOrder != ByteOrder.Big;
        if (!native) return TypeStr;
        return Kind switch
        {
            DTypeKind.Bool => "bool",
            DTypeKind.Int => "int" + ItemSize * 8,
            DTypeKind.UInt => "uint" + ItemSize * 8,
            DTypeKind.Float => "float" + ItemSize * 8,
            DTypeKind.Complex => "complex" + ItemSize * 8,
            DTypeKind.DateTime => "datetime64" + TypeStr[3..],
            DTypeKind.TimeDelta => "timedelta64" + TypeStr[3..],
            _ => TypeStr,
        };
    }

    /// <inheritdoc />
    public bool Equals(ZarrDType? other) => other is not null && TypeStr == other.TypeStr && Kind == other.Kind;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ZarrDType d && Equals(d);

    /// <inheritdoc />
    public override int GetHashCode() => TypeStr.GetHashCode(StringComparison.Ordinal);

    /// <summary>Equality by encoding.</summary>
    public static bool operator ==(ZarrDType? a, ZarrDType? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Inequality by encoding.</summary>
    public static bool operator !=(ZarrDType? a, ZarrDType? b) => !(a == b);
}
