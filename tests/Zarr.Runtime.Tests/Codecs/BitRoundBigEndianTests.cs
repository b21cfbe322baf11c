using System.Text.Json.Nodes;
using Zarr.Codecs;
using Zarr.Runtime.Tests.Interop;
using Zarr.Stores;

namespace Zarr.Runtime.Tests.Codecs;

public class BitRoundBigEndianTests
{
    // numcodecs 0.11 cannot bit-round big-endian arrays at all (its table of mantissa widths is keyed by
    // str(dtype), which is '>f4' rather than 'float32'), so the judge here is the little-endian result
    // byte-swapped: rounding acts on values, whatever their byte order.
    [SkippableTheory]
    [InlineData(">f4", 5)]
    [InlineData(">f8", 12)]
    [InlineData(">f2", 3)]
    [InlineData("<f4", 5)]
    public void BigEndianFloatsRoundToTheByteSwappedLittleEndianResult(string dtype, int keepbits)
    {
        var store = new MemoryStore();
        var values = Enumerable.Range(0, 50).Select(i => Math.Sin(i) * 1000 + i / 7.0).ToArray();
        var filter = (BytesCodec)CodecRegistry.Default.Create(new JsonObject { ["id"] = "bitround", ["keepbits"] = keepbits }, "k");
        var options = new ArrayOptions { DType = dtype, Compressor = null, Filters = [filter] };
        if (dtype.EndsWith("f8", StringComparison.Ordinal)) ZarrArray.FromArray<double>(values, [50], options, store);
        else if (dtype.EndsWith("f4", StringComparison.Ordinal)) ZarrArray.FromArray<float>(values.Select(v => (float)v).ToArray(), [50], options, store);
        else ZarrArray.FromArray<Half>(values.Select(v => (Half)v).ToArray(), [50], options, store);
        var ours = Convert.ToBase64String(store.Get("0")!);
        var script = $$"""
            import numpy as np, numcodecs, base64
            v = np.array([np.sin(i) * 1000 + i / 7.0 for i in range(50)]).astype('{{dtype}}'.replace('>', '<'))
            r = np.asarray(numcodecs.BitRound(keepbits={{keepbits}}).encode(v)).view(v.dtype).astype('{{dtype}}')
            print(base64.b64encode(r.tobytes()).decode())
            """;
        Assert.Equal(Python.Run(script).Trim(), ours);
    }
}
