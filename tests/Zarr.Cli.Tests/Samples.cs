using Zarr.Codecs;
using Zarr.Stores;

namespace Zarr.Cli.Tests;

/// <summary>
/// Sample stores the tests read, written once per test run by the library: a directory store and a
/// zip store with the same hierarchy (nested groups, several dtypes, a sparse array, an F-order array
/// with '/' keys, a 0-d array, attributes with NaN).
/// </summary>
public sealed class Samples
{
    private static readonly Lazy<Samples> Instance = new(() => new Samples());

    private Samples()
    {
        Root = Path.Combine(Path.GetTempPath(), "zarr-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(Root);
        using (var dir = new DirectoryStore(DirPath)) Fill(dir);
        using (var zip = new ZipStore(ZipPath)) Fill(zip);
    }

    /// <summary>The shared samples.</summary>
    public static Samples Shared => Instance.Value;

    /// <summary>The temporary folder holding the samples.</summary>
    public string Root { get; }

    /// <summary>The directory store.</summary>
    public string DirPath => Path.Combine(Root, "data.zarr");

    /// <summary>The zip store.</summary>
    public string ZipPath => Path.Combine(Root, "data.zip");

    /// <summary>Every array path in the samples.</summary>
    public static readonly string[] ArrayPaths = ["flags", "foo/bar/baz", "fortran", "names", "raw", "scalar", "sparse", "words", "x"];

    /// <summary>A fresh empty folder for a test's output.</summary>
    public string NewFolder()
    {
        var path = Path.Combine(Root, "out-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static void Fill(ZarrStore store)
    {
        var zlib = new ArrayOptions { Compressor = new ZlibCodec(1) };
        var root = ZarrGroup.Create(store);
        root.Attrs["title"] = "demo";
        var foo = root.CreateGroup("foo");
        foo.Attrs["scale"] = double.NaN;
        foo.Attrs["tags"] = new System.Text.Json.Nodes.JsonArray("a", "b");
        var baz = foo.CreateGroup("bar").CreateDataset<int>("baz", [10, 20], [4, 7], zlib);
        baz.Set([Selector.Ellipsis], NDArray<int>.From(Enumerable.Range(0, 200).ToArray(), 10, 20));
        baz.Attrs["units"] = "m";

        var x = root.CreateDataset<double>("x", [7], [3], new ArrayOptions { Compressor = null });
        x.Set([Selector.Ellipsis], (NDArray<double>)new double[] { 0, 0.5, 1.25, -2, 1e-3, 100, 7.125 });

        var flags = root.CreateDataset<bool>("flags", [5], [5], zlib);
        flags.Set([Selector.Ellipsis], (NDArray<bool>)new[] { true, false, true, true, false });

        var names = root.CreateDataset<string>("names", [3], [2], new ArrayOptions { DType = "<U5", Compressor = new ZlibCodec(1) });
        names.Set([Selector.Ellipsis], (NDArray<string>)new[] { "ab", "cdé", "hello" });

        var raw = root.CreateDataset<byte[]>("raw", [2], [2], new ArrayOptions { DType = "|S3", Compressor = null });
        raw.Set([Selector.Ellipsis], (NDArray<byte[]>)new byte[][] { [0x61, 0x62], [0x63, 0x64, 0x65] });

        var sparse = root.CreateDataset<short>("sparse", [100], [10], new ArrayOptions { FillValue = -1, Compressor = new ZlibCodec(1) });
        sparse.Set([Selector.Slice(35, 45)], (NDArray<short>)Enumerable.Range(1, 10).Select(i => (short)i).ToArray());

        var fortran = root.CreateDataset<float>("fortran", [6, 4], [4, 3], new ArrayOptions { Order = 'F', DimensionSeparator = '/', Compressor = new ZlibCodec(1) });
        fortran.Set([Selector.Ellipsis], NDArray<float>.From(Enumerable.Range(0, 24).Select(i => i * 0.25f).ToArray(), 6, 4));

        var scalar = root.CreateDataset<double>("scalar", [], null, new ArrayOptions { Compressor = null });
        scalar.Set([Selector.Ellipsis], NDArray<double>.Scalar(3.5));
        var words = root.CreateDataset<string>("words", [4], [3], zlib); // |O with vlen-utf8
        words.Set([Selector.Ellipsis], (NDArray<string>)new[] { "zarr", "", "it's", "naïve" });
        store.Flush();
    }

    private static void TryDelete(string path)
    {
        try { Directory.Delete(path, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
