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

    [Theory]
    [InlineData("Zstd", "'Zstd' is not a codec id; codec ids are lower case: 'zstd'")]
    [InlineData("snappy", "'snappy' is not a codec Zarr.Typed knows (compressors: adler32, ")]
    [InlineData("zstd:level=3", "'zstd:level=3' is the zarr tool's spelling; write a codec id or its JSON configuration: {\"id\": \"zstd\", \"level\": 3}")]
    [InlineData("{\\\"id\\\": \\\"Zlib\\\"}", "'Zlib' is not a codec id; codec ids are lower case: 'zlib'")]
    [InlineData("vlen-utf8", "'vlen-utf8' is an object codec, not a compressor")]
    public void CompressorIsCheckedAtCompileTime(string compressor, string reason) => Assert.Contains("is invalid: Compressor " + reason,
        GeneratorHarness.SingleDiagnostic(GeneratorHarness.OneArraySchema($"Shape = [3], Compressor = \"{compressor}\"", "ZarrArray1D<int>"), "ZARR006"));

    [Theory]
    [InlineData("zstd")]
    [InlineData("none")]
    [InlineData("{\\\"id\\\": \\\"blosc\\\", \\\"cname\\\": \\\"zstd\\\"}")]
    [InlineData("crc32")]
    public void KnownCompressorsPass(string compressor) =>
        GeneratorHarness.Run(GeneratorHarness.OneArraySchema($"Shape = [3], Compressor = \"{compressor}\"", "ZarrArray1D<int>")).AssertCompiles();
}
