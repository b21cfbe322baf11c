using System.Globalization;
using System.Text.Json.Nodes;
using Zarr.Metadata.Json;

namespace Zarr.Codecs;

/// <summary>Helpers to read codec parameters from JSON and to print numcodecs-style reprs.</summary>
public static class CodecConfig
{
    /// <summary>An integer parameter, or <paramref name="defaultValue"/> when absent or null.</summary>
    public static int GetInt(JsonObject config, string name, int defaultValue)
    {
        var node = config[name];
        if (node is null) return defaultValue;
        if (node is JsonValue v)
        {
            if (v.TryGetInt64(out var l) && l >= int.MinValue && l <= int.MaxValue) return (int)l;
            if (v.TryGetValue<int>(out var i)) return i;
            if (v.TryGetValue<bool>(out var b)) return b ? 1 : 0;
            if (v.TryGetValue<double>(out var d) && Math.Floor(d) == d) return (int)d;
        }
        throw new ArgumentException($"parameter '{name}' must be an integer, not {node.ToJsonString()}");
    }

    /// <summary>A double parameter, or <paramref name="defaultValue"/> when absent.</summary>
    public static double GetDouble(JsonObject config, string name, double defaultValue)
    {
        var node = config[name];
        if (node is null) return defaultValue;
        if (node is JsonValue v)
        {
            if (v.TryGetValue<double>(out var d)) return d;
            if (v.TryGetInt64(out var l)) return l;
            if (v.TryGetValue<int>(out var i)) return i;
        }
        throw new ArgumentException($"parameter '{name}' must be a number, not {node.ToJsonString()}");
    }

    /// <summary>A string parameter, or <paramref name="defaultValue"/> when absent.</summary>
    public static string? GetString(JsonObject config, string name, string? defaultValue)
    {
        var node = config[name];
        if (node is null) return defaultValue;
        if (node is JsonValue v && v.TryGetValue<string>(out var s)) return s;
        throw new ArgumentException($"parameter '{name}' must be a string, not {node.ToJsonString()}");
    }

    /// <summary>A bool parameter, or <paramref name="defaultValue"/> when absent.</summary>
    public static bool GetBool(JsonObject config, string name, bool defaultValue)
    {
        var node = config[name];
        if (node is null) return defaultValue;
        if (node is JsonValue v && v.TryGetValue<bool>(out var b)) return b;
        throw new ArgumentException($"parameter '{name}' must be true or false, not {node.ToJsonString()}");
    }

    /// <summary>Python repr of a value for codec reprs: <c>'text'</c>, <c>1</c>, <c>0.5</c>, <c>None</c>, <c>True</c>.</summary>
    public static string Repr(object? value) => value switch
    {
        null => "None",
        string s => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'",
        bool b => b ? "True" : "False",
        double d => PythonFloat.Repr(d),
        float f => PythonFloat.Repr(f),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "None",
    };
}
