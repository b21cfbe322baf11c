using System.Text.Json.Nodes;
using Zarr.DataTypes;
using Zarr.PythonParity;

namespace Zarr.Codecs;

/// <summary>The label table shared by both forms of numcodecs <c>categorize</c> (fixed-width text and objects).</summary>
internal sealed class CategoryLabels
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);

    public CategoryLabels(IReadOnlyList<string> labels, ZarrDType astype, bool trimTrailingNuls)
    {
        Labels = labels;
        AsType = astype;
        Element = NumpyElement.From(astype, "astype");
        // numcodecs assigns codes label by label, so a repeated label ends up with its last code.
        for (var i = 0; i < labels.Count; i++) _codes[trimTrailingNuls ? labels[i].TrimEnd('\0') : labels[i]] = i + 1;
    }

    public IReadOnlyList<string> Labels { get; }

    public ZarrDType AsType { get; }

    public NumpyElement Element { get; }

    /// <summary>Reads the <c>labels</c> list of a configuration.</summary>
    public static List<string> Read(JsonObject config)
    {
        if (config["labels"] is not JsonArray array) throw new ArgumentException("parameter 'labels' must be a list of strings");
        var labels = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item is JsonValue v && v.TryGetValue<string>(out var s)) labels.Add(s);
            else throw new ArgumentException($"parameter 'labels' must hold strings, not {item?.ToJsonString() ?? "null"}");
        }
        return labels;
    }

    /// <summary>The code stored for <paramref name="value"/>: 1 + its label index, 0 when it is no label.</summary>
    public NumpyValue Encode(string? value)
    {
        var code = value is not null && _codes.TryGetValue(value, out var c) ? c : 0;
        return NumpyMath.Cast(NumpyValue.OfInt(code), NumpyType.Int64, Element.Type);
    }

    /// <summary>The label index a stored code names, or -1 (decodes to the empty string).</summary>
    public int Decode(NumpyValue code)
    {
        long index;
        if (NumpyMath.IsFloat(Element.Type))
        {
            var d = code.Float;
            if (!(d >= 1 && d <= Labels.Count) || Math.Floor(d) != d) return -1;
            index = (long)d - 1;
        }
        else
        {
            index = code.Int - 1;
            if (Element.Type == NumpyType.UInt64 && code.Int < 0) return -1;
        }
        return index >= 0 && index < Labels.Count ? (int)index : -1;
    }

    /// <summary>The JSON list of labels.</summary>
    public JsonArray ToJson() => new(Labels.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray());

    /// <summary>numcodecs' repr of the labels: the first three, then <c>...</c>.</summary>
    public string Repr()
    {
        var shown = PythonRepr.OfList(Labels.Take(3));
        return Labels.Count > 3 ? shown[..^1] + ", ...]" : shown;
    }
}
