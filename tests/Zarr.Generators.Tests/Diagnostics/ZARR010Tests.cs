using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests.Diagnostics;

/// <summary>ZARR010: a ZarrFormat other than 2 or 3, or a nested group class of another format than its parent's.</summary>
public class ZARR010Tests
{
    [Fact]
    public Task UnknownFormatIsReportedOnTheClass() => new ZarrGeneratorTest
    {
        TestCode = """
            using Zarr;
            [ZarrGroup(ZarrFormat = 4)]
            public partial class {|ZARR010:Root|}
            {
                [ZarrArray(Shape = [4])]
                public partial ZarrArray1D<int> Values { get; }
            }
            """,
    }.RunAsync();

    [Fact]
    public void ANestedGroupOfAnotherFormatIsReportedOnItsProperty() => Assert.Equal(
        "[ZarrGroup] class 'Root': its group property 'Child' is of class 'Leaf', of zarr format 2, but 'Root' is of format 3; give both the same ZarrFormat",
        GeneratorHarness.SingleDiagnostic("""
            using Zarr;
            [ZarrGroup(ZarrFormat = 3)]
            public partial class Root
            {
                public partial Leaf Child { get; }
            }

            [ZarrGroup]
            public partial class Leaf
            {
                [ZarrArray(Shape = [4])]
                public partial ZarrArray1D<int> Values { get; }
            }
            """, "ZARR010"));
}
