using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Zarr.Generators.Model;

namespace Zarr.Generators.Parsing;

/// <summary>Parses NumPy typestrs and structured descr lists, with the rules zarr-python 2.13 applies.</summary>
internal static class DTypeParser
{
    private static readonly HashSet<string> s_units = new() { "Y", "M", "W", "D", "h", "m", "s", "ms", "us", "\u03bcs", "ns", "ps", "fs", "as" };

    /// <summary>Parses the JSON <c>dtype</c> of a .zarray (a string or a list of fields).</summary>
    public static DTypeModel? FromJson(JsonElement element, out string? error)
    {
        if (element.Kind == JsonKind.String) return Parse(element.Text!, out error);
        if (element.Kind == JsonKind.Array) return ParseStructured(element, out error);
        error = "dtype must be a string or a list of fields";
        return null;
    }

    /// <summary>Parses a typestr (<c>&lt;i4</c>), a NumPy name (<c>int32</c>) or a JSON descr list in a string.</summary>
    public static DTypeModel? ParseText(string text, out string? error)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith("[", System.StringComparison.Ordinal))
        {
            JsonElement json;
            try
            {
                json = JsonReader.Parse(trimmed);
            }
            catch (JsonSyntaxException e)
            {
                error = "the structured dtype is not valid JSON (" + e.Message + ")";
                return null;
            }
            return ParseStructured(json, out error);
        }
        return Parse(trimmed, out error);
    }

    public static DTypeModel? Parse(string s, out string? error)
    {
        error = null;
        s = FromNumpyName(s) ?? s;
        if (s.Length == 0)
        {
            error = "the dtype is empty";
            return null;
        }
        var order = '<';
        var body = s;
        if (s[0] is '<' or '>' or '|' or '=')
        {
            order = s[0] == '=' ? '<' : s[0];
            body = s.Substring(1);
        }
        if (body.Length == 0)
        {
            error = "the dtype has no kind";
            return null;
        }
        var kind = body[0];
        var rest = body.Substring(1);
        string? unit = null;
        var unitText = "";
        if (kind is 'M' or 'm')
        {
            var open = rest.IndexOf('[');
            if (open < 0 || !rest.EndsWith("]", System.StringComparison.Ordinal))
            {
                error = "datetime64 and timedelta64 need a unit, e.g. <M8[ns]";
                return null;
            }
            unitText = rest.Substring(open + 1, rest.Length - open - 2);
            rest = rest.Substring(0, open);
            var digits = 0;
            while (digits < unitText.Length && char.IsDigit(unitText[digits])) digits++;
            unit = unitText.Substring(digits);
            if (!s_units.Contains(unit))
            {
                error = "unknown time unit '" + unitText + "'";
                return null;
            }
        }
        if (kind == 'O')
        {
            if (rest.Length != 0 && rest != "8")
            {
                error = "the object dtype takes no size";
                return null;
            }
            return Simple('O', '|', 8, "|O", null);
        }
        if (!int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size <= 0)
        {
            error = "'" + s + "' has no valid item size";
            return null;
        }
        var valid = kind switch
        {
            'b' => size == 1,
            'i' or 'u' => size is 1 or 2 or 4 or 8,
            'f' => size is 2 or 4 or 8,
            'c' => size is 8 or 16,
            'M' or 'm' => size == 8,
            'S' or 'a' or 'U' or 'V' => true,
            _ => false,
        };
        if (!valid)
        {
            error = kind is 'b' or 'i' or 'u' or 'f' or 'c' or 'M' or 'm'
                ? "'" + s + "' has an item size NumPy does not define for its kind"
                : "'" + kind + "' is not a NumPy dtype kind";
            return null;
        }
        if (kind == 'a') kind = 'S';
        var itemSize = kind == 'U' ? size * 4 : size;
        if ((size == 1 && kind != 'U') || kind is 'S' or 'V') order = '|';
        else if (order == '|') order = '<';
        var typeStr = order.ToString() + kind + size.ToString(CultureInfo.InvariantCulture) + (unit is null ? "" : "[" + unitText + "]");
        return Simple(kind, order, itemSize, typeStr, unit);
    }

    private static DTypeModel Simple(char kind, char order, int itemSize, string typeStr, string? unit)
    {
        var sb = new StringBuilder();
        JsonElement.WriteString(sb, typeStr);
        return new DTypeModel(kind, order, itemSize, typeStr, unit, sb.ToString(), EquatableArray<FieldModel>.Empty);
    }

    private static DTypeModel? ParseStructured(JsonElement list, out string? error)
    {
        error = null;
        if (list.Kind != JsonKind.Array || list.Items!.Count == 0)
        {
            error = "a structured dtype needs at least one field";
            return null;
        }
        var fields = new List<FieldModel>();
        var offset = 0;
        var json = new StringBuilder("[");
        for (var i = 0; i < list.Items.Count; i++)
        {
            var item = list.Items[i];
            if (item.Kind != JsonKind.Array || item.Items!.Count is < 2 or > 3 || item.Items[0].Kind != JsonKind.String)
            {
                error = "structured field " + i.ToString(CultureInfo.InvariantCulture) + " must be [name, dtype] or [name, dtype, shape]";
                return null;
            }
            var name = item.Items[0].Text!;
            var fieldType = FromJson(item.Items[1], out error);
            if (fieldType is null)
            {
                error = "field '" + name + "': " + error;
                return null;
            }
            var shape = new List<int>();
            if (item.Items.Count == 3)
            {
                if (item.Items[2].Kind != JsonKind.Array)
                {
                    error = "the shape of field '" + name + "' must be a list";
                    return null;
                }
                foreach (var d in item.Items[2].Items!)
                {
                    if (!d.TryGetInt64(out var n) || n < 0 || n > int.MaxValue)
                    {
                        error = "the shape of field '" + name + "' must hold non-negative integers";
                        return null;
                    }
                    shape.Add((int)n);
                }
            }
            var field = new FieldModel(name, fieldType, shape.ToEquatableArray(), offset);
            offset += field.Count * fieldType.ItemSize;
            fields.Add(field);
            if (i > 0) json.Append(',');
            json.Append('[');
            JsonElement.WriteString(json, name);
            json.Append(',').Append(fieldType.Json);
            if (shape.Count > 0)
            {
                json.Append(",[");
                for (var k = 0; k < shape.Count; k++)
                {
                    if (k > 0) json.Append(',');
                    json.Append(shape[k].ToString(CultureInfo.InvariantCulture));
                }
                json.Append(']');
            }
            json.Append(']');
        }
        json.Append(']');
        var text = json.ToString();
        return new DTypeModel('r', '|', offset, text, null, text, fields.ToEquatableArray());
    }

    private static string? FromNumpyName(string s) => s switch
    {
        "bool" or "bool_" or "?" => "|b1",
        "int8" => "|i1",
        "int16" => "<i2",
        "int32" => "<i4",
        "int64" => "<i8",
        "uint8" => "|u1",
        "uint16" => "<u2",
        "uint32" => "<u4",
        "uint64" => "<u8",
        "float16" => "<f2",
        "float32" => "<f4",
        "float64" => "<f8",
        "complex64" => "<c8",
        "complex128" => "<c16",
        "object" => "|O",
        _ when s.StartsWith("datetime64[", System.StringComparison.Ordinal) => "<M8" + s.Substring("datetime64".Length),
        _ when s.StartsWith("timedelta64[", System.StringComparison.Ordinal) => "<m8" + s.Substring("timedelta64".Length),
        _ => null,
    };
}
