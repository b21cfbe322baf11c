using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests.Diagnostics;

/// <summary>ZARR102: a metadata document that is valid JSON but not valid Zarr v2 metadata.</summary>
public class ZARR102Tests
{
    [Fact]
    public Task MissingDTypeIsReported()
    {
        var store = new StoreFixture("/repo/bad.zarr", "Demo.Bad").Group("")
            .Add("a/.zarray", "{\"zarr_format\": 2, \"shape\": [4], \"chunks\": [2]}");
        return new ZarrGeneratorTest().WithStore(store).Expect("ZARR102", store.PathOf("a/.zarray"), 1, 1, "a/.zarray", "'dtype' is missing").RunAsync();
    }

    [Fact]
    public Task WrongFormatVersionIsReportedAtTheValue()
    {
        var store = new StoreFixture("/repo/bad.zarr", "Demo.Bad").Add(".zgroup", "{\n  \"zarr_format\": 3\n}");
        return new ZarrGeneratorTest().WithStore(store).Expect("ZARR102", store.PathOf(".zgroup"), 2, 18, ".zgroup", "zarr_format 3 is not supported here; a .zgroup, .zarray or .zmetadata is format 2 (zarr v3 metadata is in zarr.json)").RunAsync();
    }

    [Fact]
    public Task NegativeShapeIsReportedAtTheElement()
    {
        var store = new StoreFixture("/repo/bad.zarr", "Demo.Bad").Group("")
            .Array("a", "[4, -1]", "[2, 2]", "\"<i4\"");
        return new ZarrGeneratorTest().WithStore(store).Expect("ZARR102", store.PathOf("a/.zarray"), 8, 18, "a/.zarray", "'shape' must hold non-negative integers").RunAsync();
    }

    [Theory]
    [InlineData("{\"zarr_format\": 2, \"node_type\": \"group\"}", "a zarr.json must say \"zarr_format\": 3")]
    [InlineData("{\"zarr_format\": 3, \"node_type\": \"folder\"}", "'node_type' must be \"array\" or \"group\"")]
    [InlineData("{\"zarr_format\": 3, \"node_type\": \"array\", \"shape\": [4], \"data_type\": \"int8\", \"chunk_grid\": {\"name\": \"rectilinear\"}}",
        "the chunk grid 'rectilinear' is not supported; Zarr.Typed reads 'regular'")]
    public void InvalidV3DocumentsAreReported(string document, string message)
    {
        var store = new StoreFixture("/repo/bad.zarr", "Demo.Bad").GroupV3("").Add("a/zarr.json", document);
        var d = Assert.Single(GeneratorHarness.Run("", store).GeneratorDiagnostics);
        Assert.Equal("ZARR102", d.Id);
        Assert.Equal("'a/zarr.json': " + message, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public Task DimensionNamesOfTheWrongLengthAreReported()
    {
        var store = new StoreFixture("/repo/bad.zarr", "Demo.Bad").GroupV3("").ArrayV3("a", "[4, 4]", "[2, 2]", "\"int8\"", dimensionNames: "[\"x\"]");
        return new ZarrGeneratorTest().WithStore(store)
            .Expect("ZARR102", store.PathOf("a/zarr.json"), 9, 24, "a/zarr.json", "'dimension_names' must be a list of one string or null per dimension").RunAsync();
    }
}
