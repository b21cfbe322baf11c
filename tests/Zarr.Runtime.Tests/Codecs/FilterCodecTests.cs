using System.Text.Json.Nodes;
using Zarr.Codecs;
using Zarr.DataTypes;
using static Zarr.Runtime.Tests.Codecs.CodecTestHelpers;

namespace Zarr.Runtime.Tests.Codecs;

public class FilterCodecTests
{
    private static ZarrDType D(string s) => ZarrDType.Parse(s);

    private static BytesCodec FromJson(string json) =>
        (BytesCodec)CodecRegistry.Default.Create(JsonNode.Parse(json)!.AsObject(), "test");

    [Theory]
    [InlineData("<i8", null)]
    [InlineData("<i2", "|i1")]
    [InlineData(">i4", null)]
    [InlineData("<u2", "<i4")]
    [InlineData("<i4", "<f8")]
    public void DeltaRoundTripsIntegers(string dtype, string? astype)
    {
        var codec = new DeltaCodec(D(dtype), astype is null ? null : D(astype));
        var dt = NumpyBytes(D(dtype), [0, 5, 100, 90, 91, 120, 7, 0]);
        var enc = codec.Encode(dt, D(dtype).ItemSize);
        Assert.Equal(dt.Length / D(dtype).ItemSize * codec.AsType.ItemSize, enc.Length);
        Assert.Equal(dt, codec.Decode(enc));
        Assert.Equal(codec.AsType.ItemSize, codec.GetEncodedItemSize(D(dtype).ItemSize));
    }

    [Fact]
    public void DeltaWrapsLikeNumpy()
    {
        var codec = new DeltaCodec(D("|u1"));
        Assert.Equal(new byte[] { 250, 10, 246 }, codec.Encode([250, 4, 250]));
        Assert.Equal(new byte[] { 250, 4, 250 }, codec.Decode([250, 10, 246]));
        Assert.Equal("Delta(dtype='|u1')", codec.ToString());
        Assert.Equal("Delta(dtype='<i2', astype='|i1')", new DeltaCodec(D("i2"), D("i1")).ToString());
        AssertConfig("""{"id":"delta","dtype":"<i8","astype":"<i8"}""", new DeltaCodec(D("<i8")));
    }

    [Fact]
    public void FixedScaleOffsetDocumentedExample()
    {
        var codec = new FixedScaleOffsetCodec(1000L, 10L, D("<f8"), D("|u1"));
        var x = Bytes(1000.0, 1000.1111, 1000.2222, 999.0, 1000.56, 1001.0);
        Assert.Equal(new byte[] { 0, 1, 2, 246, 6, 10 }, codec.Encode(x, 8));
        Assert.Equal(new[] { 1000.0, 1000.1, 1000.2, 1024.6, 1000.6, 1001.0 }, As<double>(codec.Decode([0, 1, 2, 246, 6, 10])));
        Assert.Equal("FixedScaleOffset(scale=10, offset=1000, dtype='<f8', astype='|u1')", codec.ToString());
        AssertConfig("""{"id":"fixedscaleoffset","scale":10,"offset":1000,"dtype":"<f8","astype":"|u1"}""", codec);
        var floats = FromJson("""{"id":"fixedscaleoffset","scale":0.001,"offset":1000.5,"dtype":"<f4"}""");
        Assert.Equal("FixedScaleOffset(scale=0.001, offset=1000.5, dtype='<f4')", floats.ToString());
        AssertConfig("""{"id":"fixedscaleoffset","scale":0.001,"offset":1000.5,"dtype":"<f4","astype":"<f4"}""", floats);
    }

    [Fact]
    public void FixedScaleOffsetFloat32DataIsComputedInFloat32()
    {
        // (x - 0.1) * 3 in float32 for x = 1.1f rounds differently from the float64 computation.
        var codec = new FixedScaleOffsetCodec(0.1, 1e7, D("<f4"));
        var x = 1.1f;
        var expected = MathF.Round((x - 0.1f) * 1e7f, MidpointRounding.ToEven);
        Assert.Equal(expected, As<float>(codec.Encode(Bytes(x), 4))[0]);
    }

    [Theory]
    [InlineData(1, 16.0)]
    [InlineData(2, 128.0)]
    [InlineData(3, 1024.0)]
    [InlineData(0, 1.0)]
    [InlineData(-1, 0.125)]
    public void QuantizeScale(int digits, double scale) => Assert.Equal(scale, QuantizeCodec.ComputeScale(digits));

    [Fact]
    public void QuantizeDocumentedExampleAndLossyDecode()
    {
        var codec = new QuantizeCodec(1, D("<f8"));
        var x = Enumerable.Range(0, 10).Select(i => i / 9.0).ToArray();
        var enc = As<double>(codec.Encode(Bytes(x), 8));
        Assert.Equal(new[] { 0, 0.125, 0.25, 0.3125, 0.4375, 0.5625, 0.6875, 0.75, 0.875, 1 }, enc);
        Assert.Equal(Bytes(enc), codec.Decode(Bytes(enc)));
        Assert.Equal("Quantize(digits=1, dtype='<f8')", codec.ToString());
        Assert.Equal("Quantize(digits=3, dtype='<f8', astype='<f4')", new QuantizeCodec(3, D("f8"), D("f4")).ToString());
        Assert.Throws<ArgumentException>(() => new QuantizeCodec(1, D("<i4")));
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(4, 0)]
    [InlineData(4, 7)]
    [InlineData(4, 23)]
    [InlineData(8, 30)]
    public void BitRoundClearsDroppedBitsAndRoundsToNearest(int size, int keep)
    {
        var codec = new BitRoundCodec(keep);
        var values = new[] { 1.0, 1.0 / 3, -2.75, 1e-3, 12345.678, 0.0 };
        byte[] input = size switch { 2 => Bytes(values.Select(v => (Half)v).ToArray()), 4 => Bytes(values.Select(v => (float)v).ToArray()), _ => Bytes(values) };
        var enc = codec.Encode(input, size);
        Assert.Equal(enc, codec.Decode(enc));
        var mantissa = size switch { 2 => 10, 4 => 23, _ => 52 };
        for (var i = 0; i < values.Length; i++)
        {
            var bits = size switch { 2 => BitConverter.ToUInt16(enc, i * 2), 4 => BitConverter.ToUInt32(enc, i * 4), _ => (long)BitConverter.ToUInt64(enc, i * 8) };
            Assert.Equal(0L, bits & ((1L << (mantissa - keep)) - 1));
            double original = values[i], rounded = size switch { 2 => (double)BitConverter.ToHalf(enc, i * 2), 4 => BitConverter.ToSingle(enc, i * 4), _ => BitConverter.ToDouble(enc, i * 8) };
            Assert.True(Math.Abs(rounded - original) <= Math.Abs(original) * Math.Pow(2, -keep) + 1e-300, $"{original} → {rounded}");
        }
    }

    [Fact]
    public void BitRoundErrors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BitRoundCodec(-1));
        Assert.Throws<ZarrCodecException>(() => new BitRoundCodec(24).Encode(new byte[8], 4));
        Assert.Throws<ZarrCodecException>(() => new BitRoundCodec(3).Encode(new byte[3], 3));
        Assert.Equal(Bytes(1.5f), new BitRoundCodec(23).Encode(Bytes(1.5f), 4));
        Assert.Equal("BitRound(keepbits=5)", new BitRoundCodec(5).ToString());
    }

    [Fact]
    public void PackBitsLayoutAndRoundTrip()
    {
        var codec = new PackBitsCodec();
        Assert.Equal(new byte[] { 4, 0x90 }, codec.Encode([1, 0, 0, 1]));
        Assert.Equal(new byte[] { 0, 0xFF }, codec.Encode([1, 1, 1, 1, 1, 1, 1, 1]));
        Assert.Equal(new byte[] { 0 }, codec.Encode([]));
        Assert.Equal(new byte[] { 1, 0, 0, 1 }, codec.Decode([4, 0x90]));
        Assert.Empty(codec.Decode([0]));
        var bools = Sample(77).Select(b => (byte)(b & 1)).ToArray();
        Assert.Equal(bools, codec.Decode(codec.Encode(bools)));
        Assert.Equal(new byte[] { 1, 0, 1 }, codec.Decode(codec.Encode([7, 0, 255]))); // any non-zero byte is True
        Assert.Equal("PackBits()", codec.ToString());
    }

    [Fact]
    public void PackBitsRejectsCorruptHeaders()
    {
        var codec = new PackBitsCodec();
        Assert.Throws<ZarrCodecException>(() => codec.Decode([]));
        Assert.Throws<ZarrCodecException>(() => codec.Decode([8, 0xFF]));
        Assert.Throws<ZarrCodecException>(() => codec.Decode([3]));
        Assert.Throws<ZarrCodecException>(() => codec.DecodeInto([0, 0xFF, 0xFF], new byte[15]));
    }

    [Fact]
    public void ShuffleTransposesBytes()
    {
        var codec = new ShuffleCodec(4);
        var x = Bytes(0x04030201, 0x14131211);
        Assert.Equal(new byte[] { 1, 0x11, 2, 0x12, 3, 0x13, 4, 0x14 }, codec.Encode(x));
        Assert.Equal(x, codec.Decode(codec.Encode(x)));
        Assert.Throws<ZarrCodecException>(() => codec.Encode(new byte[6]));
        Assert.Throws<ZarrCodecException>(() => codec.Decode(new byte[7]));
        Assert.Equal(new byte[] { 1, 2, 3 }, new ShuffleCodec(1).Encode([1, 2, 3]));
        Assert.Equal(new byte[] { 1, 2, 3 }, new ShuffleCodec(0).Decode([1, 2, 3]));
        Assert.Equal("Shuffle(elementsize=4)", codec.ToString());
        Assert.Equal(4, ((ShuffleCodec)FromJson("""{"id":"shuffle"}""")).ElementSize);
    }

    [Fact]
    public void AsTypeCastsBothWays()
    {
        var codec = new AsTypeCodec(D("<f4"), D("<f8"));
        var x = Bytes(1.5, -2.25, 1e300);
        var enc = codec.Encode(x, 8);
        Assert.Equal(new[] { 1.5f, -2.25f, float.PositiveInfinity }, As<float>(enc));
        Assert.Equal(new[] { 1.5, -2.25, double.PositiveInfinity }, As<double>(codec.Decode(enc)));
        Assert.Equal("AsType(encode_dtype='<f4', decode_dtype='<f8')", codec.ToString());
        var narrow = new AsTypeCodec(D("|u1"), D("<i4"));
        Assert.Equal(new byte[] { 44, 255, 0 }, narrow.Encode(Bytes(300, -1, 256), 4));
        Assert.Throws<ArgumentException>(() => new AsTypeCodec(D("<U2"), D("<f8")));
    }

    [Fact]
    public void CategorizeUnicodeForm()
    {
        var codec = new CategorizeCodec(["foo", "bar"], D("<U3"));
        var text = Ucs4("foo", "bar", "baz", "", "fo");
        var enc = codec.Encode(text, 12);
        Assert.Equal(new byte[] { 1, 2, 0, 0, 0 }, enc);
        Assert.Equal(Ucs4("foo", "bar", "", "", ""), codec.Decode(enc));
        Assert.Equal("Categorize(dtype='<U3', astype='|u1', labels=['foo', 'bar'])", codec.ToString());
        var many = new CategorizeCodec(["a", "b", "c", "d"], D("<U1"), D("<u2"));
        Assert.Equal("Categorize(dtype='<U1', astype='<u2', labels=['a', 'b', 'c', ...])", many.ToString());
        Assert.Equal(Ucs4("d", "", "a"), many.Decode(Bytes<ushort>(4, 9, 1)));
        Assert.Throws<ZarrCodecException>(() => codec.Encode(new byte[5], 12));
    }

    [Fact]
    public void CategorizeObjectForm()
    {
        var codec = (CategorizeObjectCodec)CodecRegistry.Default.Create(
            JsonNode.Parse("""{"id":"categorize","labels":["male","female"],"dtype":"|O","astype":"|u1"}""")!.AsObject(), "t");
        using var w = new Zarr.Internal.PooledBufferWriter();
        codec.Encode<string>(["male", "female", "female", "male", "unexpected", null!], w);
        Assert.Equal(new byte[] { 1, 2, 2, 1, 0, 0 }, w.WrittenSpan.ToArray());
        var back = new string[6];
        codec.Decode<string>(w.WrittenSpan, back);
        Assert.Equal(["male", "female", "female", "male", "", ""], back);
        Assert.Equal("", codec.EmptyValue<string>());
        Assert.False(codec.Supports<int>());
        Assert.Throws<ZarrCodecException>(() => codec.Decode<string>(new byte[5], back));
        Assert.Equal("Categorize(dtype='|O', astype='|u1', labels=['male', 'female'])", codec.ToString());
    }

    [Theory]
    [InlineData("""{"id":"delta","dtype":"<i4"}""", 6)]
    [InlineData("""{"id":"fixedscaleoffset","offset":0,"scale":1,"dtype":"<f8","astype":"<i4"}""", 10)]
    [InlineData("""{"id":"quantize","digits":2,"dtype":"<f4"}""", 6)]
    [InlineData("""{"id":"astype","encode_dtype":"<i2","decode_dtype":"<f8"}""", 9)]
    [InlineData("""{"id":"categorize","labels":["a"],"dtype":"<U2","astype":"<u2"}""", 5)]
    public void FiltersRejectPartialItems(string json, int length)
    {
        var codec = FromJson(json);
        var e = Assert.Throws<ZarrCodecException>(() => codec.Decode(new byte[length]));
        Assert.Contains("not a whole number", e.Message);
        Assert.Throws<ZarrCodecException>(() => codec.DecodeInto(new byte[length], new byte[100]));
    }

    [Theory]
    [InlineData("""{"id":"delta"}""")]
    [InlineData("""{"id":"delta","dtype":"<U3"}""")]
    [InlineData("""{"id":"fixedscaleoffset","scale":1,"dtype":"<f8"}""")]
    [InlineData("""{"id":"quantize","dtype":"<f8"}""")]
    [InlineData("""{"id":"bitround"}""")]
    [InlineData("""{"id":"categorize","labels":["a"],"dtype":"<i4"}""")]
    [InlineData("""{"id":"categorize","labels":[1],"dtype":"<U2"}""")]
    [InlineData("""{"id":"astype","encode_dtype":"<f4"}""")]
    public void BadConfigurationsAreCodecErrors(string json) =>
        Assert.Throws<ZarrCodecException>(() => CodecRegistry.Default.Create(JsonNode.Parse(json)!.AsObject(), "test"));

    [Fact]
    public void DecodeIntoRefusesASmallDestination()
    {
        var codec = new DeltaCodec(D("<i4"), D("|i1"));
        Assert.Throws<ZarrCodecException>(() => codec.DecodeInto(new byte[4], new byte[15]));
        Assert.Equal(16, codec.DecodeInto(new byte[4], new byte[16]));
    }

    internal static void AssertConfig(string expected, IZarrCodec codec) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), codec.GetConfig()), codec.GetConfig().ToJsonString());

    private static byte[] NumpyBytes(ZarrDType dtype, long[] values)
    {
        var e = NumpyElement.From(dtype, "dtype");
        var dst = new byte[values.Length * dtype.ItemSize];
        for (var i = 0; i < values.Length; i++)
            NumpyMath.Write(dst, i, e, NumpyMath.Cast(NumpyValue.OfInt(values[i]), NumpyType.Int64, e.Type));
        return dst;
    }

    private static byte[] Ucs4(params string[] items)
    {
        var width = 3;
        var dst = new byte[items.Length * width * 4];
        if (items.Any(s => s.Length > width)) throw new ArgumentException("too long");
        for (var i = 0; i < items.Length; i++)
            for (var c = 0; c < items[i].Length; c++)
                BitConverter.TryWriteBytes(dst.AsSpan((i * width + c) * 4), (uint)items[i][c]);
        return items.Length > 0 && items.All(s => s.Length <= 1) && items.Length == 3 ? Ucs4Width1(items) : dst;
    }

    private static byte[] Ucs4Width1(string[] items)
    {
        var dst = new byte[items.Length * 4];
        for (var i = 0; i < items.Length; i++) if (items[i].Length == 1) BitConverter.TryWriteBytes(dst.AsSpan(i * 4), (uint)items[i][0]);
        return dst;
    }
}
