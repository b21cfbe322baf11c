using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Zarr.Generators.Parsing;

/// <summary>The kind of a <see cref="JsonElement"/>.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// A parsed JSON value that remembers where it starts and ends in the text, so diagnostics can point
/// at the offending field of a metadata file. Parser output only: never stored in a pipeline model.
/// </summary>
internal sealed class JsonElement
{
    private JsonElement(JsonKind kind, int start, int end, string? text, List<JsonElement>? items, List<KeyValuePair<string, JsonElement>>? members)
    {
        Kind = kind;
        Start = start;
        End = end;
        Text = text;
        Items = items;
        Members = members;
    }

    public JsonKind Kind { get; }

    /// <summary>Offset of the first character of the value.</summary>
    public int Start { get; }

    /// <summary>Offset just past the value.</summary>
    public int End { get; }

    /// <summary>The string's value, or the number's literal text (<c>1e5</c>, <c>NaN</c>).</summary>
    public string? Text { get; }

    public List<JsonElement>? Items { get; }

    public List<KeyValuePair<string, JsonElement>>? Members { get; }

    public static JsonElement Object(int start, int end, List<KeyValuePair<string, JsonElement>> members) => new(JsonKind.Object, start, end, null, null, members);

    public static JsonElement Array(int start, int end, List<JsonElement> items) => new(JsonKind.Array, start, end, null, items, null);

    public static JsonElement Scalar(JsonKind kind, int start, int end, string? text) => new(kind, start, end, text, null, null);

    /// <summary>The member named <paramref name="name"/> of an object (the last one if repeated), else null.</summary>
    public JsonElement? this[string name]
    {
        get
        {
            if (Members is null) return null;
            for (var i = Members.Count - 1; i >= 0; i--)
            {
                if (Members[i].Key == name) return Members[i].Value;
            }
            return null;
        }
    }

    public bool TryGetInt64(out long value)
    {
        value = 0;
        return Kind == JsonKind.Number && Text is not null
            && long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public bool TryGetDouble(out double value)
    {
        value = 0;
        if (Kind != JsonKind.Number || Text is null) return false;
        switch (Text)
        {
            case "NaN": value = double.NaN; return true;
            case "Infinity": value = double.PositiveInfinity; return true;
            case "-Infinity": value = double.NegativeInfinity; return true;
        }
        return double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Compact JSON text of this value (members in document order).</summary>
    public string ToJson()
    {
        var sb = new StringBuilder();
        Write(sb);
        return sb.ToString();
    }

    private void Write(StringBuilder sb)
    {
        switch (Kind)
        {
            case JsonKind.Object:
                sb.Append('{');
                for (var i = 0; i < Members!.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    WriteString(sb, Members[i].Key);
                    sb.Append(':');
                    Members[i].Value.Write(sb);
                }
                sb.Append('}');
                break;
            case JsonKind.Array:
                sb.Append('[');
                for (var i = 0; i < Items!.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Items[i].Write(sb);
                }
                sb.Append(']');
                break;
            case JsonKind.String: WriteString(sb, Text!); break;
            case JsonKind.Number: sb.Append(Text); break;
            case JsonKind.True: sb.Append("true"); break;
            case JsonKind.False: sb.Append("false"); break;
            default: sb.Append("null"); break;
        }
    }

    internal static void WriteString(StringBuilder sb, string s)
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
                default:
                    if (c < 0x20 || c > 0x7e) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}

/// <summary>Thrown by <see cref="JsonReader"/> with the offset of the problem.</summary>
internal sealed class JsonSyntaxException : Exception
{
    public JsonSyntaxException(string message, int offset) : base(message) => Offset = offset;

    public int Offset { get; }
}

/// <summary>
/// A small strict JSON reader that keeps offsets. It accepts the bare <c>NaN</c>, <c>Infinity</c>
/// and <c>-Infinity</c> tokens Python writes into .zattrs. Written for the generator because
/// System.Text.Json is not guaranteed inside a .NET Framework-hosted compiler.
/// </summary>
internal sealed class JsonReader
{
    private const int MaxDepth = 64;
    private readonly string _text;
    private int _pos;

    private JsonReader(string text) => _text = text;

    public static JsonElement Parse(string text)
    {
        var reader = new JsonReader(text);
        reader.SkipWhitespace();
        var value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (reader._pos < text.Length) throw new JsonSyntaxException("unexpected text after the JSON value", reader._pos);
        return value;
    }

    private JsonElement ReadValue(int depth)
    {
        if (depth > MaxDepth) throw new JsonSyntaxException("nesting is too deep", _pos);
        if (_pos >= _text.Length) throw new JsonSyntaxException("unexpected end of text, expected a value", _pos);
        var c = _text[_pos];
        switch (c)
        {
            case '{': return ReadObject(depth);
            case '[': return ReadArray(depth);
            case '"':
                var start = _pos;
                var s = ReadString();
                return JsonElement.Scalar(JsonKind.String, start, _pos, s);
            case 't': return ReadLiteral("true", JsonKind.True);
            case 'f': return ReadLiteral("false", JsonKind.False);
            case 'n': return ReadLiteral("null", JsonKind.Null);
            case 'N': return ReadLiteral("NaN", JsonKind.Number);
            case 'I': return ReadLiteral("Infinity", JsonKind.Number);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
                throw new JsonSyntaxException("unexpected character '" + c + "'", _pos);
        }
    }

    private JsonElement ReadLiteral(string literal, JsonKind kind)
    {
        var start = _pos;
        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
            throw new JsonSyntaxException("unexpected token, expected '" + literal + "'", _pos);
        _pos += literal.Length;
        return JsonElement.Scalar(kind, start, _pos, kind == JsonKind.Number ? literal : null);
    }

    private JsonElement ReadNumber()
    {
        var start = _pos;
        if (_text[_pos] == '-')
        {
            _pos++;
            if (_pos < _text.Length && _text[_pos] == 'I')
            {
                ReadLiteral("Infinity", JsonKind.Number);
                return JsonElement.Scalar(JsonKind.Number, start, _pos, "-Infinity");
            }
        }
        var digits = ReadDigits();
        if (digits == 0) throw new JsonSyntaxException("invalid number", start);
        if (digits > 1 && _text[_pos - digits] == '0') throw new JsonSyntaxException("numbers may not have leading zeros", start);
        if (_pos < _text.Length && _text[_pos] == '.')
        {
            _pos++;
            if (ReadDigits() == 0) throw new JsonSyntaxException("expected digits after the decimal point", _pos);
        }
        if (_pos < _text.Length && (_text[_pos] == 'e' || _text[_pos] == 'E'))
        {
            _pos++;
            if (_pos < _text.Length && (_text[_pos] == '+' || _text[_pos] == '-')) _pos++;
            if (ReadDigits() == 0) throw new JsonSyntaxException("expected digits in the exponent", _pos);
        }
        return JsonElement.Scalar(JsonKind.Number, start, _pos, _text.Substring(start, _pos - start));
    }

    private int ReadDigits()
    {
        var start = _pos;
        while (_pos < _text.Length && _text[_pos] >= '0' && _text[_pos] <= '9') _pos++;
        return _pos - start;
    }

    private string ReadString()
    {
        _pos++; // opening quote
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length) throw new JsonSyntaxException("unterminated string", _pos);
            var c = _text[_pos++];
            if (c == '"') return sb.ToString();
            if (c < 0x20) throw new JsonSyntaxException("control character in a string", _pos - 1);
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (_pos >= _text.Length) throw new JsonSyntaxException("unterminated escape", _pos);
            var e = _text[_pos++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _text.Length || !int.TryParse(_text.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        throw new JsonSyntaxException("invalid \\u escape", _pos - 2);
                    sb.Append((char)code);
                    _pos += 4;
                    break;
                default: throw new JsonSyntaxException("invalid escape '\\" + e + "'", _pos - 2);
            }
        }
    }

    private JsonElement ReadArray(int depth)
    {
        var start = _pos++;
        var items = new List<JsonElement>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            return JsonElement.Array(start, _pos, items);
        }
        while (true)
        {
            SkipWhitespace();
            items.Add(ReadValue(depth + 1));
            SkipWhitespace();
            var c = Peek();
            if (c == ',') { _pos++; continue; }
            if (c == ']') { _pos++; return JsonElement.Array(start, _pos, items); }
            throw new JsonSyntaxException("expected ',' or ']' in an array", _pos);
        }
    }

    private JsonElement ReadObject(int depth)
    {
        var start = _pos++;
        var members = new List<KeyValuePair<string, JsonElement>>();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            return JsonElement.Object(start, _pos, members);
        }
        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"') throw new JsonSyntaxException("expected a member name in double quotes", _pos);
            var key = ReadString();
            SkipWhitespace();
            if (Peek() != ':') throw new JsonSyntaxException("expected ':' after a member name", _pos);
            _pos++;
            SkipWhitespace();
            members.Add(new KeyValuePair<string, JsonElement>(key, ReadValue(depth + 1)));
            SkipWhitespace();
            var c = Peek();
            if (c == ',') { _pos++; continue; }
            if (c == '}') { _pos++; return JsonElement.Object(start, _pos, members); }
            throw new JsonSyntaxException("expected ',' or '}' in an object", _pos);
        }
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipWhitespace()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\uFEFF') _pos++;
            else break;
        }
    }
}
