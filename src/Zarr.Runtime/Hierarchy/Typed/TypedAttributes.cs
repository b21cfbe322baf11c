using System.Text.Json.Nodes;

namespace Zarr;

/// <summary>
/// Typed reads of attributes for generated bindings: each throws <see cref="ZarrMetadataException"/>
/// naming the document and attribute when the stored value is missing or of another type.
/// </summary>
public static class TypedAttributes
{
    /// <summary>A string attribute.</summary>
    public static string GetString(ZarrAttributes attrs, string name) =>
        Value(attrs, name) is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Mismatch(attrs, name, "a string");

    /// <summary>An integer attribute.</summary>
    public static long GetInt64(ZarrAttributes attrs, string name) =>
        Value(attrs, name) is JsonValue v && TryInt64(v, out var n) ? n : throw Mismatch(attrs, name, "an integer");

    /// <summary>A number attribute (integers widen; <c>NaN</c> and <c>Infinity</c> are read as Python writes them).</summary>
    public static double GetDouble(ZarrAttributes attrs, string name) =>
        Value(attrs, name) is JsonValue v && TryDouble(v, out var d) ? d : throw Mismatch(attrs, name, "a number");

    /// <summary>A boolean attribute.</summary>
    public static bool GetBoolean(ZarrAttributes attrs, string name) =>
        Value(attrs, name) is JsonValue v && v.TryGetValue<bool>(out var b) ? b : throw Mismatch(attrs, name, "true or false");

    /// <summary>A list of strings.</summary>
    public static string[] GetStringArray(ZarrAttributes attrs, string name) =>
        List(attrs, name, "a list of strings", (JsonValue v, out string s) => v.TryGetValue(out s!));

    /// <summary>A list of integers.</summary>
    public static long[] GetInt64Array(ZarrAttributes attrs, string name) => List<long>(attrs, name, "a list of integers", TryInt64);

    /// <summary>A list of numbers.</summary>
    public static double[] GetDoubleArray(ZarrAttributes attrs, string name) => List<double>(attrs, name, "a list of numbers", TryDouble);

    /// <summary>A list of booleans.</summary>
    public static bool[] GetBooleanArray(ZarrAttributes attrs, string name) =>
        List(attrs, name, "a list of booleans", (JsonValue v, out bool b) => v.TryGetValue(out b));

    /// <summary>Any attribute, as JSON (null when absent or JSON null).</summary>
    public static JsonNode? GetJson(ZarrAttributes attrs, string name) => attrs[name];

    private delegate bool TryConvert<T>(JsonValue value, out T result);

    private static JsonNode? Value(ZarrAttributes attrs, string name) =>
        attrs[name] ?? throw new ZarrMetadataException(attrs.Key, name, "the attribute is missing or null.");

    private static T[] List<T>(ZarrAttributes attrs, string name, string expected, TryConvert<T> convert)
    {
        if (Value(attrs, name) is not JsonArray items) throw Mismatch(attrs, name, expected);
        var result = new T[items.Count];
        for (var i = 0; i < result.Length; i++)
        {
            if (items[i] is not JsonValue v || !convert(v, out result[i])) throw Mismatch(attrs, name, expected);
        }
        return result;
    }

    private static bool TryInt64(JsonValue v, out long n)
    {
        if (v.TryGetValue(out n)) return true;
        if (v.TryGetValue<double>(out var d) && d == Math.Floor(d) && d >= long.MinValue && d <= long.MaxValue)
        {
            n = (long)d;
            return true;
        }
        return false;
    }

    private static bool TryDouble(JsonValue v, out double d)
    {
        if (v.TryGetValue(out d)) return true;
        if (v.TryGetValue<long>(out var n))
        {
            d = n;
            return true;
        }
        if (v.TryGetValue<string>(out var s))
        {
            switch (s)
            {
                case "NaN": d = double.NaN; return true;
                case "Infinity": d = double.PositiveInfinity; return true;
                case "-Infinity": d = double.NegativeInfinity; return true;
            }
        }
        return false;
    }

    private static ZarrMetadataException Mismatch(ZarrAttributes attrs, string name, string expected) =>
        new(attrs.Key, name, $"the binding expects {expected}, found {attrs[name]?.ToJsonString() ?? "null"}.");
}
