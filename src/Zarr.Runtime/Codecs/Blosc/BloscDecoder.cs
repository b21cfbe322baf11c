using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Zarr.Codecs.Blosc;

/// <summary>
/// Decodes c-blosc 1.x frames (c-blosc README_HEADER.rst and blosc/blosc.c): each block is read through its offset in the
/// bstarts table, its streams are decompressed (or copied when stored raw) and the shuffle undone,
/// straight into the caller's buffer. Large frames decode their blocks in parallel.
/// </summary>
internal static class BloscDecoder
{
    /// <summary>Decodes a frame whose header was read by <see cref="BloscHeader.Read"/> into <paramref name="destination"/> (exactly nbytes long).</summary>
    public static void Decode(ReadOnlySpan<byte> frame, BloscHeader header, Span<byte> destination, int threads) =>
        Decode(frame, header, destination, threads, 0, header.NBytes);

    /// <summary>
    /// Decodes only the blocks that hold the bytes [<paramref name="start"/>, <paramref name="end"/>)
    /// (blocks are compressed independently, as c-blosc's getitem uses them); the rest of
    /// <paramref name="destination"/> (nbytes long) is left as it was.
    /// </summary>
    public static unsafe void Decode(ReadOnlySpan<byte> frame, BloscHeader header, Span<byte> destination, int threads, int start, int end)
    {
        if (destination.Length != header.NBytes) throw new ArgumentException("destination must be nbytes long", nameof(destination));
        if (header.NBytes == 0 || end <= start) return;
        start = Math.Max(0, start);
        end = Math.Min(end, header.NBytes);
        if (header.IsMemcpyed)
        {
            frame.Slice(BloscHeader.Size + start, end - start).CopyTo(destination[start..end]);
            return;
        }
        BloscCompressorKinds.TryFromFormatCode(header.FormatCode, out var kind);
        var firstBlock = start / header.BlockSize;
        var blocks = Math.Min(header.BlockCount, (end - 1) / header.BlockSize + 1) - firstBlock;
        var needsTemp = header.ByteShuffled || (header.Flags & BloscHeader.FlagBitShuffle) != 0;
        if (threads <= 1 || blocks < 2)
        {
            var temp = needsTemp ? ArrayPool<byte>.Shared.Rent(2 * header.BlockSize) : null;
            try
            {
                for (var j = firstBlock; j < firstBlock + blocks; j++) DecodeBlock(frame, header, kind, j, destination, temp);
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
                    new ReadOnlySpan<byte>((byte*)framePointer, frameLength), header, kind, firstBlock + j,
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
        var byteShuffled = header.ByteShuffled;
        var bitShuffled = header.BitShuffled(size);
        var target = byteShuffled || bitShuffled ? temp.AsSpan(0, size) : output;
        DecompressBlock(frame, header, kind, index, target);

        if (byteShuffled)
            ByteShuffle.Unshuffle(target, output, header.TypeSize);
        else if (bitShuffled)
            BitShuffle.Unshuffle(target, output, header.TypeSize, temp.AsSpan(size, size));
    }

    /// <summary>
    /// Decodes only the blocks the <paramref name="runs"/> touch and writes each run's items straight
    /// to its place in <paramref name="output"/>, unshuffling only those items (a window's rows use a
    /// fraction of each block, and no chunk-sized buffer is filled and copied again). Blocks decode in
    /// parallel when there are at least <paramref name="parallelThreshold"/> bytes of them. Returns
    /// false, having written nothing, for layouts it does not handle: bit shuffle, a type size other
    /// than the item size in a shuffled frame, or blocks that do not hold whole items.
    /// </summary>
    // Compiled once, optimised, on first call: as tier 0 this 1.5 KB-of-IL loop nest was compiled about
    // ten times in a plain build's first read (instrumented tier 0, three on-stack replacements, tier 1,
    // on each thread), some 50 ms of JIT time in w2.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe bool TryDecodeRuns(ReadOnlySpan<byte> frame, BloscHeader header, int itemSize, ReadOnlySpan<ItemRun> runs, Span<byte> output, int threads, int parallelThreshold)
    {
        if (itemSize <= 0) throw new ArgumentOutOfRangeException(nameof(itemSize), itemSize, "the item size must be positive");
        if ((header.Flags & BloscHeader.FlagBitShuffle) != 0 || header.ByteShuffled && header.TypeSize != itemSize
            || header.NBytes % itemSize != 0 || header.NBytes > 0 && header.BlockSize % itemSize != 0) return false;
        var totalItems = header.NBytes / itemSize;
        foreach (var run in runs)
        {
            if (run.Count < 0 || run.Source < 0 || run.Source > totalItems - run.Count || run.Destination < 0 || ((long)run.Destination + run.Count) * itemSize > output.Length)
                throw new ArgumentOutOfRangeException(nameof(runs), $"run {run} is outside the frame's {totalItems} items or the {output.Length}-byte output");
        }
        if (header.NBytes == 0) return true;
        if (header.IsMemcpyed)
        {
            foreach (var run in runs)
                frame.Slice(BloscHeader.Size + run.Source * itemSize, run.Count * itemSize).CopyTo(output.Slice(run.Destination * itemSize));
            return true;
        }
        BloscCompressorKinds.TryFromFormatCode(header.FormatCode, out var kind);
        var blockItems = header.BlockSize / itemSize;
        var blocks = header.BlockCount;
        // Cut the runs at block borders and group the pieces by block (counting sort), so each block decodes once.
        var start = ArrayPool<int>.Shared.Rent(blocks + 1);
        ItemRun[]? pieces = null;
        int[]? touched = null;
        try
        {
            start.AsSpan(0, blocks + 1).Clear();
            var pieceCount = 0;
            foreach (var run in runs)
            {
                if (run.Count == 0) continue;
                var b0 = run.Source / blockItems;
                var b1 = (run.Source + run.Count - 1) / blockItems;
                for (var b = b0; b <= b1; b++) start[b + 1]++;
                pieceCount += b1 - b0 + 1;
            }
            for (var b = 1; b <= blocks; b++) start[b] += start[b - 1];
            pieces = ItemRunPool.Rent(pieceCount);
            var next = ArrayPool<int>.Shared.Rent(blocks);
            try
            {
                start.AsSpan(0, blocks).CopyTo(next);
                foreach (var run in runs)
                {
                    var item = run.Source;
                    var end = run.Source + run.Count;
                    while (item < end)
                    {
                        var b = item / blockItems;
                        var stop = Math.Min(end, (b + 1) * blockItems);
                        pieces[next[b]++] = new ItemRun(item, stop - item, run.Destination + (item - run.Source));
                        item = stop;
                    }
                }
            }
            finally
            {
                ArrayPool<int>.Shared.Return(next);
            }
            touched = ArrayPool<int>.Shared.Rent(Math.Max(1, blocks));
            var touchedCount = 0;
            for (var b = 0; b < blocks; b++) if (start[b] != start[b + 1]) touched[touchedCount++] = b;
            if (threads <= 1 || touchedCount < 2 || (long)touchedCount * header.BlockSize < parallelThreshold)
            {
                var temp = ArrayPool<byte>.Shared.Rent(header.BlockSize);
                try
                {
                    for (var t = 0; t < touchedCount; t++)
                    {
                        var b = touched[t];
                        DecodeBlockRuns(frame, header, kind, b, pieces.AsSpan(start[b], start[b + 1] - start[b]), output, itemSize, temp);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(temp);
                }
                return true;
            }
            fixed (byte* f = frame)
            fixed (byte* o = output)
            {
                var framePointer = (nint)f;
                var frameLength = frame.Length;
                var outputPointer = (nint)o;
                var outputLength = output.Length;
                var blockStarts = start;
                var blockPieces = pieces;
                var blockList = touched;
                BloscParallel.For(touchedCount, threads, header.BlockSize, (t, temp) => // each block decodes into its thread's buffer
                {
                    var b = blockList[t];
                    DecodeBlockRuns(
                        new ReadOnlySpan<byte>((byte*)framePointer, frameLength), header, kind, b,
                        blockPieces.AsSpan(blockStarts[b], blockStarts[b + 1] - blockStarts[b]),
                        new Span<byte>((byte*)outputPointer, outputLength), itemSize, temp!);
                });
            }
            return true;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(start);
            if (pieces is not null) ItemRunPool.Return(pieces);
            if (touched is not null) ArrayPool<int>.Shared.Return(touched);
        }
    }

    /// <summary>Decompresses block <paramref name="index"/> into <paramref name="temp"/> and copies (unshuffles) its pieces to the output.</summary>
    private static void DecodeBlockRuns(ReadOnlySpan<byte> frame, BloscHeader header, BloscCompressorKind kind, int index, ReadOnlySpan<ItemRun> pieces, Span<byte> output, int itemSize, byte[] temp)
    {
        var size = index == header.BlockCount - 1 && header.Leftover > 0 ? header.Leftover : header.BlockSize;
        var block = temp.AsSpan(0, size);
        var firstItem = index * (header.BlockSize / itemSize);
        var planeLength = size / itemSize; // c-blosc shuffles a block as planes of size / typesize bytes
        var itemsNeeded = 0; // the pieces read items [0, itemsNeeded) of the block at most: LZ4 streams stop there
        foreach (var piece in pieces) itemsNeeded = Math.Max(itemsNeeded, piece.Source - firstItem + piece.Count);
        DecompressBlock(frame, header, kind, index, block, header.ByteShuffled ? itemsNeeded : itemsNeeded * itemSize, header.ByteShuffled ? planeLength : size);
        foreach (var piece in pieces)
        {
            var e = piece.Source - firstItem;
            var destination = output.Slice(piece.Destination * itemSize, piece.Count * itemSize);
            if (header.ByteShuffled) ByteShuffle.UnshuffleItems(block, planeLength, itemSize, e, piece.Count, destination);
            else block.Slice(e * itemSize, piece.Count * itemSize).CopyTo(destination);
        }
    }

    /// <summary>
    /// Gathers single items (of <paramref name="itemSize"/> bytes, at item indices <paramref name="items"/>)
    /// from a byte-shuffled or unshuffled frame without undoing the shuffle: each touched block is
    /// decompressed once and each item's bytes are picked from the shuffled planes. Returns false
    /// (having written nothing) for layouts it does not handle: bit shuffle, or a type size other than
    /// the item size in a shuffled frame.
    /// </summary>
    public static bool TryGatherItems(ReadOnlySpan<byte> frame, BloscHeader header, int itemSize, ReadOnlySpan<int> items, Span<byte> values)
    {
        if (itemSize <= 0) throw new ArgumentOutOfRangeException(nameof(itemSize), itemSize, "the item size must be positive");
        // Items are grouped by block: blocks that do not hold whole items are left to the whole decode.
        if ((header.Flags & BloscHeader.FlagBitShuffle) != 0 || header.ByteShuffled && header.TypeSize != itemSize
            || header.NBytes % itemSize != 0 || header.NBytes > 0 && header.BlockSize % itemSize != 0) return false;
        if (header.NBytes == 0) return items.Length == 0;
        if (header.IsMemcpyed)
        {
            for (var i = 0; i < items.Length; i++)
                frame.Slice(BloscHeader.Size + items[i] * itemSize, itemSize).CopyTo(values.Slice(i * itemSize, itemSize));
            return true;
        }
        BloscCompressorKinds.TryFromFormatCode(header.FormatCode, out var kind);
        var blocks = header.BlockCount;
        var itemsPerBlock = header.BlockSize / itemSize;
        // Group the items by block (counting sort, stable) so each block is decompressed once.
        var start = new int[blocks + 1];
        foreach (var item in items) start[item / itemsPerBlock + 1]++;
        for (var b = 1; b <= blocks; b++) start[b] += start[b - 1];
        var order = ArrayPool<int>.Shared.Rent(Math.Max(1, items.Length));
        var temp = ArrayPool<byte>.Shared.Rent(header.BlockSize);
        try
        {
            var next = start.AsSpan(0, blocks).ToArray();
            for (var i = 0; i < items.Length; i++) order[next[items[i] / itemsPerBlock]++] = i;
            for (var b = 0; b < blocks; b++)
            {
                if (start[b] == start[b + 1]) continue;
                var size = b == blocks - 1 && header.Leftover > 0 ? header.Leftover : header.BlockSize;
                var block = temp.AsSpan(0, size);
                var planeLength = size / itemSize; // c-blosc shuffles the block as planes of size / typesize bytes
                var group = order.AsSpan(start[b], start[b + 1] - start[b]);
                if (kind is BloscCompressorKind.Lz4 or BloscCompressorKind.Lz4HC)
                {
                    // LZ4 streams are read in place (Lz4RandomAccess): no block is decompressed.
                    PickFromLz4Block(frame, header, kind, b, block, group, items, b * itemsPerBlock, planeLength, itemSize, values);
                    continue;
                }
                DecompressBlock(frame, header, kind, b, block);
                foreach (var i in group)
                {
                    var e = items[i] - b * itemsPerBlock;
                    var dst = values.Slice(i * itemSize, itemSize);
                    if (header.ByteShuffled)
                        for (var j = 0; j < itemSize; j++) dst[j] = block[j * planeLength + e];
                    else block.Slice(e * itemSize, itemSize).CopyTo(dst);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(order);
            ArrayPool<byte>.Shared.Return(temp);
        }
        return true;
    }

    /// <summary>
    /// Picks the group's items out of one LZ4 block: each needed stream is indexed once and read in
    /// place; a stream that is stored raw is read directly, and one whose reads would follow too many
    /// matches back is decompressed into <paramref name="block"/> instead.
    /// </summary>
    private static void PickFromLz4Block(ReadOnlySpan<byte> frame, BloscHeader header, BloscCompressorKind kind, int index, Span<byte> block,
        ReadOnlySpan<int> group, ReadOnlySpan<int> items, int firstItem, int planeLength, int itemSize, Span<byte> values)
    {
        var splits = header.SplitCount(block.Length, index == header.BlockCount - 1 && header.Leftover > 0);
        Span<int> streamOffsets = stackalloc int[splits];
        Span<int> streamLengths = stackalloc int[splits];
        var streamSize = LocateStreams(frame, header, index, block.Length, streamOffsets, streamLengths);
        var state = new int[splits]; // 0: not looked at, 1: indexed, 2: decompressed into block, 3: stored raw, 4: to decompress
        var starts = new int[splits][];
        var sources = new int[splits][];
        var counts = new int[splits];
        try
        {
            foreach (var i in group)
            {
                var e = items[i] - firstItem;
                for (var j = 0; j < itemSize; j++)
                {
                    var pos = header.ByteShuffled ? j * planeLength + e : e * itemSize + j;
                    var s = pos / streamSize;
                    var q = pos - s * streamSize;
                    var stream = frame.Slice(streamOffsets[s], streamLengths[s]);
                    if (state[s] == 0)
                    {
                        if (stream.Length == streamSize) state[s] = 3;
                        else
                        {
                            var max = Lz4RandomAccess.MaxSegments(stream.Length);
                            starts[s] = ArrayPool<int>.Shared.Rent(max);
                            sources[s] = ArrayPool<int>.Shared.Rent(max);
                            // A stream the index cannot follow is decompressed instead (which reports a bad stream).
                            state[s] = Lz4RandomAccess.TryIndex(stream, streamSize, starts[s], sources[s], out counts[s]) ? 1 : 4;
                        }
                    }
                    int value;
                    if (state[s] == 3) value = stream[q];
                    else if (state[s] == 2) value = block[pos];
                    else
                    {
                        var budget = 4096;
                        value = state[s] == 4 ? -1 : Lz4RandomAccess.ByteAt(stream, starts[s].AsSpan(0, counts[s]), sources[s].AsSpan(0, counts[s]), q, ref budget);
                        if (value < 0)
                        {
                            if (!BloscInnerCodec.TryDecompress(kind, stream, block.Slice(s * streamSize, streamSize)))
                                throw BloscErrors.Invalid($"stream {s} of block {index} is not a {kind.Name()} stream of {streamSize} bytes");
                            state[s] = 2;
                            value = block[pos];
                        }
                    }
                    values[i * itemSize + j] = (byte)value;
                }
            }
        }
        finally
        {
            for (var s = 0; s < splits; s++)
            {
                if (starts[s] is not null) ArrayPool<int>.Shared.Return(starts[s]);
                if (sources[s] is not null) ArrayPool<int>.Shared.Return(sources[s]);
            }
        }
    }

    /// <summary>Finds the streams of block <paramref name="index"/> (of <paramref name="size"/> bytes) in the frame; returns the stream size.</summary>
    private static int LocateStreams(ReadOnlySpan<byte> frame, BloscHeader header, int index, int size, Span<int> offsets, Span<int> lengths)
    {
        var blocks = header.BlockCount;
        var leftoverBlock = index == blocks - 1 && header.Leftover > 0;
        var tableEnd = BloscHeader.Size + 4 * blocks;
        var offset = BinaryPrimitives.ReadInt32LittleEndian(frame[(BloscHeader.Size + 4 * index)..]);
        if (offset < tableEnd || offset > frame.Length - 4)
            throw BloscErrors.Invalid($"block {index} starts at offset {offset}, outside the frame's data [{tableEnd}, {frame.Length - 4}]");
        var splits = header.SplitCount(size, leftoverBlock);
        var streamSize = size / splits;
        if (streamSize * splits != size)
            throw BloscErrors.Invalid($"block {index} of {size} bytes cannot be split into {splits} equal streams");
        for (var s = 0; s < splits; s++)
        {
            if (offset > frame.Length - 4)
                throw BloscErrors.Invalid($"stream {s} of block {index} starts at offset {offset}, past the end of the {frame.Length}-byte frame");
            var compressed = BinaryPrimitives.ReadInt32LittleEndian(frame[offset..]);
            offset += 4;
            if (compressed < 0 || compressed > frame.Length - offset)
                throw BloscErrors.Invalid($"stream {s} of block {index} claims {compressed} bytes at offset {offset}, beyond the {frame.Length}-byte frame");
            offsets[s] = offset;
            lengths[s] = compressed;
            offset += compressed;
        }
        return streamSize;
    }

    /// <summary>Decompresses (or copies) the streams of block <paramref name="index"/> into <paramref name="target"/> (the block's size), shuffle left in place.</summary>
    private static void DecompressBlock(ReadOnlySpan<byte> frame, BloscHeader header, BloscCompressorKind kind, int index, Span<byte> target) =>
        DecompressBlock(frame, header, kind, index, target, target.Length, target.Length);

    /// <summary>
    /// Like <see cref="DecompressBlock(ReadOnlySpan{byte}, BloscHeader, BloscCompressorKind, int, Span{byte})"/>,
    /// but only the first <paramref name="prefix"/> bytes of every <paramref name="planeLength"/>-byte
    /// plane of the block are needed (the first items of a shuffled block, or the first bytes of an
    /// unshuffled one when <paramref name="planeLength"/> is the block size): LZ4 streams stop decoding
    /// once they hold them, and streams holding none are skipped. Other codecs decode whole streams.
    /// </summary>
    private static void DecompressBlock(ReadOnlySpan<byte> frame, BloscHeader header, BloscCompressorKind kind, int index, Span<byte> target, int prefix, int planeLength)
    {
        var splits = header.SplitCount(target.Length, index == header.BlockCount - 1 && header.Leftover > 0);
        Span<int> offsets = splits <= 64 ? stackalloc int[splits] : new int[splits];
        Span<int> lengths = splits <= 64 ? stackalloc int[splits] : new int[splits];
        var streamSize = LocateStreams(frame, header, index, target.Length, offsets, lengths);
        var partial = prefix < planeLength && kind is BloscCompressorKind.Lz4 or BloscCompressorKind.Lz4HC;
        for (var s = 0; s < splits; s++)
        {
            var stream = frame.Slice(offsets[s], lengths[s]);
            var part = target.Slice(s * streamSize, streamSize);
            var needed = partial ? NeededPrefix(s * streamSize, streamSize, prefix, planeLength) : streamSize;
            if (needed == 0) continue;
            if (stream.Length == streamSize)
                stream[..needed].CopyTo(part);
            // liblz4's partial decoding runs without its fast loop (about 2.3x slower a byte, measured on
            // shuffled arange planes), so it pays only for a short prefix.
            else if (!(needed <= streamSize / 4 ? NativeLz4.TryDecodePrefix(stream, part, needed) : BloscInnerCodec.TryDecompress(kind, stream, part)))
                throw BloscErrors.Invalid($"stream {s} of block {index} ({stream.Length} bytes at offset {offsets[s]}) is not a {kind.Name()} stream of {streamSize} bytes");
        }
    }

    /// <summary>
    /// How many leading bytes of the stream at block offset <paramref name="start"/> (of
    /// <paramref name="length"/> bytes) are needed when the first <paramref name="prefix"/> bytes of
    /// each <paramref name="planeLength"/>-byte plane are: 0 when the stream holds none of them.
    /// </summary>
    private static int NeededPrefix(int start, int length, int prefix, int planeLength)
    {
        var end = start + length;
        var needed = 0;
        for (var planeStart = start / planeLength * planeLength; planeStart < end; planeStart += planeLength)
        {
            var wantedEnd = Math.Min(planeStart + prefix, end);
            if (wantedEnd > start && wantedEnd > planeStart) needed = Math.Max(needed, wantedEnd - start);
        }
        return needed;
    }
}
