using Zarr.Codecs;
using Zarr.Internal;

namespace Zarr.Runtime.Tests.Codecs;

internal static class CodecTestHelpers
{
    public static byte[] Encode(this BytesCodec codec, ReadOnlySpan<byte> input, int itemSize = 1)
    {
        using var w = new PooledBufferWriter();
        codec.Encode(input, itemSize, w);
        return w.WrittenSpan.ToArray();
    }

    public static byte[] Decode(this BytesCodec codec, ReadOnlySpan<byte> input)
    {
        using var w = new PooledBufferWriter();
        codec.Decode(input, w);
        return w.WrittenSpan.ToArray();
    }

    public static byte[] Bytes<T>(params T[] values) where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    public static T[] As<T>(byte[] bytes) where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(bytes).ToArray();

    /// <summary>Deterministic pseudo-random bytes with some structure (so compressors have work to do).</summary>
    public static byte[] Sample(int length, int seed = 1)
    {
        var r = new Random(seed);
        var b = new byte[length];
        for (var i = 0; i < length; i++) b[i] = (byte)(i % 7 == 0 ? r.Next(256) : (i / 13) & 0xFF);
        return b;
    }
}
