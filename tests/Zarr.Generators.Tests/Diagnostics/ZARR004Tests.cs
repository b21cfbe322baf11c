using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests.Diagnostics;

/// <summary>ZARR004: Shape and Chunks of a [ZarrArray] have different ranks.</summary>
public class ZARR004Tests
{
    [Fact]
    public Task DifferentRanksAreReportedOnTheAttribute() => new ZarrGeneratorTest
    {
        TestCode = """
            using Zarr;
            [ZarrGroup]
            public partial class Root
            {
                [{|ZARR004:ZarrArray(Shape = [3, 4], Chunks = [3])|}]
                public partial ZarrArray2D<int> Values { get; }
            }
            """,
    }.RunAsync();
}
