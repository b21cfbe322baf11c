using System.Globalization;

namespace Zarr.Cli.Copying;

/// <summary>
/// A <c>--chunks</c> value, applied to each copied array as zarr-python's <c>normalize_chunks</c> does:
/// one number sets every dimension, a shorter list is completed with the array's shape, and -1 means
/// the whole dimension.
/// </summary>
internal sealed class ChunkSpec
{
    private readonly long[] _values;
    private readonly string _text;

    private ChunkSpec(long[] values, string text)
    {
        _values = values;
        _text = text;
    }

    /// <summary>Parses "100", "100,50" or "-1,10".</summary>
    public static ChunkSpec Parse(string text)
    {
        var parts = text.Trim().Trim('(', ')', '[', ']').Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length > 0 && parts[^1].Length == 0) parts = parts[..^1];
        if (parts.Length == 0) throw new CliException($"bad --chunks '{text}': give one positive integer per dimension, e.g. 100,100.");
        var values = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[i]) || values[i] == 0 || values[i] < -1 || values[i] > int.MaxValue)
                throw new CliException($"bad --chunks '{text}': '{parts[i]}' is not a positive integer (or -1 for the whole dimension).");
        }
        return new ChunkSpec(values, text);
    }

    /// <summary>The chunk shape for an array of <paramref name="shape"/>.</summary>
    public int[] For(long[] shape, string arrayName)
    {
        if (shape.Length == 0) return [];
        long[] v;
        if (_values.Length == 1) v = Enumerable.Repeat(_values[0], shape.Length).ToArray();
        else if (_values.Length <= shape.Length) v = _values.Concat(shape.Skip(_values.Length)).ToArray();
        else throw new CliException($"--chunks '{_text}' has {_values.Length} dimensions but array '{arrayName}' has {shape.Length}.");
        var result = new int[shape.Length];
        for (var d = 0; d < shape.Length; d++)
        {
            var c = v[d] == -1 ? shape[d] : v[d];
            result[d] = (int)Math.Clamp(c, 1, int.MaxValue);
        }
        return result;
    }
}
