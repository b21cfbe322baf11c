using System.IO.Compression;

namespace Zarr.Codecs;

/// <summary>numcodecs <c>gzip</c>: an RFC 1952 gzip member (concatenated members are read too).</summary>
public sealed class GZipCodec : DeflateFamilyCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "gzip";

    /// <summary>Creates the codec with a compression level 0–9.</summary>
    public GZipCodec(int level = 1) : base(level, "gzip") { }

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    protected override string FormatName => "gzip";

    /// <inheritdoc />
    protected override Stream Compressor(Stream inner, ZLibCompressionOptions options) => new GZipStream(inner, options, leaveOpen: true);

    /// <inheritdoc />
    protected override Stream Decompressor(Stream inner) => new GZipStream(inner, CompressionMode.Decompress);

    /// <inheritdoc />
    public override string ToString() => $"GZip(level={Level})";
}
