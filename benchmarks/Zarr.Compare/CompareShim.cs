using Zarr;

/// <summary>Coordinate selection through the library (point by point until the indexing API lands).</summary>
internal static class CompareShim
{
    public static int[] Coordinates(ZarrArray<int> z, long[] rows, long[] cols)
    {
        var result = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++) result[i] = z.GetValue(rows[i], cols[i]);
        return result;
    }
}
