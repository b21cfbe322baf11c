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

    [Theory]
    [InlineData("public struct Point { public float X; public float Y; }", "[[\\\"x\\\", \\\"<f4\\\"], [\\\"y\\\", \\\"<f4\\\"], [\\\"z\\\", \\\"<f4\\\"]]",
        "has 12 bytes per element, but Point is 8 bytes")]
    [InlineData("public struct Point { public byte Tag; public int Value; }", "[[\\\"tag\\\", \\\"|u1\\\"], [\\\"value\\\", \\\"<i4\\\"]]",
        "has 5 bytes per element, but Point is 8 bytes (padding counts")]
    [InlineData("public struct Point { public long Id; public string Name; }", "|V16", "holds blittable structs of 16 bytes, but Point.Name (string) is a reference")]
    public void StructOfTheWrongSizeIsReported(string declaration, string dtype, string reason) =>
        Assert.Contains(reason, GeneratorHarness.SingleDiagnostic(GeneratorHarness.OneArraySchema($"Shape = [3], DType = \"{dtype}\"", "ZarrArray1D<Point>", declaration), "ZARR003"));

    [Fact]
    public void StructOfTheRightSizeRoundTrips()
    {
        var result = GeneratorHarness.Run("""
            using System.Runtime.InteropServices;
            using Zarr;
            namespace Demo;
            public struct Point { public float X; public float Y; }
            [StructLayout(LayoutKind.Explicit, Size = 5)]
            public struct Tagged { [FieldOffset(0)] public byte Tag; [FieldOffset(1)] public int Value; }
            [ZarrGroup]
            public partial class Root
            {
                [ZarrArray(Shape = [3], DType = "[[\"x\", \"<f4\"], [\"y\", \"<f4\"]]")]
                public partial ZarrArray1D<Point> Points { get; }

                [ZarrArray(Shape = [2], DType = "[[\"tag\", \"|u1\"], [\"value\", \"<i4\"]]")]
                public partial ZarrArray1D<Tagged> Tags { get; }
            }
            public static class Use
            {
                public static string Run()
                {
                    var root = Root.Create(new Zarr.Stores.MemoryStore());
                    root.Points[1] = new Point { X = 1.5f, Y = -2 };
                    root.Tags[1] = new Tagged { Tag = 7, Value = 300 };
                    return System.FormattableString.Invariant($"{root.Points[1].X} {root.Points[1].Y} {root.Tags[1].Tag} {root.Tags[1].Value}");
                }
            }
            """);
        result.AssertCompiles();
        Assert.Equal("1.5 -2 7 300", result.Load().GetType("Demo.Use")!.GetMethod("Run")!.Invoke(null, null));
    }

    [Fact]
    public void TheGeneratedAccessorNeedsDimensionNames() => Assert.Contains(
        "ValuesArray is generated only for an array with DimensionNames; declare the property as ZarrArray1D<T>, or set DimensionNames",
        GeneratorHarness.SingleDiagnostic(GeneratorHarness.OneArraySchema("Shape = [3], DType = \"int32\"", "ValuesArray", zarrFormat: 3), "ZARR003"));

    [Fact]
    public void AnUnknownTypeNamesTheGeneratedAccessor() => Assert.Contains(
        "(or ZarrArray<T>, or ValuesArray, generated for an array with DimensionNames), not Other",
        GeneratorHarness.SingleDiagnostic(GeneratorHarness.OneArraySchema("Shape = [3]", "Other"), "ZARR003"));
}
