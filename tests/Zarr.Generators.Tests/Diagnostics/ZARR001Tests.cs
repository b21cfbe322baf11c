using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests.Diagnostics;

/// <summary>ZARR001: a [ZarrGroup] class must be partial.</summary>
public class ZARR001Tests
{
    [Fact]
    public Task NonPartialClassIsReported() => new ZarrGeneratorTest
    {
        TestCode = """
            using Zarr;
            [ZarrGroup]
            public class {|ZARR001:Root|}
            {
            }
            """,
    }.RunAsync();

    [Fact]
    public Task NonPartialContainerIsReported() => new ZarrGeneratorTest
    {
        TestCode = """
            using Zarr;
            public class Outer
            {
                [ZarrGroup]
                public partial class {|ZARR001:Root|}
                {
                }
            }
            """,
    }.RunAsync();

    [Fact]
    public Task PartialClassIsAccepted() => new ZarrGeneratorTest
    {
        TestCode = """
            using Zarr;
            public partial class Outer
            {
                [ZarrGroup]
                public partial class Root
                {
                }
            }
            """,
    }.RunAsync();
}
