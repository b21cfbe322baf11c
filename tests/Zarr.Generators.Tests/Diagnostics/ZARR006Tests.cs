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

    [Theory]
    [InlineData("Shape = [3], DimensionNames = [\"x\"]", "ValuesArray",
        "the generated accessor ValuesArray takes its element type from DType; set DType (for example \"float32\")")]
    [InlineData("Shape = [3], DType = \"[[\\\"a\\\", \\\"<i4\\\"]]\", DimensionNames = [\"x\"]", "ValuesArray",
        "a structured DType needs a struct of your own: declare the property as ZarrArray1D<YourStruct>")]
    [InlineData("Shape = [3, 2], DType = \"int8\", DimensionNames = [\"x\"]", "ValuesArray", "DimensionNames has 1 name(s) but Shape has 2 dimension(s)")]
    [InlineData("Shape = [3], DType = \"[[\\\"a\\\", \\\"<i4\\\", [2]]]\"", "ZarrArray1D<byte[]>", "zarr v3 struct fields cannot have a shape, but field 'a' of DType has one")]
    public void V3ArgumentsAreChecked(string arguments, string type, string reason) => Assert.Equal(
        "The [ZarrArray] attribute of 'Values' is invalid: " + reason,
        GeneratorHarness.SingleDiagnostic(GeneratorHarness.OneArraySchema(arguments, type, zarrFormat: 3), "ZARR006"));
}
