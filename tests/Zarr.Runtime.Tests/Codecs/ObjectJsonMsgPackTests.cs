using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Zarr.Codecs;
using Zarr.Metadata.Json;
using Zarr.Runtime.Tests.Interop;

namespace Zarr.Runtime.Tests.Codecs;

/// <summary>numcodecs json2 and msgpack2: round trips, corrupt input, and byte equality with numcodecs 0.11.</summary>
public class ObjectJsonMsgPackTests
{
    private static byte[] Enc<T>(ObjectCodec c, T[] items, params int[] shape)
    {
        var w = new ArrayBufferWriter<byte>();
        c.Encode<T>(items, shape, w);
        return w.WrittenSpan.ToArray();
    }

    private static T[] Dec<T>(ObjectCodec c, byte[] bytes, int count, params int[] shape)
    {
        var items = new T[count];
        c.Decode<T>(bytes, shape, items);
        return items;
    }

    private static ObjectCodec Create(string json) => (ObjectCodec)CodecRegistry.Default.Create(ZarrJson.Parse(json, "<test>")!.AsObject(), "<test>");

    [Fact]
    public void Json2WritesWhatNumcodecsWrites()
    {
        var c = new Json2Codec();
        Assert.Equal("""["a","\u00e9",null,"\ud83d\ude00","|O",[4]]""", Encoding.UTF8.GetString(Enc(c, ["a", "é", null, "😀"], 4)));
        Assert.Equal("""[["a","b"],["c","d"],"|O",[2,2]]""", Encoding.UTF8.GetString(Enc(c, ["a", "b", "c", "d"], 2, 2)));
        Assert.Equal("""["a",1,null,1.5,true,NaN,"|O",[6]]""", Encoding.UTF8.GetString(Enc<object?>(c, ["a", 1, null, 1.5, true, double.NaN], 6)));
        Assert.Equal("""[[],[],"|O",[2,0]]""", Encoding.UTF8.GetString(Enc(c, Array.Empty<string>(), 2, 0)));
        Assert.Equal("""["|O",[0]]""", Encoding.UTF8.GetString(Enc(c, Array.Empty<string>(), 0)));
    }

    [Fact]
    public void MsgPack2WritesWhatNumcodecsWrites()
    {
        var c = new MsgPack2Codec();
        Assert.Equal(Convert.FromHexString("94" + "92a161a162" + "92a163a164" + "a27c4f" + "920202"), Enc(c, ["a", "b", "c", "d"], 2, 2));
        Assert.Equal(Convert.FromHexString("97a161a2c3a9c0cb3ff8000000000000a4f09f9880a27c4f9105"), Enc<object?>(c, ["a", "é", null, 1.5, "😀"], 5));
    }

    [Theory]
    [InlineData("""{"id":"json2"}""")]
    [InlineData("""{"id":"json2","indent":2,"ensure_ascii":false}""")]
    [InlineData("""{"id":"json2","indent":"\t","separators":[" ,","::"]}""")]
    [InlineData("""{"id":"msgpack2"}""")]
    [InlineData("""{"id":"msgpack2","use_single_float":true,"use_bin_type":false}""")]
    public void ItemsRoundTrip(string config)
    {
        var c = Create(config);
        string?[] strings = ["", "x", "h\"é\\llo\n\t\u0001", "日本", "😀", null, new string('z', 300), new string('y', 70000)];
        Assert.Equal(strings, Dec<string>(c, Enc(c, strings, 2, 4), 8, 2, 4));
        var single = c is MsgPack2Codec { UseSingleFloat: true };
        object?[] objects = [null, true, false, 0L, -1L, -33L, 200L, -40000L, 5_000_000_000L, long.MinValue, ulong.MaxValue, 0.1, -0.0, double.PositiveInfinity, "s"];
        var back = Dec<object>(c, Enc(c, objects, 15), 15, 15);
        for (var i = 0; i < objects.Length; i++)
        {
            if (single && objects[i] is double d) Assert.Equal((double)(float)d, back[i]);
            else Assert.Equal(objects[i], back[i]);
        }
    }

    [Fact]
    public void JsonKeepsBigIntegersAndMsgPackKeepsBytes()
    {
        var big = BigInteger.Parse("123456789012345678901234567890", CultureInfo.InvariantCulture);
        var j = new Json2Codec();
        Assert.Equal(big, Dec<object>(j, Enc<object>(j, [big], 1), 1, 1)[0]);
        var m = new MsgPack2Codec();
        Assert.Equal(new byte[] { 1, 2 }, Dec<object>(m, Enc<object>(m, [new byte[] { 1, 2 }], 1), 1, 1)[0]);
        Assert.Throws<ZarrCodecException>(() => Enc<object>(m, [big], 1));
        Assert.Throws<ZarrCodecException>(() => Enc<object>(j, [new byte[] { 1 }], 1));
        Assert.Throws<ZarrCodecException>(() => Enc<object>(new Json2Codec(allowNan: false), [double.NaN], 1));
        Assert.Throws<ZarrCodecException>(() => Enc<object>(j, [new DateTime(2000, 1, 1)], 1));
    }

    [Fact]
    public void NonStringItemsAreAnErrorForStringArrays()
    {
        var j = new Json2Codec();
        var e = Assert.Throws<ZarrCodecException>(() => Dec<string>(j, Encoding.UTF8.GetBytes("""["a",1,"|O",[2]]"""), 2, 2));
        Assert.Contains("T = object", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[")]
    [InlineData("{}")]
    [InlineData("""["a","b","|O",[2]] x""")]
    [InlineData("""["a","b","|O",[3]]""")]
    [InlineData("""["a","b","|O",[-2]]""")]
    [InlineData("""["a","b","|O",[99999999999]]""")]
    [InlineData("""["a","b","<i4",[2]]""")]
    [InlineData("""["a","b"]""")]
    [InlineData("""["a",["b"],"|O",[2]]""")]
    [InlineData("""[["a","b"],"|O",[2]]""")]
    [InlineData("""["a","b","|O",[2,1]] """ + "\u0001")]
    [InlineData("[\"a\u0001\",\"b\",\"|O\",[2]]")]
    [InlineData("""["a\x","b","|O",[2]]""")]
    [InlineData("""["a\u12","b","|O",[2]]""")]
    [InlineData("""["a","b","|O",[]]""")]
    [InlineData("""["a",{"k":1},"|O",[2]]""")]
    [InlineData("""[01,"b","|O",[2]]""")]
    public void CorruptJsonIsACodecError(string text)
    {
        var ex = Assert.Throws<ZarrCodecException>(() => Dec<string>(new Json2Codec(), Encoding.UTF8.GetBytes(text), 2, 2));
        Assert.Equal("json2", ex.CodecId);
    }

    [Fact]
    public void DeepNestingAndBadUtf8AreCodecErrors()
    {
        Assert.Throws<ZarrCodecException>(() => Dec<string>(new Json2Codec(), Encoding.ASCII.GetBytes(new string('[', 100_000)), 2, 2));
        Assert.Throws<ZarrCodecException>(() => Dec<string>(new Json2Codec(), [0x5b, 0x22, 0xff, 0x22, 0x5d], 1, 1));
        var deep = Enumerable.Repeat((byte)0x91, 100_000).ToArray();
        Assert.Throws<ZarrCodecException>(() => Dec<string>(new MsgPack2Codec(), deep, 1, 1));
        Assert.Throws<ZarrCodecException>(() => Dec<string>(new Json2Codec(), Encoding.UTF8.GetBytes("""["a","b","|O",[2]]"""), 3, 3));
    }

    [Fact]
    public void CorruptMsgPackIsACodecError()
    {
        var m = new MsgPack2Codec();
        var good = Enc(m, ["a", "b"], 2);
        // Every truncation fails cleanly.
        for (var n = 0; n < good.Length; n++)
            Assert.Throws<ZarrCodecException>(() => Dec<string>(m, good[..n], 2, 2));
        // Every single-byte corruption either decodes or fails cleanly.
        var rng = new Random(5);
        for (var i = 0; i < good.Length; i++)
            for (var k = 0; k < 40; k++)
            {
                var bad = (byte[])good.Clone();
                bad[i] = (byte)rng.Next(256);
                try { Dec<object>(m, bad, 2, 2); }
                catch (ZarrCodecException) { }
            }
        Assert.Throws<ZarrCodecException>(() => Dec<string>(m, [.. good, 0], 2, 2));
        Assert.Throws<ZarrCodecException>(() => Dec<string>(m, Convert.FromHexString("ddffffffff"), 2, 2)); // huge array count
        Assert.Throws<ZarrCodecException>(() => Dec<string>(m, Convert.FromHexString("dbffffffff"), 2, 2)); // huge str length
        Assert.Throws<ZarrCodecException>(() => Dec<string>(m, Convert.FromHexString("9481a161a162a27c4f9102"), 2, 2)); // a map item
        Assert.Throws<ZarrCodecException>(() => Dec<string>(m, Convert.FromHexString("94a2ffffa162a27c4f9102"), 2, 2)); // bad UTF-8
        Assert.Throws<ZarrCodecException>(() => Dec<string>(m, Convert.FromHexString("94c1a162a27c4f9102"), 2, 2));
        Assert.Throws<ZarrCodecException>(() => Dec<string>(m, Convert.FromHexString("94a161a162a27c4f91cf0000000100000000"), 2, 2));
    }

    [Fact]
    public void ConfigAndReprMatchNumcodecs()
    {
        var j = new Json2Codec();
        Assert.Equal("""{"id":"json2","encoding":"utf-8","skipkeys":false,"ensure_ascii":true,"check_circular":true,"allow_nan":true,"indent":null,"separators":[",",":"],"sort_keys":true,"strict":true}""",
            j.GetConfig().ToJsonString());
        Assert.Equal("JSON(encoding='utf-8', allow_nan=True, check_circular=True, ensure_ascii=True,\n     indent=None, separators=(',', ':'), skipkeys=False, sort_keys=True,\n     strict=True)", j.ToString());
        Assert.Equal("MsgPack(raw=False, use_bin_type=True, use_single_float=False)", new MsgPack2Codec().ToString());
        Assert.Equal("""{"id":"msgpack2","raw":false,"use_single_float":false,"use_bin_type":true}""", new MsgPack2Codec().GetConfig().ToJsonString());
    }

    private const string Script = """
import sys, json, base64, struct, numpy as np, numcodecs
def O(items, shape=None):
    a = np.empty(len(items), dtype=object)
    for i, v in enumerate(items): a[i] = v
    return a.reshape(shape) if shape else a
S = ['a', 'h\u00e9llo', '', None, '\u65e5\u672c', '\U0001f600', 'x' * 300, 'q"\\/\n\t\x01\x7f', 'y' * 40]
MIX = [None, True, False, 0, 1, -1, 127, 128, 255, 256, -32, -33, -128, -129, 65535, 65536, -32768, -32769, 2**32, -2**31 - 1,
       2**63 - 1, 2**64 - 1, -2**63, 0.1, -0.0, 1e300, 5e-324, float('inf'), float('-inf'), 1.5, 'z' * 31, 'z' * 32, 'z' * 256, 'z' * 70000]
CASES = [
 ('j_default', dict(id='json2'), O(S), False),
 ('j_2d', dict(id='json2'), O(S[:8], (2, 4)), False),
 ('j_3d', dict(id='json2'), O(S[:8], (2, 2, 2)), False),
 ('j_mix', dict(id='json2'), O(MIX + [float('nan')]), True),
 ('j_indent', dict(id='json2', indent=2), O(S[:4], (2, 2)), False),
 ('j_indent_str', dict(id='json2', indent='\t', ensure_ascii=False, separators=(',', ': ')), O(S[:6], (3, 2)), False),
 ('j_indent0', dict(id='json2', indent=0, sort_keys=False), O(S[:2]), False),
 ('j_noascii', dict(id='json2', ensure_ascii=False), O(S, (9, 1)), False),
 ('m_default', dict(id='msgpack2'), O(S), False),
 ('m_2d', dict(id='msgpack2'), O(S[:8], (4, 2)), False),
 ('m_mix', dict(id='msgpack2'), O(MIX + [b'', b'\x00\xff', b'b' * 300, b'c' * 70000]), True),
 ('m_single_nobin', dict(id='msgpack2', use_single_float=True, use_bin_type=False), O(MIX + [b'ab']), True),
 ('m_long_list', dict(id='msgpack2'), O(['v'] * 20 + [None] * 70000), False),
]
def tag(v):
    if v is None: return ['n']
    if isinstance(v, bool): return ['b', v]
    if isinstance(v, int): return ['i', str(v)]
    if isinstance(v, float): return ['f', struct.pack('<d', v).hex()]
    if isinstance(v, str): return ['s', v]
    if isinstance(v, bytes): return ['y', base64.b64encode(v).decode()]
    raise TypeError(type(v))
out = []
for name, cfg, arr, mixed in CASES:
    codec = numcodecs.get_codec(dict(cfg))
    enc = numcodecs.compat.ensure_bytes(codec.encode(arr))
    dec = codec.decode(enc)
    assert dec.shape == arr.shape
    out.append(dict(name=name, config=codec.get_config(), repr=repr(codec), shape=list(arr.shape), mixed=mixed,
                    encoded=base64.b64encode(enc).decode(), items=[tag(v) for v in arr.reshape(-1)],
                    decoded=[tag(v) for v in dec.reshape(-1)]))
json.dump(out, sys.stdout)
""";

    private static object? Untag(JsonNode? t)
    {
        var a = t!.AsArray();
        return (string)a[0]! switch
        {
            "n" => null,
            "b" => (bool)a[1]!,
            "i" => long.TryParse((string)a[1]!, CultureInfo.InvariantCulture, out var l) ? l
                : ulong.TryParse((string)a[1]!, CultureInfo.InvariantCulture, out var u) ? u : (object)BigInteger.Parse((string)a[1]!, CultureInfo.InvariantCulture),
            "f" => BitConverter.ToDouble(Convert.FromHexString((string)a[1]!)),
            "s" => (string)a[1]!,
            "y" => Convert.FromBase64String((string)a[1]!),
            _ => throw new InvalidOperationException(),
        };
    }

    [SkippableFact]
    public void MatchNumcodecs011ByteForByte()
    {
        var cases = JsonNode.Parse(Python.Run(Script))!.AsArray();
        var failures = new List<string>();
        foreach (var node in cases)
        {
            var c = node!.AsObject();
            var name = (string)c["name"]!;
            var codec = (ObjectCodec)CodecRegistry.Default.Create(ZarrJson.Parse(c["config"]!.ToJsonString(), name)!.AsObject(), name);
            if (codec.ToString() != (string)c["repr"]!) failures.Add($"{name}: repr {codec} != {c["repr"]}");
            if (!JsonNode.DeepEquals(codec.GetConfig(), ZarrJson.Parse(c["config"]!.ToJsonString(), name))) failures.Add($"{name}: config {codec.GetConfig().ToJsonString()} != {c["config"]!.ToJsonString()}");
            var shape = c["shape"]!.AsArray().Select(x => (int)x!).ToArray();
            var expected = Convert.FromBase64String((string)c["encoded"]!);
            var items = c["items"]!.AsArray().Select(Untag).ToArray();
            var decoded = c["decoded"]!.AsArray().Select(Untag).ToArray();
            var ours = Enc(codec, items, shape);
            if (!ours.AsSpan().SequenceEqual(expected))
                failures.Add($"{name}: encoded {Show(ours)} != numcodecs {Show(expected)}");
            var back = Dec<object>(codec, expected, items.Length, shape);
            for (var i = 0; i < back.Length; i++)
                if (!SameItem(back[i], decoded[i])) { failures.Add($"{name}: item {i} decoded as {back[i]} not {decoded[i]}"); break; }
            if (!(bool)c["mixed"]!)
            {
                var strings = Dec<string>(codec, expected, items.Length, shape);
                if (!strings.SequenceEqual(items.Cast<string?>())) failures.Add($"{name}: string decode differs");
                if (!Enc(codec, strings, shape).AsSpan().SequenceEqual(expected)) failures.Add($"{name}: string encode differs");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static bool SameItem(object? a, object? b) => (a, b) switch
    {
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
        _ => Equals(a, b),
    };

    private static string Show(byte[] b) => b.Length <= 80 ? Encoding.UTF8.GetString(b).Replace("\n", "\\n", StringComparison.Ordinal) + " / " + Convert.ToHexString(b) : Convert.ToHexString(b[..80]) + $"… ({b.Length} bytes)";

    private const string FortranScript = """
import sys, json, numpy as np, zarr, numcodecs
path = sys.argv[1]
out = {}
for name, codec in [('json2', numcodecs.JSON()), ('msgpack2', numcodecs.MsgPack())]:
    z = zarr.open(path + '/' + name, mode='w', shape=(4, 6), chunks=(2, 3), dtype=object, object_codec=codec, order='F', fill_value=None, compressor=None)
    z[:] = np.array([['r%dc%d' % (i, j) for j in range(6)] for i in range(4)], dtype=object)
    out[name] = [str(v) for v in z[:].reshape(-1)]
json.dump(out, sys.stdout)
""";

    [SkippableFact]
    public void FortranOrderChunksMatchZarrPython()
    {
        var dir = Path.Combine(Path.GetTempPath(), "zarr-objcodecs-" + Guid.NewGuid().ToString("N"));
        try
        {
            var py = JsonNode.Parse(Python.Run(FortranScript.Replace("sys.argv[1]", "'" + dir + "'")))!.AsObject();
            foreach (var name in new[] { "json2", "msgpack2" })
            {
                // Reading: what zarr-python reads back (its F-order reshape of the C-nested list).
                var read = ZarrArray.Open(Path.Combine(dir, name), "r").As<string>().Read().Data;
                Assert.Equal(py[name]!.AsArray().Select(x => (string)x!).ToArray(), read);
                // Writing: the logical data gives zarr-python's chunk bytes.
                var meta = ZarrArray.Open(Path.Combine(dir, name), "r");
                var logical = Enumerable.Range(0, 24).Select(k => $"r{k / 6}c{k % 6}").ToArray();
                var target = Path.Combine(dir, "cs-" + name);
                var options = new ArrayOptions { DType = "|O", Filters = [meta.Filters[0]], Compressor = null, Order = 'F', FillValue = null };
                ZarrArray.Open<string>(target, "w", [4, 6], [2, 3], options)[Selector.Ellipsis] = NDArray<string>.From(logical, [4, 6]);
                foreach (var key in new[] { "0.0", "0.1", "1.0", "1.1" })
                    Assert.Equal(File.ReadAllBytes(Path.Combine(dir, name, key)), File.ReadAllBytes(Path.Combine(target, key)));
            }
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
