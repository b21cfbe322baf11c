using System.IO.Compression;

namespace Zarr.Codecs;

/// <summary>numcodecs <c>zlib</c>: an RFC 1950 zlib stream (header, deflate data, Adler-32).</summary>
public sealed class ZlibCodec : DeflateFamilyCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "zlib";

    /// <summary>Creates the codec with a compression level 0–9.</summary>
    public ZlibCodec(int level = 1) : base(level, "zlib") { }

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    protected override string FormatName => "zlib";

    /// <inheritdoc />
    protected override Stream Compressor(Stream inner, ZLibCompressionOptions options) => new ZLibStream(inner, options, leaveOpen: true);

    /// <inheritdoc />
    protected override Stream Decompressor(Stream inner) => new ZLibStream(inner, CompressionMode.Decompress);

    /// <inheritdoc />
    public override string ToString() => $"Zlib(level={Level})";
}
