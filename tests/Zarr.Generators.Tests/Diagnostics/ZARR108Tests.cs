using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests.Diagnostics;

/// <summary>ZARR108: two roots name the same ZarrClass; the first root (in ordinal order) is generated.</summary>
public class ZARR108Tests
{
    [Fact]
    public Task SecondRootIsReported()
    {
        var a = new StoreFixture("/repo/a.zarr", "Demo.Store").Group("");
        var b = new StoreFixture("/repo/b.zarr", "Demo.Store").Group("");
        return new ZarrGeneratorTest().WithStore(a).WithStore(b)
            .Expect("ZARR108", b.PathOf(".zgroup"), 1, 1, "Demo.Store", "/repo/a.zarr", "/repo/b.zarr")
            .RunAsync();
    }
}
