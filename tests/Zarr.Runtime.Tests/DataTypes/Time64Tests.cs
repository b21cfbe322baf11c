using Zarr.DataTypes;
using Zarr.Runtime.Tests.Interop;
using Zarr.Stores;

namespace Zarr.Runtime.Tests.DataTypes;

/// <summary>
/// datetime64 and timedelta64 values carry their array's unit (issue 21): they print as NumPy prints
/// its scalars and convert without the unit being named again.
/// </summary>
public class Time64Tests
{
    private static ZarrArray<DateTime64> Dates(string dtype, params long[] counts)
    {
        var z = ZarrArray.Create<DateTime64>([counts.Length], null, new ArrayOptions { DType = dtype });
        z[..] = counts.Select(c => new DateTime64(c)).ToArray();
        return z;
    }

    [Fact]
    public void ValuesReadFromAnArrayPrintAsNumpyAndConvertWithoutTheUnit()
    {
        var z = Dates("<M8[ms]", 1_577_836_800_500, long.MinValue);
        var first = z[0].Data[0];
        Assert.Equal("ms", first.Unit);
        Assert.Equal("2020-01-01T00:00:00.500", first.ToString());
        Assert.Equal("NaT", z[1].Data[0].ToString());
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, 500, DateTimeKind.Utc), first.ToDateTime());
        Assert.Equal(first.ToDateTime(), first.ToDateTime("ms"));
        Assert.Equal("array(['2020-01-01T00:00:00.500',                     'NaT'],\n      dtype='datetime64[ms]')", z[..].ToString());
    }

    [Fact]
    public void ValuesInAnotherUnitAreConvertedOnWriteAsNumpyCasts()
    {
        var z = Dates("<M8[s]", 0, 0, 0);
        z[0] = new DateTime64(1_500, "ms");
        z[1] = new DateTime64(-1, "ms");          // floor: 1969-12-31T23:59:59
        z[2] = DateTime64.FromDateTime(new DateTime(2021, 3, 1, 0, 0, 0, DateTimeKind.Utc), "D");
        Assert.Equal(new long[] { 1, -1, 1_614_556_800 }, z[..].Data.Select(d => d.Value));
        Assert.Equal("2021-03-01T00:00:00", z[2].Data[0].ToString());
        Assert.Equal(new DateTime64(2021 - 1970, "Y"), z[2].Data[0].ToUnit("Y"));
        Assert.Equal(new DateTime64(12, "M"), new DateTime64(1, "Y").ToUnit("M"));
        Assert.Equal(new DateTime64(-1, "M"), new DateTime64(-1, "D").ToUnit("M"));
        Assert.Throws<OverflowException>(() => new DateTime64(long.MaxValue / 2, "s").ToUnit("ns"));
    }

    [Fact]
    public void TimeDeltasPrintAsNumpy()
    {
        var z = ZarrArray.Create<TimeDelta64>([3], null, new ArrayOptions { DType = "<m8[10ms]" });
        z[..] = new[] { new TimeDelta64(5), TimeDelta64.NaT, new TimeDelta64(2, "s") };
        var v = z[..].Data;
        Assert.Equal("50 milliseconds", v[0].ToString());
        Assert.Equal("NaT", v[1].ToString());
        Assert.Equal(200, v[2].Value);
        Assert.Equal(TimeSpan.FromMilliseconds(50), v[0].ToTimeSpan());
        Assert.Throws<InvalidCastException>(() => new TimeDelta64(1, "Y").ToUnit("D"));
        Assert.Equal(new TimeDelta64(24, "M"), new TimeDelta64(2, "Y").ToUnit("M"));
    }

    [Fact]
    public void AValueWithoutAUnitSaysSo()
    {
        Assert.Equal("5 (no unit)", new DateTime64(5).ToString());
        Assert.Throws<InvalidOperationException>(() => new DateTime64(5).ToDateTime());
        Assert.NotEqual(new DateTime64(5), new DateTime64(5, "s"));
        Assert.Equal(new DateTime64(5, "s"), new DateTime64(5, "s"));
    }

    [SkippableFact]
    public void EveryUnitPrintsAsNumpyPrintsItsScalars()
    {
        var units = new[] { "Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as", "10ms", "2D", "3M" };
        var counts = new long[] { 0, 5, -1, 1_234_567, -86_401 };
        var expected = Python.Run($$"""
            import numpy as np
            for u in {{"["}}{{string.Join(", ", units.Select(u => "'" + u + "'"))}}{{"]"}}:
                for c in {{"["}}{{string.Join(", ", counts)}}{{"]"}}:
                    print(str(np.datetime64(c, u)))
                    print(str(np.timedelta64(c, u)))
            """).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var i = 0;
        foreach (var u in units)
        {
            var digits = u.TakeWhile(char.IsAsciiDigit).Count();
            var multiplier = digits == 0 ? 1 : int.Parse(u[..digits], System.Globalization.CultureInfo.InvariantCulture);
            foreach (var c in counts)
            {
                Assert.Equal(expected[i++], new DateTime64(c, u[digits..], multiplier).ToString());
                Assert.Equal(expected[i++], new TimeDelta64(c, u[digits..], multiplier).ToString());
            }
        }
    }

    [Fact]
    public void DatesRoundTripThroughAStoreWithTheirUnit()
    {
        var store = new MemoryStore();
        var z = ZarrArray.Create<DateTime64>([2], [2], new ArrayOptions { DType = ">M8[D]" }, store);
        z[..] = new[] { new DateTime64(18_262, "D"), DateTime64.NaT };
        var back = ZarrArray.Open(store, "r").As<DateTime64>()[..].Data;
        Assert.Equal(new[] { new DateTime64(18_262, "D"), new DateTime64(long.MinValue, "D") }, back);
        Assert.Equal("2020-01-01", back[0].ToString());
    }
}
