using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests.Diagnostics;

/// <summary>ZARR006: an invalid [ZarrArray] attribute (missing Shape, unsupported DType, bad JSON, no default dtype).</summary>
public class ZARR006Tests
{
    [Theory]
    [InlineData("Chunks = [3]", "ZarrArray1D<int>")]
    [InlineData("Shape = [3], DType = \"<f16\"", "ZarrArray1D<int>")]
    [InlineData("Shape = [3], Compressor = \"{not json\"", "ZarrArray1D<int>")]
    [InlineData("Shape = [3], FillValue = \"[1,\"", "ZarrArray1D<double>")]
    [InlineData("Shape = [3], Order = \"X\"", "ZarrArray1D<int>")]
    [InlineData("Shape = [3]", "ZarrArray1D<Zarr.DataTypes.DateTime64>")]
    public Task InvalidAttributeIsReported(string arguments, string type) => new ZarrGeneratorTest
    {
        TestCode = $$"""
            using Zarr;
            [ZarrGroup]
            public partial class Root
            {
                [{|ZARR006:ZarrArray({{arguments}})|}]
                public partial {{type}} Values { get; }
            }
            """,
    }.RunAsync();
}
