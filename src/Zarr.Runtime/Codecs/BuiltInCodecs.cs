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
        r.Register(Bz2Codec.CodecId, Bz2Codec.FromConfig);
        r.Register(LzmaCodec.CodecId, LzmaCodec.FromConfig);
        r.Register(ZfpyCodec.CodecId, ZfpyCodec.FromConfig);
        r.Register(DeltaCodec.CodecId, DeltaCodec.FromConfig);
        r.Register(FixedScaleOffsetCodec.CodecId, FixedScaleOffsetCodec.FromConfig);
        r.Register(QuantizeCodec.CodecId, QuantizeCodec.FromConfig);
        r.Register(BitRoundCodec.CodecId, BitRoundCodec.FromConfig);
        r.Register(PackBitsCodec.CodecId, PackBitsCodec.FromConfig);
        r.Register(CategorizeCodec.CodecId, CategorizeCodec.FromConfig);
        r.Register(AsTypeCodec.CodecId, AsTypeCodec.FromConfig);
        r.Register(ShuffleCodec.CodecId, ShuffleCodec.FromConfig);
        r.Register(Base64Codec.CodecId, Base64Codec.FromConfig);
        r.Register(Crc32Codec.CodecId, Crc32Codec.FromConfig);
        r.Register(Adler32Codec.CodecId, Adler32Codec.FromConfig);
        r.Register(Crc32CCodec.CodecId, Crc32CCodec.FromConfig);
        r.Register(Fletcher32Codec.CodecId, Fletcher32Codec.FromConfig);
        r.Register(JenkinsLookup3Codec.CodecId, JenkinsLookup3Codec.FromConfig);
        r.Register(VLenUtf8Codec.CodecId, _ => new VLenUtf8Codec());
        r.Register(VLenBytesCodec.CodecId, _ => new VLenBytesCodec());
        r.Register(VLenArrayCodec.CodecId, VLenArrayCodec.FromConfig);
        r.Register(Json2Codec.CodecId, Json2Codec.FromConfig);
        r.Register(MsgPack2Codec.CodecId, MsgPack2Codec.FromConfig);
        r.Register(PickleCodec.CodecId, PickleCodec.FromConfig);
    }
}
