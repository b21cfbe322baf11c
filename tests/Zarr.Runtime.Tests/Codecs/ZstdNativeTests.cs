using Zarr.Codecs;
using Zarr.Internal;

namespace Zarr.Runtime.Tests.Codecs;

public class ZstdNativeTests
{
    private static byte[] Sample()
    {
        var rng = new Random(5);
        var data = new byte[300_001];
        for (var i = 0; i < data.Length; i++) data[i] = (byte)(i % 251 < 100 ? i % 7 : rng.Next(256));
        return data;
    }

    [Fact]
    public void NativeLibzstdIsFoundOnThisMachine() => Assert.True(NativeZstd.IsAvailable, "libzstd.so.1 should be present (Debian's libzstd1)");

    [Theory]
    [InlineData(CodecBackend.Native, CodecBackend.Managed)]
    [InlineData(CodecBackend.Managed, CodecBackend.Native)]
    [InlineData(CodecBackend.Native, CodecBackend.Native)]
    [InlineData(CodecBackend.Managed, CodecBackend.Managed)]
    public void NativeAndManagedPathsReadEachOther(CodecBackend encodeWith, CodecBackend decodeWith)
    {
        var data = Sample();
        var encoder = new ZstdCodec(3, checksum: true, encodeWith);
        var codec = new ZstdCodec(3, checksum: true, decodeWith);
        using var encoded = new PooledBufferWriter();
        encoder.Encode(data, 1, encoded);
        var back = new byte[data.Length];
        Assert.Equal(data.Length, codec.DecodeInto(encoded.WrittenSpan, back));
        Assert.Equal(data, back);
        using var streamed = new PooledBufferWriter();
        codec.Decode(encoded.WrittenSpan, streamed);
        Assert.Equal(data, streamed.WrittenSpan.ToArray());
        var corrupt = encoded.WrittenSpan.ToArray();
        corrupt[^2] ^= 0xFF;
        Assert.Throws<ZarrCodecException>(() => codec.DecodeInto(corrupt, back));
        Assert.Throws<ZarrCodecException>(() => codec.DecodeInto(encoded.WrittenSpan, new byte[data.Length - 1]));
    }
}
