using System.Globalization;
using System.Text.Json.Nodes;
using Zarr.Codecs;

namespace Zarr.Cli.Copying;

/// <summary>
/// Parses a compressor given on the command line: <c>none</c>, <c>zlib</c>, <c>zlib:level=5</c>,
/// <c>blosc:cname=zstd,clevel=3,shuffle=2</c>. The codec is built through the codec registry, so the
/// configuration written to .zarray is the one the codec itself reports, defaults included, exactly
/// as numcodecs' <c>get_config()</c> would write it.
/// </summary>
internal static class CompressorSpec
{
    // numcodecs filters that transform typed items: as a compressor they would see the compressor's
    // byte buffer, never the array's items.
    private static readonly HashSet<string> ItemFilters = new(StringComparer.Ordinal)
    {
        "delta", "fixedscaleoffset", "quantize", "bitround", "packbits", "categorize", "astype",
        "vlen-utf8", "vlen-bytes", "vlen-array", "json2", "msgpack2", "pickle",
    };

    /// <summary>The compressor configuration, or null for <c>none</c>.</summary>
    public static JsonObject? Parse(string spec)
    {
        var text = spec.Trim();
        if (text.Length == 0) throw Error(spec, "it is empty");
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase)) return null;
        var colon = text.IndexOf(':');
        var id = (colon < 0 ? text : text[..colon]).Trim();
        if (id.Length == 0) throw Error(spec, "the codec id is missing");
        var config = new JsonObject { ["id"] = id };
        if (colon >= 0)
        {
            foreach (var part in text[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries))
            {
                if (part.Length == 0) continue;
                var eq = part.IndexOf('=');
                if (eq <= 0) throw Error(spec, $"'{part}' is not name=value");
                var name = part[..eq].Trim();
                if (name == "id") throw Error(spec, "the id goes before the ':'");
                config[name] = ParseValue(part[(eq + 1)..].Trim());
            }
        }
        var registry = CodecRegistry.Default;
        if (ItemFilters.Contains(id)) throw Error(spec, $"'{id}' is a filter, not a compressor");
        if (!registry.IsRegistered(id))
            throw Error(spec, $"unknown codec '{id}' (compressors: {string.Join(", ", registry.Ids.Where(i => !ItemFilters.Contains(i)).Order(StringComparer.Ordinal))})");
        IZarrCodec codec;
        try
        {
            codec = registry.Create(config, "--compressor");
        }
        catch (ZarrException e)
        {
            throw new CliException($"bad compressor '{spec}': {e.Message}", e);
        }
        if (codec is not BytesCodec bytes) throw Error(spec, $"'{id}' is not a compressor");
        var result = bytes.GetConfig();
        // numcodecs rejects parameters a codec does not have; so do we, rather than drop them silently.
        foreach (var (name, _) in config)
        {
            if (!result.ContainsKey(name))
                throw Error(spec, $"'{id}' has no parameter '{name}' (it has: {string.Join(", ", result.Select(p => p.Key).Where(k => k != "id"))})");
        }
        return result;
    }

    private static JsonNode? ParseValue(string v)
    {
        if (v is "None" or "null") return null;
        if (v is "True" or "true") return true;
        if (v is "False" or "false") return false;
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        if (v.Length >= 2 && (v[0] == '\'' || v[0] == '"') && v[^1] == v[0]) v = v[1..^1];
        return v;
    }

    private static CliException Error(string spec, string why) => new($"bad compressor '{spec}': {why} (expected e.g. none, zlib:level=5 or blosc:cname=zstd,clevel=3,shuffle=2).");
}
