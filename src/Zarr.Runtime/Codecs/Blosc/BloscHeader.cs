using System.Buffers.Binary;

namespace Zarr.Codecs.Blosc;

/// <summary>
/// The 16-byte c-blosc 1.x frame header: version, inner-codec version, flags, typesize, then
/// nbytes, blocksize and cbytes as little-endian int32 (c-blosc README_HEADER.rst).
/// </summary>
internal readonly struct BloscHeader
{
    public const int Size = 16;
    public const byte FormatVersion = 2;
    public const byte CodecFormatVersion = 1;

    public const byte FlagShuffle = 0x01;
    public const byte FlagMemcpyed = 0x02;
    public const byte FlagBitShuffle = 0x04;
    public const byte FlagReserved = 0x08;
    public const byte FlagDontSplit = 0x10;

    /// <summary>Buffers smaller than this are stored, not compressed.</summary>
    public const int MinBufferSize = 128;

    /// <summary>Blocks of items larger than this are never split into per-byte streams.</summary>
    public const int MaxSplits = 16;

    /// <summary>c-blosc's largest block.</summary>
    public const int MaxBlockSize = (int.MaxValue - 255 * 4) / 3;

    /// <summary>c-blosc's largest buffer: a frame's size must fit an int32.</summary>
    public const int MaxBufferSize = int.MaxValue - Size;

    public BloscHeader(byte versionLz, byte flags, int typeSize, int nbytes, int blockSize, int cbytes)
    {
        VersionLz = versionLz;
        Flags = flags;
        TypeSize = typeSize;
        NBytes = nbytes;
        BlockSize = blockSize;
        CBytes = cbytes;
    }

    public byte VersionLz { get; }
    public byte Flags { get; }
    public int TypeSize { get; }
    public int NBytes { get; }
    public int BlockSize { get; }
    public int CBytes { get; }

    public bool IsMemcpyed => (Flags & FlagMemcpyed) != 0;
    public bool DontSplit => (Flags & FlagDontSplit) != 0;
    public int FormatCode => Flags >> 5;

    public int BlockCount => NBytes == 0 ? 0 : (int)(((long)NBytes + BlockSize - 1) / BlockSize);

    /// <summary>The size of the last block when it is shorter than the others, else 0.</summary>
    public int Leftover => NBytes % BlockSize;

    /// <summary>Byte shuffle is undone for a block when its flag is set and items are wider than a byte.</summary>
    public bool ByteShuffled => (Flags & FlagShuffle) != 0 && TypeSize > 1;

    /// <summary>Bit shuffle is undone when its flag is set, byte shuffle is not, and the block holds an item.</summary>
    public bool BitShuffled(int blockBytes) => !ByteShuffled && (Flags & FlagBitShuffle) != 0 && blockBytes >= TypeSize;

    /// <summary>
    /// How many streams a block is stored in: one per item byte unless DONT_SPLIT is set, the items are
    /// wider than 16 bytes, the block holds fewer than 128 items, or it is the short last block.
    /// </summary>
    public int SplitCount(int blockBytes, bool leftoverBlock) =>
        !DontSplit && TypeSize <= MaxSplits && blockBytes / TypeSize >= MinBufferSize && !leftoverBlock ? TypeSize : 1;

    public void Write(Span<byte> destination)
    {
        destination[0] = FormatVersion;
        destination[1] = VersionLz;
        destination[2] = Flags;
        destination[3] = (byte)TypeSize;
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], NBytes);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], BlockSize);
        BinaryPrimitives.WriteInt32LittleEndian(destination[12..], CBytes);
    }

    /// <summary>
    /// Reads and checks a header against the frame it starts: every size must agree with the buffer,
    /// so that nothing later is sized by an untrusted number.
    /// </summary>
    public static BloscHeader Read(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < Size) throw BloscErrors.Invalid($"the buffer has {frame.Length} bytes, fewer than the 16-byte Blosc header");
        var version = frame[0];
        var header = new BloscHeader(
            frame[1], frame[2], frame[3],
            BinaryPrimitives.ReadInt32LittleEndian(frame[4..]),
            BinaryPrimitives.ReadInt32LittleEndian(frame[8..]),
            BinaryPrimitives.ReadInt32LittleEndian(frame[12..]));

        if (version != FormatVersion) throw BloscErrors.Invalid($"unsupported Blosc format version {version} (Blosc 1.x writes {FormatVersion})");
        if ((header.Flags & FlagReserved) != 0) throw BloscErrors.Invalid($"reserved flag 0x08 is set (flags 0x{header.Flags:x2})");
        if (header.CBytes != frame.Length)
            throw BloscErrors.Invalid($"the header says the frame has {header.CBytes} bytes but the buffer has {frame.Length}");
        if (header.NBytes < 0) throw BloscErrors.Invalid($"negative decoded size {header.NBytes}");
        if (header.NBytes == 0) return header;
        if (header.TypeSize == 0) throw BloscErrors.Invalid("typesize is 0");
        if (header.BlockSize <= 0 || header.BlockSize > header.NBytes || header.BlockSize > MaxBlockSize)
            throw BloscErrors.Invalid($"block size {header.BlockSize} is out of range for {header.NBytes} decoded bytes");

        if (header.IsMemcpyed)
        {
            if ((long)header.NBytes + Size != header.CBytes)
                throw BloscErrors.Invalid($"a stored (memcpyed) frame of {header.NBytes} bytes must have {(long)header.NBytes + Size} bytes, not {header.CBytes}");
            return header;
        }

        if (!BloscCompressorKinds.TryFromFormatCode(header.FormatCode, out var kind))
            throw BloscErrors.Invalid($"unknown inner codec format {header.FormatCode} (flags 0x{header.Flags:x2})");
        if (header.VersionLz != CodecFormatVersion)
            throw BloscErrors.Invalid($"unsupported {kind.Name()} format version {header.VersionLz}");
        var blocks = header.BlockCount;
        if (blocks > (header.CBytes - Size) / 4)
            throw BloscErrors.Invalid($"{blocks} blocks do not fit their offsets in a {header.CBytes}-byte frame");
        // Every stream decodes to at most MaxExpansion bytes per compressed byte (or is stored as is):
        // a larger decoded size is a corrupt header, refused before anything that size is allocated.
        if (header.NBytes > (long)(header.CBytes - Size) * kind.MaxExpansion())
            throw BloscErrors.Invalid($"{header.NBytes} decoded bytes cannot come from a {header.CBytes}-byte {kind.Name()} frame");
        return header;
    }
}
