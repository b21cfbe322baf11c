using System.Globalization;
using Zarr.Runtime.Tests.Interop;

namespace Zarr.Runtime.Tests.Indexing;

/// <summary>
/// Float and bool columns print as NumPy's FloatingFormat and BoolFormat do (the record fields of issue
/// 21 go through them): scientific mode for magnitudes ≥ 1e8, &lt; 1e-4 or a ratio over 1000, common
/// mantissa precision and exponent width, and " True" beside "False" (or beside another " True").
/// </summary>
public class NumpyFloatReprTests
{
    private static readonly double[][] Columns =
    [
        [1.5, 0, -3.25], [0.1, 0.2, 0.30000000000000004], [1e20, 1e-7], [0, 0.5, 1e-5, 3, 4], [0.001, 100],
        [0.001, 1], [1e8, 1], [99999999, 1], [0.123456789, 2], [1.0 / 3, 2.0 / 3], [double.NaN, 1, double.NegativeInfinity],
        [double.NaN], [double.PositiveInfinity, 1e-9], [-0.0, 0.0], [12345678.9], [1.25e-5, -2.5e10, double.NaN],
        [123456789012345680, 1], [5e-324, 1], [3.14159, -2.71828, 1e3], [1e-4, 1e-1],
    ];

    [SkippableFact]
    public void FloatColumnsPrintAsNumpy()
    {
        static string Py(double d) => double.IsNaN(d) ? "float('nan')" : double.IsInfinity(d) ? (d > 0 ? "float('inf')" : "float('-inf')") : "float('" + d.ToString("R", CultureInfo.InvariantCulture) + "')";
        var script = "import numpy as np\n" + string.Join("\n", Columns.SelectMany(c => new[] { "f8", "f4", "f2" }.Select(t =>
            $"print(repr(np.array([{string.Join(", ", c.Select(Py))}], dtype='{t}')))\nprint('----')")));
        var expected = Python.Run(script).Split("----\n");
        var k = 0;
        foreach (var c in Columns)
        {
            Assert.Equal(expected[k++].TrimEnd('\n'), NDArray<double>.From(c, c.Length).ToString());
            Assert.Equal(expected[k++].TrimEnd('\n'), NDArray<float>.From(c.Select(x => (float)x).ToArray(), c.Length).ToString());
            Assert.Equal(expected[k++].TrimEnd('\n'), NDArray<Half>.From(c.Select(x => (Half)x).ToArray(), c.Length).ToString());
        }
    }

    [Fact]
    public void BoolsPrintAsNumpy()
    {
        Assert.Equal("array([ True,  True])", NDArray<bool>.From([true, true], 2).ToString());
        Assert.Equal("array([ True, False])", NDArray<bool>.From([true, false], 2).ToString());
        Assert.Equal("array(True)", NDArray<bool>.Scalar(true).ToString());
    }
}
