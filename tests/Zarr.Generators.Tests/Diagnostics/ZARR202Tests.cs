using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests.Diagnostics;

/// <summary>ZARR202: an array of rank above the rank-typed accessors gets a ZarrArray&lt;T&gt; (information).</summary>
public class ZARR202Tests
{
    [Fact]
    public Task RankSevenIsReported()
    {
        var store = new StoreFixture("/repo/x.zarr", "Demo.X").Group("")
            .Array("big", "[2, 2, 2, 2, 2, 2, 2]", "[1, 1, 1, 1, 1, 1, 1]", "\"<i2\"");
        return new ZarrGeneratorTest().WithStore(store).Expect("ZARR202", store.PathOf("big/.zarray"), 1, 1, "big", "7", "6", "short").RunAsync();
    }
}
