using Zarr;

/// <summary>Coordinate selection through the library's indexing API (each touched chunk decoded once).</summary>
internal static class CompareShim
{
    public static int[] Coordinates(ZarrArray<int> z, long[] rows, long[] cols) => z.GetCoordinateSelection(rows, cols).Data;
}
