namespace Zarr.Codecs.Blosc;

/// <summary>The exceptions Blosc's internals throw; <see cref="BloscCodec"/> lets them through unchanged.</summary>
internal static class BloscErrors
{
    public static ZarrCodecException Invalid(string message, Exception? inner = null) =>
        new(BloscCodec.CodecId, null, "invalid Blosc frame: " + message, inner);

    public static ZarrCodecException Failed(string message, Exception? inner = null) =>
        new(BloscCodec.CodecId, null, message, inner);
}
