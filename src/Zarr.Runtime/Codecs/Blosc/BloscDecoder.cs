using System.Buffers;
using System.Buffers.Binary;

namespace Zarr.Codecs.Blosc;

/// <summary>
/// Decodes c-blosc 1.x frames (format-facts §3): each block is read through its offset in the
/// bstarts table, its streams are decompressed (or copied when stored raw) and the shuffle undone,
/// straight into the caller's buffer. Large frames decode their blocks in parallel.
/// </summary>
internal static class BloscDecoder
{
    /// <summary>Decodes a frame whose header was read by <see cref="BloscHeader.Read"/> into <paramref name="destination"/> (exactly nbytes long).</summary>
    public static unsafe void Decode(ReadOnlySpan<byte> frame, BloscHeader header, Span<byte> destination, int threads)
    {
        if (destination.Length != header.NBytes) throw new ArgumentException("destination must be nbytes long", nameof(destination));
        if (header.NBytes == 0) return;
        if (header.IsMemcpyed)
        {
            frame.Slice(BloscHeader.Size, header.NBytes).CopyTo(destination);
            return;
        }
        BloscCompressorKinds.TryFromFormatCode(header.FormatCode, out var kind);
        var blocks = header.BlockCount;
        var needsTemp = header.ByteShuffled || (header.Flags & BloscHeader.FlagBitShuffle) != 0;
        if (threads <= 1 || blocks < 2)
        {
            var temp = needsTemp ? ArrayPool<byte>.Shared.Rent(2 * header.BlockSize) : null;
            try
            {
                for (var j = 0; j < blocks; j++) DecodeBlock(frame, header, kind, j, destination, temp);
            }
            finally
            {
                if (temp is not null) ArrayPool<byte>.Shared.Return(temp);
            }
            return;
        }

        fixed (byte* f = frame)
        fixed (byte* d = destination)
        {
            var framePointer = (nint)f;
            var frameLength = frame.Length;
            var destinationPointer = (nint)d;
            var destinationLength = destination.Length;
            BloscParallel.For(blocks, threads, needsTemp ? 2 * header.BlockSize : 0, (j, temp) =>
                DecodeBlock(
                    new ReadOnlySpan<byte>((byte*)framePointer, frameLength), header, kind, j,
                    new Span<byte>((byte*)destinationPointer, destinationLength), temp));
        }
    }

    /// <summary>
    /// Decodes block <paramref name="index"/>. <paramref name="temp"/> (2 × blocksize, when the frame is
    /// shuffled) holds the shuffled block and the bit unshuffle's scratch space.
    /// </summary>
    private static void DecodeBlock(ReadOnlySpan<byte> frame, BloscHeader header, BloscCompressorKind kind, int index, Span<byte> destination, byte[]? temp)
    {
        var blocks = header.BlockCount;
        var leftoverBlock = index == blocks - 1 && header.Leftover > 0;
        var size = leftoverBlock ? header.Leftover : header.BlockSize;
        var output = destination.Slice(index * header.BlockSize, size);

        var tableEnd = BloscHeader.Size + 4 * blocks;
        var offset = BinaryPrimitives.ReadInt32LittleEndian(frame[(BloscHeader.Size + 4 * index)..]);
        if (offset < tableEnd || offset > frame.Length - 4)
            throw BloscErrors.Invalid($"block {index} starts at offset {offset}, outside the frame's data [{tableEnd}, {frame.Length - 4}]");

        var splits = header.SplitCount(size, leftoverBlock);
        var streamSize = size / splits;
        if (streamSize * splits != size)
            throw BloscErrors.Invalid($"block {index} of {size} bytes cannot be split into {splits} equal streams");

        var byteShuffled = header.ByteShuffled;
        var bitShuffled = header.BitShuffled(size);
        var target = byteShuffled || bitShuffled ? temp.AsSpan(0, size) : output;
        for (var s = 0; s < splits; s++)
        {
            if (offset > frame.Length - 4)
                throw BloscErrors.Invalid($"stream {s} of block {index} starts at offset {offset}, past the end of the {frame.Length}-byte frame");
            var compressed = BinaryPrimitives.ReadInt32LittleEndian(frame[offset..]);
            offset += 4;
            if (compressed < 0 || compressed > frame.Length - offset)
                throw BloscErrors.Invalid($"stream {s} of block {index} claims {compressed} bytes at offset {offset}, beyond the {frame.Length}-byte frame");
            var stream = frame.Slice(offset, compressed);
            var part = target.Slice(s * streamSize, streamSize);
            if (compressed == streamSize)
                stream.CopyTo(part);
            else if (!BloscInnerCodec.TryDecompress(kind, stream, part))
                throw BloscErrors.Invalid($"stream {s} of block {index} ({compressed} bytes at offset {offset}) is not a {kind.Name()} stream of {streamSize} bytes");
            offset += compressed;
        }

        if (byteShuffled)
            ByteShuffle.Unshuffle(target, output, header.TypeSize);
        else if (bitShuffled)
            BitShuffle.Unshuffle(target, output, header.TypeSize, temp.AsSpan(size, size));
    }
}
