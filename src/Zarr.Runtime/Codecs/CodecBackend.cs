namespace Zarr.Codecs;

/// <summary>
/// Which implementation a codec with both a native and a managed one runs (<see cref="ZstdCodec"/>,
/// <see cref="Lz4Codec"/>). The choice belongs to the codec instance, so two arrays in one process,
/// or two tests running side by side, can use different ones without touching shared state.
/// </summary>
public enum CodecBackend
{
    /// <summary>
    /// The process default: the system library (libzstd, liblz4) when it is present, unless the
    /// environment variable <c>ZARR_TYPED_NATIVE_ZSTD=0</c> or <c>ZARR_TYPED_NATIVE_LZ4=0</c> was set when
    /// the process first used the codec.
    /// </summary>
    Default,

    /// <summary>The system library when it is present, whatever the environment says; the managed code otherwise.</summary>
    Native,

    /// <summary>Always the managed code (ZstdSharp, K4os.Compression.LZ4).</summary>
    Managed,
}
