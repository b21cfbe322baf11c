using System.Text.Json.Nodes;

namespace Zarr.Codecs;

/// <summary>One entry of a Python <c>lzma</c> filter chain, as numcodecs stores it in <c>filters</c>.</summary>
internal sealed record LzmaFilter(ulong FilterId, int DictSize, int Lc, int Lp, int Pb, int DeltaDistance)
{
    public const ulong Lzma1 = 0x4000000000000001UL;
    public const ulong Lzma2 = 0x21;
    public const ulong Delta = 0x03;

    private const uint PresetLevelMask = 0x1F;

    /// <summary>liblzma's dictionary size for presets 0–9.</summary>
    public static int PresetDictSize(uint preset) => (preset & PresetLevelMask) switch
    {
        0 => 1 << 18,
        1 => 1 << 20,
        2 => 1 << 21,
        3 or 4 => 1 << 22,
        5 or 6 => 1 << 23,
        7 => 1 << 24,
        8 => 1 << 25,
        9 => 1 << 26,
        var l => throw new ArgumentException($"invalid lzma preset level {l}; presets are 0..9 (optionally with the extreme flag)"),
    };

    public bool IsLzma => FilterId is Lzma1 or Lzma2;

    /// <summary>Reads a chain (null when the parameter is null or absent).</summary>
    public static IReadOnlyList<LzmaFilter>? ReadChain(JsonNode? node)
    {
        if (node is null) return null;
        if (node is not JsonArray array) throw new ArgumentException("parameter 'filters' must be null or a list of filter dicts");
        if (array.Count is < 1 or > 4) throw new ArgumentException("an lzma filter chain holds 1 to 4 filters");
        var chain = new List<LzmaFilter>();
        foreach (var item in array)
        {
            if (item is not JsonObject spec) throw new ArgumentException("each lzma filter must be a dict with an 'id'");
            chain.Add(Read(spec));
        }
        for (var i = 0; i < chain.Count; i++)
        {
            var last = i == chain.Count - 1;
            if (chain[i].IsLzma != last) throw new ArgumentException("the last lzma filter, and only the last, must be FILTER_LZMA1 or FILTER_LZMA2");
        }
        return chain;
    }

    private static LzmaFilter Read(JsonObject spec)
    {
        var idNode = spec["id"] as JsonValue ?? throw new ArgumentException("an lzma filter needs an 'id'");
        ulong id = idNode.TryGetValue<long>(out var l) ? (ulong)l : idNode.TryGetValue<ulong>(out var ul) ? ul
            : throw new ArgumentException("an lzma filter 'id' must be an integer");
        int Int(string name, int fallback) => spec[name] is null ? fallback : CodecConfig.GetInt(spec, name, fallback);
        switch (id)
        {
            case Lzma1:
            case Lzma2:
            {
                var preset = spec["preset"] is JsonValue pv && pv.TryGetValue<long>(out var pl) ? (uint)pl : spec["preset"] is null ? 6u : (uint)CodecConfig.GetInt(spec, "preset", 6);
                var dict = Int("dict_size", PresetDictSize(preset));
                var lc = Int("lc", 3);
                var lp = Int("lp", 0);
                var pb = Int("pb", 2);
                if (dict < 4096) throw new ArgumentException("lzma dict_size must be at least 4096");
                if (lc is < 0 or > 8 || lp is < 0 or > 4 || pb is < 0 or > 4) throw new ArgumentException("lzma lc must be 0..8, lp and pb 0..4");
                if (lc + lp > 4) throw new ArgumentException("lzma needs lc + lp <= 4, as liblzma does");
                return new LzmaFilter(id, dict, lc, lp, pb, 0);
            }
            case Delta:
            {
                var dist = Int("dist", 1);
                if (dist is < 1 or > 256) throw new ArgumentException("delta filter 'dist' must be 1..256");
                return new LzmaFilter(id, 0, 0, 0, 0, dist);
            }
            default:
                throw new ArgumentException($"lzma filter id {id} (a branch/call filter) is not supported; use delta, LZMA1 or LZMA2");
        }
    }

    /// <summary>The LZMA properties byte (lc, lp, pb).</summary>
    public byte PropertiesByte => (byte)((Pb * 5 + Lp) * 9 + Lc);

    /// <summary>Reverses the delta filter in place.</summary>
    public static void DeltaDecode(Span<byte> data, int distance)
    {
        for (var i = distance; i < data.Length; i++) data[i] = (byte)(data[i] + data[i - distance]);
    }

    /// <summary>Applies the delta filter (into a new buffer region of the same length).</summary>
    public static void DeltaEncode(ReadOnlySpan<byte> input, Span<byte> output, int distance)
    {
        for (var i = 0; i < input.Length; i++) output[i] = (byte)(input[i] - (i >= distance ? input[i - distance] : 0));
    }
}
