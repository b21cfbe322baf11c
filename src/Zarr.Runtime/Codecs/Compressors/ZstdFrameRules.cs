using System.Buffers.Binary;

namespace Zarr.Codecs;

/// <summary>
/// The Zstandard format's structural rules (RFC 8878 §3.1), checked by walking frame and block
/// headers without decoding: one or more zstd or skippable frames and nothing after them; the
/// reserved bit of the Frame_Header_Descriptor clear; no dictionary; no reserved block type; every
/// block, and the literals of every compressed block, within Block_Maximum_Size; a Sequences
/// section that ends where it says and whose reserved mode bits are clear. Debian's libzstd 1.5.4
/// and ZstdSharp 0.8.8 (a port of libzstd 1.5.7) enforce different subsets of these (libzstd added
/// the block-size, reserved-bit and empty-Sequences checks in 1.5.6), so the codec checks a frame
/// here first: both backends then accept and reject the same frames' structure. What lies inside
/// the entropy-coded streams is left to the decoders and the frame's checksum.
/// </summary>
internal static class ZstdFrameRules
{
    /// <summary>The total decoded size when some frame does not state its Frame_Content_Size.</summary>
    public const ulong UnknownSize = ulong.MaxValue;

    private const uint FrameMagic = 0xFD2FB528;
    private const uint SkippableMagic = 0x184D2A50; // the low 4 bits are free (RFC 8878 §3.1.2)
    private const int MaxBlockSize = 128 * 1024;

    // libzstd's ZSTD_WINDOWLOG_MAX on 64-bit hosts: both decoders refuse a larger Window_Descriptor.
    private const int MaxWindowLog = 31;

    /// <summary>
    /// Checks <paramref name="input"/>; returns null when its structure is valid, else the rule it
    /// breaks. <paramref name="contentSize"/> is the sum of the frames' Frame_Content_Size, or
    /// <see cref="UnknownSize"/> when a frame does not state it. <paramref name="maxDecoded"/> is the
    /// most the frames can decode to: raw and RLE blocks their size, compressed blocks
    /// Block_Maximum_Size. libzstd 1.5.4 lets a compressed block decode beyond that; a decode that
    /// ends above this bound had such a block.
    /// </summary>
    public static string? Check(ReadOnlySpan<byte> input, out ulong contentSize, out ulong maxDecoded)
    {
        contentSize = 0;
        maxDecoded = 0;
        if (input.IsEmpty) return "empty input, not a frame";
        var position = 0;
        while (position < input.Length)
        {
            var rest = input[position..];
            if (rest.Length < 4) return position == 0 ? "too short for a frame" : "bytes after the last frame";
            var magic = BinaryPrimitives.ReadUInt32LittleEndian(rest);
            if ((magic & 0xFFFFFFF0) == SkippableMagic)
            {
                if (rest.Length < 8) return "a skippable frame cut short";
                var skip = BinaryPrimitives.ReadUInt32LittleEndian(rest[4..]);
                if (skip > (uint)(rest.Length - 8)) return "a skippable frame runs past the input";
                position += 8 + (int)skip;
                continue;
            }
            if (magic != FrameMagic) return position == 0 ? "not a zstd frame (magic number)" : "bytes after the last frame";
            var error = CheckFrame(rest, out var length, out var frameSize, out var frameMax);
            if (error is not null) return error;
            position += length;
            maxDecoded += frameMax; // at most 128 KiB per 3 input bytes: no overflow
            if (contentSize == UnknownSize) continue;
            if (frameSize == UnknownSize) contentSize = UnknownSize;
            else if (frameSize > UnknownSize - 1 - contentSize) return "the frames' content sizes add up beyond 2^64";
            else contentSize += frameSize;
        }
        return null;
    }

    private static string? CheckFrame(ReadOnlySpan<byte> frame, out int length, out ulong contentSize, out ulong maxDecoded)
    {
        length = 0;
        maxDecoded = 0;
        contentSize = UnknownSize;
        if (frame.Length < 5) return "a frame header cut short";
        var descriptor = frame[4];
        if ((descriptor & 0x08) != 0) return "the frame header's reserved bit is set";
        var singleSegment = (descriptor & 0x20) != 0;
        var position = 5;
        ulong windowSize = 0;
        if (!singleSegment)
        {
            if (frame.Length <= position) return "a frame header cut short";
            var window = frame[position++];
            var windowLog = 10 + (window >> 3);
            if (windowLog > MaxWindowLog) return "a window larger than 2 GiB";
            windowSize = 1UL << windowLog;
            windowSize += (windowSize >> 3) * (ulong)(window & 7);
        }
        var dictionaryBytes = (descriptor & 3) switch { 0 => 0, 1 => 1, 2 => 2, _ => 4 };
        var sizeBytes = (descriptor >> 6) switch { 0 => singleSegment ? 1 : 0, 1 => 2, 2 => 4, _ => 8 };
        if (frame.Length < position + dictionaryBytes + sizeBytes) return "a frame header cut short";
        for (var i = 0; i < dictionaryBytes; i++)
        {
            // libzstd and ZstdSharp refuse a frame that names a dictionary they were not given; numcodecs never gives one.
            if (frame[position + i] != 0) return "the frame needs a dictionary";
        }
        position += dictionaryBytes;
        if (sizeBytes > 0)
        {
            var field = frame.Slice(position, sizeBytes);
            contentSize = sizeBytes switch
            {
                1 => field[0],
                2 => BinaryPrimitives.ReadUInt16LittleEndian(field) + 256u,
                4 => BinaryPrimitives.ReadUInt32LittleEndian(field),
                _ => BinaryPrimitives.ReadUInt64LittleEndian(field),
            };
            position += sizeBytes;
        }
        if (singleSegment) windowSize = contentSize;
        // Block_Maximum_Size (RFC 8878 §3.1.1.2.3) bounds both a block's content and what it decodes to.
        var blockMax = (int)Math.Min(windowSize, MaxBlockSize);
        while (true)
        {
            if (frame.Length - position < 3) return "a block header cut short";
            var header = frame[position] | frame[position + 1] << 8 | frame[position + 2] << 16;
            position += 3;
            var last = (header & 1) != 0;
            var type = (header >> 1) & 3;
            var blockSize = header >> 3;
            if (type == 3) return "a block of the reserved type";
            if (blockSize > blockMax) return "a block larger than Block_Maximum_Size";
            var content = type == 1 ? 1 : blockSize;
            if (frame.Length - position < content) return "a block cut short";
            if (type == 2)
            {
                var error = CheckCompressedBlock(frame.Slice(position, content), blockMax);
                if (error is not null) return error;
            }
            position += content;
            maxDecoded += (ulong)(type == 2 ? blockMax : blockSize);
            if (last) break;
        }
        if (contentSize != UnknownSize && contentSize > maxDecoded) return "a content size larger than the frame's blocks can hold";
        if ((descriptor & 0x04) != 0)
        {
            if (frame.Length - position < 4) return "the content checksum cut short";
            position += 4;
        }
        length = position;
        return null;
    }

    /// <summary>The section headers of a Compressed_Block (RFC 8878 §3.1.1.3).</summary>
    private static string? CheckCompressedBlock(ReadOnlySpan<byte> block, int blockMax)
    {
        if (block.IsEmpty) return "a compressed block without a literals section";
        var first = block[0];
        var literalsType = first & 3;
        var sizeFormat = (first >> 2) & 3;
        int headerSize;
        int regenerated;
        int literalsContent;
        if (literalsType <= 1)
        {
            // Raw_Literals_Block or RLE_Literals_Block: 5, 12 or 20 bits of Regenerated_Size.
            headerSize = sizeFormat switch { 1 => 2, 3 => 3, _ => 1 };
            if (block.Length < headerSize) return "a literals section header cut short";
            regenerated = sizeFormat switch
            {
                1 => (first >> 4) | block[1] << 4,
                3 => (first >> 4) | block[1] << 4 | block[2] << 12,
                _ => first >> 3,
            };
            literalsContent = literalsType == 0 ? regenerated : 1;
        }
        else
        {
            // Compressed_Literals_Block or Treeless_Literals_Block: Regenerated_Size and Compressed_Size of 10, 14 or 18 bits each.
            headerSize = sizeFormat switch { 0 or 1 => 3, 2 => 4, _ => 5 };
            var bits = sizeFormat switch { 0 or 1 => 10, 2 => 14, _ => 18 };
            if (block.Length < headerSize) return "a literals section header cut short";
            ulong fields = 0;
            for (var i = headerSize - 1; i >= 0; i--) fields = fields << 8 | block[i];
            var mask = (1UL << bits) - 1;
            regenerated = (int)((fields >> 4) & mask);
            literalsContent = (int)((fields >> (4 + bits)) & mask);
            if (block.Length - headerSize < literalsContent) return "a literals section cut short";
            if (sizeFormat != 0)
            {
                // Four streams: the Jump_Table gives the first three sizes, and the fourth holds at least one byte (§3.1.1.3.1.6).
                var streams = block.Slice(headerSize, literalsContent);
                if (literalsType == 2)
                {
                    if (streams.IsEmpty) return "a literals section cut short";
                    var tree = streams[0] < 128 ? 1 + streams[0] : 1 + (streams[0] - 127 + 1) / 2;
                    if (streams.Length < tree) return "a Huffman tree description cut short";
                    streams = streams[tree..];
                }
                if (streams.Length < 6) return "a literals jump table cut short";
                var three = BinaryPrimitives.ReadUInt16LittleEndian(streams) + BinaryPrimitives.ReadUInt16LittleEndian(streams[2..]) + BinaryPrimitives.ReadUInt16LittleEndian(streams[4..]);
                if (streams.Length < 6 + three + 1) return "literals streams larger than their section";
            }
        }
        if (regenerated > blockMax) return "literals larger than Block_Maximum_Size";
        if (block.Length - headerSize < literalsContent) return "a literals section cut short";
        var sequences = block[(headerSize + literalsContent)..];
        if (sequences.IsEmpty) return "a compressed block without a sequences section";
        var count = sequences[0];
        int sequencesHeader;
        if (count < 128)
        {
            sequencesHeader = 1;
        }
        else if (count < 255)
        {
            if (sequences.Length < 2) return "a sequences section header cut short";
            // Zero in the two-byte form: RFC 8878 reads a Symbol_Compression_Modes byte next, libzstd since 1.5.6
            // ends the section (its format errata); no encoder writes it, and the two readings cannot both be served.
            if (count == 128 && sequences[1] == 0) return "zero sequences written in two bytes";
            sequencesHeader = 2;
        }
        else
        {
            if (sequences.Length < 3) return "a sequences section header cut short";
            sequencesHeader = 3;
        }
        if (count == 0) return sequences.Length == 1 ? null : "bytes after an empty sequences section";
        if (sequences.Length <= sequencesHeader) return "a sequences section header cut short";
        if ((sequences[sequencesHeader] & 3) != 0) return "the reserved bits of Symbol_Compression_Modes are set";
        return null;
    }
}
