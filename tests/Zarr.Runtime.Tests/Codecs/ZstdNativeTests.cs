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

    [Theory]
    [InlineData(CodecBackend.Native)]
    [InlineData(CodecBackend.Managed)]
    public void FramesTheFormatAllowsDecodeAndOnesItForbidsAreRefused(CodecBackend backend)
    {
        var data = Sample();
        var codec = new ZstdCodec(3, checksum: true, backend);
        using var one = new PooledBufferWriter();
        codec.Encode(data, 1, one);
        var frame = one.WrittenSpan.ToArray();
        // A frame without its content size (a streaming writer's), a skippable frame, then a second frame.
        var unsized = new MemoryStream();
        using (var z = new ZstdSharp.CompressionStream(unsized, 3)) z.Write(data);
        byte[] skippable = [0x5E, 0x2A, 0x4D, 0x18, 2, 0, 0, 0, 0xAB, 0xCD];
        foreach (var (input, expected) in new[] { (unsized.ToArray(), data), ([.. frame, .. skippable, .. frame], [.. data, .. data]) })
        {
            var back = new byte[expected.Length];
            Assert.Equal(expected.Length, codec.DecodeInto(input, back));
            Assert.Equal(expected, back);
            using var streamed = new PooledBufferWriter();
            codec.Decode(input, streamed);
            Assert.Equal(expected, streamed.WrittenSpan.ToArray());
        }
        var reserved = (byte[])frame.Clone();
        reserved[4] |= 0x08;
        var trailing = (byte[])[.. frame, 0];
        foreach (var bad in new[] { reserved, trailing, [] })
        {
            Assert.Throws<ZarrCodecException>(() => codec.DecodeInto(bad, new byte[data.Length]));
            using var w = new PooledBufferWriter();
            Assert.Throws<ZarrCodecException>(() => codec.Decode(bad, w));
        }
    }
}
