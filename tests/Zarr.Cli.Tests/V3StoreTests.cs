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
            using var store = name.EndsWith(".zip") ? (ZarrStore)new ZipStore(Path.Combine(folder, name), ZipStoreMode.Read) : new DirectoryStore(Path.Combine(folder, name), readOnly: true);
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
