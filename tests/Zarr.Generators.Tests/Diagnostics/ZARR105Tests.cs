using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests.Diagnostics;

/// <summary>ZARR105: two keys of one group sanitise to the same identifier; the later one gets a suffix.</summary>
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
    public Task KeyNamedLikeTheClassIsReported()
    {
        var store = new StoreFixture("/repo/x.zarr", "Demo.Wind").Group("").Array("wind", "[4]", "[4]", "\"<i4\"");
        return new ZarrGeneratorTest().WithStore(store)
            .Expect("ZARR105", store.PathOf("wind/.zarray"), 1, 1, "(the class name or a generated member)", "wind", "/", "Wind", "Wind_2")
            .RunAsync();
    }
}
