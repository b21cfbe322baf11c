using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests.Diagnostics;

/// <summary>ZARR101: malformed JSON, reported at the line and column of the problem in the metadata file.</summary>
public class ZARR101Tests
{
    [Fact]
    public Task TrailingCommaIsReportedWhereItIs()
    {
        var store = new StoreFixture("/repo/bad.zarr", "Demo.Bad").Group("").Add("a/.zarray", "{\n    \"zarr_format\": 2,\n    \"shape\": [10],,\n}");
        return new ZarrGeneratorTest()
            .WithStore(store)
            .Expect("ZARR101", store.PathOf("a/.zarray"), 3, 19, store.PathOf("a/.zarray"), "expected a member name in double quotes at line 3, column 19")
            .RunAsync();
    }

    [Fact]
    public Task UnterminatedDocumentIsReportedAtTheEnd()
    {
        var store = new StoreFixture("/repo/bad.zarr", "Demo.Bad").Add(".zgroup", "{\"zarr_format\": 2");
        return new ZarrGeneratorTest()
            .WithStore(store)
            .Expect("ZARR101", store.PathOf(".zgroup"), 1, 18, store.PathOf(".zgroup"), "expected ',' or '}' in an object at line 1, column 18")
            .RunAsync();
    }

    [Fact]
    public Task BareNaNInAttributesIsAccepted()
    {
        var store = new StoreFixture("/repo/ok.zarr", "Demo.Ok").Group("", attrs: "{\"missing\": NaN, \"big\": -Infinity}");
        return new ZarrGeneratorTest().WithStore(store).RunAsync();
    }
}
