using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests.Diagnostics;

/// <summary>ZARR103: shape and chunks of a .zarray have different ranks.</summary>
public class ZARR103Tests
{
    [Fact]
    public Task ReportedAtTheChunksField()
    {
        var store = new StoreFixture("/repo/bad.zarr", "Demo.Bad").Group("").Array("grid", "[10, 10]", "[5]", "\"<f8\"");
        return new ZarrGeneratorTest().WithStore(store)
            .Expect("ZARR103", store.PathOf("grid/.zarray"), 2, 15, "grid", "2", "1")
            .RunAsync();
    }

    [Fact]
    public Task V3ChunkShapeIsReported()
    {
        var store = new StoreFixture("/repo/bad.zarr", "Demo.Bad").GroupV3("").ArrayV3("grid", "[10, 10]", "[5]", "\"float64\"");
        return new ZarrGeneratorTest().WithStore(store)
            .Expect("ZARR103", store.PathOf("grid/zarr.json"), 4, 72, "grid", "2", "1")
            .RunAsync();
    }
}
