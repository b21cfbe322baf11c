using Zarr.Codecs;
using Zarr.Stores;

namespace Zarr.Runtime.Tests.Hierarchy;

public class QuickstartTests
{
    [Fact]
    public void ArangeSquaredRoundTrips()
    {
        var data = Enumerable.Range(0, 10).Select(i => (long)i * i).ToArray();
        var z = ZarrArray.FromArray<long>(data);
        Assert.Equal(data, z.Read().Data);
        Assert.Equal("array([ 0,  1,  4,  9, 16, 25, 36, 49, 64, 81])", z[..].ToString());
    }

    [Fact]
    public void TwoDimensionalBasicSelection()
    {
        var z = ZarrArray.FromArray(NDArray<long>.From(Enumerable.Range(0, 15).Select(i => (long)i).ToArray(), 3, 5), chunks: [2, 2]);
        Assert.Equal(1, z.GetValue(0, 1));
        Assert.Equal(13, z.GetValue(2, 3));
        Assert.Equal(14, z.GetValue(-1, -1));
        Assert.Equal(new long[] { 5, 6, 7, 8, 9 }, z[1].Data);
        Assert.Equal(new long[] { 1, 6, 11 }, z[.., 1].Data);
        Assert.Equal(new long[] { 0, 2, 4, 10, 12, 14 }, z[Selector.Slice(null, null, 2), Selector.Slice(null, null, 2)].Data);
        Assert.Equal(new long[] { 13, 14 }, z[^1, 3..].Data);
        Assert.Equal("array([[ 0,  1,  2,  3,  4],\n       [ 5,  6,  7,  8,  9],\n       [10, 11, 12, 13, 14]])", z[..].ToString());
    }

    [Fact]
    public void PartialWritesKeepOtherData()
    {
        var z = ZarrArray.Zeros<int>([10, 10], [3, 3], new ArrayOptions { Compressor = new ZlibCodec(1) });
        z[2..5, 2..5] = NDArray<int>.Full(7, 3, 3);
        z.SetValue([9, 9], 5);
        var all = z.Read();
        Assert.Equal(7, all[3, 3]);
        Assert.Equal(0, all[1, 1]);
        Assert.Equal(5, all[9, 9]);
        Assert.Equal(9 + 1, all.Data.Count(v => v != 0));
    }

    [Fact]
    public void GroupTreeAndInfo()
    {
        var root = ZarrGroup.Create(new MemoryStore());
        var foo = root.CreateGroup("foo");
        var bar = foo.CreateGroup("bar");
        bar.Zeros<int>("baz", [10000, 10000], [1000, 1000]);
        root.CreateGroup("a");
        Assert.Equal("/\n ├── a\n └── foo\n     └── bar\n         └── baz (10000, 10000) int32", root.Tree());
        Assert.Equal(
            "Name        : /foo\nType        : zarr.hierarchy.Group\nRead-only   : False\nStore type  : zarr.storage.MemoryStore\nNo. members : 1\nNo. arrays  : 0\nNo. groups  : 1\nGroups      : bar\n",
            foo.Info);
        Assert.IsType<ZarrArray>(root["foo/bar/baz"]);
    }
}
