using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests;

/// <summary>
/// A store whose root is an array (zarr.open_array at the root) binds too: its class is the array's
/// rank-typed accessor, with Create, Open (checked against the metadata), Bind and the attributes.
/// </summary>
public class RootArrayTests
{
    public static StoreFixture Temperature() => new StoreFixture("/repo/temperature.zarr", "Demo.Data.Temperature")
        .Array("", "[4, 3]", "[2, 3]", "\"<f4\"", compressor: """{"id": "zlib", "level": 1}""", fill: "\"NaN\"",
            attrs: """{"units": "K", "name": "air", "_ARRAY_DIMENSIONS": ["time", "x"]}""");

    private const string Usage = """
        using System;
        using Zarr;
        namespace Demo;
        public static class Use
        {
            public static string Run(Zarr.Stores.ZarrStore store)
            {
                var t = Demo.Data.Temperature.Create(store);
                t.Attrs["units"] = "K";
                t.Attrs["name"] = "air";
                t[1, 2] = 21.5f;
                float[,] all = t.Read();
                var again = Demo.Data.Temperature.Open(store);
                float one = again[1, 2];
                string dims = again.Attrs.Contains("_ARRAY_DIMENSIONS") ? "dims" : "no dims";
                return FormattableString.Invariant($"{one} {float.IsNaN(all[0, 0])} {all.GetLength(0)}x{all.GetLength(1)} {again.Units} {again.NameAttribute} {again.Name} {dims}");
            }

            public static string Drift(Zarr.Stores.ZarrStore store)
            {
                ZarrArray.Create<double>([4, 5], [4, 5], new ArrayOptions(), store);
                try
                {
                    Demo.Data.Temperature.Open(store);
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
    public void RootArraySnapshot() => Snapshot.Verify("RootArray", GeneratorHarness.Run("", Temperature()));

    [Fact]
    public void RootArrayIsTheTypedArray()
    {
        var result = GeneratorHarness.Run(Usage, Temperature());
        result.AssertCompiles();
        var use = result.Load().GetType("Demo.Use")!;
        Assert.Equal("21.5 True 4x3 K air / no dims", use.GetMethod("Run")!.Invoke(null, [new Zarr.Stores.MemoryStore()]));
        Assert.Equal("/: dtype: expected <f4, found <f8; /: chunks: expected (2, 3), found (4, 5)", use.GetMethod("Drift")!.Invoke(null, [new Zarr.Stores.MemoryStore()]));
    }

    [Fact]
    public void StructuredAndUntypedRootArraysCompile()
    {
        var records = new StoreFixture("/repo/readings.zarr", "Demo.Readings")
            .Array("", "[10]", "[5]", """[["id", "<i4"], ["depth", "<f8"]]""", fill: "null");
        var objects = new StoreFixture("/repo/objects.zarr", "Demo.Objects")
            .Array("", "[2]", "[2]", "\"|O\"", filters: """[{"id": "json2", "encoding": "utf-8"}]""", fill: "0", attrs: """{"info": 1}""");
        var usage = """
            namespace Demo;
            public static class Use
            {
                public static string Run(Zarr.Stores.ZarrStore store)
                {
                    var r = Readings.Create(store);
                    r[3] = new Readings.ReadingsRecord { Id = 7, Depth = 2.5 };
                    Readings.ReadingsRecord back = Readings.Open(store)[3];
                    Zarr.ZarrArray untyped = Objects.Bind(r.Array).Array;
                    return System.FormattableString.Invariant($"{back.Id} {back.Depth} {untyped.NDim}");
                }
            }
            """;
        var result = GeneratorHarness.Run(usage, records, objects);
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal("ZARR201", d.Id)); // json2 objects have no element type
        Assert.Empty(result.CompileDiagnostics);
        Assert.Equal("7 2.5 1", result.Load().GetType("Demo.Use")!.GetMethod("Run")!.Invoke(null, [new Zarr.Stores.MemoryStore()]));
    }

    [Fact]
    public void ARootWithAGroupDocumentIsAGroup()
    {
        var store = new StoreFixture("/repo/g.zarr", "Demo.G").Group("").Array("a", "[2]", "[2]", "\"<i4\"");
        var result = GeneratorHarness.Run("", store);
        result.AssertCompiles();
        Assert.Contains("global::Zarr.ZarrGroup Group", Assert.Single(result.Sources, s => s.HintName == "Demo.G.zarr.g.cs").SourceText.ToString());
    }
}
