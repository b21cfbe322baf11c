using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests.Diagnostics;

/// <summary>ZARR009: Shards that are not positive multiples of the chunks, or of another rank than Shape.</summary>
public class ZARR009Tests
{
    private static string Schema(string arguments) => GeneratorHarness.OneArraySchema(arguments, "ZarrArray2D<int>", zarrFormat: 3);

    [Theory]
    [InlineData("Shape = [100, 100], Chunks = [10, 10], Shards = [50, 15]",
        "Array 'Values': shard dimension 1 (15) is not a positive multiple of the chunk dimension (10): Shards (50, 15), Chunks (10, 10)")]
    [InlineData("Shape = [100, 100], Chunks = [10, 10], Shards = [0, 10]",
        "Array 'Values': shard dimension 0 (0) is not a positive multiple of the chunk dimension (10): Shards (0, 10), Chunks (10, 10)")]
    [InlineData("Shape = [100, 100], Chunks = [10, 10], Shards = [50]", "Array 'Values': Shards has 1 dimension(s) but Shape has 2")]
    public void ShardsAreCheckedAgainstTheChunks(string arguments, string message) =>
        Assert.Equal(message, GeneratorHarness.SingleDiagnostic(Schema(arguments), "ZARR009"));

    [Fact]
    public Task ReportedOnTheAttribute() => new ZarrGeneratorTest
    {
        TestCode = """
            using Zarr;
            [ZarrGroup(ZarrFormat = 3)]
            public partial class Root
            {
                [{|ZARR009:ZarrArray(Shape = [10], Chunks = [4], Shards = [6])|}]
                public partial ZarrArray1D<int> Values { get; }
            }
            """,
    }.RunAsync();

    [Fact]
    public void MultiplesOfTheChunksPass() => GeneratorHarness.Run(Schema("Shape = [100, 100], Chunks = [10, 10], Shards = [50, 100]")).AssertCompiles();
}
