using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests.Diagnostics;

/// <summary>
/// ZARR105: two keys of one group give the same identifier; the later one gets a suffix. Keys named like
/// generated members never clash: they get their kind as a suffix, without a diagnostic.
/// </summary>
public class ZARR105Tests
{
    [Fact]
    public Task CollisionIsReportedOnTheSecondKey()
    {
        var store = new StoreFixture("/repo/x.zarr", "Demo.X").Group("")
            .Array("foo-bar", "[4]", "[4]", "\"<i4\"")
            .Array("foo_bar", "[4]", "[4]", "\"<i4\"");
        return new ZarrGeneratorTest().WithStore(store)
            .Expect("ZARR105", store.PathOf("foo_bar/.zarray"), 1, 1, "foo-bar", "foo_bar", "/", "FooBar", "FooBar_2")
            .RunAsync();
    }

    [Fact]
    public Task GroupAndArrayCollideToo()
    {
        var store = new StoreFixture("/repo/x.zarr", "Demo.X").Group("")
            .Group("Data")
            .Array("data", "[4]", "[4]", "\"<i4\"");
        return new ZarrGeneratorTest().WithStore(store)
            .Expect("ZARR105", store.PathOf("data/.zarray"), 1, 1, "Data", "data", "/", "Data", "Data_2")
            .RunAsync();
    }

    [Fact]
    public Task TwoAttributesArePointedAtInTheirZattrs()
    {
        var store = new StoreFixture("/repo/x.zarr", "Demo.X").Group("")
            .Array("sst", "[4]", "[4]", "\"<f4\"", attrs: "{\n    \"_FillValue\": 1,\n    \"fill_value\": 2\n}");
        return new ZarrGeneratorTest().WithStore(store)
            .Expect("ZARR105", store.PathOf("sst/.zattrs"), 3, 19, "_FillValue", "fill_value", "/sst", "FillValueAttribute", "FillValueAttribute_2")
            .RunAsync();
    }

    [Fact]
    public Task KeysNamedLikeGeneratedMembersAreNotReported()
    {
        var store = new StoreFixture("/repo/x.zarr", "Demo.Wind").Group("", attrs: "{\"open\": 1, \"title\": \"t\"}")
            .Array("wind", "[4]", "[4]", "\"<i4\"")
            .Array("open", "[4]", "[4]", "\"<i4\"")
            .Array("title", "[4]", "[4]", "\"<i4\"")
            .Group("group");
        return new ZarrGeneratorTest().WithStore(store).RunAsync();
    }

    [Fact]
    public void DimensionNamesThatGiveOneParameterNameAreReported()
    {
        var store = new StoreFixture("/repo/x.zarr", "Demo.X").GroupV3("")
            .ArrayV3("a", "[2, 2]", "[2, 2]", "\"int8\"", dimensionNames: """["sea-level", "sea_level"]""");
        var d = Assert.Single(GeneratorHarness.Run("", store).GeneratorDiagnostics);
        Assert.Equal("ZARR105", d.Id);
        Assert.Equal("The keys 'sea-level' and 'sea_level' in '/a dimension_names' both give the identifier 'seaLevel'; 'sea_level' is generated as 'seaLevel_2'",
            d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
