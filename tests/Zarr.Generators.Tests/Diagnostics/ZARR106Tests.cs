using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests.Diagnostics;

/// <summary>ZARR106: ZarrRoot is set but ZarrClass is missing or not a C# type name.</summary>
public class ZARR106Tests
{
    [Theory]
    [InlineData("")]
    [InlineData("My App.Root")]
    [InlineData("Demo.class")]
    public Task InvalidClassNameIsReported(string className)
    {
        var store = new StoreFixture("/repo/x.zarr", className).Group("");
        return new ZarrGeneratorTest().WithStore(store).Expect("ZARR106", store.PathOf(".zgroup"), 1, 1, store.PathOf(".zgroup"), className).RunAsync();
    }
}
