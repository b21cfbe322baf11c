using System.Globalization;

namespace Zarr.Cli;

/// <summary>
/// Parses a NumPy-style basic selection: comma-separated integers (negative counts from the end),
/// slices <c>start:stop:step</c> with any part left out, and one <c>...</c>. An empty text selects everything.
/// </summary>
internal static class SelectionParser
{
    private enum PartKind { Index, Slice, Ellipsis }

    private readonly record struct Part(PartKind Kind, long? Start = null, long? Stop = null, long Step = 1);

    /// <summary>Parses <paramref name="text"/>; errors say which part is wrong.</summary>
    public static Selector[] Parse(string? text) =>
        ParseParts(text).Select(p => p.Kind switch
        {
            PartKind.Index => Selector.At(p.Start!.Value),
            PartKind.Slice => Selector.Slice(p.Start, p.Stop, p.Step),
            _ => Selector.Ellipsis,
        }).ToArray();

    /// <summary>
    /// The number of elements <paramref name="text"/> selects from an array of <paramref name="shape"/>,
    /// or null when the selection does not fit the array (the library then says why).
    /// </summary>
    public static long? Count(string? text, long[] shape)
    {
        var parts = ParseParts(text);
        var named = parts.Count(p => p.Kind != PartKind.Ellipsis);
        if (named > shape.Length) return null;
        long count = 1;
        var d = 0;
        foreach (var p in parts)
        {
            switch (p.Kind)
            {
                case PartKind.Ellipsis:
                    for (var k = 0; k < shape.Length - named; k++) count = Mul(count, shape[d++]);
                    break;
                case PartKind.Index:
                    d++;
                    break;
                default:
                    var n = shape[d++];
                    var start = Clamp(p.Start, n, 0);
                    var stop = Clamp(p.Stop, n, n);
                    count = Mul(count, stop <= start ? 0 : (stop - start + p.Step - 1) / p.Step);
                    break;
            }
        }
        for (; d < shape.Length; d++) count = Mul(count, shape[d]);
        return count;
    }

    private static long Clamp(long? v, long n, long dflt) => v is null ? dflt : Math.Clamp(v.Value < 0 ? n + v.Value : v.Value, 0, n);

    private static long Mul(long a, long b) => a == 0 || b == 0 ? 0 : a > long.MaxValue / b ? long.MaxValue : a * b;

    private static List<Part> ParseParts(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [new Part(PartKind.Ellipsis)];
        var body = text.Trim();
        if (body.StartsWith('[') && body.EndsWith(']')) body = body[1..^1];
        var pieces = body.Split(',');
        var result = new List<Part>(pieces.Length);
        var ellipses = 0;
        for (var i = 0; i < pieces.Length; i++)
        {
            var piece = pieces[i].Trim();
            if (piece.Length == 0)
            {
                // A trailing comma is allowed, as in Python ("0," is the tuple (0,)).
                if (i == pieces.Length - 1 && i > 0) continue;
                throw Error(text, $"part {i + 1} is empty");
            }
            if (piece is "..." or "Ellipsis")
            {
                if (++ellipses > 1) throw Error(text, "only one '...' is allowed");
                result.Add(new Part(PartKind.Ellipsis));
                continue;
            }
            if (!piece.Contains(':'))
            {
                result.Add(new Part(PartKind.Index, ParseInt(piece, text, "an index")));
                continue;
            }
            var fields = piece.Split(':');
            if (fields.Length > 3) throw Error(text, $"'{piece}' has more than two ':'");
            long? start = fields[0].Trim().Length == 0 ? null : ParseInt(fields[0], text, "a slice start");
            long? stop = fields[1].Trim().Length == 0 ? null : ParseInt(fields[1], text, "a slice stop");
            var step = fields.Length == 3 && fields[2].Trim().Length > 0 ? ParseInt(fields[2], text, "a slice step") : 1;
            if (step == 0) throw Error(text, "a slice step cannot be zero");
            if (step < 0) throw Error(text, "negative slice steps are not supported (as in zarr-python)");
            result.Add(new Part(PartKind.Slice, start, stop, step));
        }
        return result;
    }

    private static long ParseInt(string s, string text, string what)
    {
        var t = s.Trim();
        if (long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)) return v;
        throw Error(text, $"'{t}' is not {what} (an integer)");
    }

    private static CliException Error(string text, string why) => new($"bad selection '{text}': {why}.");
}
