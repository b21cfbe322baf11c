using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Zarr.Generators.Parsing;

/// <summary>
/// The array fields a .zarray and a [ZarrArray] attribute both give as JSON (codecs, the compressor,
/// the fill value), read by one set of rules for <see cref="MetadataFileParser"/> and the
/// schema-class parser. Callers word their own diagnostics: a metadata file and an attribute
/// describe the same problem in their own terms.
/// </summary>
internal static class ArrayFieldReader
{
    /// <summary>The compressor JSON of an array stored without one.</summary>
    public const string NoCompressorJson = "null";

    /// <summary>How documentation shows an array stored without a compressor (as zarr-python's info does).</summary>
    public const string NoCompressorDisplay = "None";

    /// <summary>
    /// How documentation shows the compressor the runtime gives an array created without one named
    /// (zarr-python's default, as numcodecs prints it; 0-d arrays get none). A test holds it to the runtime.
    /// </summary>
    public const string DefaultCompressorDisplay = "Blosc(cname='lz4', clevel=5, shuffle=SHUFFLE, blocksize=0)";

    /// <summary>
    /// How documentation shows the compressor the runtime gives a new zarr v3 array created without one
    /// named (zarr-python 3's default). A test holds it to the runtime.
    /// </summary>
    public const string DefaultV3CompressorDisplay = "Zstd(level=0)";

    /// <summary>The string <c>id</c> of a codec object, or null when <paramref name="codec"/> is not an object with one.</summary>
    public static JsonElement? CodecId(JsonElement codec) =>
        codec.Kind == JsonKind.Object && codec["id"] is { Kind: JsonKind.String } id ? id : null;

    /// <summary>A codec as documentation shows it: <c>id(name=value, …)</c>, its parameters in document order.</summary>
    public static string CodecDisplay(JsonElement codec) => CodecDisplay(codec["id"]!.Text!, codec, "id");

    /// <summary>
    /// A codec named <paramref name="name"/> as documentation shows it: <c>name(key=value, …)</c>, the
    /// members of <paramref name="parameters"/> (a v2 codec object, or a v3 codec's configuration) but
    /// <paramref name="skip"/>, in document order.
    /// </summary>
    public static string CodecDisplay(string name, JsonElement? parameters, string? skip = null)
    {
        var sb = new StringBuilder(name);
        sb.Append('(');
        var first = true;
        foreach (var m in parameters?.Members ?? new List<KeyValuePair<string, JsonElement>>())
        {
            if (m.Key == skip) continue;
            if (!first) sb.Append(", ");
            first = false;
            sb.Append(m.Key).Append('=').Append(m.Value.ToJson());
        }
        return sb.Append(')').ToString();
    }

    /// <summary>
    /// The known codecs that turn objects into bytes: an object array takes one as its first filter;
    /// as a compressor the runtime refuses it (a test keeps the list in step with the runtime's codecs).
    /// </summary>
    public static readonly HashSet<string> ObjectCodecs = new(StringComparer.Ordinal) { "vlen-utf8", "vlen-bytes", "vlen-array", "json2", "msgpack2", "pickle" };

    /// <summary>Why the codec <paramref name="id"/> cannot be an array's compressor, or null when it can.</summary>
    public static string? CompressorProblem(string id)
    {
        if (ObjectCodecs.Contains(id)) return "'" + id + "' is an object codec, not a compressor (object arrays take it as their first filter)";
        if (MetadataFileParser.KnownCodecs.Contains(id)) return null;
        var sameLetters = MetadataFileParser.KnownCodecs.FirstOrDefault(k => string.Equals(k, id, StringComparison.OrdinalIgnoreCase));
        if (sameLetters is not null) return "'" + id + "' is not a codec id; codec ids are lower case: '" + sameLetters + "'";
        return "'" + id + "' is not a codec Zarr.Typed knows (compressors: "
            + string.Join(", ", MetadataFileParser.KnownCodecs.Where(k => !ObjectCodecs.Contains(k)).OrderBy(k => k, StringComparer.Ordinal)) + ")";
    }

    /// <summary>The fill value as the model keeps it: compact JSON (NaN and Infinity as numcodecs writes them).</summary>
    public static string FillValueJson(JsonElement fill) => fill.ToJson();
}
