using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests.Diagnostics;

/// <summary>ZARR002: a [ZarrArray] property must be a partial, get-only property.</summary>
public class ZARR002Tests
{
    [Fact]
    public Task NonPartialPropertyIsReported() => new ZarrGeneratorTest
    {
        TestCode = """
            using Zarr;
            [ZarrGroup]
            public partial class Root
            {
                [ZarrArray(Shape = [3])]
                public ZarrArray1D<int> {|ZARR002:Values|} { get; } = null!;
            }
            """,
    }.RunAsync();

    [Fact]
    public Task PropertyWithSetterIsReported() => new ZarrGeneratorTest
    {
        TestCode = """
            using Zarr;
            [ZarrGroup]
            public partial class Root
            {
                [ZarrArray(Shape = [3])]
                public partial ZarrArray1D<int> {|ZARR002:Values|} { get; set; }
            }
            """,
    }.RunAsync();
}
