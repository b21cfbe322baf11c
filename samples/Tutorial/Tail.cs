using Zarr;
using Zarr.Stores;
using Zarr.Synchronization;

internal static partial class Tutorial
{
    static partial void RunTailSections(string dir)
    {
        Heading("Parallel computing and synchronization");

        Cell("z = zarr.zeros((10000, 10000), chunks=(1000, 1000), dtype='i4', synchronizer=zarr.ThreadSynchronizer()); z");
        var z = ZarrArray.Zeros<int>([10000, 10000], [1000, 1000], new ArrayOptions { Synchronizer = new ThreadSynchronizer() });
        Console.WriteLine(z);
        // This array is safe to write from many threads: 100 threads each write one row band that
        // overlaps its neighbours' chunks; the per-chunk locks keep every update.
        Parallel.For(0, 100, i => z[Selector.Slice(i * 100, i * 100 + 100), Selector.Slice(i * 50, i * 50 + 1000)] = i + 1);
        Console.WriteLine($"# 100 threads wrote overlapping bands; chunks initialized: {z.NChunksInitialized}/{z.NChunks}, z[150, 100] = {z.GetValue(150, 100)}");

        Cell("synchronizer = zarr.ProcessSynchronizer('data/example.sync')");
        var synchronizer = new ProcessSynchronizer(Path.Combine(dir, "data", "example.sync"));
        Cell("z = zarr.open_array('data/example', mode='w', shape=(10000, 10000), chunks=(1000, 1000), dtype='i4', synchronizer=synchronizer)");
        var example = ZarrArray.Open<int>(Path.Combine(dir, "data", "example"), "w", [10000, 10000], [1000, 1000],
            new ArrayOptions { Synchronizer = synchronizer });
        Cell("z[:] = np.arange(100000000).reshape(10000, 10000); z");
        var values = new int[100_000_000];
        for (var i = 0; i < values.Length; i++) values[i] = i;
        example[..] = NDArray<int>.From(values, 10000, 10000);
        Console.WriteLine(example);

        Heading("Pickling Support");
        // group.zarr with two arrays, as in the notebook
        var g = ZarrGroup.Create(Path.Combine(dir, "group.zarr"), overwrite: true);
        g.Zeros<int>("foo", [100], [10]);
        g.Zeros<int>("bar", [100], [10]);

        Cell("tmp = zarr.open('group.zarr'); tmp.info");
        var tmp = ZarrNode.Open(Path.Combine(dir, "group.zarr"));
        Console.Write(tmp.Info);

        Cell("z3 = zarr.open_array('data/walnuts.zarr', mode='w', shape=100000, dtype='i8'); z3[:] = np.arange(100000); z3.info");
        var z3 = ZarrArray.Open<long>(Path.Combine(dir, "data", "walnuts.zarr"), "w", [100000]);
        z3[..] = Enumerable.Range(0, 100000).Select(i => (long)i).ToArray();
        Console.Write(z3.Info);

        Cell("s = pickle.dumps(z3); len(s) < 200  # small because no data have been pickled");
        // The .NET equivalent of pickling: a small descriptor (store kind, location, path, mode), never the data.
        var s = z3.Describe()!.ToJson();
        Console.WriteLine(s.Length < 200 ? "True" : "False");
        Console.WriteLine($"# len(s) = {s.Length}: {s}");

        Cell("z4 = pickle.loads(s); z3 == z4");
        var z4 = NodeDescriptor.FromJson(s).Open();
        Console.WriteLine(z3.Equals(z4) ? "True" : "False");
        Console.WriteLine($"# z4[99999] = {((ZarrArray)z4).As<long>().GetValue(99999)}");
    }
}
