using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests.Diagnostics;

/// <summary>ZARR104: a codec id the runtime cannot decode (compressor or filter).</summary>
public class ZARR104Tests
{
    [Fact]
    public Task UnknownCompressorIsReportedAtItsId()
    {
        var store = new StoreFixture("/repo/x.zarr", "Demo.X").Group("").Array("a", "[4]", "[4]", "\"<i4\"", compressor: "{\"id\": \"snappy\"}");
        return new ZarrGeneratorTest().WithStore(store).Expect("ZARR104", store.PathOf("a/.zarray"), 3, 26, "a", "snappy").RunAsync();
    }

    [Fact]
    public Task UnknownFilterIsReported()
    {
        var store = new StoreFixture("/repo/x.zarr", "Demo.X").Group("")
            .Array("a", "[4]", "[4]", "\"<i4\"", filters: "[{\"id\": \"delta\", \"dtype\": \"<i4\"}, {\"id\": \"snappy\"}]");
        return new ZarrGeneratorTest().WithStore(store).Expect("ZARR104", store.PathOf("a/.zarray"), 6, 57, "a", "snappy").RunAsync();
    }

    [Fact]
    public Task UnknownV3CodecIsReportedAtItsName()
    {
        var store = new StoreFixture("/repo/x.zarr", "Demo.X").GroupV3("")
            .ArrayV3("a", "[4]", "[4]", "\"int32\"", compressors: """[{"name": "snappy"}]""");
        return new ZarrGeneratorTest().WithStore(store).Expect("ZARR104", store.PathOf("a/zarr.json"), 7, 83, "a", "snappy").RunAsync();
    }

    [Fact]
    public Task UnknownV3CodecInsideAShardIsReported()
    {
        var store = new StoreFixture("/repo/x.zarr", "Demo.X").GroupV3("")
            .ArrayV3("a", "[4]", "[2]", "\"int32\"", shards: "[4]", compressors: """[{"name": "numcodecs.snappy"}]""");
        return new ZarrGeneratorTest().WithStore(store).Expect("ZARR104", store.PathOf("a/zarr.json"), 7, 161, "a", "numcodecs.snappy").RunAsync();
    }
}
