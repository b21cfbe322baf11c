using System.Buffers.Binary;
using Zarr.Codecs;
using Zarr.Runtime.Tests.Interop;
using ZstdSharp;

namespace Zarr.Runtime.Tests.Blosc;

/// <summary>
/// Frames numcodecs 0.11 never writes but c-blosc 1.x must read, built here from the format
/// description (c-blosc README_HEADER.rst and blosc/blosclz.c). Each is decoded here and, as the judge, by numcodecs.
/// </summary>
public class BloscSpecVectorTests
{
    private static byte[] Header(byte flags, int typeSize, int nbytes, int blocksize, int cbytes)
    {
        var h = new byte[16];
        h[0] = 2;
        h[1] = 1;
        h[2] = flags;
        h[3] = (byte)typeSize;
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(4), nbytes);
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(8), blocksize);
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(12), cbytes);
        return h;
    }

    /// <summary>Assembles a frame from per-block lists of streams, placing the blocks in <paramref name="order"/>.</summary>
    private static byte[] Frame(byte flags, int typeSize, int nbytes, int blocksize, byte[][][] blocks, int[]? order = null)
    {
        order ??= Enumerable.Range(0, blocks.Length).ToArray();
        var body = new List<byte>();
        var starts = new int[blocks.Length];
        var tableEnd = 16 + 4 * blocks.Length;
        foreach (var j in order)
        {
            starts[j] = tableEnd + body.Count;
            foreach (var stream in blocks[j])
            {
                var size = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(size, stream.Length);
                body.AddRange(size);
                body.AddRange(stream);
            }
        }
        var frame = new byte[tableEnd + body.Count];
        Header(flags, typeSize, nbytes, blocksize, frame.Length).CopyTo(frame, 0);
        for (var j = 0; j < starts.Length; j++) BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(16 + 4 * j), starts[j]);
        body.CopyTo(frame, tableEnd);
        return frame;
    }

    /// <summary>Decodes here and in numcodecs; both must give <paramref name="expected"/>.</summary>
    private static void BothDecode(byte[] frame, byte[] expected)
    {
        Assert.Equal(expected, BloscTestData.Decode(new BloscCodec { Threads = 1 }, frame));
        Assert.Equal(expected, BloscTestData.Decode(new BloscCodec { Threads = 2, ParallelThreshold = 1 }, frame));
        var batch = new NumcodecsBatch();
        batch.AddDecodeOnly(frame);
        var result = batch.Run()[0];
        Assert.Null(result.OursError);
        Assert.Equal(expected, result.OursDecoded);
    }

    [SkippableFact]
    public void SpecDerivedBlocksStoredOutOfOrderAsMultithreadedCBloscWrites()
    {
        var input = BloscTestData.Smooth(256 * 9 + 100, 4, 1);
        var blocks = new byte[10][][];
        for (var j = 0; j < 10; j++)
        {
            var block = input.AsSpan(256 * j, Math.Min(256, input.Length - 256 * j)).ToArray();
            blocks[j] = [block];   // raw streams (csize == block size)
        }
        var frame = Frame(0x20 | 0x10, 4, input.Length, 256, blocks, [3, 9, 0, 5, 1, 8, 2, 7, 4, 6]);
        BothDecode(frame, input);
    }

    [SkippableFact]
    public void SpecDerivedLegacyFrameWithoutDontSplitSplitsOnlyWhereTheRuleAllows()
    {
        // Before the DONT_SPLIT flag existed the decoder decided alone: split when typesize ≤ 16,
        // blocksize / typesize ≥ 128 and the block is not the leftover. Here zstd, which the writer
        // never splits, is split into 2 streams in full blocks, and not in the 300-byte leftover.
        var input = BloscTestData.Smooth(1024 * 3 + 300, 2, 2);
        using var zstd = new Compressor(3);
        var blocks = new byte[4][][];
        for (var j = 0; j < 3; j++)
        {
            var block = BloscTestData.ReferenceShuffle(input.AsSpan(1024 * j, 1024).ToArray(), 2);
            blocks[j] = [zstd.Wrap(block.AsSpan(0, 512)).ToArray(), zstd.Wrap(block.AsSpan(512, 512)).ToArray()];
        }
        blocks[3] = [zstd.Wrap(BloscTestData.ReferenceShuffle(input[3072..], 2)).ToArray()];
        BothDecode(Frame(0x80 | 0x01, 2, input.Length, 1024, blocks), input);

        // And a block of 64 items with the flag clear is still one stream.
        var small = BloscTestData.Smooth(256, 4, 3);
        BothDecode(Frame(0x20, 4, 256, 256, [[small]]), small);
    }

    [SkippableFact]
    public void SpecDerivedHandAssembledBloscLZTokens()
    {
        // Tokens: literal (with the 0x20 marker), a run (distance 1), a near match whose low byte is
        // 255 (not the far escape), a long match with 255-continued length, literals up past 8 KiB,
        // a far match (16-bit distance), and the closing literal.
        var rng = new Random(11);
        var stream = new List<byte>();
        var expected = new List<byte>();
        void Literal(int count)
        {
            for (var done = 0; done < count;)
            {
                var run = Math.Min(32, count - done);
                stream.Add((byte)(run - 1));
                for (var i = 0; i < run; i++)
                {
                    var b = (byte)rng.Next(256);
                    stream.Add(b);
                    expected.Add(b);
                }
                done += run;
            }
        }
        void Match(int length, int distance)
        {
            var d = distance - 1;
            var code = length - 2;
            var far = d >= 8191;
            var high = far ? 31 : d >> 8;
            if (code < 7) stream.Add((byte)((code << 5) | high));
            else
            {
                stream.Add((byte)((7 << 5) | high));
                var rest = code - 7;
                for (; rest >= 255; rest -= 255) stream.Add(255);
                stream.Add((byte)rest);
            }
            if (far)
            {
                stream.Add(255);
                stream.Add((byte)((d - 8191) >> 8));
                stream.Add((byte)(d - 8191));
            }
            else stream.Add((byte)d);
            var from = expected.Count - distance;
            for (var i = 0; i < length; i++) expected.Add(expected[from + i]);
        }
        Literal(20);
        stream[0] |= 0x20;
        Match(5, 1);
        Literal(1100);
        Match(8, 3 * 256 + 256);     // high 3, low 255: an ordinary near distance of 1024
        Match(300, 10);              // long length: 255, 36
        Match(9 + 255, 700);         // long length: 255, 0
        Literal(8200);
        Match(600, 9000);            // far
        Match(7, 9500);              // short far
        Literal(5);
        var data = expected.ToArray();
        var frame = Frame(0x10, 1, data.Length, data.Length, [[stream.ToArray()]]);
        BothDecode(frame, data);
    }

    [SkippableFact]
    public void SpecDerivedStreamsStoredRawBesideCompressedOnes()
    {
        // A split block where one stream is stored (csize == stream size) and the others are BloscLZ.
        var input = new byte[4 * 512];
        for (var i = 0; i < 512; i++) BinaryPrimitives.WriteInt32LittleEndian(input.AsSpan(4 * i), i * 977);
        var shuffled = BloscTestData.ReferenceShuffle(input, 4);
        var streams = new byte[4][];
        for (var s = 0; s < 4; s++)
        {
            var part = shuffled.AsSpan(512 * s, 512).ToArray();
            var output = new byte[512];
            var n = s == 0 ? 0 : Zarr.Codecs.Blosc.BloscLZ.Compress(9, part, output);
            streams[s] = n == 0 ? part : output[..n];
        }
        Assert.Contains(streams, x => x.Length == 512);
        BothDecode(Frame(0x01, 4, input.Length, input.Length, [streams]), input);
    }
}
