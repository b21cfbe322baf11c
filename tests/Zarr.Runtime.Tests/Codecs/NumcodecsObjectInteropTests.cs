using System.Text;
using System.Text.Json.Nodes;
using Zarr.Codecs;
using Zarr.Internal;
using Zarr.Metadata.Json;
using Zarr.Runtime.Tests.Interop;

namespace Zarr.Runtime.Tests.Codecs;

/// <summary>
/// The object codecs against numcodecs 0.11: numcodecs encodes object arrays, we decode them to the
/// same values and encode the same values to the same bytes, and numcodecs decodes our bytes back.
/// Items travel as JSON: strings as text, bytes and array items as base64 of their little-endian bytes.
/// </summary>
public class NumcodecsObjectInteropTests
{
    private const string Script = """
import sys, json, base64, numpy as np, numcodecs
O = lambda items: np.array(items + [None], dtype=object)[:-1] if items else np.empty(0, dtype=object)
CASES = [
 ('utf8', dict(id='vlen-utf8'), O(['a', 'h\u00e9llo', '', None, 0, '\u65e5\u672c', '\U0001f600', 'x' * 300])),
 ('utf8_empty', dict(id='vlen-utf8'), O([])),
 ('bytes', dict(id='vlen-bytes'), O([b'a', b'', None, bytes(range(256)), b'\x00\x01'])),
 ('array_i4', dict(id='vlen-array', dtype='<i4'), O([np.array([1, 2, 3], dtype='<i4'), np.array([], dtype='<i4'), None, np.arange(-5, 5, dtype='<i4')])),
 ('array_f8_be', dict(id='vlen-array', dtype='>f8'), O([np.array([1.5, -0.25]), np.array([np.inf]), None])),
 ('array_u1', dict(id='vlen-array', dtype='|u1'), O([np.array([1, 255], dtype='u1'), np.array([], dtype='u1')])),
 ('array_f2', dict(id='vlen-array', dtype='<f2'), O([np.array([1, 0.5, 65504], dtype='<f2')])),
 ('categorize', dict(id='categorize', labels=['male', 'female', 'h\u00e9'], dtype='|O'), O(['male', 'female', 'female', 'male', 'unexpected', 'h\u00e9'])),
 ('categorize_u2', dict(id='categorize', labels=['a', 'b'], dtype='|O', astype='<u2'), O(['b', 'a', 'c'])),
]
def item(v, cfg):
    if v is None or (cfg['id'] != 'vlen-array' and isinstance(v, int) and v == 0): return None
    if isinstance(v, str): return v
    if isinstance(v, bytes): return base64.b64encode(v).decode()
    return base64.b64encode(np.asarray(v).astype(np.dtype(cfg['dtype']).newbyteorder('<')).tobytes()).decode()
if sys.argv[-1] != 'decode':
    out = []
    for name, cfg, arr in CASES:
        codec = numcodecs.get_codec(dict(cfg))
        enc = numcodecs.compat.ensure_bytes(codec.encode(arr))
        dec = codec.decode(enc, out=np.empty(len(arr), dtype=object)) if cfg['id'] != 'categorize' else codec.decode(enc)
        out.append(dict(name=name, config=codec.get_config(), repr=repr(codec), encoded=base64.b64encode(enc).decode(),
                        values=[item(v, cfg) for v in dec]))
    json.dump(out, sys.stdout)
else:
    out = {}
    for case in json.load(sys.stdin):
        cfg = case['config']
        codec = numcodecs.get_codec(dict(cfg))
        raw = base64.b64decode(case['ours'])
        dec = codec.decode(raw, out=np.empty(case['count'], dtype=object)) if cfg['id'] != 'categorize' else codec.decode(raw)
        out[case['name']] = [item(v, cfg) for v in dec]
    json.dump(out, sys.stdout)
""";

    [SkippableFact]
    public void ObjectCodecsMatchNumcodecs011BothWays()
    {
        var cases = JsonNode.Parse(Python.Run(Script))!.AsArray();
        var failures = new List<string>();
        var ours = new JsonArray();
        foreach (var node in cases)
        {
            var c = node!.AsObject();
            var name = c["name"]!.GetValue<string>();
            var config = ZarrJson.Parse(c["config"]!.ToJsonString(), "interop")!.AsObject(); // keeps 10 and 10.0 apart
            var codec = (ObjectCodec)CodecRegistry.Default.Create(config.DeepClone().AsObject(), "interop/" + name);
            var encoded = Convert.FromBase64String(c["encoded"]!.GetValue<string>());
            var values = c["values"]!.AsArray();
            if (codec.ToString() != c["repr"]!.GetValue<string>()) failures.Add($"{name}: repr {codec} != {c["repr"]}");
            if (ZarrJson.Serialize(codec.GetConfig()) != ZarrJson.Serialize(config)) failures.Add($"{name}: config {ZarrJson.Serialize(codec.GetConfig())} != {ZarrJson.Serialize(config)}");

            // Decode numcodecs' bytes, compare with numcodecs' values, re-encode and compare bytes.
            JsonArray decodedJson;
            byte[] reencoded;
            using (var w = new PooledBufferWriter())
            {
                switch (codec)
                {
                    case VLenUtf8Codec or CategorizeObjectCodec:
                    {
                        var items = new string[values.Count];
                        codec.Decode<string>(encoded, items);
                        decodedJson = new JsonArray(items.Select(s => (JsonNode?)(s.Length == 0 && codec is VLenUtf8Codec ? null : JsonValue.Create(s))).ToArray());
                        codec.Encode<string>(items, w);
                        break;
                    }
                    case VLenBytesCodec:
                    {
                        var items = new byte[values.Count][];
                        codec.Decode<byte[]>(encoded, items);
                        decodedJson = new JsonArray(items.Select(b => (JsonNode?)(b.Length == 0 ? null : JsonValue.Create(Convert.ToBase64String(b)))).ToArray());
                        codec.Encode<byte[]>(items, w);
                        break;
                    }
                    default:
                        decodedJson = VLenArrayRoundTrip((VLenArrayCodec)codec, encoded, values.Count, w);
                        break;
                }
                reencoded = w.WrittenSpan.ToArray();
            }
            var expectedValues = new JsonArray(values.Select(v => v is JsonValue jv && jv.GetValue<string>() == "" && codec is not CategorizeObjectCodec ? null : v?.DeepClone()).ToArray());
            if (!JsonNode.DeepEquals(decodedJson, expectedValues)) failures.Add($"{name}: decoded {decodedJson.ToJsonString()} != {expectedValues.ToJsonString()}");
            if (!reencoded.AsSpan().SequenceEqual(encoded)) failures.Add($"{name}: our encoding of the same values differs from numcodecs'");
            ours.Add(new JsonObject { ["name"] = name, ["config"] = config.DeepClone(), ["count"] = values.Count, ["ours"] = Convert.ToBase64String(reencoded) });
        }

        var back = JsonNode.Parse(Python.Run(Script.Replace("sys.argv[-1] != 'decode'", "False"), ours.ToJsonString()))!.AsObject();
        foreach (var node in cases)
        {
            var c = node!.AsObject();
            var name = c["name"]!.GetValue<string>();
            if (!JsonNode.DeepEquals(back[name], c["values"])) failures.Add($"{name}: numcodecs decodes our bytes to {back[name]?.ToJsonString()}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(9, cases.Count);
    }

    private static JsonArray VLenArrayRoundTrip(VLenArrayCodec codec, byte[] encoded, int count, PooledBufferWriter w)
    {
        static JsonNode? Item(byte[] littleEndian) => littleEndian.Length == 0 ? null : JsonValue.Create(Convert.ToBase64String(littleEndian));
        switch (codec.DType.TypeStr)
        {
            case "<i4":
            {
                var items = new int[count][];
                codec.Decode<int[]>(encoded, items);
                codec.Encode<int[]>(items, w);
                return new JsonArray(items.Select(a => Item(System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan()).ToArray())).ToArray());
            }
            case ">f8":
            {
                var items = new double[count][];
                codec.Decode<double[]>(encoded, items);
                codec.Encode<double[]>(items, w);
                return new JsonArray(items.Select(a => Item(System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan()).ToArray())).ToArray());
            }
            case "|u1":
            {
                var items = new byte[count][];
                codec.Decode<byte[]>(encoded, items);
                codec.Encode<byte[]>(items, w);
                return new JsonArray(items.Select(a => Item(a)).ToArray());
            }
            default:
            {
                var items = new Half[count][];
                codec.Decode<Half[]>(encoded, items);
                codec.Encode<Half[]>(items, w);
                return new JsonArray(items.Select(a => Item(System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan()).ToArray())).ToArray());
            }
        }
    }
}
