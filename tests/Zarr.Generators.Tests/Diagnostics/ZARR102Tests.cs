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
        return new ZarrGeneratorTest().WithStore(store).Expect("ZARR102", store.PathOf(".zgroup"), 2, 18, ".zgroup", "zarr_format 3 is not supported; this generator reads format 2").RunAsync();
    }

    [Fact]
    public Task NegativeShapeIsReportedAtTheElement()
    {
        var store = new StoreFixture("/repo/bad.zarr", "Demo.Bad").Group("")
            .Array("a", "[4, -1]", "[2, 2]", "\"<i4\"");
        return new ZarrGeneratorTest().WithStore(store).Expect("ZARR102", store.PathOf("a/.zarray"), 8, 18, "a/.zarray", "'shape' must hold non-negative integers").RunAsync();
    }
}
