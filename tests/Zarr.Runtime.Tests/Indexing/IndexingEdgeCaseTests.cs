using Zarr.Stores;

namespace Zarr.Runtime.Tests.Indexing;

/// <summary>
/// zarr-python's edge cases for advanced indexing: negative, unsorted, repeated and out-of-bounds
/// indices, masks of the wrong shape, empty selections, stepped slices, edge chunks. Expected
/// texts were printed by zarr-python 2.13.6 (2.16 for blocks).
/// </summary>
public class IndexingEdgeCaseTests
{
    // zarr.array(np.arange(15).reshape(3, 5), chunks=(2, 2))
    private static ZarrArray<long> A15() => ZarrArray.FromArray(NDArray<long>.From(Enumerable.Range(0, 15).Select(i => (long)i).ToArray(), 3, 5), chunks: [2, 2]);

    // zarr.array(np.arange(100).reshape(10, 10), chunks=(3, 3))
    private static ZarrArray<int> A100() => ZarrArray.FromArray(NDArray<int>.From(Enumerable.Range(0, 100).ToArray(), 10, 10), chunks: [3, 3]);

    // ---- coordinate selection ------------------------------------------------------------------

    [Fact]
    public void CoordinatesKeepTheCallersOrderWithRepeatsAndNegatives()
    {
        var z = A15();
        Assert.Equal("array([14,  0, 14,  5,  9])", z.GetCoordinateSelection(new[] { 2, 0, -1, 1, 1 }, new[] { 4, 0, -1, 0, -1 }).ToString());
        var z1 = ZarrArray.FromArray<int>(Enumerable.Range(0, 5).ToArray(), chunks: [2]);
        Assert.Equal("array([4, 0, 4], dtype=int32)", z1.VIndex[new[] { 4, 0, 4 }].ToString());
    }

    [Fact]
    public void IntegersBroadcastAgainstArrays()
    {
        var z = A15();
        Assert.Equal("array([7, 8])", z.GetCoordinateSelection(1, new[] { 2, 3 }).ToString());
        Assert.Equal("array([7])", z.GetCoordinateSelection(1, 2).ToString());
        Assert.Equal("array([7])", z.VIndex[1, ^3].ToString());
    }

    [Fact]
    public void MultidimensionalCoordinateArraysGiveTheBroadcastShape()
    {
        var z = A15();
        var rows = new NDArray<long>([0, 1, 2, 0], 2, 2);
        var cols = new NDArray<long>([4, 3], 2);
        Assert.Equal("array([[ 4,  8],\n       [14,  3]])", z.GetCoordinateSelection(rows, cols).ToString());
        z.VIndex[rows, cols] = new NDArray<long>([-1, -2, -3, -4], 4); // zarr-python flattens the value
        Assert.Equal(new long[] { -1, -2, -3, -4 }, z.VIndex[rows, cols].Data);
        Assert.Equal(new[] { 2, 2 }, z[rows, 0].Shape);
        var e = Assert.Throws<ArgumentException>(() => z.OIndex[rows, 0]);
        Assert.Contains("must be 1-dimensional", e.Message);
    }

    [Fact]
    public void RepeatedCoordinatesOnSetLastValueWins()
    {
        var z = A15();
        z.SetCoordinateSelection([new long[] { 0, 0 }, new long[] { 1, 1 }], new long[] { 7, 8 });
        Assert.Equal(8, z.GetValue(0, 1));
    }

    [Fact]
    public void PureFancyIndexingWithBracketsIsCoordinateSelection()
    {
        var z = A15();
        Assert.Equal("array([ 1, 13])", z[new[] { 0, 2 }, new[] { 1, 3 }].ToString());
        z[new[] { 0, 2 }, new[] { 1, 3 }] = new long[] { -1, -2 };
        Assert.Equal(new long[] { -1, -2 }, z.VIndex[new[] { 0, 2 }, new[] { 1, 3 }].Data);
        z.Set([new[] { 1 }, 0], 42L);
        Assert.Equal(42, z.GetValue(1, 0));
    }

    [Fact]
    public void EmptyCoordinateSelections()
    {
        var z = A15();
        Assert.Equal("array([], dtype=int64)", z.GetCoordinateSelection(Array.Empty<long>(), Array.Empty<long>()).ToString());
        Assert.Equal("array([], dtype=int64)", z.VIndex[Array.Empty<int>(), Array.Empty<int>()].ToString());
        z.SetCoordinateSelection([Array.Empty<long>(), Array.Empty<long>()], new NDArray<long>([], 0));
        z.SetCoordinateSelection([Array.Empty<long>(), Array.Empty<long>()], 5L);
        Assert.Equal(Enumerable.Range(0, 15).Select(i => (long)i), z.Read().Data);
    }

    [Fact]
    public void OutOfBoundsCoordinatesNameTheDimension()
    {
        var z = A15();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => z.VIndex[new[] { 0, 5 }, new[] { 0, 0 }]);
        Assert.Equal("dim0", e.ParamName);
        Assert.Contains("dimension 0 with length 3", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => z.GetCoordinateSelection(new[] { 0 }, new[] { -6 }));
        Assert.Contains("Index -6 is out of bounds for dimension 1 with length 5", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => z.SetCoordinateSelection([new long[] { 0 }, new long[] { 5 }], 1L));
        Assert.Equal("dim1", e.ParamName);
        // Checked even when broadcasting leaves no point.
        Assert.Throws<ArgumentOutOfRangeException>(() => z.GetCoordinateSelection(Array.Empty<long>(), new long[] { 9 }));
    }

    [Fact]
    public void MalformedCoordinateSelectionsAreArgumentErrors()
    {
        var z = A15();
        var e = Assert.Throws<ArgumentException>(() => z.GetCoordinateSelection(new[] { 0, 1 }));
        Assert.Contains("the array has 2 dimensions, the selection gives 1", e.Message);
        e = Assert.Throws<ArgumentException>(() => z.GetCoordinateSelection(new[] { 0, 1, 2 }, new[] { 0, 1 }));
        Assert.Contains("cannot be broadcast", e.Message);
        e = Assert.Throws<ArgumentException>(() => z.VIndex[0..2, new[] { 0, 1 }]);
        Assert.Contains("Dimension 0", e.Message);
        e = Assert.Throws<ArgumentException>(() => z.VIndex[new[] { 0, 2 }, new[] { 1, 3 }] = new long[] { 1, 2, 3 });
        Assert.Contains("shape (3,)", e.Message);
    }

    // ---- mask selection --------------------------------------------------------------------------

    [Fact]
    public void MaskOfTheWrongShapeNamesTheDimension()
    {
        var z = A15();
        var e = Assert.Throws<ArgumentException>(() => z.GetMaskSelection(new bool[3, 4]));
        Assert.Contains("length 4 in dimension 1 but the array has length 5", e.Message);
        e = Assert.Throws<ArgumentException>(() => z.VIndex[new bool[15]]);
        Assert.Contains("1 dimensions, the array 2", e.Message);
        e = Assert.Throws<ArgumentException>(() => z.SetMaskSelection(new bool[2, 5], 1L));
        Assert.Contains("dimension 0", e.Message);
    }

    [Fact]
    public void MaskSelectionsEmptyFullAndOneDimensional()
    {
        var z = A15();
        Assert.Equal("array([], dtype=int64)", z.GetMaskSelection(new bool[3, 5]).ToString());
        var all = new bool[3, 5];
        for (var i = 0; i < 3; i++) for (var j = 0; j < 5; j++) all[i, j] = true;
        Assert.Equal(Enumerable.Range(0, 15).Select(i => (long)i), z.VIndex[all].Data);
        z.VIndex[all] = NDArray<long>.Scalar(3);
        Assert.All(z.Read().Data, v => Assert.Equal(3, v));
        var z1 = ZarrArray.FromArray<int>(Enumerable.Range(0, 5).ToArray(), chunks: [2]);
        Assert.Equal("array([1, 4], dtype=int32)", z1.VIndex[new[] { false, true, false, false, true }].ToString());
    }

    [Fact]
    public void MaskValueMustHaveOneElementPerTrue()
    {
        var z = A15();
        var mask = new bool[3, 5];
        mask[1, 1] = mask[2, 2] = true;
        var e = Assert.Throws<ArgumentException>(() => z.SetMaskSelection(mask, new long[] { 1, 2, 3 }));
        Assert.Contains("selection has shape (2,)", e.Message);
    }

    // ---- orthogonal selection --------------------------------------------------------------------

    [Fact]
    public void OrthogonalMixesIntegersSlicesArraysAndMasks()
    {
        var z = A100();
        // rows 1, 7, 7 reversed order; every third column from 1; a mask over columns is not mixed here.
        Assert.Equal("""
            array([[71, 74, 77],
                   [11, 14, 17],
                   [71, 74, 77]], dtype=int32)
            """, z.OIndex[new[] { 7, 1, -3 }, Selector.Slice(1, null, 3)].ToString());
        var colMask = new bool[10];
        colMask[0] = colMask[9] = true;
        Assert.Equal("array([50, 59], dtype=int32)", z.OIndex[5, colMask].ToString());
        Assert.Equal("array([], shape=(0, 2), dtype=int32)", z.OIndex[Array.Empty<int>(), colMask].ToString());
        z.OIndex[new[] { 9, 0 }, colMask] = NDArray<int>.From([1, 2, 3, 4], 2, 2);
        Assert.Equal(new[] { 3, 4, 1, 2 }, z.OIndex[new[] { 0, 9 }, colMask].Data);
        z.SetOrthogonalSelection([Selector.Slice(null, null, 4), 2], -1);
        Assert.Equal(new[] { -1, -1, -1 }, z.OIndex[new[] { 0, 4, 8 }, 2].Data);
    }

    [Fact]
    public void OrthogonalErrors()
    {
        var z = A15();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => z.OIndex[new[] { 0, 1 }, new[] { 9 }]);
        Assert.Equal("dim1", e.ParamName);
        var m = Assert.Throws<ArgumentException>(() => z.OIndex[new[] { true, false }, ..]);
        Assert.Contains("dimension 0", m.Message);
        Assert.Throws<ArgumentException>(() => z.OIndex[Selector.Slice(null, null, -1)]);
        Assert.Throws<ArgumentException>(() => z.OIndex[0, 0, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => z.OIndex[3, ..]);
        var v = Assert.Throws<ArgumentException>(() => z.OIndex[new[] { 0, 1 }, ..] = NDArray<long>.Full(1, 3, 5));
        Assert.Contains("shape (2, 5)", v.Message);
    }

    // ---- block selection ---------------------------------------------------------------------------

    [Fact]
    public void EdgeBlocksAreCutToTheArray()
    {
        var z = A100();
        Assert.Equal("array([[99]], dtype=int32)", z.Blocks[^1, -1].ToString());
        Assert.Equal("""
            array([[66, 67, 68, 69],
                   [76, 77, 78, 79],
                   [86, 87, 88, 89],
                   [96, 97, 98, 99]], dtype=int32)
            """, z.Blocks[2.., Selector.Slice(-2, null)].ToString());
        Assert.Equal(new[] { 4, 1 }, z.Blocks[Selector.Slice(-2, null), ^1].Shape);
        Assert.Equal(new[] { 10, 10 }, z.Blocks[Selector.Ellipsis].Shape);
        Assert.Equal(new[] { 10, 4 }, z.Blocks[.., 2..99].Shape);
        Assert.Equal(new[] { 0, 10 }, z.Blocks[Selector.Slice(2, 1)].Shape);
        Assert.Equal(new[] { 3, 3 }, z.Blocks[Selector.Slice(1, -2), Selector.Slice(-4, 1)].Shape);
    }

    [Fact]
    public void BlockWritesTouchWholeBlocks()
    {
        var z = A100();
        z.Blocks[^1, ^1] = NDArray<int>.Scalar(-1);
        Assert.Equal(-1, z.GetValue(9, 9));
        Assert.Equal(89, z.GetValue(8, 9));
        z.Blocks[0, 1..3] = NDArray<int>.From(Enumerable.Range(0, 18).ToArray(), 3, 6);
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, z[0, 3..9].Data);
        z.SetBlockSelection([-1], 5);
        Assert.Equal(Enumerable.Repeat(5, 10), z[9].Data);
    }

    [Fact]
    public void BlockErrors()
    {
        var z = A100(); // 4 x 4 blocks
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => z.Blocks[4]);
        Assert.Equal("dim0", e.ParamName);
        Assert.Contains("dimension 0, which has 4 blocks", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => z.Blocks[0, -5]);
        Assert.Throws<ArgumentOutOfRangeException>(() => z.Blocks[Selector.Slice(4, null)]);
        Assert.Throws<ArgumentOutOfRangeException>(() => z.Blocks[.., Selector.Slice(-5, null)]);
        var a = Assert.Throws<ArgumentException>(() => z.Blocks[Selector.Slice(0, 4, 2)]);
        Assert.Contains("step 1", a.Message);
        Assert.Throws<ArgumentException>(() => z.Blocks[new[] { 0, 1 }]);
        Assert.Throws<ArgumentException>(() => z.Blocks[0, 0, 0]);
        Assert.Throws<ArgumentException>(() => z.Blocks[0, 0] = NDArray<int>.Full(1, 2, 2));
    }

    // ---- rank 0 and empty arrays ---------------------------------------------------------------------

    [Fact]
    public void ZeroDimensionalArrays()
    {
        var z = ZarrArray.Create<int>([], options: new ArrayOptions { FillValue = 3 }, store: new MemoryStore());
        Assert.Equal("array([3], dtype=int32)", z.GetCoordinateSelection(Array.Empty<Selector>()).ToString());
        Assert.Equal("array([3], dtype=int32)", z.GetMaskSelection(NDArray<bool>.Scalar(true)).ToString());
        Assert.Equal("array([], dtype=int32)", z.GetMaskSelection(NDArray<bool>.Scalar(false)).ToString());
        z.SetBlockSelection([], 9);
        Assert.Equal("array(9, dtype=int32)", z.GetBlockSelection().ToString());
        Assert.Equal(9, z.OIndex[Selector.Ellipsis].ToScalar());
    }

    [Fact]
    public void ArraysWithAnEmptyDimension()
    {
        var z = ZarrArray.Zeros<int>([0, 4], [2, 2], store: new MemoryStore());
        Assert.Equal(new[] { 0, 4 }, z.Blocks[Selector.Ellipsis].Shape);
        Assert.Equal(new[] { 0 }, z.GetMaskSelection(new bool[0, 4]).Shape);
        Assert.Equal(new[] { 0 }, z.GetCoordinateSelection(Array.Empty<long>(), Array.Empty<long>()).Shape);
        Assert.Throws<ArgumentOutOfRangeException>(() => z.Blocks[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => z.VIndex[new[] { 0 }, new[] { 0 }]);
    }

    // ---- errors are never IndexOutOfRangeException -------------------------------------------------

    [Fact]
    public void RandomBadSelectionsThrowArgumentExceptions()
    {
        var rng = new Random(77);
        var z = A100();
        for (var i = 0; i < 400; i++)
        {
            int Any() => rng.Next(-14, 14);
            Selector One() => rng.Next(5) switch
            {
                0 => Any(),
                1 => Selector.Slice(rng.Next(3) == 0 ? null : Any(), rng.Next(3) == 0 ? null : Any(), rng.Next(1, 4)),
                2 => Enumerable.Range(0, rng.Next(4)).Select(_ => Any()).ToArray(),
                3 => Enumerable.Range(0, rng.Next(8, 12)).Select(_ => rng.Next(2) == 0).ToArray(),
                _ => Selector.Ellipsis,
            };
            var sel = Enumerable.Range(0, rng.Next(0, 4)).Select(_ => One()).ToArray();
            foreach (var act in new Action[]
            {
                () => z.Get(sel), () => z.OIndex[sel].ToString(), () => z.VIndex[sel].ToString(), () => z.Blocks[sel].ToString(),
                () => z.SetCoordinateSelection(sel, 1), () => z.Blocks[sel] = NDArray<int>.Scalar(1),
                () => z.GetMaskSelection(new NDArray<bool>(new bool[100], rng.Next(3) switch { 0 => [10, 10], 1 => [100], _ => [5, 20] })),
            })
            {
                try { act(); }
                catch (ArgumentException) { }
                catch (Exception e) { Assert.Fail($"selection [{string.Join(", ", sel)}] threw {e.GetType().Name}: {e.Message}"); }
            }
        }
    }
}
