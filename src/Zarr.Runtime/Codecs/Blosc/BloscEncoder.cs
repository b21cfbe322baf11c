using System.Buffers;
using System.Buffers.Binary;

namespace Zarr.Codecs.Blosc;

/// <summary>
/// Writes c-blosc 1.x frames with the block size, split and memcpy decisions c-blosc 1.21 makes
/// (c-blosc blosc/blosc.c, compute_blocksize), so headers match what numcodecs writes for the same settings. Blocks are
/// always stored in order; large buffers compress their blocks in parallel.
/// </summary>
internal static class BloscEncoder
{
    private const int L1 = 32 * 1024;

    /// <summary>The settings of one encode; <see cref="Shuffle"/> is already resolved (never auto).</summary>
    internal readonly record struct Settings(BloscCompressorKind Kind, int Clevel, BloscShuffle Shuffle, int ForcedBlocksize, int Threads, int ParallelThreshold);

    /// <summary>c-blosc's <c>compute_blocksize</c>.</summary>
    public static int ComputeBlocksize(BloscCompressorKind kind, int clevel, int typeSize, int nbytes, int forcedBlocksize)
    {
        if (nbytes < typeSize) return 1;
        var blocksize = nbytes;
        if (forcedBlocksize > 0)
        {
            blocksize = Math.Clamp(forcedBlocksize, BloscHeader.MinBufferSize, BloscHeader.MaxBlockSize);
        }
        else if (nbytes >= L1)
        {
            var hcr = kind.IsHighCompressionRatio();
            blocksize = hcr ? 2 * L1 : L1;
            blocksize = clevel switch
            {
                0 => blocksize / 4,
                1 => blocksize / 2,
                2 => blocksize,
                3 => blocksize * 2,
                4 or 5 => blocksize * 4,
                6 or 7 or 8 => blocksize * 8,
                _ => blocksize * (hcr ? 16 : 8),
            };
        }
        if (clevel > 0 && SplitsBlocks(kind, typeSize, blocksize))
        {
            // Split blocks hold typesize streams: scale up, but keep each within 64 KiB–1 MiB.
            blocksize = Math.Min(blocksize, 1 << 18) * typeSize;
            blocksize = Math.Clamp(blocksize, 1 << 16, 1 << 20);
        }
        blocksize = Math.Min(blocksize, nbytes);
        if (blocksize > typeSize) blocksize = blocksize / typeSize * typeSize;
        return blocksize;
    }

    /// <summary>c-blosc's <c>split_block</c> in its default (forward-compatible) mode.</summary>
    public static bool SplitsBlocks(BloscCompressorKind kind, int typeSize, int blocksize) =>
        kind != BloscCompressorKind.Zstd && typeSize <= BloscHeader.MaxSplits && blocksize / typeSize >= BloscHeader.MinBufferSize;

    /// <summary>Encodes <paramref name="input"/> as one frame appended to <paramref name="output"/>.</summary>
    public static void Encode(ReadOnlySpan<byte> input, int typeSize, Settings settings, IBufferWriter<byte> output)
    {
        var nbytes = input.Length;
        if (nbytes > BloscHeader.MaxBufferSize)
            throw BloscErrors.Failed($"Blosc cannot encode {nbytes} bytes: buffers are limited to {BloscHeader.MaxBufferSize} bytes");
        var blocksize = ComputeBlocksize(settings.Kind, settings.Clevel, typeSize, nbytes, settings.ForcedBlocksize);
        var flags = (byte)(settings.Kind.FormatCode() << 5);
        if (!SplitsBlocks(settings.Kind, typeSize, blocksize)) flags |= BloscHeader.FlagDontSplit;
        if (settings.Shuffle == BloscShuffle.Shuffle) flags |= BloscHeader.FlagShuffle;
        if (settings.Shuffle == BloscShuffle.BitShuffle) flags |= BloscHeader.FlagBitShuffle;

        var maxBytes = nbytes + BloscHeader.Size;
        var frame = output.GetSpan(maxBytes)[..maxBytes];
        if (settings.Clevel > 0 && nbytes >= BloscHeader.MinBufferSize)
        {
            var header = new BloscHeader(BloscHeader.CodecFormatVersion, flags, typeSize, nbytes, blocksize, 0);
            var threads = settings.Threads <= 0 ? Environment.ProcessorCount : settings.Threads;
            var parallel = threads > 1 && nbytes >= settings.ParallelThreshold && header.BlockCount > 1;
            var written = parallel
                ? CompressParallel(input, header, settings, threads, frame)
                : CompressSerial(input, header, settings, frame);
            if (written > 0)
            {
                new BloscHeader(BloscHeader.CodecFormatVersion, flags, typeSize, nbytes, blocksize, written).Write(frame);
                output.Advance(written);
                return;
            }
        }
        // Stored: too small, level 0, or the compressed frame would be larger than the input.
        flags |= BloscHeader.FlagMemcpyed;
        new BloscHeader(BloscHeader.CodecFormatVersion, flags, typeSize, nbytes, blocksize, maxBytes).Write(frame);
        input.CopyTo(frame[BloscHeader.Size..]);
        output.Advance(maxBytes);
    }

    /// <summary>Compresses every block in order into <paramref name="frame"/>; 0 when it would not fit.</summary>
    private static int CompressSerial(ReadOnlySpan<byte> input, BloscHeader header, Settings settings, Span<byte> frame)
    {
        var blocks = header.BlockCount;
        var position = BloscHeader.Size + 4 * blocks;
        var temp = ArrayPool<byte>.Shared.Rent(2 * header.BlockSize);
        try
        {
            for (var j = 0; j < blocks; j++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(frame[(BloscHeader.Size + 4 * j)..], position);
                var n = CompressBlock(input, header, settings, j, frame[position..], temp);
                if (n < 0) return 0;
                position += n;
            }
            return position;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(temp);
        }
    }

    /// <summary>Compresses the blocks on several threads, each into its own buffer, then joins them in order.</summary>
    private static unsafe int CompressParallel(ReadOnlySpan<byte> input, BloscHeader header, Settings settings, int threads, Span<byte> frame)
    {
        var blocks = header.BlockCount;
        var outputs = new byte[blocks][];
        var lengths = new int[blocks];
        var capacity = BlockCapacity(settings.Kind, header.BlockSize, header.TypeSize);
        try
        {
            fixed (byte* p = input)
            {
                var inputPointer = (nint)p;
                var inputLength = input.Length;
                BloscParallel.For(blocks, threads, 2 * header.BlockSize, (j, temp) =>
                {
                    var buffer = outputs[j] = ArrayPool<byte>.Shared.Rent(capacity);
                    lengths[j] = CompressBlock(new ReadOnlySpan<byte>((byte*)inputPointer, inputLength), header, settings, j, buffer.AsSpan(0, capacity), temp!);
                });
            }
            var position = BloscHeader.Size + 4 * blocks;
            for (var j = 0; j < blocks; j++)
            {
                if (lengths[j] < 0 || lengths[j] > frame.Length - position) return 0;
                BinaryPrimitives.WriteInt32LittleEndian(frame[(BloscHeader.Size + 4 * j)..], position);
                outputs[j].AsSpan(0, lengths[j]).CopyTo(frame[position..]);
                position += lengths[j];
            }
            return position;
        }
        finally
        {
            foreach (var buffer in outputs)
            {
                if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>The most bytes one block can take: every stream raw (or at Snappy's bound) with its size prefix.</summary>
    private static int BlockCapacity(BloscCompressorKind kind, int blocksize, int typeSize)
    {
        var streams = Math.Min(typeSize, BloscHeader.MaxSplits);
        return streams * 4 + Math.Max(blocksize, BloscInnerCodec.MaxOutput(kind, blocksize / streams) * streams);
    }

    /// <summary>
    /// Shuffles and compresses block <paramref name="index"/> into <paramref name="output"/>: per stream an
    /// int32 size, then the stream (stored raw when the codec cannot shrink it). Returns the bytes written,
    /// or −1 when they do not fit. <paramref name="temp"/> is 2 × blocksize.
    /// </summary>
    private static int CompressBlock(ReadOnlySpan<byte> input, BloscHeader header, Settings settings, int index, Span<byte> output, byte[] temp)
    {
        var blocks = header.BlockCount;
        var leftoverBlock = index == blocks - 1 && header.Leftover > 0;
        var size = leftoverBlock ? header.Leftover : header.BlockSize;
        var typeSize = header.TypeSize;
        var source = input.Slice(index * header.BlockSize, size);

        ReadOnlySpan<byte> data = source;
        if (header.ByteShuffled)
        {
            ByteShuffle.Shuffle(source, temp, typeSize);
            data = temp.AsSpan(0, size);
        }
        else if (header.BitShuffled(size))
        {
            BitShuffle.Shuffle(source, temp, typeSize, temp.AsSpan(size, size));
            data = temp.AsSpan(0, size);
        }

        // The writer splits whenever DONT_SPLIT is clear; the flag was set from this block size.
        var splits = !header.DontSplit && !leftoverBlock ? typeSize : 1;
        var streamSize = size / splits;
        var position = 0;
        for (var s = 0; s < splits; s++)
        {
            var room = output.Length - position - 4;
            if (room <= 0) return -1;
            var stream = data.Slice(s * streamSize, streamSize);
            var target = output.Slice(position + 4, Math.Min(room, BloscInnerCodec.MaxOutput(settings.Kind, streamSize)));
            var n = BloscInnerCodec.Compress(settings.Kind, settings.Clevel, stream, target);
            if (n <= 0 || n == streamSize)
            {
                if (streamSize > room) return -1;
                stream.CopyTo(output[(position + 4)..]);
                n = streamSize;
            }
            else if (n > target.Length)
            {
                return -1;
            }
            BinaryPrimitives.WriteInt32LittleEndian(output[position..], n);
            position += 4 + n;
        }
        return position;
    }
}
