using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests.Diagnostics;

/// <summary>ZARR008: Shards or DimensionNames on an array of a class that is not of zarr format 3.</summary>
public class ZARR008Tests
{
    [Theory]
    [InlineData("Shards = [2]", "Shards")]
    [InlineData("DimensionNames = [\"x\"]", "DimensionNames")]
    [InlineData("Shards = [2], DimensionNames = [\"x\"]", "Shards and DimensionNames")]
    public void AV3OptionNeedsFormat3(string arguments, string named) => Assert.Equal(
        "The [ZarrArray] property 'Values' sets " + named + ", which only zarr format 3 stores; mark its class [ZarrGroup(ZarrFormat = 3)]",
        GeneratorHarness.SingleDiagnostic(GeneratorHarness.OneArraySchema("Shape = [4], Chunks = [2], " + arguments, "ZarrArray1D<int>"), "ZARR008"));

    [Fact]
    public Task ReportedOnTheAttribute() => new ZarrGeneratorTest
    {
        TestCode = """
            using Zarr;
            [ZarrGroup(ZarrFormat = 2)]
            public partial class Root
            {
                [{|ZARR008:ZarrArray(Shape = [4], Chunks = [2], Shards = [4])|}]
                public partial ZarrArray1D<int> Values { get; }
            }
            """,
    }.RunAsync();

    [Fact]
    public void Format3AcceptsBoth() => GeneratorHarness.Run(
        GeneratorHarness.OneArraySchema("Shape = [4], Chunks = [2], Shards = [4], DimensionNames = [\"x\"]", "ZarrArray1D<int>", zarrFormat: 3)).AssertCompiles();
}
