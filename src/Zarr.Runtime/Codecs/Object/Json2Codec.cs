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
/// strings (T = string) or Python scalars (T = object: null, bool, long, ulong, BigInteger, double, string).
/// </summary>
public sealed class Json2Codec : ObjectCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "json2";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Creates the codec with numcodecs' parameters (its defaults when omitted).</summary>
    /// <param name="encoding">The text encoding; only UTF-8 (any Python spelling) is supported.</param>
    /// <param name="skipkeys">Recorded only (items hold no dicts).</param>
    /// <param name="ensureAscii">Escape every non-ASCII character as <c>\uXXXX</c>.</param>
    /// <param name="checkCircular">Recorded only.</param>
    /// <param name="allowNan">Write NaN and infinities as <c>NaN</c>/<c>Infinity</c>; otherwise they are an error.</param>
    /// <param name="sortKeys">Recorded only (items hold no dicts).</param>
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
        for (var i = 0; i < shape[0]; i++)
        {
            if (i > 0) sb.Append(inner);
            WriteLevel(sb, items, shape, 1, ref index, level);
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

    private void WriteLevel<T>(StringBuilder sb, ReadOnlySpan<T> items, int[] shape, int dim, ref int index, int level)
    {
        if (dim == shape.Length)
        {
            WriteScalar(sb, ObjectListFormat.Normalize(Id, items[index], index), index);
            index++;
            return;
        }
        var empty = shape[dim] == 0;
        var sep = Open(sb, ref level, empty);
        for (var i = 0; i < shape[dim]; i++)
        {
            if (i > 0) sb.Append(sep);
            WriteLevel(sb, items, shape, dim + 1, ref index, level);
        }
        Close(sb, ref level, empty);
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
            default: throw new ZarrCodecException(Id, null, $"item {index} ({ObjectListFormat.Describe(v)}) is not JSON serializable");
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
