using System.Reflection;
using Zarr.Generators.Parsing;
using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests;

/// <summary>
/// One naming rule, both ways: keys become PascalCase members, schema properties without a Name are
/// stored in snake_case, and a hierarchy goes from one mode to the other and back with the same names.
/// </summary>
public class NamingTests
{
    [Theory]
    [InlineData("AirTemperature", "air_temperature")]
    [InlineData("Sst", "sst")]
    [InlineData("Time", "time")]
    [InlineData("WaveHeight2", "wave_height2")]
    [InlineData("X1Y2", "x1_y2")]
    [InlineData("_2024Archive", "2024_archive")]
    [InlineData("@class", "class")]
    [InlineData("HTTPServer", "http_server")]
    [InlineData("Already_Snake", "already_snake")]
    [InlineData("XY", "xy")]
    public void PropertiesBecomeSnakeCaseKeys(string property, string key) => Assert.Equal(key, IdentifierSanitizer.ToSnakeCase(property));

    [Theory]
    [InlineData("air_temperature")]
    [InlineData("sst")]
    [InlineData("time_bnds")]
    [InlineData("wave_height2")]
    [InlineData("x1_y2")]
    [InlineData("2024_archive")]
    [InlineData("lat")]
    [InlineData("class")]
    public void SnakeCaseKeysRoundTrip(string key) => Assert.Equal(key, IdentifierSanitizer.ToSnakeCase(IdentifierSanitizer.ToPascalCase(key)));

    [Fact]
    public void EveryKeyOfLowerCaseWordsRoundTrips()
    {
        // Words of two letters or more (a one-letter word's capital can read as part of an acronym: x_y → XY → xy).
        var random = new Random(21);
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        const string tail = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (var n = 0; n < 5000; n++)
        {
            var words = Enumerable.Range(0, random.Next(1, 5)).Select(_ => new string(
                [letters[random.Next(letters.Length)], letters[random.Next(letters.Length)], .. Enumerable.Range(0, random.Next(0, 6)).Select(_ => tail[random.Next(tail.Length)])]));
            var key = string.Join("_", words);
            var property = IdentifierSanitizer.ToPascalCase(key);
            Assert.Equal(key, IdentifierSanitizer.ToSnakeCase(property));
            Assert.Equal(property.TrimStart('@'), IdentifierSanitizer.ToPascalCase(IdentifierSanitizer.ToSnakeCase(property)).TrimStart('@'));
        }
    }

    private const string Schema = """
        using Zarr;
        namespace Demo;

        [ZarrGroup]
        public partial class Climate
        {
            [ZarrArray(Shape = [4, 3])]
            public partial ZarrArray2D<float> AirTemperature { get; }

            [ZarrArray(Shape = [4])]
            public partial ZarrArray1D<long> TimeBnds { get; }

            public partial SeaIce SeaIce { get; }
        }

        [ZarrGroup]
        public partial class SeaIce
        {
            [ZarrArray(Shape = [2])]
            public partial ZarrArray1D<double> Extent2d { get; }
        }

        public static class Write
        {
            public static void Run(Zarr.Stores.ZarrStore store) => Climate.Create(store);
        }
        """;

    [Fact]
    public void SchemaFirstToStoreToMetadataFirstKeepsTheNames()
    {
        // Schema first writes the store zarr-python users expect: snake_case keys.
        var schema = GeneratorHarness.Run(Schema);
        schema.AssertCompiles();
        var store = new Zarr.Stores.MemoryStore();
        schema.Load().GetType("Demo.Write")!.GetMethod("Run")!.Invoke(null, [store]);
        var keys = store.ListPrefix("").Where(k => k.EndsWith(".zarray", StringComparison.Ordinal) || k.EndsWith(".zgroup", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal([".zgroup", "air_temperature/.zarray", "sea_ice/.zgroup", "sea_ice/extent2d/.zarray", "time_bnds/.zarray"], keys);

        // Metadata first, from that store, gives the schema's names back.
        var fixture = new StoreFixture("/repo/climate.zarr", "Demo.Bound.Climate");
        foreach (var key in store.ListPrefix("").Where(k => k.Split('/')[^1].StartsWith(".z", StringComparison.Ordinal)))
            fixture.Add(key, System.Text.Encoding.UTF8.GetString(store.Get(key)!));
        var bound = GeneratorHarness.Run("", fixture);
        bound.AssertCompiles();
        var assembly = bound.Load();
        Assert.Equal(["AirTemperature", "SeaIce", "TimeBnds"], PropertyNames(assembly.GetType("Demo.Bound.Climate")!));
        Assert.Equal(["Extent2d"], PropertyNames(assembly.GetType("Demo.Bound.Climate+SeaIceGroup")!));
    }

    [Fact]
    public void ZarrPythonKeysToMetadataFirstToSchemaFirstKeepsTheKeys()
    {
        // A store with zarr-python's keys: metadata first names its members...
        var fixture = new StoreFixture("/repo/era.zarr", "Demo.Era").Group("")
            .Array("air_temperature", "[4, 3]", "[4, 3]", "\"<f4\"")
            .Array("time_bnds", "[4]", "[4]", "\"<i8\"")
            .Group("sea_ice")
            .Array("sea_ice/extent2d", "[2]", "[2]", "\"<f8\"");
        var bound = GeneratorHarness.Run("", fixture);
        bound.AssertCompiles();
        var era = bound.Load().GetType("Demo.Era")!;
        Assert.Equal(["AirTemperature", "SeaIce", "TimeBnds"], PropertyNames(era));

        // ...and a schema class with those names and no Name = opens the same store.
        var schema = GeneratorHarness.Run([Schema, """
            namespace Demo;
            public static class Read
            {
                public static float Run(Zarr.Stores.ZarrStore store) => Climate.Open(store).AirTemperature[3, 2];
            }
            """]);
        schema.AssertCompiles();
        var store = new Zarr.Stores.MemoryStore();
        foreach (var (path, text) in fixture.Files) store.Set(path[(fixture.Root.Length + 1)..], System.Text.Encoding.UTF8.GetBytes(text));
        Assert.Equal(0f, schema.Load().GetType("Demo.Read")!.GetMethod("Run")!.Invoke(null, [store]));
    }

    private static string[] PropertyNames(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "Group").Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [InlineData("time", "time")]
    [InlineData("lat", "lat")]
    [InlineData("sea_level", "seaLevel")]
    [InlineData("Time", "time")]
    [InlineData("SST", "sst")]
    [InlineData("wave height", "waveHeight")]
    [InlineData("2024-archive", "_2024Archive")]
    [InlineData("class", "@class")]
    [InlineData("int", "@int")]
    [InlineData("x", "x")]
    public void DimensionNamesBecomeCamelCaseParameters(string dimension, string parameter) => Assert.Equal(parameter, IdentifierSanitizer.ToCamelCase(dimension));

    [Fact]
    public void ParameterNamesNeverClash()
    {
        var collisions = new List<(string Other, string Name, string Wanted, string Given)>();
        Assert.Equal(["valueDimension", "seaLevel", "seaLevel_2", "@class"], IdentifierSanitizer.ToParameterNames(["value", "sea-level", "sea_level", "class"], collisions)!);
        Assert.Equal([("sea-level", "sea_level", "seaLevel", "seaLevel_2")], collisions);
    }

    [Fact]
    public void AMissingOrRepeatedNameMeansPositionalIndexers()
    {
        Assert.Null(IdentifierSanitizer.ToParameterNames(["x", null], []));
        Assert.Null(IdentifierSanitizer.ToParameterNames(["x", "x"], []));
    }

    [Fact]
    public void SanitisedAndFallbackNamesWorkInGeneratedCode()
    {
        var store = new StoreFixture("/repo/dims.zarr", "Demo.Dims").GroupV3("")
            .ArrayV3("a", "[2, 3]", "[2, 3]", "\"int32\"", dimensionNames: """["value", "class"]""")
            .ArrayV3("b", "[2, 3]", "[2, 3]", "\"int32\"", dimensionNames: """["x", "x"]""")
            .ArrayV3("c", "[2, 3]", "[2, 3]", "\"int32\"", dimensionNames: """["x", null]""");
        var usage = """
            namespace Demo;
            public static class Use
            {
                public static string Run(Zarr.Stores.ZarrStore store)
                {
                    var d = Dims.Create(store);
                    d.A[valueDimension: 1, @class: 2] = 7;
                    d.B[1, 2] = 8;
                    d.C[1, 2] = 9;
                    return System.FormattableString.Invariant($"{d.A[1, 2]} {d.B[1, ..][2]} {d.C[.., 2][1]}");
                }
            }
            """;
        var result = GeneratorHarness.Run(usage, store);
        result.AssertCompiles();
        Assert.Equal("7 8 9", result.Load().GetType("Demo.Use")!.GetMethod("Run")!.Invoke(null, [new Zarr.Stores.MemoryStore()]));
        // Only the array whose names are usable gets a class of its own.
        var source = Assert.Single(result.Sources).SourceText.ToString();
        Assert.Contains("public sealed class AArray : global::Zarr.ZarrArray2D<int>", source);
        Assert.DoesNotContain("BArray", source);
        Assert.DoesNotContain("CArray", source);
    }
}
