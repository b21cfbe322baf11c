using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Zarr.Runtime.Tests.V3;

/// <summary>
/// manifest.json, shared by every producer of the interop stores (tests/peers/zarrita/write.mjs,
/// tests/peers/spec/make_sharded.py and the write-direction tests here; the format is described in
/// tests/peers/zarrita/lib.mjs): the groups with their attributes, the arrays with their full expected
/// contents in C order, and the corrupt arrays with the error they must raise.
/// </summary>
internal sealed class PeerManifest
{
    public const string FileName = "manifest.json";

    public required string Directory { get; init; }

    public List<ManifestGroup> Groups { get; } = [];

    public List<ManifestArray> Arrays { get; } = [];

    public List<ManifestCorrupt> Corrupt { get; } = [];

    public List<string> Notes { get; } = [];

    public string Writer { get; set; } = "";

    public static PeerManifest Load(string dir)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, FileName)))!.AsObject();
        var m = new PeerManifest { Directory = dir, Writer = (string?)json["writer"] ?? "" };
        foreach (var n in json["notes"]?.AsArray() ?? []) m.Notes.Add((string)n!);
        foreach (var g in json["groups"]?.AsArray() ?? [])
            m.Groups.Add(new ManifestGroup((string)g!["path"]!, g["attributes"]?.AsObject() ?? []));
        foreach (var a in json["arrays"]?.AsArray() ?? [])
        {
            m.Arrays.Add(new ManifestArray
            {
                Path = (string)a!["path"]!,
                DataType = (string)a["data_type"]!,
                Shape = a["shape"]!.AsArray().Select(x => (long)x!).ToArray(),
                FillValue = a["fill_value"]?.DeepClone(),
                Attributes = a["attributes"]?.AsObject().DeepClone().AsObject() ?? [],
                DimensionNames = a["dimension_names"]?.AsArray().Select(x => (string?)x).ToArray(),
                Sharded = (bool?)a["sharded"] ?? false,
                Data = a["data"]!.AsArray().Select(x => x?.DeepClone()).ToArray(),
            });
        }
        foreach (var c in json["corrupt"]?.AsArray() ?? [])
            m.Corrupt.Add(new ManifestCorrupt((string)c!["path"]!, (string)c["data_type"]!, (string)c["shard_key"]!, (string)c["error"]!, (string?)c["description"] ?? ""));
        return m;
    }

    public void Save()
    {
        var json = new JsonObject
        {
            ["writer"] = Writer,
            ["notes"] = new JsonArray(Notes.Select(n => (JsonNode?)n).ToArray()),
            ["groups"] = new JsonArray(Groups.Select(g => (JsonNode?)new JsonObject { ["path"] = g.Path, ["attributes"] = g.Attributes.DeepClone() }).ToArray()),
            ["arrays"] = new JsonArray(Arrays.Select(a => (JsonNode?)a.ToJson()).ToArray()),
        };
        File.WriteAllText(Path.Combine(Directory, FileName), json.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }
}

internal sealed record ManifestGroup(string Path, JsonObject Attributes);

internal sealed record ManifestCorrupt(string Path, string DataType, string ShardKey, string Error, string Description);

internal sealed class ManifestArray
{
    public required string Path { get; init; }

    public required string DataType { get; init; }

    public required long[] Shape { get; init; }

    public JsonNode? FillValue { get; init; }

    public JsonObject Attributes { get; init; } = [];

    public string?[]? DimensionNames { get; init; }

    public bool Sharded { get; init; }

    public required JsonNode?[] Data { get; init; }

    public JsonObject ToJson()
    {
        var o = new JsonObject
        {
            ["path"] = Path,
            ["data_type"] = DataType,
            ["shape"] = new JsonArray(Shape.Select(s => (JsonNode?)s).ToArray()),
            ["fill_value"] = FillValue?.DeepClone(),
            ["attributes"] = Attributes.DeepClone(),
            ["sharded"] = Sharded,
            ["data"] = new JsonArray(Data.Select(d => d?.DeepClone()).ToArray()),
        };
        if (DimensionNames is not null) o["dimension_names"] = new JsonArray(DimensionNames.Select(n => (JsonNode?)n).ToArray());
        return o;
    }
}

/// <summary>
/// Element values in one comparable form: each side (a manifest's JSON value, a value the runtime
/// read) becomes a string that is equal exactly when the elements are. Floats are rounded to their
/// data type first, NaN equals NaN and −0 equals 0 (the manifest's JSON writers cannot tell them apart).
/// </summary>
internal static class ManifestValues
{
    /// <summary>The .NET element type the runtime should read a v3 data type as.</summary>
    public static Type ElementType(string dataType) => dataType switch
    {
        "bool" => typeof(bool),
        "int8" => typeof(sbyte),
        "int16" => typeof(short),
        "int32" => typeof(int),
        "int64" => typeof(long),
        "uint8" => typeof(byte),
        "uint16" => typeof(ushort),
        "uint32" => typeof(uint),
        "uint64" => typeof(ulong),
        "float16" => typeof(Half),
        "float32" => typeof(float),
        "float64" => typeof(double),
        "string" => typeof(string),
        _ => throw new ArgumentException($"no element type for data type '{dataType}'", nameof(dataType)),
    };

    public static string FromManifest(string dataType, JsonNode? value)
    {
        if (value is null) return "null";
        switch (dataType)
        {
            case "bool":
                return value.GetValue<bool>() ? "true" : "false";
            case "string":
                return "s:" + value.GetValue<string>();
            case "float16" or "float32" or "float64":
                double d;
                if (value.GetValueKind() == JsonValueKind.String)
                {
                    d = value.GetValue<string>() switch
                    {
                        "NaN" => double.NaN,
                        "Infinity" => double.PositiveInfinity,
                        "-Infinity" => double.NegativeInfinity,
                        var s => throw new FormatException($"'{s}' is not a float value"),
                    };
                }
                else
                {
                    d = value.GetValue<double>();
                }
                return dataType switch
                {
                    "float16" => Float((double)(Half)d),
                    "float32" => Float((float)d),
                    _ => Float(d),
                };
            default:
                // Integers: decimal strings (int64/uint64) or JSON numbers, compared exactly.
                var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                return BigInteger.Parse(text, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }
    }

    public static string FromElement<T>(T value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => "s:" + s,
        Half h => Float((double)h),
        float f => Float(f),
        double d => Float(d),
        sbyte or short or int or long or byte or ushort or uint or ulong => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => "?" + value,
    };

    private static string Float(double d) =>
        double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" :
        d == 0 ? "0" : d.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An element as the manifest writes it.</summary>
    public static JsonNode? ToManifest<T>(T value) => value switch
    {
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        long l => JsonValue.Create(l.ToString(CultureInfo.InvariantCulture)),
        ulong u => JsonValue.Create(u.ToString(CultureInfo.InvariantCulture)),
        sbyte or short or int or byte or ushort or uint => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        Half h => FloatJson((double)h),
        float f => FloatJson(f),
        double d => FloatJson(d),
        _ => throw new ArgumentException($"no manifest form for {typeof(T)}"),
    };

    private static JsonNode FloatJson(double d) =>
        double.IsNaN(d) ? JsonValue.Create("NaN") : double.IsPositiveInfinity(d) ? JsonValue.Create("Infinity") :
        double.IsNegativeInfinity(d) ? JsonValue.Create("-Infinity") : JsonValue.Create(d);
}
