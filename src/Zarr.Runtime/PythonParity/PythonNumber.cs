using System.Globalization;
using System.Text.Json.Nodes;
using Zarr.Metadata.Json;

namespace Zarr.PythonParity;

/// <summary>
/// A Python <c>int</c> or <c>float</c> codec parameter (FixedScaleOffset's offset and scale). The
/// distinction matters: NumPy promotes an array differently against an int than a float, and
/// numcodecs writes the value back to JSON and into its repr exactly as it was given.
/// </summary>
internal readonly record struct PythonNumber(bool IsInt, long Int, double Float)
{
    /// <summary>A Python int.</summary>
    public static PythonNumber Of(long value) => new(true, value, value);

    /// <summary>A Python float.</summary>
    public static PythonNumber Of(double value) => new(false, 0, value);

    /// <summary>The value as a double (Python's <c>float(x)</c>).</summary>
    public double AsDouble => IsInt ? Int : Float;

    /// <summary>Reads a required numeric parameter, keeping int and float apart.</summary>
    public static PythonNumber Read(JsonObject config, string name)
    {
        var node = config[name] ?? throw new ArgumentException($"parameter '{name}' is required");
        if (node is JsonValue v)
        {
            if (v.TryGetValue<long>(out var l)) return Of(l);
            if (v.TryGetValue<int>(out var i)) return Of(i);
            if (v.TryGetValue<double>(out var d)) return Of(d);
            if (v.TryGetValue<float>(out var f)) return Of(f);
        }
        throw new ArgumentException($"parameter '{name}' must be a number, not {node.ToJsonString()}");
    }

    /// <summary>The JSON value numcodecs writes (an int stays an int).</summary>
    public JsonNode ToJson() => IsInt ? JsonValue.Create(Int) : JsonValue.Create(Float);

    /// <summary>Python's <c>str(x)</c> (which equals <c>repr(x)</c> for ints and floats).</summary>
    public override string ToString() => IsInt ? Int.ToString(CultureInfo.InvariantCulture) : PythonFloat.Repr(Float);
}
