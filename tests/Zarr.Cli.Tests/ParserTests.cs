using Zarr.Cli.Copying;

namespace Zarr.Cli.Tests;

/// <summary>The tool's small parsers, in process.</summary>
public sealed class ParserTests
{
    [Theory]
    [InlineData("", "...")]
    [InlineData("0:3,::2", "0:3|::2")]
    [InlineData("-1", "-1")]
    [InlineData(" 1 , 2 ", "1|2")]
    [InlineData("...,-2", "...|-2")]
    [InlineData("[1:, :-1]", "1:|:-1")]
    [InlineData("5,", "5")]
    [InlineData("::3", "::3")]
    public void SelectionsParseNumpyStyle(string text, string expected)
    {
        var parsed = SelectionParser.Parse(text);
        Assert.Equal(expected, string.Join("|", parsed.Select(s => s.ToString())));
    }

    [Fact]
    public void SelectionsSelectWhatNumpySelects()
    {
        var z = ZarrArray.Create<int>([10, 20], [4, 7], new ArrayOptions { Compressor = null });
        z.Set([Selector.Ellipsis], NDArray<int>.From(Enumerable.Range(0, 200).ToArray(), 10, 20));
        Assert.Equal([0, 2, 4, 20, 22, 24], z.Get(SelectionParser.Parse("0:2,0:5:2")).Data);
        Assert.Equal([199], z.Get(SelectionParser.Parse("-1,-1")).Data);
        Assert.Equal([180, 181], z.Get(SelectionParser.Parse("-1,:2")).Data);
        Assert.Equal([19, 39], z.Get(SelectionParser.Parse("...,-1")).Data[..2]);
        Assert.Equal([3, 3], z.Get(SelectionParser.Parse("7:,2:5")).Shape);
    }

    [Theory]
    [InlineData(null, 200)]
    [InlineData("0:3,::2", 30)]
    [InlineData("-1", 20)]
    [InlineData("...,-1", 10)]
    [InlineData("1,...,2", 1)]
    [InlineData("2:-3:3,5", 2)]
    [InlineData("8:2", 0)]
    [InlineData("-100:100,19:", 10)]
    public void SelectionCountsMatchWhatIsRead(string? text, long expected)
    {
        var z = ZarrArray.Create<int>([10, 20], [4, 7], new ArrayOptions { Compressor = null });
        Assert.Equal(expected, SelectionParser.Count(text, z.Shape));
        Assert.Equal(expected, z.Get(SelectionParser.Parse(text)).Length);
    }

    [Fact]
    public void SelectionsWithTooManyIndicesHaveNoCount() => Assert.Null(SelectionParser.Count("1,2,3", [10, 20]));

    [Theory]
    [InlineData("100", new long[] { 1000, 50 }, new[] { 100, 100 })]
    [InlineData("100,-1", new long[] { 1000, 50 }, new[] { 100, 50 })]
    [InlineData("7", new long[] { 1000, 50, 3 }, new[] { 7, 7, 7 })]
    [InlineData("(5, 6)", new long[] { 1000, 50, 3 }, new[] { 5, 6, 3 })]
    [InlineData("-1", new long[] { 0 }, new[] { 1 })]
    [InlineData("10", new long[0], new int[0])]
    public void ChunkSpecsFollowNormalizeChunks(string text, long[] shape, int[] expected) =>
        Assert.Equal(expected, ChunkSpec.Parse(text).For(shape, "/a"));

    [Theory]
    [InlineData("none", null)]
    [InlineData("NONE", null)]
    [InlineData("zlib", "{\"id\":\"zlib\",\"level\":1}")]
    [InlineData("zlib:level=5", "{\"id\":\"zlib\",\"level\":5}")]
    [InlineData(" gzip : level = 9 ", "{\"id\":\"gzip\",\"level\":9}")]
    [InlineData("zstd:level=3", "{\"id\":\"zstd\",\"level\":3}")]
    [InlineData("lz4:acceleration=2", "{\"id\":\"lz4\",\"acceleration\":2}")]
    [InlineData("blosc:cname=zstd,clevel=3,shuffle=2", "{\"id\":\"blosc\",\"cname\":\"zstd\",\"clevel\":3,\"shuffle\":2,\"blocksize\":0}")]
    [InlineData("blosc", "{\"id\":\"blosc\",\"cname\":\"lz4\",\"clevel\":5,\"shuffle\":1,\"blocksize\":0}")]
    public void CompressorSpecsBecomeTheCodecConfig(string spec, string? json) =>
        Assert.Equal(json, CompressorSpec.Parse(spec)?.ToJsonString());

    [Fact]
    public void StoreLocationsSplitAtTheStoreRoot()
    {
        var s = Samples.Shared;
        Assert.Equal(new StoreLocation(s.DirPath, "foo/bar/baz", false), StoreLocation.Parse(s.DirPath + "/foo/bar/baz"));
        Assert.Equal(new StoreLocation(s.DirPath, "", false), StoreLocation.Parse(s.DirPath + "/"));
        Assert.Equal(new StoreLocation(s.ZipPath, "foo/bar", true), StoreLocation.Parse(s.ZipPath + "/foo/bar"));
        Assert.Equal(new StoreLocation(s.DirPath, "new/thing", false), StoreLocation.Parse(s.DirPath + "/new/thing", forWriting: true));
        var fresh = Path.Combine(s.Root, "fresh-" + Guid.NewGuid().ToString("N"), "out.zarr");
        Assert.Equal(new StoreLocation(fresh, "", false), StoreLocation.Parse(fresh, forWriting: true));
        Assert.Equal(new StoreLocation(fresh.Replace("out.zarr", "out.zip"), "a/b", true), StoreLocation.Parse(fresh.Replace("out.zarr", "out.zip") + "/a/b", forWriting: true));
        Assert.Throws<CliException>(() => StoreLocation.Parse(fresh));
    }
}
