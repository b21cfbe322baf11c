using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests;

/// <summary>Misuse of a generated accessor's rank or element type fails to compile, with the compiler error a user would see.</summary>
public class NegativeCompileTests
{
    [Theory]
    [InlineData("var x = w.Stations.Coordinates[0, 1, 2];", "CS1501")]            // three indices on a rank-2 array
    [InlineData("var x = w.Temperature[0, 1];", "CS1501")]                        // two indices on a rank-3 array
    [InlineData("w.Stations.Coordinates[.., ..] = new float[50, 2];", "CS0029")]  // float[,] into a double array
    [InlineData("w.Temperature[0, .., ..] = new double[18, 36];", "CS0029")]     // double[,] into a float array
    [InlineData("float[] x = w.Temperature[0, .., ..];", "CS0029")]              // a rank-2 result is not a rank-1 array
    [InlineData("double[,] x = w.Temperature[0, .., ..];", "CS0029")]            // float elements are not double
    [InlineData("int x = w.Temperature[0, 1, 2];", "CS0266")]                    // float does not narrow to int
    [InlineData("w.Stations.Count.Value = 1.5;", "CS0266")]                       // int array, double value
    [InlineData("w.Labels[0] = 3;", "CS0029")]                                    // string array, int value
    [InlineData("w.Stations.Coordinates.Write(new double[50]);", "CS1503")]       // whole-array write needs double[,]
    [InlineData("var x = w.Temperature.GetOrthogonalSelection(.., ..);", "CS1501")] // orthogonal selection needs 3 axes (and no overload takes 2 arguments)
    [InlineData("var x = w.Stations.Coordinates[new[] { 0.5 }, 0];", "CS1503")]  // no double[] selections
    [InlineData("var x = w.Stations.Coordinates.GetMaskSelection(new bool[50]);", "CS1503")] // a rank-2 array needs a bool[,] mask
    [InlineData("var x = w.Temperature.GetCoordinateSelection(new long[] { 1 }, new long[] { 2 });", "CS7036")] // one index array per dimension
    [InlineData("int[] x = w.Temperature.GetCoordinateSelection(new long[] { 1 }, new long[] { 2 }, new long[] { 3 });", "CS0029")] // float points
    [InlineData("var x = w.Temperature.GetBlockSelection(0, 0);", "CS7036")]     // one block selector per dimension
    public void MisuseDoesNotCompile(string statement, string expectedId) =>
        AssertFirstError(GeneratorHarness.Run([Inputs.SchemaFirst, Misuse("Weather w", statement)]), "/src/File1.cs", expectedId);

    /// <summary>A class whose one method, taking <paramref name="parameter"/>, runs <paramref name="statement"/>.</summary>
    private static string Misuse(string parameter, string statement) => $$"""
        using Zarr;
        namespace Demo;
        public static class Misuse
        {
            public static void Run({{parameter}})
            {
                {{statement}}
            }
        }
        """;

    /// <summary>The generator reported nothing, and the first compiler error in <paramref name="file"/> is <paramref name="expectedId"/>.</summary>
    private static void AssertFirstError(GeneratorHarness.Result result, string file, string expectedId)
    {
        Assert.Empty(result.GeneratorDiagnostics);
        var errors = result.CompileDiagnostics.Where(d => d.Location.SourceTree?.FilePath == file).ToList();
        Assert.True(errors.Count > 0, "Expected " + expectedId + ", but the statement compiled.");
        Assert.Equal(expectedId, errors[0].Id);
    }

    [Fact]
    public void TheSameStatementsCompileWhenRankAndTypeAgree()
    {
        var usage = """
            using Zarr;
            namespace Demo;
            public static class Use
            {
                public static void Run(Weather w)
                {
                    double d = w.Stations.Coordinates[0, 1];
                    w.Stations.Coordinates[.., ..] = new double[50, 2];
                    w.Temperature[0, .., ..] = new float[18, 36];
                    float[,] plane = w.Temperature[0, .., ..];
                    float f = w.Temperature[0, 1, 2];
                    w.Stations.Count.Value = 1;
                    w.Labels[0] = "x";
                    w.Stations.Coordinates.Write(new double[50, 2]);
                    var o = w.Temperature.GetOrthogonalSelection(.., .., ..);
                    double[] m = w.Stations.Coordinates.GetMaskSelection(new bool[50, 2]);
                    float[] p = w.Temperature.GetCoordinateSelection(new long[] { 1 }, new long[] { 2 }, new long[] { 3 });
                    float[,,] b = w.Temperature.GetBlockSelection(0, 0, 1..3);
                }
            }
            """;
        GeneratorHarness.Run([Inputs.SchemaFirst, usage]).AssertCompiles();
    }

    [Theory]
    [InlineData("var x = o.Sst[time: 0, lat: .., lom: 3];", "CS1739")]          // a misspelt dimension
    [InlineData("var x = o.Sst[Time: 0, lat: .., lon: 3];", "CS1739")]          // parameter names are camelCase
    [InlineData("var x = o.Sst[time: 0, lat: ..];", "CS1501")]                  // a dimension left out
    [InlineData("float x = o.Sst[time: 0, lat: .., lon: 3];", "CS0029")]        // a selection of rank 1 is float[]
    [InlineData("var x = o.Odd[sea_level: 0, @class: 1];", "CS1739")]           // the stored name is not the parameter name
    [InlineData("var x = o.Buoys.Time[buoy: 0];", "CS1739")]                    // a user-declared ZarrArray1D<T> keeps positional names
    public void AMisspeltDimensionDoesNotCompile(string statement, string expectedId) =>
        AssertFirstError(GeneratorHarness.Run([Inputs.SchemaFirstV3, Misuse("Ocean o", statement)]), "/src/File1.cs", expectedId);

    [Theory]
    [InlineData("var x = sea.Sst[time: 0, lat: 0, lom: 0];", "CS1739")]
    [InlineData("var x = sea.Depth[lat: 1, 2];", "CS1739")]                      // a null dimension name: positional indexers only
    public void AMisspeltDimensionOfAV3StoreDoesNotCompile(string statement, string expectedId) =>
        AssertFirstError(GeneratorHarness.Run(Misuse("Demo.Data.Sea sea", statement), Inputs.MetadataFirstV3()), "/src/File0.cs", expectedId);

    [Fact]
    public void NamedAndPositionalIndexingCompileWhenTheNamesAgree()
    {
        var usage = """
            using Zarr;
            namespace Demo;
            public static class Use
            {
                public static void Run(Ocean o, Demo.Data.Sea sea)
                {
                    float[] a = o.Sst[time: 0, lat: .., lon: 3];
                    float[] b = o.Sst[0, .., 3];
                    float[] c = o.Sst[0, lat: .., lon: 3];
                    float[,] d = o.Sst[lon: .., time: 1, lat: (0..6).Step(2)];
                    long e = o.Odd[seaLevel: 0, @class: 1];
                    var f = o.Buoys.Time[0];
                    float g = sea.Sst[time: 1, lat: 2, lon: 3];
                    double h = sea.Depth[1, 2];
                    string i = sea.Stations.Name[station: 0];
                }
            }
            """;
        GeneratorHarness.Run([Inputs.SchemaFirstV3, usage], Inputs.MetadataFirstV3()).AssertCompiles();
    }
}
