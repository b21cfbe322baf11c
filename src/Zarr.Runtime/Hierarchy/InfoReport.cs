using System.Globalization;
using System.Text;

namespace Zarr;

/// <summary>zarr-python's <c>info</c> text: "key : value" rows, keys padded to the longest, wrapped at 80 columns.</summary>
internal static class InfoReport
{
    public static string Format(IReadOnlyList<(string Key, string Value)> rows)
    {
        var width = rows.Max(r => r.Key.Length);
        var sb = new StringBuilder();
        var indent = new string(' ', width) + " : ";
        foreach (var (key, value) in rows)
        {
            var first = key.PadRight(width) + " : ";
            foreach (var line in Wrap(value, 80 - first.Length)) 
            {
                sb.Append(sb.Length == 0 || first is not null ? first : indent).Append(line).Append('\n');
                first = indent;
            }
        }
        return sb.ToString();
    }

    // Python's TextWrapper: whitespace characters become spaces; the text splits into runs of spaces
    // and words; lines take runs while they fit in 80 columns (prefix included), and a run of spaces
    // at a line break is dropped (a multi-line repr such as numcodecs' JSON(...) keeps its indent
    // spaces mid-line).
    private static IEnumerable<string> Wrap(string text, int width)
    {
        text = text.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ').Replace('\v', ' ').Replace('\f', ' ');
        if (text.Length <= width) { yield return text; yield break; }
        var chunks = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            var j = i;
            var space = text[i] == ' ';
            while (j < text.Length && (text[j] == ' ') == space) j++;
            chunks.Add(text[i..j]);
            i = j;
        }
        var line = new StringBuilder();
        var k = 0;
        var first = true;
        while (k < chunks.Count)
        {
            if (!first && chunks[k][0] == ' ') k++;
            line.Clear();
            while (k < chunks.Count && (line.Length + chunks[k].Length <= width || line.Length == 0)) line.Append(chunks[k++]);
            var s = line.ToString().TrimEnd(' ');
            if (s.Length > 0) yield return s;
            first = false;
        }
    }

    /// <summary>zarr-python's <c>human_readable_size</c> after the raw count: "400000000 (381.5M)", "1024".</summary>
    /// <remarks>Exact for any size: Python's integers have no limit, and zarr-python prints shapes of 10^27 elements.</remarks>
    public static string Bytes(System.Numerics.BigInteger n)
    {
        var raw = n.ToString(CultureInfo.InvariantCulture);
        if (n <= 1024) return raw;
        string[] units = ["K", "M", "G", "T", "P"];
        var k = 0;
        while (k < units.Length - 1 && n >= System.Numerics.BigInteger.One << (10 * (k + 2))) k++;
        var v = (double)n / Math.Pow(1024, k + 1);
        return raw + " (" + OneDecimal(v) + units[k] + ")";
    }

    /// <summary>
    /// Python's <c>'%.1f'</c>: rounds the exact binary value half to even (0.15 → "0.1", 0.25 → "0.2").
    /// "F1" does the same; the custom format "0.0" rounds the shortest decimal form half away from zero
    /// (0.15 → "0.2") and so disagrees with zarr-python.
    /// </summary>
    public static string OneDecimal(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    /// <summary>A Python tuple: "(10000, 10000)", "(10,)", "()".</summary>
    public static string Tuple<TNum>(IReadOnlyList<TNum> values) where TNum : IFormattable =>
        values.Count == 1 ? "(" + values[0].ToString(null, CultureInfo.InvariantCulture) + ",)"
        : "(" + string.Join(", ", values.Select(v => v.ToString(null, CultureInfo.InvariantCulture))) + ")";
}
