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

    /// <summary>The string <c>id</c> of a codec object, or null when <paramref name="codec"/> is not an object with one.</summary>
    public static JsonElement? CodecId(JsonElement codec) =>
        codec.Kind == JsonKind.Object && codec["id"] is { Kind: JsonKind.String } id ? id : null;

    /// <summary>A codec as documentation shows it: <c>id(name=value, …)</c>, its parameters in document order.</summary>
    public static string CodecDisplay(JsonElement codec)
    {
        var sb = new StringBuilder(codec["id"]!.Text);
        sb.Append('(');
        var first = true;
        foreach (var m in codec.Members!)
        {
            if (m.Key == "id") continue;
            if (!first) sb.Append(", ");
            first = false;
            sb.Append(m.Key).Append('=').Append(m.Value.ToJson());
        }
        return sb.Append(')').ToString();
    }

    /// <summary>The fill value as the model keeps it: compact JSON (NaN and Infinity as numcodecs writes them).</summary>
    public static string FillValueJson(JsonElement fill) => fill.ToJson();
}
