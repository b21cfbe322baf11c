namespace Zarr.Codecs.Blosc;

/// <summary>The codecs Blosc runs on each block stream, with the names numcodecs uses for them.</summary>
internal enum BloscCompressorKind
{
    BloscLZ,
    Lz4,
    Lz4HC,
    Snappy,
    Zlib,
    Zstd,
}

/// <summary>Facts about each inner codec: its name, its header format code and its block-size class.</summary>
internal static class BloscCompressorKinds
{
    /// <summary>The <c>cname</c> strings numcodecs accepts, in c-blosc's order.</summary>
    public static readonly string[] Names = ["blosclz", "lz4", "lz4hc", "snappy", "zlib", "zstd"];

    public static bool TryParse(string name, out BloscCompressorKind kind)
    {
        var i = Array.IndexOf(Names, name);
        kind = (BloscCompressorKind)Math.Max(i, 0);
        return i >= 0;
    }

    public static string Name(this BloscCompressorKind kind) => Names[(int)kind];

    /// <summary>The 3-bit code in header flags bits 5–7. lz4 and lz4hc share one format.</summary>
    public static int FormatCode(this BloscCompressorKind kind) => kind switch
    {
        BloscCompressorKind.BloscLZ => 0,
        BloscCompressorKind.Lz4 or BloscCompressorKind.Lz4HC => 1,
        BloscCompressorKind.Snappy => 2,
        BloscCompressorKind.Zlib => 3,
        _ => 4,
    };

    /// <summary>The decoder for a header format code, or false for codes 5–7, which no Blosc 1.x writer uses.</summary>
    public static bool TryFromFormatCode(int code, out BloscCompressorKind kind)
    {
        kind = code switch
        {
            0 => BloscCompressorKind.BloscLZ,
            1 => BloscCompressorKind.Lz4,
            2 => BloscCompressorKind.Snappy,
            3 => BloscCompressorKind.Zlib,
            _ => BloscCompressorKind.Zstd,
        };
        return code is >= 0 and <= 4;
    }

    /// <summary>
    /// Codecs meant for high compression ratios get blocks twice as large when the size is automatic
    /// (c-blosc's <c>HCR</c> class).
    /// </summary>
    public static bool IsHighCompressionRatio(this BloscCompressorKind kind) =>
        kind is BloscCompressorKind.Lz4HC or BloscCompressorKind.Zlib or BloscCompressorKind.Zstd;

    /// <summary>
    /// An upper bound on how many bytes one compressed byte can decode to, used to reject headers that
    /// announce more data than the streams could hold before anything of that size is allocated.
    /// </summary>
    public static long MaxExpansion(this BloscCompressorKind kind) => kind switch
    {
        // A BloscLZ long match adds 255 bytes per length byte; an LZ4 match 255 per extra length byte.
        BloscCompressorKind.BloscLZ or BloscCompressorKind.Lz4 or BloscCompressorKind.Lz4HC => 256,
        // A Snappy copy element emits at most 64 bytes from 2 bytes.
        BloscCompressorKind.Snappy => 64,
        // Deflate's best case is 258 bytes per code, about 1032:1.
        BloscCompressorKind.Zlib => 1100,
        // A zstd RLE block holds up to 128 KiB in 4 bytes.
        _ => 1 << 15,
    };
}
