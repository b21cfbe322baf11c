using Zarr.Codecs;
using Zarr.Internal;

namespace Zarr.Runtime.Tests.Codecs;

public class Base64CodecTests
{
    [Theory]
    [InlineData(new byte[] { 1, 2, 3 }, "AQID")]
    [InlineData(new byte[] { 1, 2 }, "AQI=")]
    [InlineData(new byte[] { }, "")]
    public void EncodesAsNumcodecsDoes(byte[] input, string expected)
    {
        var codec = (BytesCodec)CodecRegistry.Default.Create(new() { ["id"] = "base64" }, "k");
        using var w = new PooledBufferWriter();
        codec.Encode(input, 1, w);
        Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(w.WrittenSpan));
        using var back = new PooledBufferWriter();
        codec.Decode(w.WrittenSpan, back);
        Assert.Equal(input, back.WrittenSpan.ToArray());
        Assert.Equal("Base64()", codec.ToString());
    }

    [Theory]
    [InlineData("AQI")]
    [InlineData("A*ID")]
    public void BadTextIsACodecError(string text)
    {
        using var w = new PooledBufferWriter();
        var e = Assert.Throws<ZarrCodecException>(() => new Base64Codec().Decode(System.Text.Encoding.ASCII.GetBytes(text), w));
        Assert.Equal("base64", e.CodecId);
    }
}
