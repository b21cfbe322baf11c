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

public class ModeTests
{
    [Fact]
    public void GroupModesFollowZarrPython()
    {
        var store = new MemoryStore();
        Assert.Throws<ZarrNodeException>(() => ZarrGroup.Open(store, "r"));
        Assert.Throws<ZarrNodeException>(() => ZarrGroup.Open(store, "r+"));
        var g = ZarrGroup.Open(store, "a");
        g.CreateGroup("x");
        Assert.True(ZarrGroup.Open(store, "a").Contains("x"));
        Assert.Throws<ZarrNodeException>(() => ZarrGroup.Open(store, "w-"));
        Assert.False(ZarrGroup.Open(store, "w").Contains("x"));
        var ro = ZarrGroup.Open(store, "r");
        Assert.True(ro.ReadOnly);
        Assert.Throws<ZarrReadOnlyException>(() => ro.CreateGroup("y"));
        Assert.Throws<ArgumentException>(() => ZarrGroup.Open(store, "q"));
    }

    [Fact]
    public void ArrayModesFollowZarrPython()
    {
        var store = new MemoryStore();
        Assert.Throws<ZarrNodeException>(() => ZarrArray.Open(store, "r"));
        var a = ZarrArray.Open<int>(store, "a", [4], [2], new ArrayOptions { Compressor = null });
        a[..] = 3;
        Assert.Equal(3, ZarrArray.Open<int>(store, "a", [4]).GetValue(0));
        Assert.Throws<ZarrNodeException>(() => ZarrArray.Open<int>(store, "w-", [4]));
        Assert.Equal(0, ZarrArray.Open<int>(store, "w", [4], [2]).GetValue(0));
        Assert.IsType<ZarrArray>(ZarrNode.Open(store, "r"));
        var empty = new MemoryStore();
        Assert.IsType<ZarrGroup>(ZarrNode.Open(empty, "a"));
        Assert.Throws<ZarrNodeException>(() => ZarrNode.Open(new MemoryStore(), "r"));
    }

    [Fact]
    public void OverwriteAndRequireSemantics()
    {
        var root = ZarrGroup.Create(new MemoryStore());
        var a = root.CreateDataset<int>("a", [4], [2]);
        Assert.Throws<ZarrNodeException>(() => root.CreateDataset<int>("a", [4], [2]));
        Assert.Throws<ZarrNodeException>(() => root.CreateGroup("a"));
        Assert.IsType<ZarrGroup>(root.CreateGroup("a", overwrite: true));
        var r = root.RequireDataset<int>("b", [5], [5]);
        Assert.Same(typeof(ZarrArray<int>), root.RequireDataset<int>("b", [5]).GetType());
        Assert.Throws<ZarrNodeException>(() => root.RequireDataset<int>("b", [6]));
        Assert.Throws<ZarrNodeException>(() => root.RequireDataset<double>("b", [5]));
        Assert.Throws<ZarrNodeException>(() => root.RequireGroup("b"));
        Assert.Equal(new[] { "a", "b" }, root.Keys());
        Assert.Equal(new[] { "b" }, root.ArrayKeys());
        Assert.Equal(new[] { "a" }, root.GroupKeys());
        Assert.Throws<KeyNotFoundException>(() => root["nope"]);
        _ = a;
        _ = r;
    }

    [Fact]
    public void AttributesPersistInZarrPythonFormat()
    {
        var store = new MemoryStore();
        var g = ZarrGroup.Create(store);
        g.Attrs["b"] = 1;
        g.Attrs.Update([new("a", "x"), new("nan", double.NaN)]);
        Assert.Equal("{\n    \"a\": \"x\",\n    \"b\": 1,\n    \"nan\": NaN\n}", System.Text.Encoding.ASCII.GetString(store.Get(".zattrs")!));
        Assert.True(double.IsNaN(ZarrGroup.Open(store, "r").Attrs["nan"]!.GetValue<double>()));
        Assert.True(g.Attrs.Remove("b"));
        Assert.Equal(new[] { "a", "nan" }, g.Attrs.Keys);
    }

    [Fact]
    public void ImplicitParentGroupsAreCreated()
    {
        var store = new MemoryStore();
        ZarrArray.Zeros<int>([2], null, null, store, "x/y/z");
        Assert.True(store.Contains(".zgroup"));
        Assert.True(store.Contains("x/.zgroup"));
        Assert.True(store.Contains("x/y/.zgroup"));
        Assert.Equal("/\n └── x\n     └── y\n         └── z (2,) int32", ZarrGroup.Open(store, "r").Tree());
        Assert.Equal("/\n +-- x\n     +-- y\n         +-- z (2,) int32", ZarrGroup.Open(store, "r").Tree(ascii: true));
        Assert.Equal("/\n └── x", ZarrGroup.Open(store, "r").Tree(level: 1));
    }
}

public class InfoNumberTests
{
    [Theory]
    [InlineData(800000, "800000 (781.2K)")]
    [InlineData(400000000, "400000000 (381.5M)")]
    [InlineData(80000, "80000 (78.1K)")]
    [InlineData(1025, "1025 (1.0K)")]
    [InlineData(1024, "1024")]
    [InlineData(1741, "1741 (1.7K)")]
    public void SizesPrintAsZarrPythonPrintsThem(long n, string expected) => Assert.Equal(expected, InfoReport.Bytes(n));

    [Theory]
    [InlineData(781.25, "781.2")]
    [InlineData(781.35, "781.4")]
    [InlineData(0.15, "0.1")]
    [InlineData(0.25, "0.2")]
    [InlineData(2.5, "2.5")]
    [InlineData(121.80267965895249, "121.8")]
    public void FixedOneDigitRoundsLikePython(double v, string expected) => Assert.Equal(expected, InfoReport.OneDecimal(v));
}
