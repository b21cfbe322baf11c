using Zarr.DataTypes;

namespace Zarr.Runtime.Tests.Indexing;

/// <summary>NDArray.ToString(dtype): NumPy's repr for byte strings, text, datetimes and object arrays (expected strings printed by NumPy 1.24).</summary>
public sealed class DTypeReprTests
{
    [Fact]
    public void ByteStringsPrintAsPythonBytesWithTheDtype()
    {
        var a = NDArray<byte[]>.From([[0x61], [0x62, 0x00, 0x63], [0xFF, 0x0A], "it's"u8.ToArray()], 2, 2);
        Assert.Equal("array([[b'a', b'b\\x00c'],\n       [b'\\xff\\n', b\"it's\"]], dtype='|S4')", a.ToString(ZarrDType.Parse("|S4")));
    }

    [Fact]
    public void TextIsQuotedAsPythonDoesAndNotPadded()
    {
        var a = (NDArray<string>)new[] { "a", "bbb", "it's", "x\ty" };
        Assert.Equal("array(['a', 'bbb', \"it's\", 'x\\ty'], dtype='<U4')", a.ToString(ZarrDType.Parse("<U4")));
        Assert.Equal("array(['a', 'bbb', \"it's\", 'x\\ty'], dtype=object)", a.ToString(ZarrDType.Object));
        Assert.Equal("array('x', dtype='<U3')", NDArray<string>.Scalar("x").ToString(ZarrDType.Parse("<U3")));
    }

    [Fact]
    public void DatetimesPrintInTheirUnit()
    {
        Assert.Equal("array([       'NaT', '2020-01-01', '1969-12-31'], dtype='datetime64[D]')",
            ((NDArray<DateTime64>)new[] { DateTime64.NaT, new DateTime64(18262), new DateTime64(-1) }).ToString(ZarrDType.Parse("<M8[D]")));
        Assert.Equal("array(['2020-01-01T01:02:03.500'], dtype='datetime64[10ms]')",
            ((NDArray<DateTime64>)new[] { new DateTime64(157784052350) }).ToString(ZarrDType.Parse("<M8[10ms]")));
        Assert.Equal("array(['1969-12-31T23:59:59.999999999'], dtype='datetime64[ns]')",
            ((NDArray<DateTime64>)new[] { new DateTime64(-1) }).ToString(ZarrDType.Parse("<M8[ns]")));
        Assert.Equal("array(['2020', '2020'], dtype='datetime64[Y]')",
            ((NDArray<DateTime64>)new[] { new DateTime64(50), new DateTime64(50) }).ToString(ZarrDType.Parse("<M8[Y]")));
    }

    [Fact]
    public void VlenArrayItemsPrintAsNestedArrays()
    {
        var a = (NDArray<int[]>)new[] { new[] { 1, 2 }, new[] { 3 } };
        Assert.Equal("array([array([1, 2], dtype=int32), array([3], dtype=int32)], dtype=object)", a.ToString(ZarrDType.Object));
        Assert.Equal("array([array([1.5, 2. ]), None], dtype=object)", ((NDArray<double[]>)new[] { new[] { 1.5, 2 }, null! }).ToString(ZarrDType.Object));
    }

    [Fact]
    public void PythonScalarsPrintAsPythonReprs()
    {
        var a = (NDArray<object>)new object[] { "a", 1L, null!, 1.5, true, "it's" };
        Assert.Equal("array(['a', 1, None, 1.5, True, \"it's\"], dtype=object)", a.ToString(ZarrDType.Object));
    }

    [Fact]
    public void TimedeltasPrintAsPaddedCounts()
    {
        Assert.Equal("array([      1,   'NaT', 1234567], dtype='timedelta64[s]')",
            ((NDArray<TimeDelta64>)new[] { new TimeDelta64(1), TimeDelta64.NaT, new TimeDelta64(1234567) }).ToString(ZarrDType.Parse("<m8[s]")));
    }

    [Fact]
    public void NumbersPrintAsWithoutADtype()
    {
        var a = NDArray<int>.From([1, -2, 30], 3);
        Assert.Equal(a.ToString(), a.ToString(ZarrDType.Int32));
        Assert.Equal("array([ 1, -2, 30], dtype=int32)", a.ToString(ZarrDType.Int32));
    }
}
