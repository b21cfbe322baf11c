using System.Text.Json.Nodes;
using Zarr.Codecs;

namespace Zarr.Runtime.Tests.Blosc;

public class BloscConfigTests
{
    [Fact]
    public void ConfigIsWhatNumcodecsWritesWithoutTypesize()
    {
        Assert.Equal("""{"id":"blosc","cname":"lz4","clevel":5,"shuffle":1,"blocksize":0}""", BloscCodec.Default.GetConfig().ToJsonString());
        Assert.Equal("""{"id":"blosc","cname":"zstd","clevel":3,"shuffle":-1,"blocksize":4096}""",
            new BloscCodec("zstd", 3, BloscShuffle.AutoShuffle, 4096).GetConfig().ToJsonString());
    }

    [Theory]
    [InlineData(BloscShuffle.AutoShuffle, "Blosc(cname='zstd', clevel=3, shuffle=AUTOSHUFFLE, blocksize=0)")]
    [InlineData(BloscShuffle.NoShuffle, "Blosc(cname='zstd', clevel=3, shuffle=NOSHUFFLE, blocksize=0)")]
    [InlineData(BloscShuffle.Shuffle, "Blosc(cname='zstd', clevel=3, shuffle=SHUFFLE, blocksize=0)")]
    [InlineData(BloscShuffle.BitShuffle, "Blosc(cname='zstd', clevel=3, shuffle=BITSHUFFLE, blocksize=0)")]
    public void ReprIsNumcodecs(BloscShuffle shuffle, string repr) =>
        Assert.Equal(repr, new BloscCodec("zstd", 3, shuffle).ToString());

    [Fact]
    public void DefaultIsZarrPython2sCompressor()
    {
        Assert.Equal("Blosc(cname='lz4', clevel=5, shuffle=SHUFFLE, blocksize=0)", BloscCodec.Default.ToString());
        Assert.Equal("blosc", BloscCodec.Default.Id);
    }

    [Fact]
    public void TheRegistryBuildsItFromJson()
    {
        var codec = Assert.IsType<BloscCodec>(CodecRegistry.Default.Create(
            JsonNode.Parse("""{"id":"blosc","cname":"zlib","clevel":9,"shuffle":2,"blocksize":1024,"typesize":4}""")!.AsObject(), "a"));
        Assert.Equal(("zlib", 9, BloscShuffle.BitShuffle, 1024), (codec.Cname, codec.Clevel, codec.Shuffle, codec.Blocksize));
        var defaults = Assert.IsType<BloscCodec>(CodecRegistry.Default.Create(JsonNode.Parse("""{"id":"blosc"}""")!.AsObject(), "a"));
        Assert.Equal(BloscCodec.Default.ToString(), defaults.ToString());
    }

    [Theory]
    [InlineData("""{"id":"blosc","cname":"lzma"}""")]
    [InlineData("""{"id":"blosc","clevel":10}""")]
    [InlineData("""{"id":"blosc","shuffle":3}""")]
    [InlineData("""{"id":"blosc","blocksize":-1}""")]
    public void BadParametersAreCodecErrors(string json) =>
        Assert.Throws<ZarrCodecException>(() => CodecRegistry.Default.Create(JsonNode.Parse(json)!.AsObject(), "a"));
}
