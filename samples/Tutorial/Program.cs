// The zarr-python tutorial notebook, rebuilt cell by cell in C#.
// Usage: dotnet run --project samples/Tutorial [output-folder]
// Without a folder it writes into a new temporary folder, removed at the end.
using Zarr;
using Zarr.Stores;

var keep = args.Length > 0;
var workDir = keep ? Path.GetFullPath(args[0]) : Path.Combine(Path.GetTempPath(), "zarr-tutorial-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(workDir);
Console.WriteLine($"Writing into {workDir}");

try
{
    Tutorial.Run(workDir);
}
finally
{
    if (!keep) Directory.Delete(workDir, recursive: true);
}

internal static partial class Tutorial
{
    public static void Run(string dir)
    {
        Heading("Zarr: N-dimensional arrays with any NumPy dtype");

        Section("Groups");
        // root = zarr.group(store='root.zarr', overwrite=True)
        var root = ZarrGroup.Create(Path.Combine(dir, "root.zarr"), overwrite: true);
        var foo = root.CreateGroup("foo");
        var bar = foo.CreateGroup("bar");
        Cell("foo.info");
        Console.Write(foo.Info);

        Cell("z1 = bar.zeros('baz', shape=(10000, 10000), chunks=(1000, 1000), dtype='i4'); z1.info");
        var z1 = bar.Zeros<int>("baz", [10000, 10000], [1000, 1000], new ArrayOptions { Overwrite = true });
        Console.Write(z1.Info);

        Cell("z = bar.create_dataset('quux', shape=(10000, 10000), chunks=(1000, 1000), dtype='i4'); z.info");
        var quux = bar.CreateDataset<int>("quux", [10000, 10000], [1000, 1000], new ArrayOptions { Overwrite = true });
        Console.Write(quux.Info);

        Cell("root.tree()");
        Console.WriteLine(root.Tree());

        RunIndexing();
        RunTail(dir);
    }

    static partial void RunIndexingSections();

    private static void RunIndexing()
    {
        Heading("Indexing");
        Section("Basic indexing");
        var z = ZarrArray.FromArray<long>(Enumerable.Range(0, 10).Select(i => (long)i * i).ToArray());
        Cell("z = zarr.array(np.arange(10) ** 2); z[:]");
        Console.WriteLine(z[..]);
        var z2 = ZarrArray.FromArray(NDArray<long>.From(Enumerable.Range(0, 15).Select(i => (long)i).ToArray(), 3, 5));
        Cell("z = zarr.array(np.arange(15).reshape(3, 5)); z[:]");
        Console.WriteLine(z2[..]);
        Cell("z[0,1], z[2,3]");
        Console.WriteLine($"({z2.GetValue(0, 1)}, {z2.GetValue(2, 3)})");
        RunIndexingSections();
    }

    static partial void RunTailSections(string dir);

    private static void RunTail(string dir) => RunTailSections(dir);

    internal static void Heading(string text)
    {
        Console.WriteLine();
        Console.WriteLine("# " + text);
    }

    internal static void Section(string text)
    {
        Console.WriteLine();
        Console.WriteLine("## " + text);
    }

    internal static void Cell(string python)
    {
        Console.WriteLine();
        Console.WriteLine(">>> " + python);
    }
}
