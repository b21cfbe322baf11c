using Zarr.Metadata.Json;
using System.Globalization;
using System.Text.Json.Nodes;
using Zarr.DataTypes;

namespace Zarr.Metadata.V3;

/// <summary>
/// Zarr v3 <c>data_type</c> names and the NumPy typestrs the runtime works with. The byte order is not
/// part of a v3 type (it belongs to the <c>bytes</c> codec), so every type maps to its little-endian
/// typestr here and the codec chain flips it. Core names come from the v3 core spec ("Data types");
/// the extension names are those zarr-python 3 writes (src/zarr/core/dtype/npy/*.py).
/// </summary>
internal static class V3DataTypes
{
    /// <summary>zarr-python 3's variable-length UTF-8 string type (codec <c>vlen-utf8</c>).</summary>
    public const string String = "string";

    /// <summary>zarr-python 3's variable-length bytes type (codec <c>vlen-bytes</c>); zarrs writes <c>bytes</c>.</summary>
    public const string VariableLengthBytes = "variable_length_bytes";

    private static readonly Dictionary<string, string> Core = new(StringComparer.Ordinal)
    {
        ["bool"] = "|b1",
        ["int8"] = "|i1",
        ["uint8"] = "|u1",
        ["int16"] = "<i2",
        ["uint16"] = "<u2",
        ["int32"] = "<i4",
        ["uint32"] = "<u4",
        ["int64"] = "<i8",
        ["uint64"] = "<u8",
        ["float16"] = "<f2",
        ["float32"] = "<f4",
        ["float64"] = "<f8",
        ["complex64"] = "<c8",
        ["complex128"] = "<c16",
    };

    /// <summary>
    /// Reads a <c>data_type</c> member. Returns the little-endian dtype (<c>|O</c> for the variable-length
    /// types, whose <paramref name="variableKind"/> is then <see cref="String"/> or <see cref="VariableLengthBytes"/>).
    /// </summary>
    public static ZarrDType Parse(JsonNode? node, string key, out string? variableKind)
    {
        variableKind = null;
        var (name, config) = V3Json.NameAndConfiguration(node, key, "data_type");
        if (Core.TryGetValue(name, out var typestr)) return ZarrDType.Parse(typestr);
        switch (name)
        {
            case String:
                variableKind = String;
                return ZarrDType.Object;
            case VariableLengthBytes or "bytes":
                variableKind = VariableLengthBytes;
                return ZarrDType.Object;
            case "fixed_length_utf32":
                return ZarrDType.Parse("<U" + (LengthBytes(config, key, name) / 4).ToString(CultureInfo.InvariantCulture));
            case "null_terminated_bytes" or "fixed_length_bytes":
                return ZarrDType.Parse("|S" + LengthBytes(config, key, name).ToString(CultureInfo.InvariantCulture));
            case "raw_bytes":
                return ZarrDType.Parse("|V" + LengthBytes(config, key, name).ToString(CultureInfo.InvariantCulture));
            case "numpy.datetime64" or "numpy.timedelta64":
                return ParseTime(name, config, key);
            case "struct" or "structured":
                return ParseStruct(config, key);
        }
        if (name.Length > 1 && name[0] == 'r' && int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var bits) && bits > 0 && bits % 8 == 0)
            return ZarrDType.Parse("|V" + (bits / 8).ToString(CultureInfo.InvariantCulture));
        throw new ZarrMetadataException(key, "data_type", $"unsupported data type '{name}'.");
    }

    private static int LengthBytes(JsonObject? config, string key, string name)
    {
        if (config?["length_bytes"] is not { } n || !n.TryGetInt64(out var length) || length <= 0 || length > int.MaxValue / 4)
            throw new ZarrMetadataException(key, "data_type", $"'{name}' needs a positive integer configuration.length_bytes.");
        if (name == "fixed_length_utf32" && length % 4 != 0)
            throw new ZarrMetadataException(key, "data_type", $"'{name}' needs a length_bytes that is a multiple of 4, not {length}.");
        return (int)length;
    }

    private static ZarrDType ParseTime(string name, JsonObject? config, string key)
    {
        var unit = config?["unit"] is JsonValue u && u.TryGetValue<string>(out var us) ? us : null;
        if (unit is null) throw new ZarrMetadataException(key, "data_type", $"'{name}' needs configuration.unit.");
        long scale = 1;
        if (config?["scale_factor"] is { } sf && (!sf.TryGetInt64(out scale) || scale <= 0 || scale > int.MaxValue))
            throw new ZarrMetadataException(key, "data_type", $"'{name}' needs a positive integer scale_factor.");
        var letter = name == "numpy.datetime64" ? 'M' : 'm';
        var multiplier = scale == 1 ? "" : scale.ToString(CultureInfo.InvariantCulture);
        try
        {
            return ZarrDType.Parse($"<{letter}8[{multiplier}{unit}]");
        }
        catch (ArgumentException e)
        {
            throw new ZarrMetadataException(key, "data_type", $"'{name}' has an unsupported unit '{unit}'.", e);
        }
    }

    // struct (zarr-python ≥ 3.2): fields [{"name", "data_type"}]; structured (earlier): fields [[name, data_type]].
    private static ZarrDType ParseStruct(JsonObject? config, string key)
    {
        if (config?["fields"] is not JsonArray fields || fields.Count == 0)
            throw new ZarrMetadataException(key, "data_type", "a struct type needs a non-empty configuration.fields list.");
        var parts = new List<(string, ZarrDType, int[]?)>();
        foreach (var f in fields)
        {
            var (fieldName, fieldType) = f switch
            {
                JsonObject o => (o["name"], o["data_type"]),
                JsonArray { Count: 2 } a => (a[0], a[1]),
                _ => throw new ZarrMetadataException(key, "data_type", "each struct field must be {\"name\", \"data_type\"} or [name, data_type]."),
            };
            if (fieldName is not JsonValue nv || !nv.TryGetValue<string>(out var n))
                throw new ZarrMetadataException(key, "data_type", "a struct field needs a string name.");
            var dtype = Parse(fieldType, key, out var variable);
            if (variable is not null) throw new ZarrMetadataException(key, "data_type", $"struct field '{n}' has a variable-length type, which a fixed-size record cannot hold.");
            parts.Add((n, dtype, null));
        }
        return ZarrDType.Structured(parts.ToArray());
    }

    /// <summary>The <c>data_type</c> member for a dtype (byte order dropped: it belongs to the bytes codec).</summary>
    public static JsonNode ToJson(ZarrDType dtype, string? variableKind)
    {
        switch (dtype.Kind)
        {
            case DTypeKind.Object:
                return JsonValue.Create(variableKind ?? String);
            case DTypeKind.Unicode:
                return Extension("fixed_length_utf32", new JsonObject { ["length_bytes"] = dtype.ItemSize });
            case DTypeKind.Bytes:
                return Extension("null_terminated_bytes", new JsonObject { ["length_bytes"] = dtype.ItemSize });
            case DTypeKind.Raw:
                return Extension("raw_bytes", new JsonObject { ["length_bytes"] = dtype.ItemSize });
            case DTypeKind.DateTime:
            case DTypeKind.TimeDelta:
                return Extension(dtype.Kind == DTypeKind.DateTime ? "numpy.datetime64" : "numpy.timedelta64",
                    new JsonObject { ["unit"] = dtype.Unit, ["scale_factor"] = Math.Max(1, dtype.UnitMultiplier) });
            case DTypeKind.Structured:
                var fields = new JsonArray();
                foreach (var f in dtype.Fields)
                {
                    if (f.Shape.Length > 0) throw new ZarrException($"A zarr v3 struct field cannot have a shape (field '{f.Name}').");
                    fields.Add((JsonNode)new JsonObject { ["name"] = f.JsonName, ["data_type"] = ToJson(f.DType, null) });
                }
                return Extension("struct", new JsonObject { ["fields"] = fields });
        }
        foreach (var (name, typestr) in Core)
        {
            if (typestr.AsSpan(1).SequenceEqual(dtype.TypeStr.AsSpan(1))) return JsonValue.Create(name);
        }
        throw new ZarrException($"The dtype {dtype.TypeStr} has no zarr v3 data type.");
    }

    private static JsonObject Extension(string name, JsonObject configuration) => new() { ["name"] = name, ["configuration"] = configuration };

    /// <summary>The dtype with <paramref name="bigEndian"/> byte order when the type has one.</summary>
    public static ZarrDType WithByteOrder(ZarrDType dtype, bool bigEndian)
    {
        if (!bigEndian || dtype.ByteOrder == ByteOrder.NotApplicable || dtype.Kind == DTypeKind.Structured) return dtype;
        return ZarrDType.Parse(">" + dtype.TypeStr[1..]);
    }
}
