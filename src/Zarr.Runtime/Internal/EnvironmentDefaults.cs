namespace Zarr.Internal;

/// <summary>
/// The one place the runtime reads its <c>ZARR_TYPED_*</c> environment variables. Each is only a
/// default, read once per process; code that needs another choice passes it explicitly (for the
/// codecs, <see cref="Codecs.CodecBackend"/> on the instance), so nothing flips process-wide state.
/// <list type="bullet">
/// <item><c>ZARR_TYPED_NATIVE_ZSTD=0</c>: codecs built with <see cref="Codecs.CodecBackend.Default"/> use ZstdSharp, not libzstd.</item>
/// <item><c>ZARR_TYPED_NATIVE_LZ4=0</c>: likewise K4os instead of liblz4 (also inside Blosc frames).</item>
/// <item><c>ZARR_TYPED_HUGEPAGES=0</c>: large read results are not advised into transparent huge pages.</item>
/// </list>
/// </summary>
internal static class EnvironmentDefaults
{
    /// <summary>Whether <see cref="Codecs.CodecBackend.Default"/> means libzstd (when present).</summary>
    public static readonly bool NativeZstd = !IsOff("ZARR_TYPED_NATIVE_ZSTD");

    /// <summary>Whether <see cref="Codecs.CodecBackend.Default"/> means liblz4 (when present).</summary>
    public static readonly bool NativeLz4 = !IsOff("ZARR_TYPED_NATIVE_LZ4");

    /// <summary>Whether large read results ask for transparent huge pages.</summary>
    public static readonly bool HugePages = !IsOff("ZARR_TYPED_HUGEPAGES");

    private static bool IsOff(string name) => Environment.GetEnvironmentVariable(name) == "0";
}
