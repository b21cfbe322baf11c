using System.Buffers.Binary;
using Zarr.Codecs;
using Zarr.Internal;

namespace Zarr.Runtime.Tests.Blosc;

/// <summary>Inputs, reference implementations written straight from the format description, and helpers.</summary>
internal static class BloscTestData
{
    public static readonly string[] Cnames = ["blosclz", "lz4", "lz4hc", "snappy", "zlib", "zstd"];
    public static readonly BloscShuffle[] Shuffles = [BloscShuffle.NoShuffle, BloscShuffle.Shuffle, BloscShuffle.BitShuffle];

    /// <summary>
    /// Typical array data: a smooth random walk of <paramref name="typeSize"/>-byte little-endian
    /// integers with a little noise, so shuffling helps and every codec compresses it.
    /// </summary>
    public static byte[] Smooth(int length, int typeSize, int seed)
    {
        var rng = new Random(seed);
        var data = new byte[length];
        long value = rng.Next(1000);
        Span<byte> item = stackalloc byte[8];
        for (var i = 0; i < length; i += typeSize)
        {
            value += rng.Next(-3, 4);
            BinaryPrimitives.WriteInt64LittleEndian(item, value);
            for (var b = 0; b < typeSize && i + b < length; b++) data[i + b] = b < 8 ? item[b] : (byte)(b * 7);
        }
        return data;
    }

    public static byte[] Random(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    public static byte[] Encode(BloscCodec codec, ReadOnlySpan<byte> input, int itemSize)
    {
        using var w = new PooledBufferWriter(input.Length + 64);
        codec.Encode(input, itemSize, w);
        return w.WrittenSpan.ToArray();
    }

    public static byte[] Decode(BloscCodec codec, ReadOnlySpan<byte> frame)
    {
        using var w = new PooledBufferWriter(64);
        codec.Decode(frame, w);
        return w.WrittenSpan.ToArray();
    }

    /// <summary>Byte shuffle as c-blosc's shuffle-generic.c does it: byte b of item i goes to b·n + i; the tail stays.</summary>
    public static byte[] ReferenceShuffle(byte[] input, int typeSize)
    {
        var n = input.Length / typeSize;
        var output = (byte[])input.Clone();
        for (var i = 0; i < n; i++)
            for (var b = 0; b < typeSize; b++)
                output[b * n + i] = input[i * typeSize + b];
        return output;
    }

    /// <summary>
    /// Bit shuffle as c-blosc's bitshuffle-generic.c does it: bit k of byte b of item i becomes bit (i mod 8) of
    /// byte (8b + k)·n/8 + i/8; only when n is a multiple of 8 (else a copy); the tail stays.
    /// </summary>
    public static byte[] ReferenceBitShuffle(byte[] input, int typeSize)
    {
        var n = input.Length / typeSize;
        var output = (byte[])input.Clone();
        if (n % 8 != 0) return output;
        Array.Clear(output, 0, n * typeSize);
        for (var i = 0; i < n; i++)
            for (var b = 0; b < typeSize; b++)
                for (var k = 0; k < 8; k++)
                {
                    var bit = (input[i * typeSize + b] >> k) & 1;
                    output[(8 * b + k) * (n / 8) + i / 8] |= (byte)(bit << (i % 8));
                }
        return output;
    }
}
