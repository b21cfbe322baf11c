using System.Globalization;

namespace Zarr.Cli;

/// <summary>
/// Parses a NumPy-style basic selection: comma-separated integers (negative counts from the end),
/// slices <c>start:stop:step</c> with any part left out, and one <c>...</c>. An empty text selects everything.
/// </summary>
internal static class SelectionParser
{
    /// <summary>Parses <paramref name="text"/>; errors say which part is wrong.</summary>
    public static Selector[] Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [Selector.Ellipsis];
        var body = text.Trim();
        if (body.StartsWith('[') && body.EndsWith(']')) body = body[1..^1];
        var parts = body.Split(',');
        var result = new List<Selector>(parts.Length);
        var ellipses = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].Trim();
            if (part.Length == 0)
            {
                // A trailing comma is allowed, as in Python ("0," is the tuple (0,)).
                if (i == parts.Length - 1 && i > 0) continue;
                throw Error(text, $"part {i + 1} is empty");
            }
            if (part is "..." or "Ellipsis")
            {
                if (++ellipses > 1) throw Error(text, "only one '...' is allowed");
                result.Add(Selector.Ellipsis);
                continue;
            }
            if (!part.Contains(':'))
            {
                result.Add(Selector.At(ParseInt(part, text, "an index")));
                continue;
            }
            var fields = part.Split(':');
            if (fields.Length > 3) throw Error(text, $"'{part}' has more than two ':'");
            long? start = fields[0].Trim().Length == 0 ? null : ParseInt(fields[0], text, "a slice start");
            long? stop = fields[1].Trim().Length == 0 ? null : ParseInt(fields[1], text, "a slice stop");
            long step = fields.Length == 3 && fields[2].Trim().Length > 0 ? ParseInt(fields[2], text, "a slice step") : 1;
            if (step == 0) throw Error(text, "a slice step cannot be zero");
            if (step < 0) throw Error(text, "negative slice steps are not supported (as in zarr-python)");
            result.Add(Selector.Slice(start, stop, step));
        }
        return result.ToArray();
    }

    private static long ParseInt(string s, string text, string what)
    {
        var t = s.Trim();
        if (long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)) return v;
        throw Error(text, $"'{t}' is not {what} (an integer)");
    }

    private static CliException Error(string text, string why) => new($"bad selection '{text}': {why}.");
}
