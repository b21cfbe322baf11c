using Zarr.Codecs;
using Zarr.Stores;

namespace Zarr.Tests.Shared;

/// <summary>
/// A small hierarchy the object-store tests write and check the same way on every store: groups with
/// attributes; an int32 array written whole, then in part (read-modify-write of stored chunks); a
/// float64 array written asynchronously; a string array; consolidated metadata. Enough requests of
/// every kind (PUT, GET, ranged GET, HEAD, LIST) for a fault-injecting proxy to hit each.
/// </summary>
internal static class TestHierarchy
{
    private static readonly ArrayOptions Zlib = new() { Compressor = new ZlibCodec(1) };

    /// <summary>The tree the hierarchy prints.</summary>
    public const string Tree = "/\n ├── g\n │   └── a (120, 90) int32\n ├── h\n │   └── b (1000,) float64\n └── s (5,) <U5";

    private static int[] ExpectedA()
    {
        var a = Enumerable.Range(0, 120 * 90).Select(i => i % 977).ToArray();
        for (var i = 10; i < 60; i++)
            for (var j = 5; j < 50; j++)
                a[i * 90 + j] = -7;
        return a;
    }

    private static double[] ExpectedB() => Enumerable.Range(0, 1000).Select(i => i * 0.5 - 17).ToArray();

    private static readonly string[] ExpectedS = ["zarr", "", "s3", "azure", "naïv"];

    /// <summary>Writes the hierarchy at the root of <paramref name="store"/> (replacing anything there).</summary>
    public static async Task WriteAsync(ZarrStore store)
    {
        var root = ZarrGroup.Open(store, "w");
        root.Attrs["title"] = "through faults";
        var g = root.CreateGroup("g");
        g.Attrs["n"] = 3;
        var a = g.CreateDataset<int>("a", [120, 90], [25, 20], Zlib);
        a[Selector.Ellipsis] = NDArray<int>.From(Enumerable.Range(0, 120 * 90).Select(i => i % 977).ToArray(), 120, 90);
        a[10..60, 5..50] = NDArray<int>.Full(-7, 50, 45);
        var b = root.CreateGroup("h").CreateDataset<double>("b", [1000], [64], Zlib);
        await b.SetAsync([Selector.Ellipsis], (NDArray<double>)ExpectedB());
        var s = root.CreateDataset<string>("s", [5], [2], new ArrayOptions { DType = "<U5", Compressor = new ZlibCodec(1) });
        s[Selector.Ellipsis] = (NDArray<string>)ExpectedS;
        ZarrGroup.ConsolidateMetadata(store);
    }

    /// <summary>Asserts that <paramref name="store"/> holds exactly the hierarchy, read through consolidated metadata, synchronously and asynchronously, and by listing.</summary>
    public static async Task CheckAsync(ZarrStore store)
    {
        var root = ZarrGroup.OpenConsolidated(store, "r");
        Assert.Equal(Tree, root.Tree());
        Assert.Equal("through faults", (string)root.Attrs["title"]!);
        Assert.Equal(3, (int)ZarrGroup.Open(store, "r", "g").Attrs["n"]!);
        Assert.Equal(ExpectedA(), root.GetArray<int>("g/a").Read().Data);
        Assert.Equal(ExpectedA(), (await root.GetArray<int>("g/a").ReadAsync()).Data);
        Assert.Equal(ExpectedB(), (await root.GetArray<double>("h/b").ReadAsync()).Data);
        Assert.Equal(ExpectedS, root.GetArray<string>("s").Read().Data);
        // Every chunk is there (5 × 5 of a, 16 of b, 3 of s) and nothing else: nine metadata documents.
        Assert.Equal(25 + 16 + 3 + 9, store.ListPrefix("").Count());
    }
}
