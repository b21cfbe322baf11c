using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests.Diagnostics;

/// <summary>ZARR005: a partial property of a group whose type is not a [ZarrGroup] class.</summary>
public class ZARR005Tests
{
    [Fact]
    public Task NestedClassWithoutAttributeIsReported() => new ZarrGeneratorTest
    {
        TestCode = """
            using Zarr;
            public partial class Child { }

            [ZarrGroup]
            public partial class Root
            {
                public partial Child {|ZARR005:Nested|} { get; }
            }
            """,
    }.RunAsync();

    [Fact]
    public Task NestedGroupClassIsAccepted() => new ZarrGeneratorTest
    {
        TestCode = """
            using Zarr;
            [ZarrGroup]
            public partial class Child { }

            [ZarrGroup]
            public partial class Root
            {
                public partial Child Nested { get; }
            }
            """,
    }.RunAsync();
}
