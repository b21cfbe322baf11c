using System.IO.Compression;
using K4os.Compression.LZ4;
using Snappier;
using ZstdSharp;

namespace Zarr.Codecs.Blosc;

/// <summary>Runs an inner codec on one Blosc stream, with c-blosc's level mapping for each codec.</summary>
internal static class BloscInnerCodec
{
    [ThreadStatic] private static Decompressor? t_zstdDecompressor;
    [ThreadStatic] private static Compressor? t_zstdCompressor;

    /// <summary>
    /// The output space c-blosc gives a stream of <paramref name="length"/> bytes: the stream itself
    /// (a result that long is stored raw instead), or Snappy's worst case, which may exceed it.
    /// </summary>
    public static int MaxOutput(BloscCompressorKind kind, int length) =>
        kind == BloscCompressorKind.Snappy ? Snappy.GetMaxCompressedLength(length) : length;

    /// <summary>
    /// Compresses one stream at <paramref name="clevel"/> 1–9; returns its length, or 0 when it does not
    /// fit in <paramref name="output"/> or is not worth compressing (the caller then stores it raw).
    /// </summary>
    public static unsafe int Compress(BloscCompressorKind kind, int clevel, ReadOnlySpan<byte> input, Span<byte> output)
    {
        switch (kind)
        {
            case BloscCompressorKind.BloscLZ:
                return BloscLZ.Compress(clevel, input, output);
            case BloscCompressorKind.Lz4:
                // c-blosc calls liblz4's LZ4_compress_fast at acceleration 1: the same library where the
                // system has it (as for decoding), else K4os' port of it, which a plain build must also
                // JIT-compile (LZ4_compress_generic, 2 KB of IL, several times over as each loop tiers up).
                return NativeLz4.CanEncode(CodecBackend.Default)
                    ? NativeLz4.TryEncode(input, output, 1)
                    : Math.Max(0, LZ4Codec.Encode(input, output, LZ4Level.L00_FAST));
            case BloscCompressorKind.Lz4HC:
                // c-blosc passes clevel to LZ4_compress_HC, where 1 and 2 behave like the lightest HC level.
                return Math.Max(0, LZ4Codec.Encode(input, output, (LZ4Level)Math.Max(clevel, (int)LZ4Level.L03_HC)));
            case BloscCompressorKind.Snappy:
                return Snappy.TryCompress(input, output, out var written) ? written : 0;
            case BloscCompressorKind.Zlib:
                fixed (byte* p = output)
                {
                    using var target = new UnmanagedMemoryStream(p, 0, output.Length, FileAccess.Write);
                    try
                    {
                        using (var z = new ZLibStream(target, new ZLibCompressionOptions { CompressionLevel = clevel }, leaveOpen: true))
                        {
                            z.Write(input);
                        }
                        return (int)target.Position;
                    }
                    catch (NotSupportedException)
                    {
                        return 0;   // the stream outgrew the output: not compressible
                    }
                    catch (IOException)
                    {
                        return 0;
                    }
                }
            default:
                var c = t_zstdCompressor ??= new Compressor();
                // c-blosc maps clevel 1–8 to zstd level 2·clevel − 1 and 9 to zstd's maximum.
                c.Level = clevel < 9 ? 2 * clevel - 1 : Compressor.MaxCompressionLevel;
                return c.TryWrap(input, output, out var n) ? n : 0;
        }
    }

    /// <summary>
    /// Decompresses one stream into all of <paramref name="output"/>; false when the stream is malformed
    /// or does not decode to exactly <c>output.Length</c> bytes.
    /// </summary>
    public static unsafe bool TryDecompress(BloscCompressorKind kind, ReadOnlySpan<byte> input, Span<byte> output)
    {
        try
        {
            switch (kind)
            {
                case BloscCompressorKind.BloscLZ:
                    return BloscLZ.Decompress(input, output) == output.Length;
                case BloscCompressorKind.Lz4:
                case BloscCompressorKind.Lz4HC:
                    return NativeLz4.Decode(input, output) == output.Length;
                case BloscCompressorKind.Snappy:
                    return Snappy.GetUncompressedLength(input) == output.Length
                        && Snappy.TryDecompress(input, output, out var written) && written == output.Length;
                case BloscCompressorKind.Zlib:
                    fixed (byte* p = input)
                    {
                        using var source = new UnmanagedMemoryStream(p, input.Length);
                        using var z = new ZLibStream(source, CompressionMode.Decompress);
                        var total = 0;
                        while (total < output.Length)
                        {
                            var n = z.Read(output[total..]);
                            if (n == 0) return false;
                            total += n;
                        }
                        Span<byte> probe = stackalloc byte[1];
                        return z.Read(probe) == 0;
                    }
                default:
                    var d = t_zstdDecompressor ??= new Decompressor();
                    return d.TryUnwrap(input, output, out var m) && m == output.Length;
            }
        }
        catch (Exception e) when (e is InvalidDataException or ZstdException or ArgumentException or IOException or InvalidOperationException)
        {
            return false;
        }
    }
}
