using Zarr.Generators.Parsing;

namespace Zarr.Generators.Tests;

/// <summary>The generator's own JSON reader, dtype parser and identifier rules, checked directly.</summary>
public class ParserTests
{
    [Theory]
    [InlineData("""{"a": [1, -2.5e3, true, false, null, "x\u00e9\n"]}""", """{"a":[1,-2.5e3,true,false,null,"x\u00e9\n"]}""")]
    [InlineData("""{"nan": NaN, "inf": Infinity, "ninf": -Infinity}""", """{"nan":NaN,"inf":Infinity,"ninf":-Infinity}""")]
    [InlineData("\uFEFF { } ", "{}")]
    public void JsonRoundTripsToCompactText(string text, string compact) => Assert.Equal(compact, JsonReader.Parse(text).ToJson());

    [Theory]
    [InlineData("{\"a\": 01}", 6)]
    [InlineData("{\"a\": 1,}", 8)]
    [InlineData("[1 2]", 3)]
    [InlineData("{\"a\": \"x}", 9)]
    [InlineData("{\"a\": tru}", 6)]
    [InlineData("[1] x", 4)]
    public void JsonErrorsCarryTheirOffset(string text, int offset) =>
        Assert.Equal(offset, Assert.Throws<JsonSyntaxException>(() => JsonReader.Parse(text)).Offset);

    [Fact]
    public void DeepNestingIsAnErrorNotACrash() =>
        Assert.Throws<JsonSyntaxException>(() => JsonReader.Parse(new string('[', 1000) + new string(']', 1000)));

    [Theory]
    [InlineData("<i4", 'i', 4, "<i4", "int32")]
    [InlineData(">f8", 'f', 8, ">f8", ">f8")]
    [InlineData("|b1", 'b', 1, "|b1", "bool")]
    [InlineData("<u1", 'u', 1, "|u1", "uint8")]
    [InlineData("<U5", 'U', 20, "<U5", "<U5")]
    [InlineData("S3", 'S', 3, "|S3", "|S3")]
    [InlineData("<M8[10s]", 'M', 8, "<M8[10s]", "datetime64[s]")]
    [InlineData("float16", 'f', 2, "<f2", "float16")]
    [InlineData("|O", 'O', 8, "|O", "object")]
    public void TypestrsParseAsNumPyDoes(string text, char kind, int itemSize, string typeStr, string display)
    {
        var d = DTypeParser.Parse(text, out var error);
        Assert.Null(error);
        Assert.Equal((kind, itemSize, typeStr, display), (d!.Kind, d.ItemSize, d.TypeStr, d.Display));
    }

    [Theory]
    [InlineData("<i3")]
    [InlineData("<M8")]
    [InlineData("<M8[fortnight]")]
    [InlineData("<x4")]
    [InlineData("")]
    public void InvalidTypestrsAreRejectedWithAReason(string text)
    {
        Assert.Null(DTypeParser.Parse(text, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void StructuredFieldsGetNumPyOffsets()
    {
        var d = DTypeParser.ParseText("""[["a", "|u1"], ["", "|V3"], ["b", "<i4", [2]], ["c", [["x", "<f2"]]]]""", out var error)!;
        Assert.Null(error);
        Assert.Equal(14, d.ItemSize);
        Assert.Equal([0, 1, 4, 12], d.Fields.Select(f => f.Offset));
        var s = TypeMapper.Struct("Rec", d, out var reason)!;
        Assert.Null(reason);
        Assert.Equal(["A", "F1", "B", "C"], s.Fields.Select(f => f.Name));
        Assert.Equal([0, 3, 2, 0], s.Fields.Select(f => f.Length));
        Assert.Equal("CRecord", s.Fields[3].Nested!.Name);
    }

    [Theory]
    [InlineData("air_temperature", "AirTemperature")]
    [InlineData("2m-temp", "_2mTemp")]
    [InlineData("wave height", "WaveHeight")]
    [InlineData("Cádiz", "Cádiz")]
    [InlineData("__", "_")]
    [InlineData("x.y", "XY")]
    [InlineData("_ARRAY_DIMENSIONS", "ArrayDimensions")]
    [InlineData("SST", "Sst")]
    [InlineData("u", "U")]
    [InlineData("seaSurface", "SeaSurface")]
    public void KeysBecomePascalCaseIdentifiers(string key, string identifier) =>
        Assert.Equal(identifier, IdentifierSanitizer.ToPascalCase(key));
}
