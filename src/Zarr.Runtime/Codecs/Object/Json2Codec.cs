using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Zarr.Metadata.Json;
using Zarr.PythonParity;

namespace Zarr.Codecs;

/// <summary>
/// numcodecs <c>json2</c>: an object array chunk as the UTF-8 JSON text of <c>chunk.tolist()</c> (nested
/// once per dimension, in C order) followed by the dtype string and the shape, e.g.
/// <c>[["a","b"],["c","d"],"|O",[2,2]]</c>, written as Python's <c>json.JSONEncoder</c> does. Items are
/// strings (T = string) or Python values (T = object: null, bool, long, ulong, BigInteger, double,
/// string, and lists, tuples and dicts of them; read back as <see cref="DataTypes.PythonList"/> and
/// <see cref="DataTypes.PythonDict"/>).
/// </summary>
public sealed class Json2Codec : ObjectCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "json2";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Creates the codec with numcodecs' parameters (its defaults when omitted).</summary>
    /// <param name="encoding">The text encoding; only UTF-8 (any Python spelling) is supported.</param>
    /// <param name="skipkeys">Skip dict keys that are not str, int, float, bool or None instead of failing.</param>
    /// <param name="ensureAscii">Escape every non-ASCII character as <c>\uXXXX</c>.</param>
    /// <param name="checkCircular">Recorded only (a list or dict inside itself is always refused).</param>
    /// <param name="allowNan">Write NaN and infinities as <c>NaN</c>/<c>Infinity</c>; otherwise they are an error.</param>
    /// <param name="sortKeys">Write the keys of dicts sorted (Python's <c>sorted(d.items())</c>).</param>
    /// <param name="indent">Python's indent: null (compact), a number of spaces, or a string.</param>
    /// <param name="separators">The item and key separators; null gives <c>(',', ':')</c>, or <c>(', ', ': ')</c> with an indent.</param>
    /// <param name="strict">Reject control characters inside decoded strings.</param>
    public Json2Codec(string encoding = "utf-8", bool skipkeys = false, bool ensureAscii = true, bool checkCircular = true,
        bool allowNan = true, bool sortKeys = true, JsonNode? indent = null, (string Item, string Key)? separators = null, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        var norm = encoding.ToLowerInvariant().Replace('_', '-');
        if (norm is not ("utf-8" or "utf8" or "u8" or "utf"))
            throw new ArgumentException($"json2: only the utf-8 text encoding is supported, not '{encoding}'");
        Encoding = encoding;
        SkipKeys = skipkeys;
        EnsureAscii = ensureAscii;
        CheckCircular = checkCircular;
        AllowNan = allowNan;
        SortKeys = sortKeys;
        Strict = strict;
        if (indent is null) IndentText = null;
        else if (indent is JsonValue iv && iv.TryGetInt64(out var n) && n < 1_000) IndentText = new string(' ', (int)Math.Max(0, n));
        else if (indent is JsonValue sv && sv.TryGetValue<string>(out var s)) IndentText = s;
        else throw new ArgumentException($"json2: indent must be null, an integer or a string, not {indent.ToJsonString()}");
        Indent = indent?.DeepClone();
        Separators = separators ?? (indent is null ? (",", ":") : (", ", ": "));
    }

    /// <summary>Creates the codec from its JSON configuration.</summary>
    public static Json2Codec FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        (string, string)? separators = null;
        if (config["separators"] is JsonArray sep)
        {
            if (sep.Count != 2 || sep[0] is not JsonValue a || !a.TryGetValue<string>(out var item) || sep[1] is not JsonValue b || !b.TryGetValue<string>(out var key))
                throw new ArgumentException($"json2: separators must be two strings, not {sep.ToJsonString()}");
            separators = (item, key);
        }
        else if (config["separators"] is not null) throw new ArgumentException($"json2: separators must be two strings, not {config["separators"]!.ToJsonString()}");
        return new Json2Codec(
            CodecConfig.GetString(config, "encoding", "utf-8")!,
            CodecConfig.GetBool(config, "skipkeys", false),
            CodecConfig.GetBool(config, "ensure_ascii", true),
            CodecConfig.GetBool(config, "check_circular", true),
            CodecConfig.GetBool(config, "allow_nan", true),
            CodecConfig.GetBool(config, "sort_keys", true),
            config["indent"],
            separators,
            CodecConfig.GetBool(config, "strict", true));
    }

    /// <summary>The text encoding as configured.</summary>
    public string Encoding { get; }

    /// <summary>json's skipkeys.</summary>
    public bool SkipKeys { get; }

    /// <summary>json's ensure_ascii.</summary>
    public bool EnsureAscii { get; }

    /// <summary>json's check_circular.</summary>
    public bool CheckCircular { get; }

    /// <summary>json's allow_nan.</summary>
    public bool AllowNan { get; }

    /// <summary>json's sort_keys.</summary>
    public bool SortKeys { get; }

    /// <summary>json's indent as configured (null, an integer or a string).</summary>
    public JsonNode? Indent { get; }

    /// <summary>The item and key separators.</summary>
    public (string Item, string Key) Separators { get; }

    /// <summary>The decoder's strict flag: control characters inside strings are an error.</summary>
    public bool Strict { get; }

    private string? IndentText { get; }

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    public override bool EncodesLogicalOrder => true;

    /// <inheritdoc />
    public override JsonObject GetConfig() => new()
    {
        ["id"] = Id,
        ["encoding"] = Encoding,
        ["skipkeys"] = SkipKeys,
        ["ensure_ascii"] = EnsureAscii,
        ["check_circular"] = CheckCircular,
        ["allow_nan"] = AllowNan,
        ["indent"] = Indent?.DeepClone(),
        ["separators"] = new JsonArray(Separators.Item, Separators.Key),
        ["sort_keys"] = SortKeys,
        ["strict"] = Strict,
    };

    /// <inheritdoc />
    public override bool Supports<T>() => ObjectListFormat.Supports<T>();

    /// <inheritdoc />
    public override void Encode<T>(ReadOnlySpan<T> items, IBufferWriter<byte> output) => Encode(items, [items.Length], output);

    /// <inheritdoc />
    public override void Encode<T>(ReadOnlySpan<T> items, ReadOnlySpan<int> chunkShape, IBufferWriter<byte> output)
    {
        ObjectListFormat.Require<T>(Id);
        ArgumentNullException.ThrowIfNull(output);
        var shape = ObjectListFormat.ShapeFor(Id, items.Length, chunkShape);
        var sb = new StringBuilder(items.Length * 8 + 32);
        // The top level: [*tolist(), "|O", [shape]].
        var level = 0;
        var inner = Open(sb, ref level);
        var index = 0;
        var open = new HashSet<object>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < shape[0]; i++)
        {
            if (i > 0) sb.Append(inner);
            WriteLevel(sb, items, shape, 1, ref index, level, open);
        }
        if (shape[0] > 0) sb.Append(inner);
        WriteString(sb, "|O");
        sb.Append(inner);
        var shapeLevel = level;
        var shapeSep = Open(sb, ref shapeLevel, shape.Length == 0);
        for (var d = 0; d < shape.Length; d++)
        {
            if (d > 0) sb.Append(shapeSep);
            sb.Append(shape[d].ToString(CultureInfo.InvariantCulture));
        }
        Close(sb, ref shapeLevel, shape.Length == 0);
        Close(sb, ref level, false);
        byte[] bytes;
        try { bytes = Utf8.GetBytes(sb.ToString()); }
        catch (EncoderFallbackException e) { throw new ZarrCodecException(Id, null, "an item is not valid Unicode text (a lone surrogate) and ensure_ascii is off: " + e.Message, e); }
        output.Write(bytes);
    }

    private void WriteLevel<T>(StringBuilder sb, ReadOnlySpan<T> items, int[] shape, int dim, ref int index, int level, HashSet<object> open)
    {
        if (dim == shape.Length)
        {
            WriteValue(sb, ObjectListFormat.Normalize(Id, items[index], index), index, level, open);
            index++;
            return;
        }
        var empty = shape[dim] == 0;
        var sep = Open(sb, ref level, empty);
        for (var i = 0; i < shape[dim]; i++)
        {
            if (i > 0) sb.Append(sep);
            WriteLevel(sb, items, shape, dim + 1, ref index, level, open);
        }
        Close(sb, ref level, empty);
    }

    // A value of item `index`: a scalar, or a list/tuple/dict written as _iterencode_list/_iterencode_dict do.
    private void WriteValue(StringBuilder sb, object? v, int index, int level, HashSet<object> open)
    {
        if (ObjectListFormat.TryGetEntries(v, out var entries))
        {
            using var nesting = ObjectListFormat.Enter(Id, open, v!, index);
            var keyed = KeyTexts(entries, index);
            var empty = keyed.Count == 0;
            sb.Append('{');
            var sep = Separators.Item;
            if (!empty && IndentText is not null)
            {
                level++;
                var newline = "\n" + string.Concat(Enumerable.Repeat(IndentText, level));
                sb.Append(newline);
                sep += newline;
            }
            for (var i = 0; i < keyed.Count; i++)
            {
                if (i > 0) sb.Append(sep);
                WriteString(sb, keyed[i].Key);
                sb.Append(Separators.Key);
                WriteValue(sb, ObjectListFormat.Normalize(Id, keyed[i].Value, index), index, level, open);
            }
            if (!empty && IndentText is not null)
            {
                level--;
                sb.Append('\n').Append(string.Concat(Enumerable.Repeat(IndentText, level)));
            }
            sb.Append('}');
        }
        else if (ObjectListFormat.TryGetSequence(v, out var elements))
        {
            using var nesting = ObjectListFormat.Enter(Id, open, v!, index);
            var empty = elements.Count == 0;
            var sep = Open(sb, ref level, empty);
            for (var i = 0; i < elements.Count; i++)
            {
                if (i > 0) sb.Append(sep);
                WriteValue(sb, ObjectListFormat.Normalize(Id, elements[i], index), index, level, open);
            }
            Close(sb, ref level, empty);
        }
        else WriteScalar(sb, v, index);
    }

    // The keys as JSON writes them (str as is; float, bool, None and int as their JSON text), in the
    // dict's order or sorted as Python's sorted(d.items()) sorts the original keys.
    private List<KeyValuePair<string, object?>> KeyTexts(IReadOnlyList<KeyValuePair<object?, object?>> entries, int index)
    {
        var pairs = entries.Select(e => (Key: ObjectListFormat.Normalize(Id, e.Key, index), e.Value)).ToList();
        if (SortKeys && pairs.Count > 1)
        {
            var allText = pairs.All(p => p.Key is string);
            var allNumbers = pairs.All(p => p.Key is bool or long or ulong or BigInteger or double);
            if (!allText && !allNumbers)
                throw new ZarrCodecException(Id, null, $"item {index} has a dict whose keys cannot be sorted together (sort_keys=True): {string.Join(", ", pairs.Select(p => ObjectListFormat.Describe(p.Key)).Distinct())}");
            pairs.Sort((a, b) => allText ? CompareCodePoints((string)a.Key!, (string)b.Key!) : CompareNumbers(a.Key, b.Key));
        }
        var result = new List<KeyValuePair<string, object?>>(pairs.Count);
        foreach (var (key, value) in pairs)
        {
            string? text = key switch
            {
                string k => k,
                double d when !double.IsFinite(d) && !AllowNan => throw new ZarrCodecException(Id, null, $"item {index} has the dict key {PythonFloat.Repr(d)}, which JSON cannot hold with allow_nan=False"),
                double d => PythonFloat.Repr(d, json: true),
                bool b => b ? "true" : "false",
                null => "null",
                long or ulong or BigInteger => ((IFormattable)key).ToString(null, CultureInfo.InvariantCulture),
                _ when SkipKeys => null,
                _ => throw new ZarrCodecException(Id, null, $"item {index} has the dict key {ObjectListFormat.Describe(key)}; JSON keys must be str, int, float, bool or None"),
            };
            if (text is not null) result.Add(new(text, value));
        }
        return result;
    }

    // Python orders str by code point; UTF-16 order differs only between surrogates and U+E000-U+FFFF.
    private static int CompareCodePoints(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            int x = a[i], y = b[i];
            if (x == y) continue;
            if (x >= 0xD800 && y >= 0xD800)
            {
                x = x >= 0xE000 ? x - 0x800 : x + 0x2000;
                y = y >= 0xE000 ? y - 0x800 : y + 0x2000;
            }
            return x - y;
        }
        return a.Length - b.Length;
    }

    private static int CompareNumbers(object? a, object? b)
    {
        static (BigInteger I, double D, bool IsInt) N(object? x) => x switch
        {
            bool v => (v ? 1 : 0, 0, true),
            long v => (v, 0, true),
            ulong v => (v, 0, true),
            BigInteger v => (v, 0, true),
            _ => (default, (double)x!, false),
        };
        var (ai, ad, aInt) = N(a);
        var (bi, bd, bInt) = N(b);
        if (aInt && bInt) return ai.CompareTo(bi);
        return (aInt ? (double)ai : ad).CompareTo(bInt ? (double)bi : bd);
    }

    // Python's _iterencode_list: "[]" when empty; with an indent, a newline and the deeper indent after
    // "[", after each item separator, and a newline and the outer indent before "]".
    private string Open(StringBuilder sb, ref int level, bool empty = false)
    {
        sb.Append('[');
        if (empty || IndentText is null) return Separators.Item;
        level++;
        var newline = "\n" + string.Concat(Enumerable.Repeat(IndentText, level));
        sb.Append(newline);
        return Separators.Item + newline;
    }

    private void Close(StringBuilder sb, ref int level, bool empty)
    {
        if (!empty && IndentText is not null)
        {
            level--;
            sb.Append('\n').Append(string.Concat(Enumerable.Repeat(IndentText, level)));
        }
        sb.Append(']');
    }

    private void WriteScalar(StringBuilder sb, object? v, int index)
    {
        switch (v)
        {
            case null: sb.Append("null"); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case string s: WriteString(sb, s); break;
            case long l: sb.Append(l.ToString(CultureInfo.InvariantCulture)); break;
            case ulong u: sb.Append(u.ToString(CultureInfo.InvariantCulture)); break;
            case BigInteger bi: sb.Append(bi.ToString(CultureInfo.InvariantCulture)); break;
            case double d:
                if (!double.IsFinite(d) && !AllowNan)
                    throw new ZarrCodecException(Id, null, $"item {index} is {PythonFloat.Repr(d)}, which JSON cannot hold with allow_nan=False");
                sb.Append(PythonFloat.Repr(d, json: true));
                break;
            default: throw new ZarrCodecException(Id, null, $"item {index} holds {ObjectListFormat.Describe(v)}, which is not JSON serializable");
        }
    }

    private void WriteString(StringBuilder sb, string s) => ZarrJson.WriteString(sb, s, EnsureAscii);

    /// <inheritdoc />
    public override void Decode<T>(ReadOnlySpan<byte> input, Span<T> items) => Decode(input, ReadOnlySpan<int>.Empty, items);

    /// <inheritdoc />
    public override void Decode<T>(ReadOnlySpan<byte> input, ReadOnlySpan<int> chunkShape, Span<T> items)
    {
        ObjectListFormat.Require<T>(Id);
        string text;
        try { text = Utf8.GetString(input); }
        catch (DecoderFallbackException e) { throw new ZarrCodecException(Id, null, "the chunk is not valid UTF-8: " + e.Message, e); }
        var root = new PyJsonReader(text, Strict, Id).ReadDocument();
        ObjectListFormat.Unpack(Id, root, chunkShape, items);
    }

    /// <inheritdoc />
    public override T EmptyValue<T>()
    {
        ObjectListFormat.Require<T>(Id);
        return typeof(T) == typeof(string) ? (T)(object)"" : default!;
    }

    /// <inheritdoc />
    /// <remarks>For T = object the fill itself (zarr-python pads new chunks with it, 0 by default).</remarks>
    public override T FillValue<T>(JsonNode? fill) =>
        typeof(T) == typeof(object) ? (T)ObjectListFormat.FillScalar(fill)! : EmptyValue<T>();

    /// <inheritdoc />
    public override string ToString()
    {
        var indent = Indent is null ? "None" : IndentText is not null && Indent is JsonValue v && v.TryGetValue<string>(out var s) ? PythonRepr.Of(s) : Indent.ToJsonString();
        var parts = new[]
        {
            "encoding=" + PythonRepr.Of(Encoding),
            "allow_nan=" + CodecConfig.Repr(AllowNan),
            "check_circular=" + CodecConfig.Repr(CheckCircular),
            "ensure_ascii=" + CodecConfig.Repr(EnsureAscii),
            "indent=" + indent,
            $"separators=({PythonRepr.Of(Separators.Item)}, {PythonRepr.Of(Separators.Key)})",
            "skipkeys=" + CodecConfig.Repr(SkipKeys),
            "sort_keys=" + CodecConfig.Repr(SortKeys),
            "strict=" + CodecConfig.Repr(Strict),
        };
        return Fill("JSON(" + string.Join(", ", parts) + ")", 80, "     ");
    }

    // textwrap.fill(text, width, break_long_words=False, subsequent_indent=...): greedy on spaces.
    private static string Fill(string text, int width, string indent)
    {
        var words = text.Split(' ');
        var sb = new StringBuilder();
        var line = new StringBuilder();
        foreach (var w in words)
        {
            var prefix = sb.Length == 0 ? "" : indent;
            if (line.Length > 0 && prefix.Length + line.Length + 1 + w.Length > width)
            {
                if (sb.Length > 0) sb.Append('\n').Append(indent);
                sb.Append(line);
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(w);
        }
        if (sb.Length > 0) sb.Append('\n').Append(indent);
        sb.Append(line);
        return sb.ToString();
    }
}
