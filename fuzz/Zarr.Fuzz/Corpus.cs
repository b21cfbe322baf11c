using System.Text;
using Zarr.Stores;

namespace Zarr.Fuzz;

/// <summary>
/// One array of the corpus: a dtype and codec chain, written with real data into its own store, so
/// that its chunks are real encoded chunks of that chain for the mutator to start from.
/// </summary>
internal sealed record CorpusArray(string Name, MemoryStore Store, ZarrArray Array, long LegitimateChunkBytes);

/// <summary>Builds the corpus: every compressor, every filter and every object codec the runtime has.</summary>
internal static class Corpus
{
    // (name, dtype, filters JSON, compressor JSON)
    private static readonly (string Name, string DType, string Filters, string Compressor)[] Chains =
    [
        ("blosc-lz4-shuffle", "<i4", "null", """{"id": "blosc", "cname": "lz4", "clevel": 5, "shuffle": 1, "blocksize": 0}"""),
        ("blosc-lz4-bitshuffle", "<i4", "null", """{"id": "blosc", "cname": "lz4", "clevel": 5, "shuffle": 2, "blocksize": 0}"""),
        ("blosc-lz4hc-small-blocks", "<f8", "null", """{"id": "blosc", "cname": "lz4hc", "clevel": 9, "shuffle": 1, "blocksize": 256}"""),
        ("blosc-zstd-noshuffle", "<i4", "null", """{"id": "blosc", "cname": "zstd", "clevel": 3, "shuffle": 0, "blocksize": 0}"""),
        ("blosc-blosclz", "<i4", "null", """{"id": "blosc", "cname": "blosclz", "clevel": 5, "shuffle": 1, "blocksize": 0}"""),
        ("blosc-zlib", "<f8", "null", """{"id": "blosc", "cname": "zlib", "clevel": 5, "shuffle": 1, "blocksize": 0}"""),
        ("blosc-snappy", "<i4", "null", """{"id": "blosc", "cname": "snappy", "clevel": 5, "shuffle": 1, "blocksize": 0}"""),
        ("zlib", "<i4", "null", """{"id": "zlib", "level": 1}"""),
        ("gzip", "<i4", "null", """{"id": "gzip", "level": 5}"""),
        ("zstd", "<i4", "null", """{"id": "zstd", "level": 3}"""),
        ("zstd-checksum", "<f8", "null", """{"id": "zstd", "level": 1, "checksum": true}"""),
        ("lz4", "<i4", "null", """{"id": "lz4", "acceleration": 1}"""),
        ("bz2", "<i4", "null", """{"id": "bz2", "level": 1}"""),
        ("lzma-xz", "<i4", "null", """{"id": "lzma", "format": 1, "check": -1, "preset": null, "filters": null}"""),
        ("lzma-alone", "<i4", "null", """{"id": "lzma", "format": 2, "check": -1, "preset": null, "filters": null}"""),
        ("raw", "<i4", "null", "null"),
        ("zfpy-accuracy", "<f8", "null", """{"id": "zfpy", "mode": 4, "compression_kwargs": {"tolerance": 0.01}, "tolerance": 0.01, "rate": -1, "precision": -1}"""),
        ("zfpy-rate", "<f8", "null", """{"id": "zfpy", "mode": 2, "compression_kwargs": {"rate": 12}, "tolerance": -1, "rate": 12, "precision": -1}"""),
        ("zfpy-reversible", "<i4", "null", """{"id": "zfpy", "mode": 5, "tolerance": -1, "rate": -1, "precision": -1}"""),
        ("delta+zlib", "<i4", """[{"id": "delta", "dtype": "<i4"}]""", """{"id": "zlib", "level": 1}"""),
        ("fixedscaleoffset+blosc", "<f8", """[{"id": "fixedscaleoffset", "offset": 1000, "scale": 10, "dtype": "<f8", "astype": "<i4"}]""", """{"id": "blosc", "cname": "lz4", "clevel": 5, "shuffle": 1, "blocksize": 0}"""),
        ("quantize+zstd", "<f8", """[{"id": "quantize", "digits": 3, "dtype": "<f8"}]""", """{"id": "zstd", "level": 1}"""),
        ("bitround+zlib", "<f8", """[{"id": "bitround", "keepbits": 10}]""", """{"id": "zlib", "level": 1}"""),
        ("shuffle+lz4", "<f8", """[{"id": "shuffle", "elementsize": 8}]""", """{"id": "lz4", "acceleration": 1}"""),
        ("packbits", "|b1", """[{"id": "packbits"}]""", "null"),
        ("astype+zlib", "<f8", """[{"id": "astype", "encode_dtype": "<f4", "decode_dtype": "<f8"}]""", """{"id": "zlib", "level": 1}"""),
        ("crc32", "<i4", """[{"id": "crc32"}]""", "null"),
        ("adler32+zlib", "<i4", """[{"id": "adler32"}]""", """{"id": "zlib", "level": 1}"""),
        ("crc32c", "<i4", """[{"id": "crc32c"}]""", "null"),
        ("fletcher32", "<i4", """[{"id": "fletcher32"}]""", "null"),
        ("jenkins_lookup3", "<i4", """[{"id": "jenkins_lookup3", "initval": 0, "prefix": null}]""", "null"),
        ("base64", "<i4", """[{"id": "base64"}]""", "null"),
        ("vlen-utf8+zstd", "|O", """[{"id": "vlen-utf8"}]""", """{"id": "zstd", "level": 3}"""),
        ("vlen-bytes+blosc", "|O", """[{"id": "vlen-bytes"}]""", """{"id": "blosc", "cname": "lz4", "clevel": 5, "shuffle": 1, "blocksize": 0}"""),
        ("vlen-array+bz2", "|O", """[{"id": "vlen-array", "dtype": "<i4"}]""", """{"id": "bz2", "level": 1}"""),
        ("json2", "|O", """[{"id": "json2", "allow_nan": true, "check_circular": true, "encoding": "utf-8", "ensure_ascii": true, "indent": null, "separators": [",", ":"], "skipkeys": false, "sort_keys": true, "strict": true}]""", "null"),
        ("msgpack2+lz4", "|O", """[{"id": "msgpack2", "raw": false, "use_bin_type": true, "use_single_float": false}]""", """{"id": "lz4", "acceleration": 1}"""),
        ("pickle", "|O", """[{"id": "pickle", "protocol": 5}]""", "null"),
        ("pickle2+zlib", "|O", """[{"id": "pickle", "protocol": 2}]""", """{"id": "zlib", "level": 1}"""),
    ];

    private const string BytesLE = """{"name": "bytes", "configuration": {"endian": "little"}}""";
    private const string IndexCodecs = """[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "crc32c"}]""";

    // zarr v3 arrays: (name, data_type, codecs JSON). Sharded ones use [16, 20] shards of [8, 10] inner chunks.
    private static readonly (string Name, string DataType, string Codecs)[] V3Chains =
    [
        ("v3-bytes-zstd", "int32", $$$"""[{{{BytesLE}}}, {"name": "zstd", "configuration": {"level": 1, "checksum": false}}]"""),
        ("v3-transpose-gzip-crc32c", "float64", $$$"""[{"name": "transpose", "configuration": {"order": [1, 0]}}, {"name": "bytes", "configuration": {"endian": "big"}}, {"name": "gzip", "configuration": {"level": 1}}, {"name": "crc32c"}]"""),
        ("v3-blosc", "int32", $$$"""[{{{BytesLE}}}, {"name": "blosc", "configuration": {"cname": "lz4", "clevel": 5, "shuffle": "shuffle", "typesize": 4, "blocksize": 0}}]"""),
        ("v3-shard-end-zstd", "int32", $$$"""[{"name": "sharding_indexed", "configuration": {"chunk_shape": [8, 10], "codecs": [{{{BytesLE}}}, {"name": "zstd", "configuration": {"level": 1}}], "index_codecs": {{{IndexCodecs}}}, "index_location": "end"}}]"""),
        ("v3-shard-start-raw", "float64", $$$"""[{"name": "sharding_indexed", "configuration": {"chunk_shape": [8, 10], "codecs": [{{{BytesLE}}}], "index_codecs": [{{{BytesLE}}}], "index_location": "start"}}]"""),
        ("v3-shard-blosc", "int32", $$$"""[{"name": "sharding_indexed", "configuration": {"chunk_shape": [8, 10], "codecs": [{{{BytesLE}}}, {"name": "blosc", "configuration": {"cname": "zstd", "clevel": 3, "shuffle": "bitshuffle", "typesize": 4, "blocksize": 0}}], "index_codecs": {{{IndexCodecs}}}}}]"""),
        ("v3-shard-nested", "int32", $$$"""[{"name": "sharding_indexed", "configuration": {"chunk_shape": [8, 10], "codecs": [{"name": "sharding_indexed", "configuration": {"chunk_shape": [4, 5], "codecs": [{{{BytesLE}}}, {"name": "gzip", "configuration": {"level": 1}}], "index_codecs": {{{IndexCodecs}}}}}], "index_codecs": {{{IndexCodecs}}}}}]"""),
        ("v3-shard-vlen-utf8", "string", $$$"""[{"name": "sharding_indexed", "configuration": {"chunk_shape": [8, 10], "codecs": [{"name": "vlen-utf8"}, {"name": "zstd", "configuration": {"level": 1}}], "index_codecs": {{{IndexCodecs}}}}}]"""),
    ];

    /// <summary>The shape every array has: [37, 45] in chunks of [16, 20], so there are edge chunks.</summary>
    public static readonly long[] Shape = [37, 45];

    public static readonly int[] Chunks = [16, 20];

    public static IReadOnlyList<CorpusArray> Build()
    {
        var arrays = new List<CorpusArray>();
        foreach (var (name, dtype, filters, compressor) in Chains)
        {
            var store = new MemoryStore();
            var doc = $$"""{"chunks": [{{Chunks[0]}}, {{Chunks[1]}}], "compressor": {{compressor}}, "dtype": "{{dtype}}", "fill_value": {{(dtype == "|O" ? "null" : "0")}}, "filters": {{filters}}, "order": "C", "shape": [{{Shape[0]}}, {{Shape[1]}}], "zarr_format": 2}""";
            store.Set(".zarray", Encoding.UTF8.GetBytes(doc));
            var array = ZarrArray.Open(store, "r+");
            Fill(name, array);
            var itemSize = dtype == "|O" ? 0 : array.DType.ItemSize;
            arrays.Add(new CorpusArray(name, store, array, (long)Chunks[0] * Chunks[1] * itemSize));
        }
        foreach (var (name, dataType, codecs) in V3Chains)
        {
            var store = new MemoryStore();
            var fill = dataType == "string" ? "\"\"" : "0";
            var doc = $$$"""{"zarr_format": 3, "node_type": "array", "shape": [{{{Shape[0]}}}, {{{Shape[1]}}}], "data_type": "{{{dataType}}}", "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [{{{Chunks[0]}}}, {{{Chunks[1]}}}]}}, "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}}, "fill_value": {{{fill}}}, "codecs": {{{codecs}}} }""";
            store.Set("zarr.json", Encoding.UTF8.GetBytes(doc));
            var array = ZarrArray.Open(store, "r+");
            Fill(name, array);
            // A shard is read whole when every inner chunk is wanted: the legitimate size is the shard's.
            var itemSize = dataType == "string" ? 0 : array.DType.ItemSize;
            arrays.Add(new CorpusArray(name, store, array, (long)Chunks[0] * Chunks[1] * itemSize));
        }
        return arrays;
    }

    private static void Fill(string name, ZarrArray array)
    {
        var n = (int)(Shape[0] * Shape[1]);
        var rng = new Random(name.Length * 7919 + name[0]);
        switch (array.DType.TypeStr)
        {
            case "<i4":
                array.As<int>()[Selector.Ellipsis] = NDArray<int>.From(Enumerable.Range(0, n).Select(i => i % 97 == 0 ? rng.Next() : i * 3).ToArray(), (int)Shape[0], (int)Shape[1]);
                break;
            case "<f8" or ">f8":
                array.As<double>()[Selector.Ellipsis] = NDArray<double>.From(Enumerable.Range(0, n).Select(i => Math.Sin(i / 10.0) * 100).ToArray(), (int)Shape[0], (int)Shape[1]);
                break;
            case "|b1":
                array.As<bool>()[Selector.Ellipsis] = NDArray<bool>.From(Enumerable.Range(0, n).Select(i => i % 3 == 0).ToArray(), (int)Shape[0], (int)Shape[1]);
                break;
            default:
                if (name.StartsWith("pickle", StringComparison.Ordinal))
                {
                    // Every kind of pickled item: dicts, lists, tuples, bytes, big ints, shared values.
                    var shared = new DataTypes.PythonList { "shared", 1L };
                    array.As<object>()[Selector.Ellipsis] = NDArray<object>.From(Enumerable.Range(0, n).Select(i => (i % 6) switch
                    {
                        0 => (object)new DataTypes.PythonDict { { "k" + (i % 7), new DataTypes.PythonList { (long)i, 2.5, null } } },
                        1 => new DataTypes.PythonTuple("t", new byte[] { (byte)i }),
                        2 => System.Numerics.BigInteger.Pow(3, 50 + i % 9),
                        3 => shared,
                        4 => "item " + (i % 50),
                        _ => true,
                    }).ToArray(), (int)Shape[0], (int)Shape[1]);
                }
                else if (array.CanReadAs<string>())
                    array.As<string>()[Selector.Ellipsis] = NDArray<string>.From(Enumerable.Range(0, n).Select(i => "item " + (i % 50)).ToArray(), (int)Shape[0], (int)Shape[1]);
                else if (array.CanReadAs<byte[]>())
                    array.As<byte[]>()[Selector.Ellipsis] = NDArray<byte[]>.From(Enumerable.Range(0, n).Select(i => new byte[] { (byte)i, (byte)(i >> 8), 7 }).ToArray(), (int)Shape[0], (int)Shape[1]);
                else if (array.CanReadAs<int[]>())
                    array.As<int[]>()[Selector.Ellipsis] = NDArray<int[]>.From(Enumerable.Range(0, n).Select(i => Enumerable.Range(0, i % 5).ToArray()).ToArray(), (int)Shape[0], (int)Shape[1]);
                else throw new InvalidOperationException($"corpus array {name}: no element type to fill it with");
                break;
        }
    }
}
