using Zarr.Codecs;
using Zarr.Stores;

namespace Zarr.Runtime.Tests.Indexing;

/// <summary>
/// Integer lists written as C# collection expressions (<c>vol[1..3, [0, 4], ..2]</c>) and <c>int[]</c>
/// coordinates select as <c>long[]</c> arrays do (issue 21); before, both needed <c>new long[] { ... }</c>.
/// </summary>
public class CollectionExpressionSelectionTests
{
    private static ZarrArray<int> Volume()
    {
        var z = ZarrArray.Zeros<int>([4, 6, 5], [2, 4, 3], new ArrayOptions { Compressor = new ZlibCodec(1) }, new MemoryStore(), "vol");
        z[..] = NDArray<int>.From(Enumerable.Range(0, 120).ToArray(), 4, 6, 5);
        return z;
    }

    [Fact]
    public void ACollectionExpressionIsAnIntegerArraySelector()
    {
        var vol = Volume();
        var expected = vol.GetOrthogonalSelection(1..3, new long[] { 0, 4 }, ..2);
        Assert.Equal(expected.Data, vol.OIndex[1..3, [0, 4], ..2].Data);
        Assert.Equal(expected.Data, vol.GetOrthogonalSelection(1..3, [0, 4], ..2).Data);
        Assert.Equal([2, 2, 2], vol.OIndex[1..3, [0, 4], ..2].Shape);
        // As in zarr-python 2.13, the plain indexer takes integers and slices only, or one array per dimension.
        Assert.Throws<ArgumentException>(() => vol[1..3, [0, 4], ..2]);
    }

    [Fact]
    public void ALoneCollectionExpressionIsOneIntegerArray()
    {
        var vol = Volume();
        Assert.Equal(vol.GetOrthogonalSelection(new long[] { 0, 3 }).Data, vol.OIndex[[0, 3]].Data);
        var line = ZarrArray.Zeros<int>([5], [2]);
        line[[1, 3]] = NDArray<int>.From([7, 8], 2);
        Assert.Equal(new[] { 0, 7, 0, 8, 0 }, line[..].Data);
        Assert.Equal(new[] { 8, 7 }, line[[3, 1]].Data);
        Assert.Equal(new[] { 8, 0 }, line.VIndex[[3, 4]].Data);
    }

    [Fact]
    public void CollectionExpressionsAndIntArraysAreCoordinates()
    {
        var vol = Volume();
        int[] rows = [0, 3, 1];
        int[] cols = [5, 0, 2];
        var expected = vol.GetCoordinateSelection(new long[] { 0, 3, 1 }, new long[] { 5, 0, 2 }, new long[] { 1, 1, 4 });
        Assert.Equal(expected.Data, vol.VIndex[[0, 3, 1], [5, 0, 2], [1, 1, 4]].Data);
        Assert.Equal(expected.Data, vol.GetCoordinateSelection([0, 3, 1], [5, 0, 2], [1, 1, 4]).Data);
        Assert.Equal(expected.Data, vol.VIndex[rows, cols, [1, 1, 4]].Data);
        int[][] coords = [rows, cols, [1, 1, 4]];
        Assert.Equal(expected.Data, vol.GetCoordinateSelection(coords).Data);
        vol.SetCoordinateSelection(coords, -1);
        Assert.All(vol.GetCoordinateSelection(coords).Data, v => Assert.Equal(-1, v));
        vol.SetCoordinateSelection(coords, NDArray<int>.From([1, 2, 3], 3));
        Assert.Equal(new[] { 1, 2, 3 }, vol.VIndex[rows, cols, [1, 1, 4]].Data);
    }

    [Fact]
    public void IntArraysIndexOneElement()
    {
        var vol = Volume();
        int[] at = [2, 3, 4];
        Assert.Equal(vol.GetValue(2L, 3L, 4L), vol.GetValue(at));
        vol.SetValue(at, 99);
        Assert.Equal(99, vol.GetValue(2, 3, 4));
    }

    [Fact]
    public void RankTypedAccessorsTakeCollectionExpressions()
    {
        var vol = Volume();
        var typed = new ZarrArray3D<int>(vol);
        int[,,] window = typed[1..3, [0, 4], ..2];
        Assert.Equal(vol.GetOrthogonalSelection(1..3, new long[] { 0, 4 }, ..2).Data, window.Cast<int>());
        int[,] plane = typed[1, [0, 4], ..2];
        Assert.Equal(new[,] { { 30, 31 }, { 50, 51 } }, plane);
        int[] picked = typed[0, 0, [4, 1]];
        Assert.Equal(new[] { 4, 1 }, picked);
    }
}
