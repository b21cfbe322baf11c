using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Zarr.Metadata.Json;

/// <summary>A small recursive-descent JSON parser producing <see cref="JsonNode"/>s, tolerant of NaN/Infinity.</summary>
internal sealed class JsonTextParser
{
    private const int MaxDepth = 256;
    private readonly string _text;
    private readonly string _key;
    private int _pos;

    private readonly bool _exactNumbers;

    /// <param name="text">The JSON text.</param>
    /// <param name="key">The store key, for errors.</param>
    /// <param name="exactNumbers">
    /// Numbers become System.Text.Json element values that keep their text: they convert to any numeric
    /// type that holds them (<c>(int)node</c> works), and integers beyond 64 bits are written back as
    /// they were read. For user documents (attributes); metadata keeps the faster long/double values.
    /// </param>
    public JsonTextParser(string text, string key, bool exactNumbers = false)
    {
        _text = text;
        _key = key;
        _exactNumbers = exactNumbers;
    }

    public JsonNode? ParseDocument()
    {
        if (_text.Length > 0 && _text[0] == '\uFEFF') _pos = 1;
        SkipWhitespace();
        var node = ParseValue(0);
        SkipWhitespace();
        if (_pos != _text.Length) throw Error("unexpected text after the JSON value");
        return node;
    }

    private ZarrMetadataException Error(string what)
    {
        var line = 1;
        var col = 1;
        for (var i = 0; i < Math.Min(_pos, _text.Length); i++)
        {
            if (_text[i] == '\n') { line++; col = 1; }
            else col++;
        }
        return new ZarrMetadataException(_key, null, $"malformed JSON at line {line}, column {col}: {what}.");
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\n' or '\r') _pos++;
    }

    private JsonNode? ParseValue(int depth)
    {
        if (depth > MaxDepth) throw Error("nesting is too deep");
        if (_pos >= _text.Length) throw Error("unexpected end of input");
        var c = _text[_pos];
        switch (c)
        {
            case '{': return ParseObject(depth);
            case '[': return ParseArray(depth);
            case '"': return JsonValue.Create(ParseString());
            case 't': Expect("true"); return JsonValue.Create(true);
            case 'f': Expect("false"); return JsonValue.Create(false);
            case 'n': Expect("null"); return null;
            case 'N': Expect("NaN"); return JsonValue.Create(double.NaN);
            case 'I': Expect("Infinity"); return JsonValue.Create(double.PositiveInfinity);
            default:
                if (c == '-' && _pos + 1 < _text.Length && _text[_pos + 1] == 'I')
                {
                    Expect("-Infinity");
                    return JsonValue.Create(double.NegativeInfinity);
                }
                if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber();
                throw Error($"unexpected character '{c}'");
        }
    }

    private void Expect(string token)
    {
        if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) != 0) throw Error($"expected '{token}'");
        _pos += token.Length;
    }

    private JsonObject ParseObject(int depth)
    {
        var obj = new JsonObject();
        _pos++;
        SkipWhitespace();
        if (_pos < _text.Length && _text[_pos] == '}') { _pos++; return obj; }
        while (true)
        {
            SkipWhitespace();
            if (_pos >= _text.Length || _text[_pos] != '"') throw Error("expected a property name");
            var name = ParseString();
            SkipWhitespace();
            if (_pos >= _text.Length || _text[_pos] != ':') throw Error("expected ':'");
            _pos++;
            SkipWhitespace();
            var value = ParseValue(depth + 1);
            obj[name] = value; // duplicate keys: last wins, as in Python
            SkipWhitespace();
            if (_pos >= _text.Length) throw Error("unexpected end of input in an object");
            if (_text[_pos] == ',') { _pos++; continue; }
            if (_text[_pos] == '}') { _pos++; return obj; }
            throw Error("expected ',' or '}'");
        }
    }

    private JsonArray ParseArray(int depth)
    {
        var arr = new JsonArray();
        _pos++;
        SkipWhitespace();
        if (_pos < _text.Length && _text[_pos] == ']') { _pos++; return arr; }
        while (true)
        {
            SkipWhitespace();
            arr.Add(ParseValue(depth + 1));
            SkipWhitespace();
            if (_pos >= _text.Length) throw Error("unexpected end of input in an array");
            if (_text[_pos] == ',') { _pos++; continue; }
            if (_text[_pos] == ']') { _pos++; return arr; }
            throw Error("expected ',' or ']'");
        }
    }

    private string ParseString()
    {
        _pos++;
        return JsonStringLiteral.Read(_text, ref _pos, allowControl: false, out var error) ?? throw Error(error!);
    }

    private JsonValue ParseNumber()
    {
        var start = _pos;
        if (_text[_pos] == '-') _pos++;
        var isFloat = false;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c >= '0' && c <= '9') { _pos++; continue; }
            if (c is '.' or 'e' or 'E' or '+' or '-') { isFloat = true; _pos++; continue; }
            break;
        }
        var span = _text.AsSpan(start, _pos - start);
        if (_exactNumbers && IsJsonNumber(span))
        {
            using var document = System.Text.Json.JsonDocument.Parse(span.ToString());
            return JsonValue.Create(document.RootElement.Clone())!;
        }
        if (!isFloat)
        {
            if (long.TryParse(span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
            if (ulong.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out var ul)) return JsonValue.Create(ul);
        }
        if (double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
        _pos = start;
        throw Error($"invalid number '{span.ToString()}'");
    }

    // RFC 8259's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    private static bool IsJsonNumber(ReadOnlySpan<char> s)
    {
        var i = 0;
        if (i < s.Length && s[i] == '-') i++;
        if (i >= s.Length || !char.IsAsciiDigit(s[i])) return false;
        if (s[i] == '0') i++;
        else while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            if (i >= s.Length || !char.IsAsciiDigit(s[i])) return false;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        }
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-') i++;
            if (i >= s.Length || !char.IsAsciiDigit(s[i])) return false;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        }
        return i == s.Length;
    }
}
