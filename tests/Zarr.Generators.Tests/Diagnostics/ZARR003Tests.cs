using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests.Diagnostics;

/// <summary>ZARR003: the property's type contradicts its [ZarrArray] attribute (rank or element type).</summary>
public class ZARR003Tests
{
    [Fact]
    public Task RankOfTypeDiffersFromShape() => new ZarrGeneratorTest
    {
        TestCode = """
            using Zarr;
            [ZarrGroup]
            public partial class Root
            {
                [ZarrArray(Shape = [3, 4])]
                public partial ZarrArray1D<int> {|ZARR003:Values|} { get; }
            }
            """,
    }.RunAsync();

    [Fact]
    public Task ElementTypeDiffersFromDType() => new ZarrGeneratorTest
    {
        TestCode = """
            using Zarr;
            [ZarrGroup]
            public partial class Root
            {
                [ZarrArray(Shape = [3], DType = "<f8")]
                public partial ZarrArray1D<int> {|ZARR003:Values|} { get; }
            }
            """,
    }.RunAsync();

    [Fact]
    public Task TypeThatIsNoArrayAccessor() => new ZarrGeneratorTest
    {
        TestCode = """
            using Zarr;
            [ZarrGroup]
            public partial class Root
            {
                [ZarrArray(Shape = [3])]
                public partial int[] {|ZARR003:Values|} { get; }
            }
            """,
    }.RunAsync();
}
