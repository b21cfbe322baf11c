using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests.Diagnostics;

/// <summary>ZARR201: a dtype with no C# element type; the accessor falls back to an untyped ZarrArray.</summary>
public class ZARR201Tests
{
    [Fact]
    public Task UnknownTypestrIsReportedAtTheDType()
    {
        var store = new StoreFixture("/repo/x.zarr", "Demo.X").Group("").Array("a", "[4]", "[4]", "\"<f16\"");
        return new ZarrGeneratorTest().WithStore(store).Expect("ZARR201", store.PathOf("a/.zarray"), 4, 14, "a", "<f16", "'<f16' has an item size NumPy does not define for its kind").RunAsync();
    }

    [Fact]
    public Task ObjectArrayWithoutATypedCodecIsReported()
    {
        var store = new StoreFixture("/repo/x.zarr", "Demo.X").Group("")
            .Array("a", "[4]", "[4]", "\"|O\"", filters: "[{\"id\": \"json2\"}]");
        return new ZarrGeneratorTest().WithStore(store).Expect("ZARR201", store.PathOf("a/.zarray"), 4, 14, "a", "|O", "objects encoded with 'json2' have no C# element type (vlen-utf8 and vlen-bytes do)")
            .RunAsync(); // json2 itself is a known codec id (the runtime reads it as string or object elements)
    }

    [Fact]
    public Task UnknownV3DataTypeIsReportedAtTheDataType()
    {
        var store = new StoreFixture("/repo/x.zarr", "Demo.X").GroupV3("").ArrayV3("a", "[4]", "[4]", "\"bfloat16\"");
        return new ZarrGeneratorTest().WithStore(store).Expect("ZARR201", store.PathOf("a/zarr.json"), 3, 18, "a", "bfloat16", "'bfloat16' is not a zarr v3 data type Zarr.Typed reads").RunAsync();
    }
}
