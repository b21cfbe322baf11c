using System.Text.Json.Nodes;
using Zarr.DataTypes;
using Zarr.Metadata;
using Zarr.Metadata.Json;

namespace Zarr.Runtime.Tests.Metadata;

public class DTypeTests
{
    [Theory]
    [InlineData("<i4", DTypeKind.Int, 4, "int32")]
    [InlineData(">i2", DTypeKind.Int, 2, ">i2")]
    [InlineData("|b1", DTypeKind.Bool, 1, "bool")]
    [InlineData("|u1", DTypeKind.UInt, 1, "uint8")]
    [InlineData("<u8", DTypeKind.UInt, 8, "uint64")]
    [InlineData("<f2", DTypeKind.Float, 2, "float16")]
    [InlineData(">f8", DTypeKind.Float, 8, ">f8")]
    [InlineData("<c8", DTypeKind.Complex, 8, "complex64")]
    [InlineData("<c16", DTypeKind.Complex, 16, "complex128")]
    [InlineData("<M8[ns]", DTypeKind.DateTime, 8, "datetime64[ns]")]
    [InlineData("<m8[10s]", DTypeKind.TimeDelta, 8, "timedelta64[10s]")]
    [InlineData("|S5", DTypeKind.Bytes, 5, "|S5")]
    [InlineData("<U3", DTypeKind.Unicode, 12, "<U3")]
    [InlineData(">U3", DTypeKind.Unicode, 12, ">U3")]
    [InlineData("|V4", DTypeKind.Raw, 4, "|V4")]
    [InlineData("|O", DTypeKind.Object, 8, "object")]
    [InlineData("int32", DTypeKind.Int, 4, "int32")]
    [InlineData("i8", DTypeKind.Int, 8, "int64")]
    public void ParsesTypestrs(string typestr, DTypeKind kind, int itemSize, string numpyStr)
    {
        var d = ZarrDType.Parse(typestr);
        Assert.Equal(kind, d.Kind);
        Assert.Equal(itemSize, d.ItemSize);
        Assert.Equal(numpyStr, d.ToString());
        Assert.Equal(d, ZarrDType.Parse(d.TypeStr));
    }

    [Theory]
    [InlineData("<i3")]
    [InlineData("<M8")]
    [InlineData("<M8[parsec]")]
    [InlineData("<x4")]
    [InlineData("<f16")]
    [InlineData("")]
    public void RejectsBadTypestrs(string typestr)
    {
        var e = Assert.Throws<ZarrMetadataException>(() => ZarrDType.FromJson(JsonValue.Create(typestr), "a/.zarray"));
        Assert.Equal("dtype", e.Field);
        Assert.Equal("a/.zarray", e.Key);
    }

    [Fact]
    public void StructuredDtypesKeepPaddingAndSubarrays()
    {
        var json = ZarrJson.Parse("[[\"a\", \"|u1\"], [\"\", \"|V3\"], [\"b\", \"<i4\", [2]]]", "k");
        var d = ZarrDType.FromJson(json, "k");
        Assert.Equal(DTypeKind.Structured, d.Kind);
        Assert.Equal(1 + 3 + 8, d.ItemSize);
        Assert.Equal(new[] { "a", "f1", "b" }, d.Fields.Select(f => f.Name));
        Assert.Equal(4, d.Fields[2].Offset);
        Assert.Equal("[('a', 'u1'), ('f1', 'V3'), ('b', '<i4', (2,))]", d.ToString());
        // np.dtype names the unnamed field f1 and zarr-python rewrites .zarray from dtype.descr, so it
        // goes back as "f1" (checked against zarr 2.13: open an array with "" padding, resize it).
        Assert.Equal(json!.ToJsonString().Replace("[\"\",", "[\"f1\",", StringComparison.Ordinal), d.ToJson().ToJsonString());
    }

    [Theory]
    [InlineData("<f8", "NaN", "\"NaN\"")]
    [InlineData("<f8", "\"Infinity\"", "\"Infinity\"")]
    [InlineData("<f4", "0.1", "0.10000000149011612")]
    [InlineData("<f2", "0.1", "0.0999755859375")]
    [InlineData("<f8", "-0.0", "0.0")]
    [InlineData("<i4", "-7", "-7")]
    [InlineData("<u8", "18446744073709551615", "18446744073709551615")]
    [InlineData(">i2", "258", "258")]
    [InlineData("|b1", "true", "true")]
    // zarr-python decodes [re, im] as re + 1j*im, so its own rewrite (after a resize) stores NaN+NaNj.
    [InlineData("<c8", "[1.0, \"NaN\"]", "[\"NaN\",\"NaN\"]")]
    [InlineData("<c16", "[1.0, -2.5]", "[1.0,-2.5]")]
    [InlineData("<M8[ns]", "-9223372036854775808", "-9223372036854775808")]
    [InlineData("|S5", "\"YWI=\"", "\"YWI=\"")]
    [InlineData("|V4", "\"AAAAAA==\"", "\"AAAAAA==\"")]
    [InlineData("<U3", "\"h\\u00e9\"", "\"h\\u00e9\"")]
    public void FillValuesRoundTripAsZarrPythonWritesThem(string dtype, string json, string expected)
    {
        var d = ZarrDType.Parse(dtype);
        var bytes = FillValueCodec.ToBytes(d, ZarrJson.Parse(json, "k"), "k");
        var back = FillValueCodec.ToJson(d, bytes, bytes is null);
        var text = ZarrJson.Serialize(back).Replace("\n", "").Replace(" ", "");
        Assert.Equal(expected, text);
    }

    [Fact]
    public void BytesFillIsBase64WithoutTrailingNuls()
    {
        var d = ZarrDType.Parse("|S5");
        Assert.Equal("YWI=", FillValueCodec.Normalize(d, "ab")!.GetValue<string>());
        Assert.Equal("", FillValueCodec.Normalize(d, 0)!.GetValue<string>());
    }

    [Theory]
    [InlineData("<i1", "300")]
    [InlineData("<u4", "-1")]
    [InlineData("<f8", "\"abc\"")]
    [InlineData("<c16", "1")]
    [InlineData("|b1", "\"yes\"")]
    public void BadFillValuesNameTheField(string dtype, string json)
    {
        var e = Assert.Throws<ZarrMetadataException>(() => FillValueCodec.ToBytes(ZarrDType.Parse(dtype), ZarrJson.Parse(json, "k"), "arr/.zarray"));
        Assert.Equal("fill_value", e.Field);
    }
}
