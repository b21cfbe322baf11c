using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Zarr.Metadata.Json;

/// <summary>
/// JSON as zarr-python reads and writes it: a parser that also accepts the bare tokens NaN, Infinity
/// and -Infinity (Python's json module writes them in .zattrs), and a writer that reproduces
/// <c>json.dumps(indent=4, sort_keys=True, ensure_ascii=True, separators=(',', ': '))</c> byte for byte.
/// </summary>
public static class ZarrJson
{
    /// <summary>Parses UTF-8 JSON; errors name <paramref name="key"/> and the position.</summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8, string key) => Parse(utf8, key, exactNumbers: false);

    /// <summary>
    /// Parses UTF-8 JSON; errors name <paramref name="key"/> and the position. With
    /// <paramref name="exactNumbers"/>, numbers keep their text (as Python's json keeps ints exact):
    /// they convert to any numeric type that can hold them and serialise back unchanged, integers
    /// beyond 64 bits included. Attributes are read this way.
    /// </summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8, string key, bool exactNumbers)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new ZarrMetadataException(key, null, "the document is not valid UTF-8.", e);
        }
        return new JsonTextParser(text, key, exactNumbers).ParseDocument();
    }

    /// <summary>Parses JSON text; errors name <paramref name="key"/> and the position.</summary>
    public static JsonNode? Parse(string text, string key) => new JsonTextParser(text, key).ParseDocument();

    /// <summary>Serialises as zarr-python 2 does (sorted keys, 4-space indent, ASCII only, no trailing newline).</summary>
    public static string Serialize(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node, 0);
        return sb.ToString();
    }

    /// <summary><see cref="Serialize"/> as ASCII bytes.</summary>
    public static byte[] SerializeToUtf8(JsonNode? node) => Encoding.ASCII.GetBytes(Serialize(node));

    private static void Write(StringBuilder sb, JsonNode? node, int indent)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                if (obj.Count == 0) { sb.Append("{}"); break; }
                sb.Append("{\n");
                var keys = obj.Select(p => p.Key).ToList();
                keys.Sort(StringComparer.Ordinal);
                for (var i = 0; i < keys.Count; i++)
                {
                    sb.Append(' ', (indent + 1) * 4);
                    WriteString(sb, keys[i]);
                    sb.Append(": ");
                    Write(sb, obj[keys[i]], indent + 1);
                    if (i < keys.Count - 1) sb.Append(',');
                    sb.Append('\n');
                }
                sb.Append(' ', indent * 4).Append('}');
                break;
            case JsonArray arr:
                if (arr.Count == 0) { sb.Append("[]"); break; }
                sb.Append("[\n");
                for (var i = 0; i < arr.Count; i++)
                {
                    sb.Append(' ', (indent + 1) * 4);
                    Write(sb, arr[i], indent + 1);
                    if (i < arr.Count - 1) sb.Append(',');
                    sb.Append('\n');
                }
                sb.Append(' ', indent * 4).Append(']');
                break;
            case JsonValue value:
                WriteValue(sb, value);
                break;
        }
    }

    private static void WriteValue(StringBuilder sb, JsonValue value)
    {
        if (value.TryGetValue<string>(out var s)) { WriteString(sb, s); return; }
        if (value.TryGetValue<bool>(out var b)) { sb.Append(b ? "true" : "false"); return; }
        if (value.TryGetValue<long>(out var l)) { sb.Append(l.ToString(CultureInfo.InvariantCulture)); return; }
        if (value.TryGetValue<int>(out var i)) { sb.Append(i.ToString(CultureInfo.InvariantCulture)); return; }
        if (value.TryGetValue<ulong>(out var ul)) { sb.Append(ul.ToString(CultureInfo.InvariantCulture)); return; }
        if (value.TryGetValue<System.Text.Json.JsonElement>(out var e) && e.ValueKind == System.Text.Json.JsonValueKind.Number)
        {
            // An integer too large for 64 bits (Python ints have no limit) is written as read, digit for digit.
            var raw = e.GetRawText();
            if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0) { sb.Append(raw); return; }
        }
        if (value.TryGetValue<double>(out var d)) { sb.Append(PythonFloat.Repr(d, json: true)); return; }
        if (value.TryGetValue<float>(out var f)) { sb.Append(PythonFloat.Repr(f, json: true)); return; }
        if (value.TryGetValue<decimal>(out var m)) { sb.Append(m.ToString(CultureInfo.InvariantCulture)); return; }
        // Values parsed by System.Text.Json (JsonElement-backed) fall back to their raw text.
        sb.Append(value.ToJsonString());
    }

    /// <summary>
    /// Writes a JSON string literal escaped as Python's json module does: with
    /// <paramref name="ensureAscii"/> every character outside printable ASCII becomes <c>\uXXXX</c>;
    /// without it only quotes, backslashes and control characters are escaped.
    /// </summary>
    public static void WriteString(StringBuilder sb, string s, bool ensureAscii = true)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || (ensureAscii && c > 0x7e))
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
