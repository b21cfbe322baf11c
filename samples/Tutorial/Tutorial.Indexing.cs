// The tutorial's advanced indexing sections: coordinate, Boolean (mask), orthogonal and block
// indexing, each cell as the notebook ran it (the Python is printed before each result).
using Zarr;

internal static partial class Tutorial
{
    static partial void RunIndexingSections()
    {
        Section("Indexing with coordinate arrays");
        var z = ZarrArray.FromArray<long>(Enumerable.Range(0, 10).Select(i => (long)i * i).ToArray());
        Cell("z = zarr.array(np.arange(10) ** 2); z[:]");
        Console.WriteLine(z[..]);
        Cell("z.get_coordinate_selection([2, 5])");
        Console.WriteLine(z.GetCoordinateSelection(new[] { 2, 5 }));
        Cell("z.set_coordinate_selection([2, 5], [-1, -2]); z[:]");
        z.SetCoordinateSelection([new[] { 2, 5 }], new long[] { -1, -2 });
        Console.WriteLine(z[..]);

        var z2 = Arange15();
        Cell("z = zarr.array(np.arange(15).reshape(3, 5)); z[:]");
        Console.WriteLine(z2[..]);
        Cell("z.get_coordinate_selection(([0, 2], [1, 3]))");
        Console.WriteLine(z2.GetCoordinateSelection(new[] { 0, 2 }, new[] { 1, 3 }));
        Cell("z.set_coordinate_selection(([0, 2], [1, 3]), [-1, -2]); z[:]");
        z2.SetCoordinateSelection([new[] { 0, 2 }, new[] { 1, 3 }], new long[] { -1, -2 });
        Console.WriteLine(z2[..]);
        Cell("z.vindex[[0, 2], [1, 3]]");
        Console.WriteLine(z2.VIndex[new[] { 0, 2 }, new[] { 1, 3 }]);
        Cell("z.vindex[[0, 2], [1, 3]] = [-3, -4]; z[:]");
        z2.VIndex[new[] { 0, 2 }, new[] { 1, 3 }] = new long[] { -3, -4 };
        Console.WriteLine(z2[..]);

        Section("Boolean indexing");
        z = ZarrArray.FromArray<long>(Enumerable.Range(0, 10).Select(i => (long)i * i).ToArray());
        Cell("z = zarr.array(np.arange(10) ** 2); z[:]");
        Console.WriteLine(z[..]);
        var sel = new bool[10];
        Cell("sel = np.zeros_like(z, dtype=bool); sel");
        Console.WriteLine(new NDArray<bool>(sel, 10));
        sel[2] = sel[3] = true;
        Cell("sel[2] = True; sel[3] = True; z.get_mask_selection(sel)");
        Console.WriteLine(z.GetMaskSelection(sel));
        Cell("z.set_mask_selection(sel, [-1, -2]); z[:]");
        z.SetMaskSelection(sel, new long[] { -1, -2 });
        Console.WriteLine(z[..]);
        z2 = Arange15();
        Cell("z = zarr.array(np.arange(15).reshape(3, 5)); z[:]");
        Console.WriteLine(z2[..]);
        var sel2 = new bool[3, 5];
        sel2[0, 1] = sel2[2, 3] = true;
        Cell("sel = np.zeros_like(z, dtype=bool); sel[0, 1] = True; sel[2, 3] = True; z.get_mask_selection(sel)");
        Console.WriteLine(z2.GetMaskSelection(sel2));
        Cell("z.set_mask_selection(sel, [-1, -2]); z[:]");
        z2.SetMaskSelection(sel2, new long[] { -1, -2 });
        Console.WriteLine(z2[..]);
        Cell("print(z.vindex[sel]); z.vindex[sel] = [-3, -4]; z[:]");
        Console.WriteLine(z2.VIndex[sel2]);
        z2.VIndex[sel2] = new long[] { -3, -4 };
        Console.WriteLine(z2[..]);

        Section("Orthogonal indexing");
        z2 = Arange15();
        Cell("z = zarr.array(np.arange(15).reshape(3, 5)); z[:]");
        Console.WriteLine(z2[..]);
        Cell("z.get_orthogonal_selection(([0, 2], slice(None)))  # select first and third rows");
        Console.WriteLine(z2.GetOrthogonalSelection(new[] { 0, 2 }, ..));
        Cell("z.get_orthogonal_selection((slice(None), [1, 3]))  # select second and fourth columns");
        Console.WriteLine(z2.GetOrthogonalSelection(.., new[] { 1, 3 }));
        Cell("z.get_orthogonal_selection(([0, 2], [1, 3]))");
        Console.WriteLine(z2.GetOrthogonalSelection(new[] { 0, 2 }, new[] { 1, 3 }));
        Cell("z.oindex[[0, 2], :]");
        Console.WriteLine(z2.OIndex[new[] { 0, 2 }, ..]);
        Cell("z.oindex[:, [1, 3]]");
        Console.WriteLine(z2.OIndex[.., new[] { 1, 3 }]);
        Cell("z.oindex[[0, 2], [1, 3]]");
        Console.WriteLine(z2.OIndex[new[] { 0, 2 }, new[] { 1, 3 }]);
        Cell("z.oindex[[0, 2], [1, 3]] = [[-1, -2], [-3, -4]]; z[:]");
        z2.OIndex[new[] { 0, 2 }, new[] { 1, 3 }] = new long[,] { { -1, -2 }, { -3, -4 } };
        Console.WriteLine(z2[..]);

        Section("Block indexing");
        var z3 = ZarrArray.FromArray(NDArray<long>.From(Enumerable.Range(0, 100).Select(i => (long)i).ToArray(), 10, 10), chunks: [3, 3]);
        Cell("z = zarr.array(np.arange(100).reshape(10, 10), chunks=(3, 3)); z.info");
        Console.Write(z3.Info);
        Cell("z[:]");
        Console.WriteLine(z3[..]);
        Cell("print(z.nchunks)");
        Console.WriteLine(z3.NChunks);
        Cell("for i, j in chunks: print(f'Chunk at ({i}, {j}):'); print(z[i * 3:(i + 1) * 3, j * 3:(j + 1) * 3])");
        for (var i = 0; i < z3.Shape[0] / 3; i++)
        {
            for (var j = 0; j < z3.Shape[1] / 3; j++)
            {
                Console.WriteLine($"'Chunk at ({i}, {j}):'");
                Console.WriteLine(z3[(i * 3)..((i + 1) * 3), (j * 3)..((j + 1) * 3)]);
            }
        }
        Cell("z.get_block_selection(1)");
        Console.WriteLine(z3.GetBlockSelection(1));
        Cell("z[3:6]");
        Console.WriteLine(z3[3..6]);
        Cell("z.blocks[0, :]");
        Console.WriteLine(z3.Blocks[0, ..]);
        Cell("z.blocks[:, 0]");
        Console.WriteLine(z3.Blocks[.., 0]);
        Cell("z.blocks[0, 0]");
        Console.WriteLine(z3.Blocks[0, 0]);
        Cell("z.blocks[0, 1:3]");
        Console.WriteLine(z3.Blocks[0, 1..3]);
        var z4 = ZarrArray.Zeros<long>([6, 6], [2]);
        Cell("z = zarr.zeros((6, 6), dtype=int, chunks=2); z.set_block_selection((1, 0), 1); z[...]");
        z4.SetBlockSelection([1, 0], 1);
        Console.WriteLine(z4[Selector.Ellipsis]);
        Cell("z.blocks[...]");
        Console.WriteLine(z4.Blocks[Selector.Ellipsis]);
    }

    private static ZarrArray<long> Arange15() =>
        ZarrArray.FromArray(NDArray<long>.From(Enumerable.Range(0, 15).Select(i => (long)i).ToArray(), 3, 5));
}
