using System.Text.Json.Nodes;
using Zarr.Metadata.Json;

namespace Zarr.Runtime.Tests.Metadata;

public class JsonTests
{
    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(2.5, "2.5")]
    [InlineData(1.0, "1.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-4, "0.0001")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.5e20, "1.5e+20")]
    [InlineData(123456789012345.6, "123456789012345.6")]
    [InlineData(0.10000000149011612, "0.10000000149011612")]
    [InlineData(-3.25, "-3.25")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(5e-324, "5e-324")]
    public void PythonReprOfFloats(double value, string expected) => Assert.Equal(expected, PythonFloat.Repr(value));

    [Fact]
    public void SerializesLikePythonJsonDumps()
    {
        var obj = new JsonObject
        {
            ["zarr_format"] = 2,
            ["b"] = new JsonArray(1, 2),
            ["a"] = "h\u00e9\"\n",
            ["empty"] = new JsonArray(),
            ["obj"] = new JsonObject(),
            ["nan"] = double.NaN,
            ["n"] = null,
        };
        Assert.Equal(
            "{\n    \"a\": \"h\\u00e9\\\"\\n\",\n    \"b\": [\n        1,\n        2\n    ],\n    \"empty\": [],\n    \"n\": null,\n    \"nan\": NaN,\n    \"obj\": {},\n    \"zarr_format\": 2\n}",
            ZarrJson.Serialize(obj));
    }

    [Fact]
    public void ParsesPythonsNonStandardTokens()
    {
        var node = ZarrJson.Parse("{\"a\": NaN, \"b\": [Infinity, -Infinity], \"c\": 18446744073709551615, \"d\": \"\\u00e9\"}", "x/.zattrs")!;
        Assert.True(double.IsNaN(node["a"]!.GetValue<double>()));
        Assert.Equal(double.NegativeInfinity, node["b"]![1]!.GetValue<double>());
        Assert.Equal(ulong.MaxValue, node["c"]!.GetValue<ulong>());
        Assert.Equal("é", node["d"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"a\": }", "line 1, column 7")]
    [InlineData("{\n  \"a\": [1,\n  2", "line 3")]
    [InlineData("[1] x", "after the JSON value")]
    [InlineData("", "end of input")]
    public void MalformedJsonNamesKeyAndPosition(string text, string where)
    {
        var e = Assert.Throws<ZarrMetadataException>(() => ZarrJson.Parse(text, "g/.zarray"));
        Assert.Equal("g/.zarray", e.Key);
        Assert.Contains(where, e.Message);
    }

    [Fact]
    public void DeepNestingIsAnErrorNotAStackOverflow()
    {
        var text = new string('[', 100_000);
        Assert.Throws<ZarrMetadataException>(() => ZarrJson.Parse(text, "k"));
    }
}
