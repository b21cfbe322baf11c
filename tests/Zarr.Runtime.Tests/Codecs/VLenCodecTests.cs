using Zarr.Codecs;
using Zarr.DataTypes;
using Zarr.Internal;

namespace Zarr.Runtime.Tests.Codecs;

public class VLenCodecTests
{
    private static byte[] Encode<T>(ObjectCodec codec, params T[] items)
    {
        using var w = new PooledBufferWriter();
        codec.Encode<T>(items, w);
        return w.WrittenSpan.ToArray();
    }

    private static T[] Decode<T>(ObjectCodec codec, byte[] bytes, int count)
    {
        var items = new T[count];
        codec.Decode<T>(bytes, items);
        return items;
    }

    [Fact]
    public void Utf8LayoutFromTheFormatFacts()
    {
        var codec = new VLenUtf8Codec();
        var bytes = Encode<string?>(codec, "a", "héllo", "", null);
        Assert.Equal(Convert.FromHexString("04000000" + "01000000" + "61" + "06000000" + "68c3a96c6c6f" + "00000000" + "00000000"), bytes);
        Assert.Equal(["a", "héllo", "", ""], Decode<string>(codec, bytes, 4));
        Assert.Equal("", codec.EmptyValue<string>());
        Assert.Equal("VLenUTF8()", codec.ToString());
        Assert.True(codec.Supports<string>());
        Assert.False(codec.Supports<byte[]>());
        Assert.Throws<ZarrCodecException>(() => Decode<byte[]>(codec, bytes, 4));
    }

    [Fact]
    public void Utf8InvalidTextIsAnError()
    {
        var codec = new VLenUtf8Codec();
        Assert.Throws<ZarrCodecException>(() => Encode<string>(codec, "a\ud800b"));
        var bad = Convert.FromHexString("01000000" + "02000000" + "c328");
        Assert.Throws<ZarrCodecException>(() => Decode<string>(codec, bad, 1));
    }

    [Fact]
    public void BytesRoundTrip()
    {
        var codec = new VLenBytesCodec();
        var items = new[] { new byte[] { 1, 2 }, [], null!, Enumerable.Range(0, 256).Select(i => (byte)i).ToArray() };
        var back = Decode<byte[]>(codec, Encode(codec, items), 4);
        Assert.Equal(new byte[] { 1, 2 }, back[0]);
        Assert.Empty(back[1]);
        Assert.Empty(back[2]);
        Assert.Equal(items[3], back[3]);
        Assert.Empty(codec.EmptyValue<byte[]>());
        Assert.Equal("VLenBytes()", codec.ToString());
    }

    [Fact]
    public void ArrayRoundTripsAndSwapsBigEndian()
    {
        var le = new VLenArrayCodec(ZarrDType.Parse("<i4"));
        var bytes = Encode(le, new[] { 1, 2, 3 }, null!, []);
        Assert.Equal(Convert.FromHexString("03000000" + "0c000000" + "010000000200000003000000" + "00000000" + "00000000"), bytes);
        var back = Decode<int[]>(le, bytes, 3);
        Assert.Equal([1, 2, 3], back[0]);
        Assert.Empty(back[1]);
        Assert.Empty(le.EmptyValue<int[]>());
        Assert.False(le.Supports<long[]>());
        Assert.Throws<ZarrCodecException>(() => Encode<long[]>(le, [1L]));

        var be = new VLenArrayCodec(ZarrDType.Parse(">f8"));
        var beBytes = Encode<double[]>(be, [1.5, -2.0]);
        Assert.Equal(Convert.FromHexString("01000000" + "10000000" + "3ff8000000000000" + "c000000000000000"), beBytes);
        Assert.Equal([1.5, -2.0], Decode<double[]>(be, beBytes, 1)[0]);
        Assert.Equal("VLenArray(dtype='>f8')", be.ToString());

        foreach (var (dtype, value) in new (string, object)[] { ("|b1", new[] { true, false }), ("|i1", new sbyte[] { -1 }), ("<u2", new ushort[] { 9 }), ("<f2", new[] { (Half)1.5 }), ("<u8", new[] { ulong.MaxValue }) })
        {
            var codec = new VLenArrayCodec(ZarrDType.Parse(dtype));
            Assert.True(Supports(codec, value), dtype);
        }
        Assert.Throws<ArgumentException>(() => new VLenArrayCodec(ZarrDType.Parse("<U3")));
    }

    private static bool Supports(VLenArrayCodec codec, object value) => value switch
    {
        bool[] => codec.Supports<bool[]>(),
        sbyte[] => codec.Supports<sbyte[]>(),
        ushort[] => codec.Supports<ushort[]>(),
        Half[] => codec.Supports<Half[]>(),
        ulong[] => codec.Supports<ulong[]>(),
        _ => false,
    };

    public static TheoryData<string, string> Corrupt => new()
    {
        { "", "truncated header" },
        { "010000", "truncated header" },
        { "02000000" + "00000000", "too few items for the count" },
        { "01000000", "count but no length" },
        { "01000000" + "0500000061", "length beyond the buffer" },
        { "01000000" + "ffffffff", "huge length" },
        { "ffffffff" + "00000000", "huge count" },
        { "03000000" + "00000000" + "00000000" + "00000000", "count differs from the chunk" },
    };

    [Theory]
    [MemberData(nameof(Corrupt))]
    public void CorruptBuffersAreErrorsNotAllocations(string hex, string why)
    {
        var bytes = Convert.FromHexString(hex);
        Assert.Throws<ZarrCodecException>(() => Decode<string>(new VLenUtf8Codec(), bytes, 2));
        Assert.Throws<ZarrCodecException>(() => Decode<byte[]>(new VLenBytesCodec(), bytes, 2));
        Assert.Throws<ZarrCodecException>(() => Decode<int[]>(new VLenArrayCodec(ZarrDType.Int32), bytes, 2));
        _ = why;
    }

    [Fact]
    public void ArrayItemsMustBeWholeElements()
    {
        var bytes = Convert.FromHexString("01000000" + "03000000" + "010203");
        Assert.Throws<ZarrCodecException>(() => Decode<int[]>(new VLenArrayCodec(ZarrDType.Int32), bytes, 1));
    }
}
