using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Zarr.Metadata.Json;

namespace Zarr.PythonParity;

/// <summary>
/// Python's <c>repr()</c>, the one implementation: of <c>str</c> and <c>bytes</c> (as NumPy prints
/// array elements and numcodecs prints codec parameters) and of the values a JSON document loads as
/// (None, bool, int, float, list, dict). Tests compare the output with zarr-python's.
/// </summary>
internal static class PythonRepr
{
    /// <summary><c>repr(s)</c>: single quotes unless the text holds a single quote and no double quote.</summary>
    public static string Of(string s)
    {
        var quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        var sb = new StringBuilder(s.Length + 2).Append(quote);
        for (var i = 0; i < s.Length; i++)
        {
            if (!Rune.TryGetRuneAt(s, i, out var rune))
            {
                // A lone surrogate (a Python str may hold one): Python escapes it.
                sb.Append("\\u").Append(((int)s[i]).ToString("x4", CultureInfo.InvariantCulture));
                continue;
            }
            if (rune.Utf16SequenceLength == 2) i++;
            var c = rune.Value;
            if (c == '\\' || c == quote) sb.Append('\\').Append((char)c);
            else if (c == '\n') sb.Append("\\n");
            else if (c == '\r') sb.Append("\\r");
            else if (c == '\t') sb.Append("\\t");
            else if (c < 0x20 || c is >= 0x7f and <= 0xa0 || c == 0xad) sb.Append("\\x").Append(c.ToString("x2", CultureInfo.InvariantCulture));
            else if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                     or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
                     or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator && c != ' ')
                sb.Append(c <= 0xffff ? "\\u" + c.ToString("x4", CultureInfo.InvariantCulture) : "\\U" + c.ToString("x8", CultureInfo.InvariantCulture));
            else sb.Append(rune.ToString());
        }
        return sb.Append(quote).ToString();
    }

    /// <summary><c>repr(bytes)</c>: <c>b'ab\x00'</c>, printable ASCII as is, everything else escaped; <c>None</c> for null.</summary>
    public static string Bytes(byte[]? b)
    {
        if (b is null) return "None";
        var quote = Array.IndexOf(b, (byte)'\'') >= 0 && Array.IndexOf(b, (byte)'"') < 0 ? '"' : '\'';
        var sb = new StringBuilder(b.Length + 3).Append('b').Append(quote);
        foreach (var x in b)
        {
            switch (x)
            {
                case (byte)'\\': sb.Append("\\\\"); break;
                case (byte)'\n': sb.Append("\\n"); break;
                case (byte)'\r': sb.Append("\\r"); break;
                case (byte)'\t': sb.Append("\\t"); break;
                default:
                    if (x == quote) sb.Append('\\').Append((char)x);
                    else if (x < 0x20 || x >= 0x7F) sb.Append("\\x").Append(x.ToString("x2", CultureInfo.InvariantCulture));
                    else sb.Append((char)x);
                    break;
            }
        }
        return sb.Append(quote).ToString();
    }

    /// <summary>
    /// The repr of an object-array item (see <see cref="DataTypes.PythonList"/>): None, True, ints,
    /// floats, str, bytes, lists, tuples and dicts, nested; a list or dict inside itself prints as
    /// <c>[...]</c> or <c>{...}</c>, as Python prints it.
    /// </summary>
    public static string Item(object? item)
    {
        var sb = new StringBuilder();
        AppendItem(sb, item, new HashSet<object>(ReferenceEqualityComparer.Instance));
        return sb.ToString();
    }

    private static void AppendItem(StringBuilder sb, object? item, HashSet<object> open)
    {
        switch (item)
        {
            case null: sb.Append("None"); return;
            case bool b: sb.Append(b ? "True" : "False"); return;
            case string s: sb.Append(Of(s)); return;
            case byte[] bytes: sb.Append(Bytes(bytes)); return;
            case double d: sb.Append(PythonFloat.Repr(d)); return;
            case float f: sb.Append(PythonFloat.Repr(f)); return;
            case Half h: sb.Append(PythonFloat.Repr((double)h)); return;
            case DataTypes.PythonDict dict:
                if (!open.Add(dict)) { sb.Append("{...}"); return; }
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in dict)
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    AppendItem(sb, k, open);
                    sb.Append(": ");
                    AppendItem(sb, v, open);
                }
                sb.Append('}');
                open.Remove(dict);
                return;
            case DataTypes.PythonTuple tuple:
                sb.Append('(');
                for (var i = 0; i < tuple.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    AppendItem(sb, tuple[i], open);
                }
                sb.Append(tuple.Count == 1 ? ",)" : ")");
                return;
            case System.Collections.IList list:
                if (!open.Add(list)) { sb.Append("[...]"); return; }
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    AppendItem(sb, list[i], open);
                }
                sb.Append(']');
                open.Remove(list);
                return;
            case IFormattable x: sb.Append(x.ToString(null, CultureInfo.InvariantCulture)); return;
            default: sb.Append(item.ToString()); return;
        }
    }

    /// <summary><c>repr(list_of_str)</c>.</summary>
    public static string OfList(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Of)) + "]";

    /// <summary>The repr of the Python object a JSON value loads as (dicts keep their key order).</summary>
    public static string Of(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return "None";
            case JsonObject o:
                return "{" + string.Join(", ", o.Select(p => Of(p.Key) + ": " + Of(p.Value))) + "}";
            case JsonArray a:
                return "[" + string.Join(", ", a.Select(Of)) + "]";
            case JsonValue v:
                if (v.TryGetValue<string>(out var s)) return Of(s);
                if (v.TryGetValue<bool>(out var b)) return b ? "True" : "False";
                if (v.TryGetValue<long>(out var l)) return l.ToString(CultureInfo.InvariantCulture);
                if (v.TryGetValue<int>(out var i)) return i.ToString(CultureInfo.InvariantCulture);
                if (v.TryGetValue<ulong>(out var ul)) return ul.ToString(CultureInfo.InvariantCulture);
                if (v.TryGetValue<double>(out var d)) return PythonFloat.Repr(d);
                return v.ToJsonString();
            default:
                return node.ToJsonString();
        }
    }
}
