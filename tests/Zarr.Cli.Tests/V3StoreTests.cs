using Zarr.Indexing;
using Zarr.Runtime.Tests.Interop;
using Zarr.Stores;

namespace Zarr.Cli.Tests;

/// <summary>The tool on zarr v3 stores: tree, info, cat, copy (format, codecs and shards kept) and consolidate.</summary>
public sealed class V3StoreTests
{
    private static readonly Samples S = Samples.Shared;

    private static string MakeStore()
    {
        var folder = S.NewFolder();
        using var store = new DirectoryStore(Path.Combine(folder, "v3.zarr"));
        var root = ZarrGroup.Create(store, zarrFormat: 3);
        root.Attrs["title"] = "v3 demo";
        var temps = root.CreateGroup("weather").Create<float>("temp", [6, 8], [2, 4],
            new ArrayOptions { Shards = [6, 8], DimensionNames = ["time", "lon"], FillValue = float.NaN });
        temps.Set([Selector.Ellipsis], new NDArray<float>(Enumerable.Range(0, 48).Select(i => i / 2f).ToArray(), 6, 8));
        temps.Attrs["units"] = "K";
        var ids = root.Create<long>("ids", [5], [2]);
        ids.Set([Selector.Ellipsis], new NDArray<long>([1, 2, 3, 4, 5], 5));
        return folder;
    }

    [Fact]
    public void TreeInfoAndCatReadV3()
    {
        var folder = MakeStore();
        Assert.Equal("/\n ├── ids (5,) int64\n └── weather\n     └── temp (6, 8) float32\n", Cli.Ok(folder, "tree", "v3.zarr"));
        var info = Cli.Ok(folder, "info", "v3.zarr/weather/temp");
        Assert.Contains("Zarr format        : 3", info);
        Assert.Contains("Shard shape        : (6, 8)", info);
        Assert.Contains("Chunk shape        : (2, 4)", info);
        Assert.Contains("Dimension names    : ('time', 'lon')", info);
        Assert.Equal("array([1, 2, 3, 4, 5])\n", Cli.Ok(folder, "cat", "v3.zarr/ids"));
    }

    [Fact]
    public void CopyKeepsFormatCodecsShardsAndAttributes()
    {
        var folder = MakeStore();
        Cli.Ok(folder, "copy", "v3.zarr", "copy.zip", "-q");
        Cli.Ok(folder, "copy", "copy.zip", "back.zarr", "-q");
        foreach (var name in new[] { "copy.zip", "back.zarr" })
        {
            using var store = name.EndsWith(".zip", StringComparison.Ordinal) ? (ZarrStore)new ZipStore(Path.Combine(folder, name), ZipStoreMode.Read) : new DirectoryStore(Path.Combine(folder, name), readOnly: true);
            var root = ZarrGroup.Open(store, "r");
            Assert.Equal(3, root.ZarrFormat);
            Assert.Equal("v3 demo", root.Attrs.GetString("title"));
            var temp = root.GetArray<float>("weather/temp");
            Assert.Equal([6, 8], temp.Shards!);
            Assert.Equal([2, 4], temp.Chunks);
            Assert.Equal(["time", "lon"], temp.DimensionNames!);
            Assert.Equal("K", temp.Attrs.GetString("units"));
            Assert.Equal(Enumerable.Range(0, 48).Select(i => i / 2f).ToArray(), temp.Read().Data);
            Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, root.GetArray<long>("ids").Read().Data);
        }
    }

    [Fact]
    public void ConsolidateWritesInlineMetadataIntoTheRootZarrJson()
    {
        var folder = MakeStore();
        Assert.StartsWith("wrote consolidated_metadata", Cli.Ok(folder, "consolidate", "v3.zarr"));
        var text = File.ReadAllText(Path.Combine(folder, "v3.zarr", "zarr.json"));
        Assert.Contains("\"consolidated_metadata\"", text);
        Assert.Contains("\"weather/temp\"", text);
        using var store = new DirectoryStore(Path.Combine(folder, "v3.zarr"), readOnly: true);
        Assert.Equal("v3 demo", ZarrGroup.Open(store, "r").Attrs.GetString("title"));
    }
}

/// <summary>zarr copy --format and --shards convert between zarr v2 and v3, into and out of shards.</summary>
public sealed class FormatConversionTests
{
    private static readonly Samples S = Samples.Shared;

    [Fact]
    public void V2ToShardedV3AndBackKeepsEveryElement()
    {
        var folder = S.NewFolder();
        Cli.Ok(folder, "copy", S.DirPath, "v3.zarr", "--shards", "-1", "-q");
        Cli.Ok(folder, "copy", "v3.zarr", "v2.zarr", "--format", "2", "-q");
        using (var v3 = new DirectoryStore(Path.Combine(folder, "v3.zarr"), readOnly: true))
        {
            var root = ZarrGroup.Open(v3, "r");
            Assert.Equal(3, root.ZarrFormat);
            Assert.Equal("demo", root.Attrs.GetString("title"));
            var baz = root.GetArray("foo/bar/baz");
            Assert.Equal([4, 7], baz.Chunks);
            Assert.Equal([12, 21], baz.Shards!); // the whole array, rounded up to whole inner chunks
            Assert.Equal("m", baz.Attrs.GetString("units"));
        }
        foreach (var path in Samples.ArrayPaths)
        {
            var expected = Cli.Ok(S.Root, "cat", "data.zarr/" + path);
            Assert.Equal(expected, Cli.Ok(folder, "cat", "v3.zarr/" + path));
            Assert.Equal(expected, Cli.Ok(folder, "cat", "v2.zarr/" + path));
        }
        // The v2 copy is plain zarr v2 again: zarr-python 2.13 reads it exactly as it reads the original.
        Zarr.Runtime.Tests.Interop.Python.Require();
        var script = "import zarr,sys\n"
            + "a=zarr.open_group(sys.argv[1],mode='r'); b=zarr.open_group(sys.argv[2],mode='r')\n"
            + "for p in " + "['" + string.Join("','", Samples.ArrayPaths) + "']" + ":\n"
            + "    x=a[p][...]; y=b[p][...]\n"
            + "    same=x.tolist()==y.tolist() if x.dtype==object else x.tobytes()==y.tobytes()\n"
            + "    assert x.dtype==y.dtype and x.shape==y.shape and same, p\n"
            + "print('ok')\n";
        var file = Path.Combine(folder, "check.py");
        File.WriteAllText(file, script);
        Assert.Equal("ok", Zarr.Runtime.Tests.Interop.Python.RunFile(file, [S.DirPath, Path.Combine(folder, "v2.zarr")]).Trim());
    }

    [Fact]
    public void ShardsNeedFormatThree()
    {
        var folder = S.NewFolder();
        var result = Cli.Run(folder, "copy", S.DirPath, "x.zarr", "--format", "2", "--shards", "10");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--shards needs zarr format 3", result.Err);
    }
}
