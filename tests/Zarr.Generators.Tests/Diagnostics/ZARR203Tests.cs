using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests.Diagnostics;

/// <summary>ZARR203: a structured dtype that no C# struct can mirror byte for byte is read as byte[] (information).</summary>
public class ZARR203Tests
{
    [Theory]
    [InlineData("""[["a", ">i4"]]""", "field 'a' is big-endian")]
    [InlineData("""[["a", "<i4"], ["name", "<U4"]]""", "field 'name' holds UCS-4 text")]
    public Task UnmappableStructIsReported(string dtype, string reason)
    {
        var store = new StoreFixture("/repo/x.zarr", "Demo.X").Group("").Array("rec", "[4]", "[4]", dtype, fill: "null");
        return new ZarrGeneratorTest().WithStore(store).Expect("ZARR203", store.PathOf("rec/.zarray"), 1, 1, "rec", reason).RunAsync();
    }
}
