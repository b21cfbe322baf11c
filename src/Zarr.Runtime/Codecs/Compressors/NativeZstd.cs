using System.Runtime.InteropServices;

namespace Zarr.Codecs;

/// <summary>
/// The system's libzstd (Debian's libzstd1, present on every Debian and most Linux machines), called
/// through function pointers resolved at run time. ZstdSharp, a managed port, is 2–3× slower at
/// level 3; where the library is missing, or the codec's <see cref="CodecBackend"/> asks for it (the
/// default follows <c>ZARR_TYPED_NATIVE_ZSTD</c>, see <see cref="Internal.EnvironmentDefaults"/>), the
/// codec uses ZstdSharp. Nothing here uses reflection or runtime code generation.
/// </summary>
internal static unsafe class NativeZstd
{
    private const int CompressionLevelParameter = 100;
    private const int ChecksumFlagParameter = 201;

    private static readonly delegate* unmanaged<nint> s_createCCtx;
    private static readonly delegate* unmanaged<nint, nuint> s_freeCCtx;
    private static readonly delegate* unmanaged<nint, int, int, nuint> s_setParameter;
    private static readonly delegate* unmanaged<nint, void*, nuint, void*, nuint, nuint> s_compress2;
    private static readonly delegate* unmanaged<nint> s_createDCtx;
    private static readonly delegate* unmanaged<nint, nuint> s_freeDCtx;
    private static readonly delegate* unmanaged<nint, void*, nuint, void*, nuint, nuint> s_decompressDCtx;
    private static readonly delegate* unmanaged<nuint, nuint> s_compressBound;
    private static readonly delegate* unmanaged<nuint, uint> s_isError;
    private static readonly delegate* unmanaged<nuint, byte*> s_getErrorName;

    static NativeZstd()
    {
        if (!NativeLibrary.TryLoad("libzstd.so.1", out var lib) && !NativeLibrary.TryLoad("libzstd", out lib)) return;
        try
        {
            s_createCCtx = (delegate* unmanaged<nint>)NativeLibrary.GetExport(lib, "ZSTD_createCCtx");
            s_freeCCtx = (delegate* unmanaged<nint, nuint>)NativeLibrary.GetExport(lib, "ZSTD_freeCCtx");
            s_setParameter = (delegate* unmanaged<nint, int, int, nuint>)NativeLibrary.GetExport(lib, "ZSTD_CCtx_setParameter");
            s_compress2 = (delegate* unmanaged<nint, void*, nuint, void*, nuint, nuint>)NativeLibrary.GetExport(lib, "ZSTD_compress2");
            s_createDCtx = (delegate* unmanaged<nint>)NativeLibrary.GetExport(lib, "ZSTD_createDCtx");
            s_freeDCtx = (delegate* unmanaged<nint, nuint>)NativeLibrary.GetExport(lib, "ZSTD_freeDCtx");
            s_decompressDCtx = (delegate* unmanaged<nint, void*, nuint, void*, nuint, nuint>)NativeLibrary.GetExport(lib, "ZSTD_decompressDCtx");
            s_compressBound = (delegate* unmanaged<nuint, nuint>)NativeLibrary.GetExport(lib, "ZSTD_compressBound");
            s_isError = (delegate* unmanaged<nuint, uint>)NativeLibrary.GetExport(lib, "ZSTD_isError");
            s_getErrorName = (delegate* unmanaged<nuint, byte*>)NativeLibrary.GetExport(lib, "ZSTD_getErrorName");
            IsAvailable = true;
        }
        catch (EntryPointNotFoundException)
        {
            IsAvailable = false;
        }
    }

    /// <summary>True when the native library was found.</summary>
    public static bool IsAvailable { get; }

    /// <summary>Whether <paramref name="backend"/> runs libzstd here.</summary>
    public static bool Uses(CodecBackend backend) => IsAvailable && backend switch
    {
        CodecBackend.Managed => false,
        CodecBackend.Native => true,
        _ => Internal.EnvironmentDefaults.NativeZstd,
    };

    [ThreadStatic] private static Contexts? t_contexts;

    private sealed class Contexts
    {
        public nint CCtx;
        public nint DCtx;
        public int Level = int.MinValue;
        public bool Checksum;

        ~Contexts()
        {
            if (CCtx != 0) s_freeCCtx(CCtx);
            if (DCtx != 0) s_freeDCtx(DCtx);
        }
    }

    private static Contexts Ctx => t_contexts ??= new Contexts();

    public static int CompressBound(int length) => checked((int)s_compressBound((nuint)length));

    /// <summary>Compresses one frame (with its content size); returns the bytes written.</summary>
    public static int Compress(ReadOnlySpan<byte> src, Span<byte> dst, int level, bool checksum)
    {
        var c = Ctx;
        if (c.CCtx == 0) c.CCtx = s_createCCtx();
        if (c.Level != level || c.Checksum != checksum)
        {
            Check(s_setParameter(c.CCtx, CompressionLevelParameter, level));
            Check(s_setParameter(c.CCtx, ChecksumFlagParameter, checksum ? 1 : 0));
            c.Level = level;
            c.Checksum = checksum;
        }
        fixed (byte* s = src)
        fixed (byte* d = dst)
        {
            return (int)Check(s_compress2(c.CCtx, d, (nuint)dst.Length, s, (nuint)src.Length));
        }
    }

    /// <summary>Decompresses into <paramref name="dst"/>; returns the bytes written, or throws with zstd's error name.</summary>
    public static int Decompress(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        var c = Ctx;
        if (c.DCtx == 0) c.DCtx = s_createDCtx();
        fixed (byte* s = src)
        fixed (byte* d = dst)
        {
            return (int)Check(s_decompressDCtx(c.DCtx, d, (nuint)dst.Length, s, (nuint)src.Length));
        }
    }

    private static nuint Check(nuint code)
    {
        if (s_isError(code) != 0) throw new InvalidDataException(Marshal.PtrToStringUTF8((nint)s_getErrorName(code)) ?? "zstd error");
        return code;
    }
}
