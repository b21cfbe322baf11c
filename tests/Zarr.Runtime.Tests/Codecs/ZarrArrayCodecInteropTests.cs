using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Zarr.Codecs;
using Zarr.Metadata.Json;
using Zarr.Runtime.Tests.Interop;

namespace Zarr.Runtime.Tests.Codecs;

/// <summary>
/// End to end through the array engine: zarr-python 2.13 writes arrays whose .zarray names these
/// filters and compressors, we read them; we write the same arrays from their .zarray codec JSON, and
/// zarr-python reads ours back to the same values (typesize hand-over between filters included).
/// </summary>
public sealed class ZarrArrayCodecInteropTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "zarr-codec-e2e-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    private const string WriteScript = """
import sys, json, base64, warnings, numpy as np, zarr, numcodecs as nc
warnings.simplefilter('ignore')
root = zarr.open_group(sys.argv[1] if len(sys.argv) > 1 else PATH, mode='w')
r = np.random.RandomState(3)
def arr(name, data, chunks, **kw):
    root.array(name, data, chunks=chunks, **kw)
arr('delta', np.arange(100, dtype='<i4') * 7 - 300, 30, filters=[nc.Delta('<i4', astype='<i2')], compressor=nc.BZ2(1))
arr('fso', np.linspace(1000, 1010, 50), 20, filters=[nc.FixedScaleOffset(offset=1000, scale=10, dtype='<f8', astype='u1')], compressor=nc.LZMA())
arr('quant', r.standard_normal((10, 10)).astype('<f4'), (4, 4), filters=[nc.Quantize(3, '<f4')], compressor=nc.LZMA(preset=1))
arr('bitround', r.standard_normal(64).astype('<f4') * 100, 16, filters=[nc.BitRound(7)], compressor=nc.Zlib(1))
arr('packbits', r.randint(0, 2, 37).astype(bool), 10, filters=[nc.PackBits()], compressor=nc.BZ2(9))
arr('shuffle_crc', np.arange(40, dtype='<i8') ** 3, 16, filters=[nc.Shuffle(8), nc.CRC32()], compressor=nc.Adler32())
arr('astype', np.linspace(-5, 5, 33), 8, filters=[nc.AsType('<f4', '<f8')], compressor=nc.LZMA(format=2))
arr('categorize_u', np.array(['foo', 'bar', 'baz', 'foo', '', 'qux'] * 3, dtype='<U3'), 5, filters=[nc.Categorize(['foo', 'bar', 'baz'], '<U3')], compressor=None)
arr('vlen_utf8', np.array(['a', 'h\u00e9llo', '', '\U0001f600', 'zarr'] * 3, dtype=object), 4, object_codec=nc.VLenUTF8(), compressor=nc.BZ2(1))
arr('categorize_o', np.array(['male', 'female', 'other', 'male'] * 3, dtype=object), 5, filters=[nc.Categorize(['male', 'female'], dtype=object)], compressor=None)
arr('vlen_array', np.array([np.arange(i, dtype='<i4') for i in range(7)] + [np.array([], dtype='<i4')], dtype=object), 3, object_codec=nc.VLenArray('<i4'), compressor=nc.LZMA())
out = {}
for name, a in root.arrays():
    v = a[:]
    if a.dtype == object:
        data = [x.tolist() if isinstance(x, np.ndarray) else x for x in v.ravel()]
    else:
        data = base64.b64encode(np.ascontiguousarray(v).tobytes()).decode()
    out[name] = dict(shape=list(a.shape), chunks=list(a.chunks), dtype=a.dtype.str,
                     filters=[f.get_config() for f in (a.filters or [])],
                     compressor=a.compressor.get_config() if a.compressor else None, data=data)
json.dump(out, sys.stdout)
""";

    private const string CompareScript = """
import sys, json, warnings, numpy as np, zarr
warnings.simplefilter('ignore')
theirs, ours = zarr.open_group(sys.argv[1], mode='r'), zarr.open_group(sys.argv[2], mode='r')
bad = []
for name, a in theirs.arrays():
    b = ours[name]
    x, y = a[:], b[:]
    if a.dtype == object:
        same = [u.tolist() if isinstance(u, np.ndarray) else u for u in x.ravel()] == [u.tolist() if isinstance(u, np.ndarray) else u for u in y.ravel()]
    else:
        same = x.dtype == y.dtype and x.shape == y.shape and x.tobytes() == y.tobytes()
    if not same or [f.get_config() for f in (a.filters or [])] != [f.get_config() for f in (b.filters or [])]:
        bad.append(name)
print(json.dumps(bad))
""";

    [SkippableFact]
    public void ArraysWithTheseCodecsTravelBothWaysThroughZarrPython()
    {
        var pyDir = Path.Combine(_dir, "py");
        var csDir = Path.Combine(_dir, "cs");
        var cases = JsonNode.Parse(Python.Run(WriteScript.Replace("sys.argv[1] if len(sys.argv) > 1 else PATH", Literal(pyDir))))!.AsObject();
        Assert.Equal(11, cases.Count);
        var py = ZarrGroup.Open(pyDir, "r");
        var cs = ZarrGroup.Create(csDir, overwrite: true);
        foreach (var (name, node) in cases)
        {
            var c = node!.AsObject();
            var shape = c["shape"]!.AsArray().Select(x => x!.GetValue<int>()).ToArray();
            var chunks = c["chunks"]!.AsArray().Select(x => x!.GetValue<int>()).ToArray();
            var filters = c["filters"]!.AsArray()
                .Select(f => CodecRegistry.Default.Create(ZarrJson.Parse(f!.ToJsonString(), name)!.AsObject(), name)).ToList();
            var compressor = c["compressor"] is JsonObject comp ? (BytesCodec)CodecRegistry.Default.Create(ZarrJson.Parse(comp.ToJsonString(), name)!.AsObject(), name) : null;
            var options = new ArrayOptions { DType = c["dtype"]!.GetValue<string>(), Filters = filters, Compressor = compressor };
            switch (name)
            {
                case "delta": Numeric<int>(); break;
                case "fso" or "astype": Numeric<double>(); break;
                case "quant" or "bitround": Numeric<float>(); break;
                case "packbits": Numeric<bool>(); break;
                case "shuffle_crc": Numeric<long>(); break;
                case "categorize_u" or "vlen_utf8" or "categorize_o":
                {
                    var expected = c["data"] is JsonArray list ? list.Select(x => x?.GetValue<string>() ?? "").ToArray() : null;
                    var back = py.GetArray<string>(name).Read().Data;
                    if (expected is not null) Assert.Equal(expected, back);
                    cs.Array(name, NDArray<string>.From(back, shape), chunks, options);
                    break;
                }
                case "vlen_array":
                {
                    var expected = c["data"]!.AsArray().Select(x => x!.AsArray().Select(v => v!.GetValue<int>()).ToArray()).ToArray();
                    var back = py.GetArray<int[]>(name).Read().Data;
                    Assert.Equal(expected, back);
                    cs.Array(name, NDArray<int[]>.From(back, shape), chunks, options);
                    break;
                }
                default: throw new InvalidOperationException("unknown case " + name);
            }

            void Numeric<T>() where T : unmanaged
            {
                var back = py.GetArray<T>(name).Read().Data;
                Assert.True(MemoryMarshal.AsBytes(back.AsSpan()).SequenceEqual(Convert.FromBase64String(c["data"]!.GetValue<string>())), name);
                cs.Array(name, NDArray<T>.From(back, shape), chunks, options);
            }
        }
        var bad = Python.Run(CompareScript.Replace("sys.argv[1]", Literal(pyDir)).Replace("sys.argv[2]", Literal(csDir))).Trim();
        Assert.Equal("[]", bad);
    }

    private static string Literal(string path) => "'" + path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
