using System.Buffers;
using System.Text.Json.Nodes;
using Zarr.Codecs;
using Zarr.DataTypes;
using Zarr.Metadata.Json;
using Zarr.Runtime.Tests.Interop;

namespace Zarr.Runtime.Tests.Codecs;

/// <summary>
/// Object-array items that are dicts, lists, tuples or mixed values (issue 21): read from what
/// numcodecs 0.11 writes, written back byte for byte, printed as Python's repr, and built from C#
/// values (Dictionary, arrays, C# tuples) into the bytes numcodecs writes for the same Python values.
/// </summary>
public class ObjectItemModelTests
{
    // Python literals of the items; each codec encodes them (tuples become lists except in pickle).
    internal const string PythonItems = """
        [
          {'a': 1, 'b': [1, 2.5, None], 'c': {'d': '\u00e9', 'e': True}},
          [1, 'x', None], [[1, 2], [3, 4]], (1, 'two', 3.0), {}, [], (), (7,),
          {'z': 1, 'a': 2, 'm': [{'k': -5}]}, 'plain', 5, None, 1.5, [[[]]], {'': {'': ''}},
          {'k' * 40: list(range(20)), 'n': -2**63, 'u': 2**64 - 1}, [0.1, -0.0, float('inf')],
        ]
        """;

    internal static readonly string[] Configs =
    [
        """{"id": "json2"}""",
        """{"id": "json2", "indent": 2, "sort_keys": false}""",
        """{"id": "json2", "ensure_ascii": false, "separators": [", ", ": "]}""",
        """{"id": "msgpack2"}""",
        """{"id": "msgpack2", "use_bin_type": false, "raw": true}""",
    ];

    private const string Script = """
        import sys, json, base64, numpy as np, numcodecs
        def O(items, shape=None):
            a = np.empty(len(items), dtype=object)
            for i, v in enumerate(items): a[i] = v
            return a.reshape(shape) if shape else a
        ITEMS = __ITEMS__
        out = []
        for cfg in json.loads(sys.stdin.read()):
            codec = numcodecs.get_codec(dict(cfg))
            for shape in [(len(ITEMS),), (len(ITEMS) // 3, 3) if len(ITEMS) % 3 == 0 else (len(ITEMS),)]:
                enc = bytes(numcodecs.compat.ensure_bytes(codec.encode(O(ITEMS, shape))))
                dec = codec.decode(enc)
                again = bytes(numcodecs.compat.ensure_bytes(codec.encode(dec)))
                out.append(dict(config=cfg, shape=list(shape), encoded=base64.b64encode(enc).decode(), again=base64.b64encode(again).decode(),
                                reprs=[repr(v) for v in dec.reshape(-1)], array=repr(dec)))
        json.dump(out, sys.stdout)
        """;

    private static ObjectCodec Create(string json) => (ObjectCodec)CodecRegistry.Default.Create(ZarrJson.Parse(json, "<test>")!.AsObject(), "<test>");

    private static byte[] Encode(ObjectCodec c, object?[] items, int[] shape)
    {
        var w = new ArrayBufferWriter<byte>();
        c.Encode<object?>(items, shape, w);
        return w.WrittenSpan.ToArray();
    }

    internal static JsonArray RunNumcodecs(string items, IEnumerable<string> configs) =>
        JsonNode.Parse(Python.Run(Script.Replace("__ITEMS__", items.Replace("\n", " ", StringComparison.Ordinal)), "[" + string.Join(",", configs) + "]"))!.AsArray();

    /// <summary>Checks every numcodecs case: decode, repr of each item and of the array, re-encode.</summary>
    internal static List<string> Check(JsonArray cases)
    {
        var failures = new List<string>();
        foreach (var node in cases)
        {
            var c = node!.AsObject();
            var config = c["config"]!.ToJsonString();
            var codec = Create(config);
            var shape = c["shape"]!.AsArray().Select(x => (int)x!).ToArray();
            var encoded = Convert.FromBase64String((string)c["encoded"]!);
            var reprs = c["reprs"]!.AsArray().Select(x => (string)x!).ToArray();
            var items = new object?[reprs.Length];
            codec.Decode<object?>(encoded, shape, items);
            for (var i = 0; i < items.Length; i++)
                if (PythonParity.PythonRepr.Item(items[i]) != reprs[i]) failures.Add($"{config} {string.Join("x", shape)}: item {i} is {PythonParity.PythonRepr.Item(items[i])}, numcodecs {reprs[i]}");
            var printed = NDArray<object?>.From(items, shape).ToString(ZarrDType.Object);
            if (items.Length <= 1000 && printed != (string)c["array"]!) // NumPy summarises larger arrays
                failures.Add($"{config} {string.Join("x", shape)}: printed\n{printed}\nnumpy\n{c["array"]}");
            var again = Encode(codec, items, shape);
            var expected = Convert.FromBase64String((string)c["again"]!);
            if (!again.AsSpan().SequenceEqual(expected))
            {
                var at = again.AsSpan().CommonPrefixLength(expected);
                failures.Add($"{config} {string.Join("x", shape)}: re-encoded bytes differ from numcodecs' at byte {at} of {expected.Length}: "
                    + $"{Convert.ToHexString(again.AsSpan(at, Math.Min(24, again.Length - at)))} != {Convert.ToHexString(expected.AsSpan(at, Math.Min(24, expected.Length - at)))}");
            }
        }
        return failures;
    }

    [SkippableFact]
    public void DictsListsAndMixedItemsMatchNumcodecs()
    {
        var failures = Check(RunNumcodecs(PythonItems, Configs));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [SkippableFact]
    public void CSharpValuesEncodeAsTheirPythonCounterparts()
    {
        // C# spellings: a Dictionary, an object[] and a List, a C# tuple and a PythonTuple, PythonDict keys of several kinds.
        object?[] items =
        [
            new Dictionary<string, object?> { ["b"] = new object?[] { 1, "x" }, ["a"] = null },
            new List<object?> { 1L, 2.5, true },
            (1, "two"),
            new PythonTuple(3L, new PythonList { "in" }),
            new PythonDict { { 2L, "i" }, { 1.5, "f" }, { true, "b" } },
        ];
        const string python = "[{'b': [1, 'x'], 'a': None}, [1, 2.5, True], (1, 'two'), (3, ['in']), {2: 'i', 1.5: 'f', True: 'b'}]";
        var json = RunNumcodecs(python, ["""{"id": "json2"}""", """{"id": "json2", "sort_keys": false}"""]);
        foreach (var node in json.Where(n => n!["shape"]!.AsArray().Count == 1))
        {
            var codec = Create(node!["config"]!.ToJsonString());
            Assert.Equal(Convert.FromBase64String((string)node["encoded"]!), Encode(codec, items, [items.Length]));
        }
        var msgpack = RunNumcodecs(python.Replace("{2: 'i', 1.5: 'f', True: 'b'}", "{'k': b'v', b'b': 2}", StringComparison.Ordinal), ["""{"id": "msgpack2"}"""]);
        items[^1] = new PythonDict { { "k", "v"u8.ToArray() }, { "b"u8.ToArray(), 2 } };
        Assert.Equal(Convert.FromBase64String((string)msgpack[0]!["encoded"]!), Encode(Create("""{"id": "msgpack2"}"""), items, [items.Length]));
    }

    [Fact]
    public void DictKeysFollowPythonEquality()
    {
        var d = new PythonDict { { 1L, "int" }, { 1.0, "float" }, { true, "bool" }, { "1", "str" }, { new PythonTuple(1L, "a"), "tuple" } };
        Assert.Equal(3, d.Count);
        Assert.Equal("{1: 'bool', '1': 'str', (1, 'a'): 'tuple'}", d.ToString());
        Assert.Equal("tuple", d[new PythonTuple(1.0, "a")]);
        Assert.Throws<ArgumentException>(() => d[new PythonList()] = 1);
    }

    [Fact]
    public void EncodersRefuseWhatPythonRefuses()
    {
        var self = new PythonList();
        self.Add(self);
        Assert.Equal("[[...]]", self.ToString());
        Assert.Contains("contains itself", Assert.Throws<ZarrCodecException>(() => Encode(new Json2Codec(), [self], [1])).Message);
        Assert.Contains("contains itself", Assert.Throws<ZarrCodecException>(() => Encode(new MsgPack2Codec(), [self], [1])).Message);
        Assert.Contains("cannot be sorted", Assert.Throws<ZarrCodecException>(() => Encode(new Json2Codec(), [new PythonDict { { "a", 1 }, { 2L, 2 } }], [1])).Message);
        Assert.Contains("JSON keys must be", Assert.Throws<ZarrCodecException>(() => Encode(new Json2Codec(), [new PythonDict { { new PythonTuple(), 1 } }], [1])).Message);
        Assert.Equal("""[{},"|O",[1]]""", System.Text.Encoding.UTF8.GetString(Encode(new Json2Codec(skipkeys: true), [new PythonDict { { new PythonTuple(), 1 } }], [1])));
    }

    [Theory]
    [InlineData("""[{"a":1,},"|O",[1]]""")]
    [InlineData("""[{"a" 1},"|O",[1]]""")]
    [InlineData("""[{a:1},"|O",[1]]""")]
    [InlineData("""[{"a":1""")]
    public void CorruptJsonObjectsAreCodecErrors(string text)
    {
        var items = new object?[1];
        Assert.Throws<ZarrCodecException>(() => new Json2Codec().Decode<object?>(System.Text.Encoding.UTF8.GetBytes(text), [1], items));
    }

    [Fact]
    public void MsgPackMapKeysMustBeTextOrBytes()
    {
        // [{1: 2}, "|O", [1]]: msgpack-python refuses int keys (strict_map_key).
        var bytes = Convert.FromHexString("93" + "810102" + "a27c4f" + "9101");
        Assert.Contains("map key", Assert.Throws<ZarrCodecException>(() => new MsgPack2Codec().Decode<object?>(bytes, [1], new object?[1])).Message);
        // A map claiming more entries than bytes remain.
        Assert.Throws<ZarrCodecException>(() => new MsgPack2Codec().Decode<object?>(Convert.FromHexString("93dfffffffff"), [1], new object?[1]));
    }

    [SkippableFact]
    public void ZarrPythonReadsWhatWeWriteAndTheReverse()
    {
        var dir = Path.Combine(Path.GetTempPath(), "zarr-items-" + Guid.NewGuid().ToString("N"));
        try
        {
            object?[] items = [new PythonDict { { "a", new PythonList { 1L, null } } }, new PythonList { "x", 2.5 }, "s", 3L];
            var z = ZarrArray.Open<object>(Path.Combine(dir, "cs"), "w", [4], [2], new ArrayOptions { DType = "|O", Filters = [new Json2Codec()], Compressor = null });
            z[..] = NDArray<object>.From(items!, 4);
            var output = Python.Run($$"""
                import zarr, numcodecs
                print(repr(zarr.open('{{dir}}/cs', mode='r')[:]))
                z = zarr.open('{{dir}}/py', mode='w', shape=(3,), chunks=(2,), dtype=object, object_codec=numcodecs.MsgPack())
                z[0] = {'k': [1, {'n': None}]}
                z[1] = [1, 'x']
                z[2] = 'plain'
                print(repr(z[:]))
                """);
            var lines = output.Split("array(", StringSplitOptions.RemoveEmptyEntries).Select(s => "array(" + s.TrimEnd('\n')).ToArray();
            Assert.Equal(lines[0], z[..].ToString(ZarrDType.Object));
            var py = ZarrArray.Open(Path.Combine(dir, "py"), "r").As<object>();
            Assert.Equal(lines[1], py[..].ToString(ZarrDType.Object));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
