using System.Text.Json.Nodes;
using Zarr.Generators.Tests.Infrastructure;
using Zarr.Indexing;
using Zarr.Stores;

namespace Zarr.Generators.Tests;

/// <summary>
/// Metadata first from zarr v3: zarr.json hierarchies (attributes inside them) and zarr-python 3's
/// consolidated metadata in the root zarr.json bind as v2 ones do; the generated code creates, opens
/// and checks v3 nodes.
/// </summary>
public class V3MetadataFirstTests
{
    [Fact]
    public void V3HierarchySnapshot() => Snapshot.Verify("MetadataFirstV3", GeneratorHarness.Run("", Inputs.MetadataFirstV3()));

    [Fact]
    public void V3ConsolidatedSnapshot()
    {
        var store = new StoreFixture("/repo/consolidated3.zarr", "Demo.Consolidated3").Add("zarr.json", """
            {
                "attributes": {"title": "c"},
                "zarr_format": 3,
                "consolidated_metadata": {
                    "kind": "inline",
                    "must_understand": false,
                    "metadata": {
                        "a": {"shape": [10], "data_type": "int64", "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [5]}},
                              "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}}, "fill_value": 0,
                              "codecs": [{"name": "bytes", "configuration": {"endian": "little"}}], "attributes": {"long_name": "A"},
                              "dimension_names": ["x"], "zarr_format": 3, "node_type": "array", "storage_transformers": []},
                        "g": {"attributes": {}, "zarr_format": 3, "consolidated_metadata": null, "node_type": "group"},
                        "g/b": {"shape": [4, 4], "data_type": "uint16", "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [2, 2]}},
                                "chunk_key_encoding": {"name": "v2", "configuration": {"separator": "."}}, "fill_value": 1,
                                "codecs": [{"name": "transpose", "configuration": {"order": [1, 0]}}, {"name": "bytes", "configuration": {"endian": "big"}},
                                           {"name": "numcodecs.zlib", "configuration": {"level": 1}}],
                                "attributes": {}, "zarr_format": 3, "node_type": "array", "storage_transformers": []}
                    }
                },
                "node_type": "group"
            }
            """);
        Snapshot.Verify("ConsolidatedV3", GeneratorHarness.Run("", store));
    }

    [Fact]
    public void V3RootArraySnapshot() => Snapshot.Verify("RootArrayV3", GeneratorHarness.Run("", new StoreFixture("/repo/grid.zarr", "Demo.Data.Grid")
        .ArrayV3("", "[4, 6]", "[2, 3]", "\"int16\"", shards: "[4, 6]", dimensionNames: """["y", "x"]""", attrs: """{"units": "m"}""")));

    /// <summary>
    /// A zarr v3 store written by the runtime: a sharded float array with dimension names and values
    /// t*100 + y*10 + x, a big-endian array with one unnamed dimension, a group with a string array.
    /// </summary>
    internal static MemoryStore WriteSea()
    {
        var store = new MemoryStore();
        var root = ZarrGroup.Create(store, zarrFormat: 3);
        root.Attrs["title"] = "Sea sample";
        var sst = root.Create<float>("sst", [8, 6, 10], [2, 3, 5], new ArrayOptions { Shards = [4, 6, 10], DimensionNames = ["time", "lat", "lon"], FillValue = float.NaN });
        var values = new float[8 * 6 * 10];
        for (var i = 0; i < values.Length; i++) values[i] = i / 60 * 100 + i / 10 % 6 * 10 + i % 10;
        sst.Set([Selector.Ellipsis], NDArray<float>.From(values, 8, 6, 10));
        sst.Attrs["units"] = "degC";
        var depth = root.Create<double>("depth", [6, 10], [6, 10], new ArrayOptions { DType = ">f8", DimensionNames = ["lat", null] });
        depth.Set([Selector.Ellipsis], 2.5);
        var stations = root.CreateGroup("stations");
        var names = stations.Create<string>("name", [4], [4], new ArrayOptions { DimensionNames = ["station"] });
        names.Set([Selector.Ellipsis], NDArray<string>.From(["north", "east", "south", "west"], 4));
        return store;
    }

    private const string Usage = """
        using System;
        namespace Demo;
        public static class Use
        {
            public static string Run(Zarr.Stores.ZarrStore store)
            {
                var sea = Sea.Open(store, "r+");
                float one = sea.Sst[time: 1, lat: 2, lon: 3];
                float[] column = sea.Sst[time: 0, lat: .., lon: 3];
                float[,] plane = sea.Sst[lat: 1..3, time: 2, lon: ..];      // named arguments in any order
                float[] positional = sea.Sst[7, 5, ..];
                sea.Sst[time: 7, lat: 5, lon: 9] = -1f;                     // a write through a named indexer
                float[,,] cube = sea.Sst.Read();
                string station = sea.Stations.Name[station: 1];
                double depth = sea.Depth[1, 2];                             // a dimension without a name: positional only
                return FormattableString.Invariant(
                    $"{sea.Title} {sea.Sst.Units} {one} {string.Join("/", column)} {plane.GetLength(0)}x{plane.GetLength(1)} {plane[1, 4]} {positional[8]} {cube[7, 5, 9]} {station} {depth}");
            }
        }
        """;

    [Fact]
    public void ARealV3StoreBindsAndReadsThroughNamedIndexers()
    {
        var result = GeneratorHarness.Run(Usage, StoreFixture.FromStore(WriteSea(), "/repo/sea.zarr", "Demo.Sea"));
        result.AssertCompiles();
        var text = result.Load().GetType("Demo.Use")!.GetMethod("Run")!.Invoke(null, [WriteSea()]);
        Assert.Equal("Sea sample degC 123 3/13/23/33/43/53 2x10 224 758 -1 east 2.5", text);
    }

    [Fact]
    public void ConsolidatedMetadataAloneBindsTheSameHierarchy()
    {
        var store = WriteSea();
        ZarrGroup.ConsolidateMetadata(store);
        // Only the root zarr.json, which now holds every node in consolidated_metadata.
        var fixture = new StoreFixture("/repo/sea.zarr", "Demo.Sea").Add("zarr.json", System.Text.Encoding.UTF8.GetString(store.Get("zarr.json")!));
        var consolidated = GeneratorHarness.Run(Usage, fixture);
        consolidated.AssertCompiles();
        var separate = GeneratorHarness.Run(Usage, StoreFixture.FromStore(WriteSea(), "/repo/sea.zarr", "Demo.Sea"));
        Assert.Equal(separate.Sources.Select(s => s.HintName), consolidated.Sources.Select(s => s.HintName));
        Assert.Equal("Sea sample degC 123 3/13/23/33/43/53 2x10 224 758 -1 east 2.5", consolidated.Load().GetType("Demo.Use")!.GetMethod("Run")!.Invoke(null, [store]));
    }

    [Fact]
    public void CreateWritesTheSameZarrJsonDocuments()
    {
        var source = WriteSea();
        var result = GeneratorHarness.Run("", StoreFixture.FromStore(source, "/repo/sea.zarr", "Demo.Sea"));
        result.AssertCompiles();
        var created = new MemoryStore();
        result.Load().GetType("Demo.Sea")!.GetMethod("Create")!.Invoke(null, [created, false, null]);
        var documents = source.ListPrefix("").Where(k => k.EndsWith("zarr.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(documents, created.ListPrefix("").Where(k => k.EndsWith("zarr.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        foreach (var key in documents)
        {
            // Attributes are data, not schema: Create leaves them to the caller, as for v2.
            var expected = WithoutAttributes(source.Get(key)!);
            var actual = WithoutAttributes(created.Get(key)!);
            Assert.True(JsonNode.DeepEquals(expected, actual), key + ":\n" + expected.ToJsonString() + "\n" + actual.ToJsonString());
        }
        Assert.Contains("sharding_indexed", System.Text.Encoding.UTF8.GetString(created.Get("sst/zarr.json")!));
    }

    private static JsonObject WithoutAttributes(byte[] document)
    {
        var json = JsonNode.Parse(document)!.AsObject();
        json.Remove("attributes");
        return json;
    }

    private const string Drift = """
        using System.Linq;
        namespace Demo;
        public static class Drift
        {
            public static string Run(Zarr.Stores.ZarrStore store)
            {
                try
                {
                    Sea.Open(store);
                    return "opened";
                }
                catch (Zarr.ZarrSchemaMismatchException e)
                {
                    return string.Join("; ", e.Differences);
                }
            }
        }
        """;

    [Fact]
    public void OpenComparesInnerChunksShardsAndDimensionNames()
    {
        var result = GeneratorHarness.Run(Drift, StoreFixture.FromStore(WriteSea(), "/repo/sea.zarr", "Demo.Sea"));
        result.AssertCompiles();
        var run = result.Load().GetType("Demo.Drift")!.GetMethod("Run")!;
        Assert.Equal("opened", run.Invoke(null, [WriteSea()]));

        var changed = WriteSea();
        var root = ZarrGroup.Open(changed, "r+");
        root.Create<float>("sst", [8, 6, 10], [4, 3, 5], new ArrayOptions { Overwrite = true, Shards = [8, 6, 10], DimensionNames = ["lat", "time", "lon"] });
        root.Create<double>("depth", [6, 10], [6, 10], new ArrayOptions { Overwrite = true, DType = ">f8", Shards = [6, 10], DimensionNames = ["lat", null] });
        Assert.Equal(
            "/depth: shards: expected none, found (6, 10); "
            + "/sst: chunks: expected (2, 3, 5), found (4, 3, 5); /sst: shards: expected (4, 6, 10), found (8, 6, 10); "
            + "/sst: dimension names: expected (time, lat, lon), found (lat, time, lon)",
            run.Invoke(null, [changed]));
    }

    [Fact]
    public void AV3RootArrayIsTheTypedArrayWithNamedIndexers()
    {
        static MemoryStore Write()
        {
            var store = new MemoryStore();
            var written = ZarrArray.Create<short>([4, 6], [2, 3], new ArrayOptions { ZarrFormat = 3, Shards = [4, 6], DimensionNames = ["y", "x"] }, store);
            written.Set([Selector.Ellipsis], NDArray<short>.From(Enumerable.Range(0, 24).Select(i => (short)i).ToArray(), 4, 6));
            written.Attrs["units"] = "m";
            return store;
        }
        var usage = """
            namespace Demo;
            public static class Use
            {
                public static string Run(Zarr.Stores.ZarrStore store)
                {
                    var g = Demo.Grid.Open(store, "r+");
                    short one = g[y: 2, x: 1];
                    short[] row = g[y: 3, x: ..];
                    g[x: 0, y: 0] = -1;
                    var created = Demo.Grid.Create(new Zarr.Stores.MemoryStore());
                    created[y: 1, x: 1] = 4;
                    return System.FormattableString.Invariant(
                        $"{one} {row[5]} {g[0, 0]} {g.Units} {created.Array.ZarrFormat} {string.Join(",", created.Array.Shards!)} {string.Join(",", created.Array.DimensionNames!)} {created[1, 1]}");
                }
            }
            """;
        var result = GeneratorHarness.Run(usage, StoreFixture.FromStore(Write(), "/repo/grid.zarr", "Demo.Grid"));
        result.AssertCompiles();
        Assert.Contains("public sealed partial class Grid : global::Zarr.ZarrArray2D<short>", Assert.Single(result.Sources).SourceText.ToString());
        Assert.Equal("13 23 -1 m 3 4,6 y,x 4", result.Load().GetType("Demo.Use")!.GetMethod("Run")!.Invoke(null, [Write()]));
    }
}
