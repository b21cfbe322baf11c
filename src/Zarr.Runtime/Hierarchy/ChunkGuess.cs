namespace Zarr;

/// <summary>zarr-python 2's automatic chunk shape (<c>guess_chunks</c>) and <c>normalize_chunks</c>.</summary>
internal static class ChunkGuess
{
    private const long Base = 256 * 1024;
    private const long Min = 128 * 1024;
    private const long Max = 64 * 1024 * 1024;

    public static int[] Guess(long[] shape, int itemSize)
    {
        var ndims = shape.Length;
        var chunks = shape.Select(s => (double)Math.Max(1, s)).ToArray();
        if (ndims == 0) return [];
        var datasetSize = chunks.Aggregate(1.0, (a, b) => a * b) * itemSize;
        var targetSize = Base * Math.Pow(2, Math.Log10(datasetSize / (1024.0 * 1024)));
        if (targetSize > Max) targetSize = Max;
        else if (targetSize < Min) targetSize = Min;
        var idx = 0;
        while (true)
        {
            var chunkBytes = chunks.Aggregate(1.0, (a, b) => a * b) * itemSize;
            if ((chunkBytes < targetSize || Math.Abs(chunkBytes - targetSize) / targetSize < 0.5) && chunkBytes < Max) break;
            if (chunks.Aggregate(1.0, (a, b) => a * b) == 1) break;
            chunks[idx % ndims] = Math.Ceiling(chunks[idx % ndims] / 2.0);
            idx++;
        }
        return chunks.Select(c => (int)c).ToArray();
    }

    /// <summary>Completes a chunk shape: null guesses; -1 entries and missing trailing entries take the full axis.</summary>
    public static int[] Normalize(int[]? chunks, long[] shape, int itemSize)
    {
        if (chunks is null) return Guess(shape, itemSize);
        if (chunks.Length == 1 && shape.Length > 1 && chunks[0] > 0)
            return shape.Select(_ => chunks[0]).ToArray(); // an int applies to every axis
        if (chunks.Length > shape.Length) throw new ArgumentException($"chunks has {chunks.Length} dimensions but shape has {shape.Length}.");
        var result = new int[shape.Length];
        for (var d = 0; d < shape.Length; d++)
        {
            var c = d < chunks.Length ? chunks[d] : -1;
            if (c == -1 || c == 0 && d >= chunks.Length) c = (int)Math.Max(1, Math.Min(shape[d], int.MaxValue));
            if (c <= 0) throw new ArgumentException($"chunks[{d}] must be positive (or -1 for the whole axis), not {c}.");
            result[d] = c;
        }
        return result;
    }
}
