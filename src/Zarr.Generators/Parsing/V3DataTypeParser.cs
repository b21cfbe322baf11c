using System.Globalization;
using System.Text;
using Zarr.Generators.Model;

namespace Zarr.Generators.Parsing;

/// <summary>
/// Maps a zarr v3 <c>data_type</c> to the NumPy dtype the runtime reads it as (its V3DataTypes, which a
/// test holds this to): the core names, and the extensions zarr-python 3 writes. The byte order is not
/// part of a v3 type, so every type comes out little-endian; the bytes codec decides.
/// </summary>
internal static class V3DataTypeParser
{
    /// <summary>zarr-python 3's variable-length UTF-8 strings (codec vlen-utf8).</summary>
    public const string String = "string";

    /// <summary>zarr-python 3's variable-length bytes (codec vlen-bytes); zarrs writes <c>bytes</c>.</summary>
    public const string VariableLengthBytes = "variable_length_bytes";

    /// <summary>
    /// The dtype of <paramref name="dataType"/>, or null with the reason. <paramref name="objectCodec"/>
    /// is the vlen codec of a variable-length type (the dtype is then <c>|O</c>), else null.
    /// </summary>
    public static DTypeModel? Parse(JsonElement dataType, out string? objectCodec, out string? error)
    {
        objectCodec = null;
        var typestr = TypeStr(dataType, ref objectCodec, out error);
        if (typestr is null) return null;
        return DTypeParser.ParseText(typestr, out error);
    }

    /// <summary>The name of an extension point: a bare string, or an object's <c>name</c>; and its configuration.</summary>
    public static string? NameOf(JsonElement element, out JsonElement? configuration)
    {
        configuration = null;
        if (element.Kind == JsonKind.String) return element.Text;
        if (element.Kind != JsonKind.Object || element["name"] is not { Kind: JsonKind.String } name) return null;
        configuration = element["configuration"] is { Kind: JsonKind.Object } c ? c : null;
        return name.Text;
    }

    // A typestr (or a structured descr as JSON text) DTypeParser reads.
    private static string? TypeStr(JsonElement dataType, ref string? objectCodec, out string? error)
    {
        error = null;
        var name = NameOf(dataType, out var config);
        if (name is null)
        {
            error = "a data_type must be a name or an object with a string 'name'";
            return null;
        }
        switch (name)
        {
            case "bool":
            case "int8":
            case "int16":
            case "int32":
            case "int64":
            case "uint8":
            case "uint16":
            case "uint32":
            case "uint64":
            case "float16":
            case "float32":
            case "float64":
            case "complex64":
            case "complex128":
                return name; // NumPy's names, which DTypeParser reads
            case String:
                objectCodec = "vlen-utf8";
                return "|O";
            case VariableLengthBytes:
            case "bytes":
                objectCodec = "vlen-bytes";
                return "|O";
            case "fixed_length_utf32":
                return LengthBytes(config, name, 4, out error) is { } chars ? "<U" + (chars / 4).ToString(CultureInfo.InvariantCulture) : null;
            case "null_terminated_bytes":
            case "fixed_length_bytes":
                return LengthBytes(config, name, 1, out error) is { } s ? "|S" + s.ToString(CultureInfo.InvariantCulture) : null;
            case "raw_bytes":
                return LengthBytes(config, name, 1, out error) is { } v ? "|V" + v.ToString(CultureInfo.InvariantCulture) : null;
            case "numpy.datetime64":
            case "numpy.timedelta64":
                return Time(name, config, out error);
            case "struct":
            case "structured":
                return Struct(config, out error);
        }
        if (name.Length > 1 && name[0] == 'r' && int.TryParse(name.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out var bits) && bits > 0 && bits % 8 == 0)
            return "|V" + (bits / 8).ToString(CultureInfo.InvariantCulture);
        error = "'" + name + "' is not a zarr v3 data type Zarr.Typed reads";
        return null;
    }

    private static long? LengthBytes(JsonElement? config, string name, int multiple, out string? error)
    {
        error = null;
        if (config?["length_bytes"] is { } n && n.TryGetInt64(out var length) && length > 0 && length <= int.MaxValue / 4 && length % multiple == 0) return length;
        error = "'" + name + "' needs a positive integer configuration.length_bytes" + (multiple > 1 ? " that is a multiple of " + multiple.ToString(CultureInfo.InvariantCulture) : "");
        return null;
    }

    private static string? Time(string name, JsonElement? config, out string? error)
    {
        error = null;
        if (config?["unit"] is not { Kind: JsonKind.String } unit)
        {
            error = "'" + name + "' needs configuration.unit";
            return null;
        }
        long scale = 1;
        if (config["scale_factor"] is { } sf && (!sf.TryGetInt64(out scale) || scale <= 0 || scale > int.MaxValue))
        {
            error = "'" + name + "' needs a positive integer scale_factor";
            return null;
        }
        return (name == "numpy.datetime64" ? "<M8[" : "<m8[") + (scale == 1 ? "" : scale.ToString(CultureInfo.InvariantCulture)) + unit.Text + "]";
    }

    // struct (zarr-python ≥ 3.2): fields [{"name", "data_type"}]; structured (earlier): fields [[name, data_type]].
    private static string? Struct(JsonElement? config, out string? error)
    {
        error = null;
        if (config?["fields"] is not { Kind: JsonKind.Array } fields || fields.Items!.Count == 0)
        {
            error = "a struct type needs a non-empty configuration.fields list";
            return null;
        }
        var descr = new StringBuilder("[");
        foreach (var f in fields.Items)
        {
            var (fieldName, fieldType) = f.Kind switch
            {
                JsonKind.Object => (f["name"], f["data_type"]),
                JsonKind.Array when f.Items!.Count == 2 => (f.Items[0], f.Items[1]),
                _ => ((JsonElement?)null, (JsonElement?)null),
            };
            if (fieldName is not { Kind: JsonKind.String } || fieldType is null)
            {
                error = "each struct field must be {\"name\", \"data_type\"} or [name, data_type] with a string name";
                return null;
            }
            string? variable = null;
            var typestr = TypeStr(fieldType, ref variable, out error);
            if (typestr is null) return null;
            if (variable is not null)
            {
                error = "struct field '" + fieldName.Text + "' has a variable-length type, which a fixed-size record cannot hold";
                return null;
            }
            if (descr.Length > 1) descr.Append(',');
            descr.Append('[');
            JsonElement.WriteString(descr, fieldName.Text!);
            descr.Append(',');
            if (typestr.StartsWith("[", System.StringComparison.Ordinal)) descr.Append(typestr);
            else JsonElement.WriteString(descr, typestr);
            descr.Append(']');
        }
        return descr.Append(']').ToString();
    }
}
