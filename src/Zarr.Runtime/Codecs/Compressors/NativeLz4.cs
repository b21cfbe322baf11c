using System.Runtime.InteropServices;
using K4os.Compression.LZ4;

namespace Zarr.Codecs;

/// <summary>
/// LZ4 block (de)compression through the system's liblz4 (Debian's liblz4-1, which numcodecs' Blosc
/// also uses) when present, called through a function pointer resolved at run time; K4os'
/// managed decoder otherwise, or when <c>ZARR_TYPED_NATIVE_LZ4=0</c> is set. The native decoder is
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
        if (Environment.GetEnvironmentVariable("ZARR_TYPED_NATIVE_LZ4") == "0") return;
        if (!NativeLibrary.TryLoad("liblz4.so.1", out var lib) && !NativeLibrary.TryLoad("liblz4", out lib)) return;
        if (!NativeLibrary.TryGetExport(lib, "LZ4_decompress_safe", out var decompress)) return;
        s_decompressSafe = (delegate* unmanaged<byte*, byte*, int, int, int>)decompress;
        if (NativeLibrary.TryGetExport(lib, "LZ4_decompress_safe_partial", out var partial))
            s_decompressSafePartial = (delegate* unmanaged<byte*, byte*, int, int, int, int>)partial;
        if (NativeLibrary.TryGetExport(lib, "LZ4_compress_fast", out var compress))
            s_compressFast = (delegate* unmanaged<byte*, byte*, int, int, int, int>)compress;
        IsAvailable = true;
    }

    /// <summary>True when the native library was found (and not disabled).</summary>
    public static bool IsAvailable { get; }

    /// <summary>Tests can turn the native path off to exercise the managed decoder.</summary>
    public static bool Enabled { get; set; } = true;

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
    public static int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (!Lz4BlockRules.IsValid(input, output.Length)) return -1;
        if (!IsAvailable || !Enabled) return LZ4Codec.Decode(input, output);
        if (input.IsEmpty) return output.IsEmpty ? 0 : -1;
        fixed (byte* s = input)
        fixed (byte* d = output)
        {
            return s_decompressSafe(s, d, input.Length, output.Length);
        }
    }

    /// <summary>
    /// Decodes at least the first <paramref name="prefix"/> bytes of one LZ4 block into
    /// <paramref name="output"/> (the block's full decoded size), stopping early where liblz4 can
    /// (LZ4 streams are sequential: a prefix is all that can be skipped). Returns false when the block
    /// is corrupt or shorter. Bytes past the prefix may or may not be written; corruption past it may
    /// go unnoticed.
    /// </summary>
    public static bool TryDecodePrefix(ReadOnlySpan<byte> input, Span<byte> output, int prefix)
    {
        if (prefix >= output.Length || !IsAvailable || !Enabled || s_decompressSafePartial == null)
            return Decode(input, output) == output.Length;
        if (prefix <= 0) return true;
        if (!Lz4BlockRules.IsValid(input, output.Length, prefix)) return false;
        fixed (byte* s = input)
        fixed (byte* d = output)
        {
            return s_decompressSafePartial(s, d, input.Length, prefix, output.Length) >= prefix;
        }
    }

    /// <summary>True when <see cref="TryEncode"/> can run (the library exports LZ4_compress_fast).</summary>
    public static bool CanEncode => IsAvailable && Enabled && s_compressFast != null;

    /// <summary>
    /// Encodes one LZ4 block with liblz4's <c>LZ4_compress_fast</c> at <paramref name="acceleration"/>,
    /// exactly as numcodecs' LZ4 codec does (Debian's numcodecs links the same library); returns the
    /// bytes written, or 0 when <paramref name="output"/> is too small or the library is unavailable.
    /// </summary>
    public static int TryEncode(ReadOnlySpan<byte> input, Span<byte> output, int acceleration)
    {
        if (!CanEncode) return 0;
        fixed (byte* s = input)
        fixed (byte* d = output)
        {
            return s_compressFast(s, d, input.Length, output.Length, acceleration);
        }
    }
}
