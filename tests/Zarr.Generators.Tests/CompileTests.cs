using Microsoft.CodeAnalysis;
using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests;

/// <summary>Generated code compiles with warnings as errors, together with user code that uses every accessor shape.</summary>
public class CompileTests
{
    private const string SchemaUsage = """
        using System;
        using Zarr;
        using Zarr.DataTypes;

        namespace Demo;

        public static class SchemaUsage
        {
            public static string Run(Zarr.Stores.ZarrStore store)
            {
                var w = Weather.Create(store, overwrite: true);
                w.Temperature[0, 1, 2] = 21.5f;
                float one = w.Temperature[0, 1, 2];
                float last = w.Temperature[^365, ^17, 2];
                float[,] plane = w.Temperature[0, .., ..];
                float[] column = w.Temperature[0, 1, ..];
                float[,,] cube = w.Temperature[0..2, (0..18).Step(3), ..];
                w.Temperature[1, .., ..] = plane;
                float[,,] picked = w.Temperature.GetOrthogonalSelection(new[] { 0, 1 }, .., new[] { 2 });
                float[,,] block = w.Temperature.GetBlockSelection(0, 1, 2..4);
                w.Time[0..3] = new[] { new DateTime64(1), new DateTime64(2), new DateTime64(3) };
                DateTime64[] times = w.Time.Read();
                w.Labels.Write(new[] { "a", "b", "c", "d" });
                string label = w.Labels[^1];
                w.Stations.Coordinates.Fill(1.5);
                w.Stations.Coordinates[.., 0] = new double[50];
                double[,] coords = w.Stations.Coordinates.Read();
                w.Stations.Count.Value = 7;
                w.Temperature.SetCoordinateSelection(new long[] { 5, 6 }, new long[] { 1, 2 }, new long[] { 3, 4 }, new[] { 1f, 2f });
                float[] points = w.Temperature.GetCoordinateSelection(new long[] { 5, 6, 0 }, new long[] { 1, 2, 1 }, new long[] { 3, 4, 2 });
                var mask = new bool[50, 2];
                mask[3, 1] = true;
                mask[7, 0] = true;
                w.Stations.Coordinates.SetMaskSelection(mask, 9.0);
                double[] masked = w.Stations.Coordinates.GetMaskSelection(mask);
                int count = w.Stations.Count.Value;
                var reopened = Weather.Open(store);
                return FormattableString.Invariant($"{one} {float.IsNaN(last)} {plane.GetLength(1)} {column.Length} {cube.GetLength(1)} {picked.Length} {block.Length} {times[2].Value} {label} {coords.Length} {coords[49, 1]} {count} {string.Join("/", points)} {string.Join("/", masked)} {reopened.Temperature[1, 1, 2]} {w.Describe().Length > 0}");
            }
        }
        """;

    private const string MetadataUsage = """
        using System;
        using System.Text.Json.Nodes;
        using Zarr;
        using Zarr.DataTypes;
        using Demo.Data;

        namespace Demo;

        public static class MetadataUsage
        {
            public static string Run(Zarr.Stores.ZarrStore store)
            {
                var o = Ocean.Create(store, overwrite: true);
                o.Group.Attrs["title"] = "Ocean sample";
                o.Group.Attrs["version"] = 3;
                o.Group.Attrs["created_by"] = new JsonArray("zarr", "python");
                o.Sst.Attrs["units"] = "degC";
                o.Sst.Attrs["valid_range"] = new JsonArray(-2, 40.5);
                string title = o.Title;
                long version = o.Version;
                string[] createdBy = o.CreatedBy;
                string units = o.Sst.Units;
                double[] range = o.Sst.ValidRange;
                o.Sst[0, 0, 0] = 1.5f;
                o.Stations.Name[0] = "buoy";
                float[,] map = o.Sst[0, .., ..];
                bool[,] mask = o.Mask.Read();
                var r = new Ocean.StationsGroup.ReadingRecord { Id = 42 };
                r.Depth[1] = 2.5;
                r.Flags.Level = 3;
                o.Stations.Reading[5] = r;
                Ocean.StationsGroup.ReadingRecord back = o.Stations.Reading[5];
                Half h = o.Stations._2024Archive.WaveHeight[0, 0];
                Complex64 c = o.Stations._2024Archive.Spectrum[3];
                DateTime64 t = o.Stations.Time[0];
                var reopened = Ocean.Open(store);
                return FormattableString.Invariant($"{title} {version} {createdBy[1]} {units} {range[1]} {map[0, 0]} {mask.Length} {reopened.Stations.Name[0]} {back.Id} {back.Depth[1]} {back.Flags.Level} {(float)h} {c.Real} {t.Value}");
            }
        }
        """;

    [Fact]
    public void SchemaFirstCompilesWithUsage() => GeneratorHarness.Run([Inputs.SchemaFirst, SchemaUsage]).AssertCompiles();

    [Fact]
    public void MetadataFirstCompilesWithUsage() => GeneratorHarness.Run([MetadataUsage], Inputs.MetadataFirst()).AssertCompiles();

    [Fact]
    public void SchemaFirstRoundTripsThroughAStore()
    {
        var result = GeneratorHarness.Run([Inputs.SchemaFirst, SchemaUsage]);
        result.AssertCompiles();
        var run = result.Load().GetType("Demo.SchemaUsage")!.GetMethod("Run")!;
        var text = (string)run.Invoke(null, [new Zarr.Stores.MemoryStore()])!;
        Assert.Equal("21.5 False 36 36 6 36 4860 3 d 100 1.5 7 1/2/21.5 9/9 21.5 True", text);
    }

    [Fact]
    public void MetadataFirstRoundTripsThroughAStore()
    {
        var result = GeneratorHarness.Run([MetadataUsage], Inputs.MetadataFirst());
        result.AssertCompiles();
        var run = result.Load().GetType("Demo.MetadataUsage")!.GetMethod("Run")!;
        var text = (string)run.Invoke(null, [new Zarr.Stores.MemoryStore()])!;
        Assert.Equal("Ocean sample 3 python degC 40.5 1.5 16200 buoy 42 2.5 3 0 0 0", text);
    }

    [Fact]
    public void AnInvalidMemberDoesNotHideTheValidOnes()
    {
        var result = GeneratorHarness.Run("""
            using Zarr;
            namespace Demo;
            [ZarrGroup]
            public partial class Mixed
            {
                [ZarrArray(Shape = [3, 3])]
                public partial ZarrArray1D<int> Wrong { get; }

                [ZarrArray(Shape = [3])]
                public partial ZarrArray1D<int> Right { get; }
            }
            """);
        Assert.Equal(["ZARR003"], result.GeneratorDiagnostics.Select(d => d.Id));
        // Only the property the generator could not implement is left without a body.
        var errors = result.CompileDiagnostics.ToList();
        Assert.Single(errors);
        Assert.Contains("Wrong", errors[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void AwkwardKeysStillCompile()
    {
        var store = new StoreFixture("/repo/odd.zarr", "Demo.Odd")
            .Group("", attrs: "{\"line\\nbreak\": \"a\\u2028b\", \"quote\\\"d\": 1, \"class\": true, \"\": 2}")
            .Array("static", "[2]", "[2]", "\"<i4\"")
            .Array("with space & <markup>", "[2]", "[2]", "\"<i4\"")
            .Array("Group", "[2]", "[2]", "\"<i4\"")
            .Group("123");
        var result = GeneratorHarness.Run("", store);
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal("ZARR105", d.Id));
        Assert.Empty(result.CompileDiagnostics);
    }

    [Fact]
    public void KeysNamedLikeGeneratedMembersNeverClash()
    {
        // Ordinary zarr-python and CF names: arrays called open/group/create/bind, the CF _FillValue, info, name.
        var store = new StoreFixture("/repo/prices.zarr", "Demo.Prices")
            .Group("", attrs: "{\"open\": \"09:30\", \"group\": \"nyse\", \"close\": \"16:00\"}")
            .Array("open", "[3]", "[3]", "\"<f8\"", fill: "1.5",
                attrs: "{\"_FillValue\": -1, \"fill_value\": -2, \"fill\": true, \"info\": \"i\", \"name\": \"n\", \"shape\": [3], \"units\": \"USD\"}")
            .Array("close", "[3]", "[3]", "\"<f8\"")
            .Array("create", "[3]", "[3]", "\"<i4\"")
            .Array("bind", "[3]", "[3]", "\"<i4\"")
            .Array("prices", "[3]", "[3]", "\"<i4\"")
            .Group("group");
        var usage = """
            namespace Demo;
            public static class Use
            {
                public static string Run(Zarr.Stores.ZarrStore store)
                {
                    var p = Prices.Create(store);
                    p.Group.Attrs["open"] = "09:30";
                    p.OpenArray.Attrs["_FillValue"] = -1;
                    p.OpenArray.Attrs["info"] = "i";
                    return System.FormattableString.Invariant(
                        $"{p.OpenArray.FillValue} {p.OpenArray.FillValueAttribute} {p.OpenArray.InfoAttribute} {p.OpenArray.Info.Length > 0} {p.OpenAttribute} {p.Close.Shape[0]} {p.CreateArray.Shape[0]} {p.BindArray.Shape[0]} {p.PricesArray.Shape[0]} {p.GroupGroup.Group.Path}");
                }
            }
            """;
        var result = GeneratorHarness.Run(usage, store);
        // The one real clash (_FillValue and fill_value both name FillValue) is information, not a warning.
        Assert.Equal(["ZARR105"], result.GeneratorDiagnostics.Select(d => d.Id));
        Assert.Equal(DiagnosticSeverity.Info, result.GeneratorDiagnostics[0].Severity);
        Assert.Empty(result.CompileDiagnostics);
        var text = (string)result.Load().GetType("Demo.Use")!.GetMethod("Run")!.Invoke(null, [new Zarr.Stores.MemoryStore()])!;
        Assert.Equal("1.5 -1 i True 09:30 3 3 3 3 group", text);
    }

    [Fact]
    public void TheReservedNamesAreEveryMemberOfTheAccessors()
    {
        var flags = System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance
            | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.FlattenHierarchy;
        for (var rank = 0; rank <= Zarr.Generators.Parsing.TypeMapper.MaxTypedRank; rank++)
        {
            var accessor = typeof(ZarrGroup).Assembly.GetType($"Zarr.ZarrArray{rank}D`1")!;
            var visible = accessor.GetMembers(flags).Where(m => m switch
            {
                System.Reflection.ConstructorInfo => false,
                System.Reflection.MethodInfo method => !method.IsSpecialName && (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly),
                System.Reflection.PropertyInfo property => property.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
                System.Reflection.FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
                Type nested => nested.IsNestedPublic || nested.IsNestedFamily,
                _ => true,
            });
            foreach (var name in visible.Select(m => m.Name).Distinct())
                Assert.True(Zarr.Generators.Parsing.HierarchyBuilder.ArrayReservedMembers.Contains(name), $"ZarrArray{rank}D<T>.{name} is not reserved: an attribute could hide it");
        }
    }
}
