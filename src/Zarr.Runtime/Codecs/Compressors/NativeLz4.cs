using System.Runtime.InteropServices;
using K4os.Compression.LZ4;

namespace Zarr.Codecs;

/// <summary>
/// LZ4 block (de)compression through the system's liblz4 (Debian's liblz4-1, which numcodecs' Blosc
/// also uses) when present, called through a function pointer resolved at run time; K4os'
/// managed decoder otherwise, or when the caller's <see cref="CodecBackend"/> asks for it (the
/// default follows <c>ZARR_TYPED_NATIVE_LZ4</c>, see <see cref="Internal.EnvironmentDefaults"/>). The native decoder is
/// the faster of the two on shuffled numeric planes (the w7 windows of benchmarks/compare.py read in
/// about 37 ms with it against 44 ms with K4os, warm, on the 2-core reference machine). Both are the
/// bounds-checked ("safe") decoders: a corrupt stream is an error, never a read or write outside the
/// buffers. No reflection or runtime code generation.
/// </summary>
internal static unsafe class NativeLz4
{
    private static readonly delegate* unmanaged<byte*, byte*, int, int, int> s_decompressSafe;
    private static readonly delegate* unmanaged<byte*, byte*, int, int, int, int> s_decompressSafePartial;
    private static readonly delegate* unmanaged<byte*, byte*, int, int, int, int> s_compressFast;

    static NativeLz4()
    {
        if (!NativeLibrary.TryLoad("liblz4.so.1", out var lib) && !NativeLibrary.TryLoad("liblz4", out lib)) return;
        if (!NativeLibrary.TryGetExport(lib, "LZ4_decompress_safe", out var decompress)) return;
        s_decompressSafe = (delegate* unmanaged<byte*, byte*, int, int, int>)decompress;
        if (NativeLibrary.TryGetExport(lib, "LZ4_decompress_safe_partial", out var partial))
            s_decompressSafePartial = (delegate* unmanaged<byte*, byte*, int, int, int, int>)partial;
        if (NativeLibrary.TryGetExport(lib, "LZ4_compress_fast", out var compress))
            s_compressFast = (delegate* unmanaged<byte*, byte*, int, int, int, int>)compress;
        IsAvailable = true;
    }

    /// <summary>True when the native library was found.</summary>
    public static bool IsAvailable { get; }

    /// <summary>Whether <paramref name="backend"/> runs liblz4 here.</summary>
    public static bool Uses(CodecBackend backend) => IsAvailable && backend switch
    {
        CodecBackend.Managed => false,
        CodecBackend.Native => true,
        _ => Internal.EnvironmentDefaults.NativeLz4,
    };

    /// <summary><see cref="Decode(ReadOnlySpan{byte}, Span{byte}, CodecBackend)"/> with the process default.</summary>
    public static int Decode(ReadOnlySpan<byte> input, Span<byte> output) => Decode(input, output, CodecBackend.Default);

    /// <summary>
    /// Decodes one LZ4 block into <paramref name="output"/>; returns the bytes written, or a negative
    /// number when the block is corrupt or does not fit.
    /// </summary>
    /// <remarks>
    /// <paramref name="output"/> must be the block's exact decoded size. Both decoders are lenient
    /// where the format is not (K4os copies input bytes for a match offset of 0, liblz4 leaves the
    /// output's old bytes there), so the block is checked against the format first
    /// (<see cref="Lz4BlockRules"/>): either backend rejects the same blocks and returns the same bytes.
    /// </remarks>
    public static int Decode(ReadOnlySpan<byte> input, Span<byte> output, CodecBackend backend)
    {
        if (!Lz4BlockRules.IsValid(input, output.Length)) return -1;
        if (!Uses(backend)) return LZ4Codec.Decode(input, output);
        if (input.IsEmpty) return output.IsEmpty ? 0 : -1;
        fixed (byte* s = input)
        fixed (byte* d = output)
        {
            return s_decompressSafe(s, d, input.Length, output.Length);
        }
    }

    /// <summary><see cref="TryDecodePrefix(ReadOnlySpan{byte}, Span{byte}, int, CodecBackend)"/> with the process default.</summary>
    public static bool TryDecodePrefix(ReadOnlySpan<byte> input, Span<byte> output, int prefix) =>
        TryDecodePrefix(input, output, prefix, CodecBackend.Default);

    /// <summary>
    /// Decodes at least the first <paramref name="prefix"/> bytes of one LZ4 block into
    /// <paramref name="output"/> (the block's full decoded size), stopping early where liblz4 can
    /// (LZ4 streams are sequential: a prefix is all that can be skipped). Returns false when the block
    /// is corrupt or shorter. Bytes past the prefix may or may not be written; corruption past it may
    /// go unnoticed.
    /// </summary>
    public static bool TryDecodePrefix(ReadOnlySpan<byte> input, Span<byte> output, int prefix, CodecBackend backend)
    {
        if (prefix >= output.Length || !Uses(backend) || s_decompressSafePartial == null)
            return Decode(input, output, backend) == output.Length;
        if (prefix <= 0) return true;
        if (!Lz4BlockRules.IsValid(input, output.Length, prefix)) return false;
        fixed (byte* s = input)
        fixed (byte* d = output)
        {
            return s_decompressSafePartial(s, d, input.Length, prefix, output.Length) >= prefix;
        }
    }

    /// <summary>True when <see cref="TryEncode"/> runs for <paramref name="backend"/> (the library exports LZ4_compress_fast).</summary>
    public static bool CanEncode(CodecBackend backend) => Uses(backend) && s_compressFast != null;

    /// <summary>
    /// Encodes one LZ4 block with liblz4's <c>LZ4_compress_fast</c> at <paramref name="acceleration"/>,
    /// exactly as numcodecs' LZ4 codec does (Debian's numcodecs links the same library); returns the
    /// bytes written, or 0 when <paramref name="output"/> is too small or the library is unavailable.
    /// </summary>
    public static int TryEncode(ReadOnlySpan<byte> input, Span<byte> output, int acceleration)
    {
        if (!IsAvailable || s_compressFast == null) return 0;
        fixed (byte* s = input)
        fixed (byte* d = output)
        {
            return s_compressFast(s, d, input.Length, output.Length, acceleration);
        }
    }
}
