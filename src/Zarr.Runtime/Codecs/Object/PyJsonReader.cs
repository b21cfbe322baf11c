using System.Globalization;
using System.Numerics;
using System.Text;
using Zarr.DataTypes;

namespace Zarr.Codecs;

/// <summary>
/// Parses JSON text as Python's <c>json.JSONDecoder</c> does (NaN, Infinity and -Infinity accepted,
/// integers kept exact, control characters in strings rejected when strict) into the tree of
/// <see cref="ObjectListFormat"/>: arrays as <see cref="PythonList"/>, objects as <see cref="PythonDict"/>
/// (a repeated key keeps its first place and its last value, as <c>dict(pairs)</c> does).
/// </summary>
internal ref struct PyJsonReader
{
    private const int MaxIntDigits = 4300; // Python's int_max_str_digits
    private static readonly double PythonNaN = BitConverter.Int64BitsToDouble(0x7ff8000000000000);
    private readonly string _text;
    private readonly bool _strict;
    private readonly string _id;
    private int _pos;
    private int _depth;

    public PyJsonReader(string text, bool strict, string codecId)
    {
        _text = text;
        _strict = strict;
        _id = codecId;
    }

    public object? ReadDocument()
    {
        SkipWhitespace();
        var value = ReadValue();
        SkipWhitespace();
        if (_pos != _text.Length) throw Error("extra data after the JSON value");
        return value;
    }

    private ZarrCodecException Error(string what) => new(_id, null, $"malformed JSON at character {_pos}: {what}");

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\n' or '\r') _pos++;
    }

    private bool Consume(string word)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0) return false;
        _pos += word.Length;
        return true;
    }

    private object? ReadValue()
    {
        if (_pos >= _text.Length) throw Error("expecting a value");
        var c = _text[_pos];
        switch (c)
        {
            case '"': return ReadString();
            case '[': return ReadCollection(isObject: false);
            case '{': return ReadCollection(isObject: true);
        }
        if (Consume("null")) return null;
        if (Consume("true")) return true;
        if (Consume("false")) return false;
        if (Consume("NaN")) return PythonNaN; // float('nan'): the positive quiet NaN, not .NET's double.NaN
        if (Consume("Infinity")) return double.PositiveInfinity;
        if (Consume("-Infinity")) return double.NegativeInfinity;
        if (c == '-' || c is >= '0' and <= '9') return ReadNumber();
        throw Error("expecting a value");
    }

    // A list ('[' … ']') or an object ('{' "key": value, … '}'), as Python's scanner reads them.
    private object ReadCollection(bool isObject)
    {
        if (++_depth > ObjectListFormat.MaxDepth) throw Error($"lists and objects nested deeper than {ObjectListFormat.MaxDepth}");
        _pos++;
        var close = isObject ? '}' : ']';
        var list = isObject ? null : new PythonList();
        var dict = isObject ? new PythonDict() : null;
        SkipWhitespace();
        var empty = _pos < _text.Length && _text[_pos] == close;
        if (empty) _pos++;
        while (!empty)
        {
            SkipWhitespace();
            if (dict is not null)
            {
                if (_pos >= _text.Length || _text[_pos] != '"') throw Error("expecting a property name enclosed in double quotes");
                var key = ReadString();
                SkipWhitespace();
                if (_pos >= _text.Length || _text[_pos] != ':') throw Error("expecting ':' delimiter");
                _pos++;
                SkipWhitespace();
                dict[key] = ReadValue();
            }
            else list!.Add(ReadValue());
            SkipWhitespace();
            if (_pos >= _text.Length) throw Error(isObject ? "unterminated object" : "unterminated list");
            var c = _text[_pos++];
            if (c == close) break;
            if (c != ',') { _pos--; throw Error("expecting ',' delimiter"); }
        }
        _depth--;
        return (object?)dict ?? list!;
    }

    private object ReadNumber()
    {
        // Python's NUMBER_RE: (-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?
        var start = _pos;
        if (_text[_pos] == '-') _pos++;
        if (_pos >= _text.Length || !char.IsAsciiDigit(_text[_pos])) throw Error("expecting a value");
        if (_text[_pos] == '0') _pos++;
        else while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
        var isFloat = false;
        if (_pos + 1 < _text.Length && _text[_pos] == '.' && char.IsAsciiDigit(_text[_pos + 1]))
        {
            isFloat = true;
            _pos++;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
        }
        if (_pos < _text.Length && _text[_pos] is 'e' or 'E')
        {
            var save = _pos++;
            if (_pos < _text.Length && _text[_pos] is '+' or '-') _pos++;
            if (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                isFloat = true;
                while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
            }
            else _pos = save;
        }
        var token = _text.AsSpan(start, _pos - start);
        if (isFloat) return double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
        if (ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var u)) return u;
        if (token.Length > MaxIntDigits + 1) throw Error($"an integer of more than {MaxIntDigits} digits");
        return BigInteger.Parse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    private string ReadString()
    {
        _pos++;
        return Metadata.Json.JsonStringLiteral.Read(_text, ref _pos, allowControl: !_strict, out var error)
            ?? throw Error(error == "control character in a string" ? "invalid control character in a string (strict)" : error!);
    }
}
