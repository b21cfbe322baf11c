using System.Text;
using Zarr.Metadata;

namespace Zarr.Runtime.Tests.Metadata;

public class ArrayMetadataTests
{
    private const string Zlib = "{\n    \"chunks\": [\n        1000,\n        1000\n    ],\n    \"compressor\": {\n        \"id\": \"zlib\",\n        \"level\": 1\n    },\n    \"dtype\": \"<i4\",\n    \"fill_value\": 0,\n    \"filters\": null,\n    \"order\": \"C\",\n    \"shape\": [\n        10000,\n        10000\n    ],\n    \"zarr_format\": 2\n}";

    [Fact]
    public void WritesExactlyWhatZarrPythonWrites()
    {
        var meta = ArrayMetadata.Parse(Encoding.ASCII.GetBytes(Zlib), ".zarray");
        Assert.Equal(Zlib, Encoding.ASCII.GetString(meta.ToBytes()));
    }

    [Theory]
    [InlineData("\"zarr_format\": 2", "\"zarr_format\": 3", "zarr_format")]
    [InlineData("\"order\": \"C\"", "\"order\": \"K\"", "order")]
    [InlineData("\"dtype\": \"<i4\"", "\"dtype\": \"<q9\"", "dtype")]
    [InlineData("        1000,\n        1000\n    ],\n    \"compressor\"", "        1000\n    ],\n    \"compressor\"", "chunks")]
    [InlineData("\"fill_value\": 0", "\"fill_value\": \"x\"", "fill_value")]
    [InlineData("\"filters\": null", "\"filters\": 5", "filters")]
    [InlineData("\"shape\": [\n        10000,", "\"shape\": [\n        -1,", "shape")]
    public void BadFieldsAreNamed(string from, string to, string field)
    {
        var bad = Zlib.Replace(from, to);
        Assert.NotEqual(Zlib, bad);
        var e = Assert.Throws<ZarrMetadataException>(() => ArrayMetadata.Parse(Encoding.ASCII.GetBytes(bad), "foo/.zarray"));
        Assert.Equal(field, e.Field);
        Assert.Equal("foo/.zarray", e.Key);
        Assert.Contains("foo/.zarray", e.Message);
    }

    [Fact]
    public void HugeChunksAreRefusedBeforeAnyAllocation()
    {
        var bad = Zlib.Replace("        1000,\n        1000\n    ],\n    \"compressor\"", "        2000000000,\n        2000000000\n    ],\n    \"compressor\"");
        var e = Assert.Throws<ZarrMetadataException>(() => ArrayMetadata.Parse(Encoding.ASCII.GetBytes(bad), ".zarray"));
        Assert.Equal("chunks", e.Field);
    }

    [Fact]
    public void UnknownCodecIdNamesIdAndArray()
    {
        var store = new Zarr.Stores.MemoryStore();
        store.Set("g/a/.zarray", Encoding.ASCII.GetBytes(Zlib.Replace("\"zlib\"", "\"nosuchcodec\"")));
        var e = Assert.Throws<ZarrCodecException>(() => ZarrArray.Open(store, "r", "g/a"));
        Assert.Equal("nosuchcodec", e.CodecId);
        Assert.Contains("g/a/.zarray", e.Message);
    }

    [Fact]
    public void GuessChunksMatchesZarrPython()
    {
        Assert.Equal(new[] { 100, 100 }, ChunkGuess.Guess([100, 100], 8));
        Assert.Equal(new[] { 250, 500 }, ChunkGuess.Guess([1000, 1000], 4));
        Assert.Equal(new[] { 625, 625 }, ChunkGuess.Guess([10000, 10000], 4));
        Assert.Equal(new[] { 313, 625 }, ChunkGuess.Guess([10000, 10000], 8));
        Assert.Equal(new[] { 62500 }, ChunkGuess.Guess([1_000_000], 8));
        Assert.Equal(new[] { 63, 125, 125 }, ChunkGuess.Guess([1000, 1000, 1000], 4));
        Assert.Equal(new[] { 1 }, ChunkGuess.Guess([0], 8));
    }
}
