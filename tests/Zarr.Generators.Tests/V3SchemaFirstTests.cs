using Zarr.Generators.Tests.Infrastructure;
using Zarr.Stores;

namespace Zarr.Generators.Tests;

/// <summary>
/// Schema first in zarr v3: <c>[ZarrGroup(ZarrFormat = 3)]</c> classes create zarr.json hierarchies with
/// shards (sharding_indexed) and dimension names, and a property declared as the generated
/// <c>&lt;Property&gt;Array</c> indexes by dimension name.
/// </summary>
public class V3SchemaFirstTests
{
    [Fact]
    public void V3SchemaSnapshot() => Snapshot.Verify("SchemaFirstV3", GeneratorHarness.Run(Inputs.SchemaFirstV3));

    private const string Usage = """
        using System;
        using System.Linq;
        using Zarr;
        using Zarr.DataTypes;
        namespace Demo;
        public static class Use
        {
            public static string Run(Zarr.Stores.ZarrStore store)
            {
                var o = Ocean.Create(store);
                o.Sst[time: 1, lat: .., lon: ..] = new float[6, 10];
                o.Sst[time: 1, lat: 2, lon: 3] = 21.5f;
                o.Sst[lon: 9, lat: 5, time: 7] = -1f;                 // named arguments in any order
                float[] column = o.Sst[time: 1, lat: .., lon: 3];
                float nan = o.Sst[time: 0, lat: 0, lon: 0];
                o.Counts[.., 0] = Enumerable.Range(0, 100).ToArray();
                o.Names[station: 2] = "south";
                o.Odd[seaLevel: 1, @class: 1] = 42;
                o.Buoys.Time[0] = new DateTime64(5);
                o.Buoys.Code[1, 2] = "ab";
                var again = Ocean.Open(store);
                return FormattableString.Invariant(
                    $"{column[2]} {float.IsNaN(nan)} {again.Sst[7, 5, 9]} {again.Counts[99, 0]} {again.Names[station: 2]} {again.Odd[1, 1]} {again.Buoys.Time[0].Value} {again.Buoys.Code[1, 2]}");
            }
        }
        """;

    [Fact]
    public void CreateWritesAV3HierarchyWithShardsAndDimensionNames()
    {
        var result = GeneratorHarness.Run([Inputs.SchemaFirstV3, Usage]);
        result.AssertCompiles();
        var store = new MemoryStore();
        var text = result.Load().GetType("Demo.Use")!.GetMethod("Run")!.Invoke(null, [store]);
        Assert.Equal("21.5 True -1 99 south 42 5 ab", text);

        // What the runtime (and zarr-python 3) sees: zarr.json everywhere, sharding_indexed, dimension names.
        Assert.Equal(3, ZarrGroup.Open(store, "r").ZarrFormat);
        Assert.Equal(3, ZarrGroup.Open(store, "r", "buoys").ZarrFormat);
        Assert.False(store.Contains(".zgroup"));
        var sst = ZarrArray.Open(store, "r", "sst");
        Assert.Equal(3, sst.ZarrFormat);
        Assert.Equal([2, 3, 5], sst.Chunks);
        Assert.Equal([4, 6, 10], sst.Shards!);
        Assert.Equal(["time", "lat", "lon"], sst.DimensionNames!);
        Assert.Contains("\"sharding_indexed\"", System.Text.Encoding.UTF8.GetString(store.Get("sst/zarr.json")!));
        var counts = ZarrArray.Open(store, "r", "counts");
        Assert.Equal([50, 100], counts.Shards!);
        Assert.Equal("Zlib(level=1)", counts.Compressors.Single().ToString());
        Assert.Null(counts.DimensionNames);
        Assert.Equal(["buoy"], ZarrArray.Open(store, "r", "buoys/time").DimensionNames!);
        Assert.Equal(["sea-level", "class"], ZarrArray.Open(store, "r", "odd").DimensionNames!);
        Assert.Equal("Zstd(level=0)", ZarrArray.Open(store, "r", "names").Compressors.Single().ToString());
    }

    private const string Drift = """
        using Zarr;
        namespace Demo;
        public static class Drift
        {
            public static string Run(Zarr.Stores.ZarrStore store)
            {
                Ocean.Create(store);
                var g = ZarrGroup.Open(store, "r+");
                g.Create<float>("sst", [8, 6, 10], [2, 3, 5], new ArrayOptions { Overwrite = true, DimensionNames = ["time", "lat", "lon"] });
                g.Create<int>("counts", [100, 100], [10, 10], new ArrayOptions { Overwrite = true, Shards = [100, 100] });
                try
                {
                    Ocean.Open(store);
                    return "opened";
                }
                catch (ZarrSchemaMismatchException e)
                {
                    return string.Join("; ", e.Differences);
                }
            }
        }
        """;

    [Fact]
    public void OpenListsShardDifferences()
    {
        var result = GeneratorHarness.Run([Inputs.SchemaFirstV3, Drift]);
        result.AssertCompiles();
        Assert.Equal("/sst: shards: expected (4, 6, 10), found none; /counts: shards: expected (50, 100), found (100, 100)",
            result.Load().GetType("Demo.Drift")!.GetMethod("Run")!.Invoke(null, [new MemoryStore()]));
    }

    [Fact]
    public void TheDocsExampleCompiles()
    {
        // docs/typed-bindings.md, "Zarr v3 and shards": the schema class, then statements that use it.
        var docs = File.ReadAllText(Path.Combine(Repository.Root, "docs", "typed-bindings.md"));
        var section = docs[docs.IndexOf("### Zarr v3 and shards", StringComparison.Ordinal)..];
        var start = section.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var block = section[start..section.IndexOf("```\n", start, StringComparison.Ordinal)];
        var split = block.IndexOf("\nvar ", StringComparison.Ordinal) + 1;
        var schema = "using Zarr;\nnamespace Docs;\n" + block[..split];
        var usage = "using Zarr;\nnamespace Docs;\npublic static class Use\n{\n    public static void Run()\n    {\n" + block[split..] + "    }\n}\n";
        GeneratorHarness.Run([schema, usage]).AssertCompiles();
    }
}
