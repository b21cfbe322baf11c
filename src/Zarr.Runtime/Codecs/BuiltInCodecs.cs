namespace Zarr.Codecs;

/// <summary>Registers every codec that ships with the runtime. One line per codec id.</summary>
internal static class BuiltInCodecs
{
    public static void RegisterAll(CodecRegistry r)
    {
        r.Register(ZlibCodec.CodecId, c => new ZlibCodec(CodecConfig.GetInt(c, "level", 1)));
        r.Register(GZipCodec.CodecId, c => new GZipCodec(CodecConfig.GetInt(c, "level", 1)));
        r.Register(ZstdCodec.CodecId, c => new ZstdCodec(CodecConfig.GetInt(c, "level", 1), CodecConfig.GetBool(c, "checksum", false)));
        r.Register(Lz4Codec.CodecId, c => new Lz4Codec(CodecConfig.GetInt(c, "acceleration", 1)));
        r.Register(BloscCodec.CodecId, BloscCodec.FromConfig);
    }
}
