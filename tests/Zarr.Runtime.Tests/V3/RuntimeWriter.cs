using System.Text.Json.Nodes;
using Zarr.Codecs;
using Zarr.Stores;

namespace Zarr.Runtime.Tests.V3;

/// <summary>
/// The write direction: the same matrix as tests/peers/zarrita/write.mjs (every data type, codec chain,
/// key encoding, special fill value, dimension names, nested groups, partial and missing chunks), plus
/// sharded arrays (partial shards, missing shards and inner chunks, inner codecs, a partial rewrite of a
/// shard), written by the runtime as Zarr v3 through <see cref="ArrayOptions"/>, with a manifest of
/// what each array must hold for zarrita's read.mjs to judge. An array the runtime cannot create is
/// reported, not thrown, so one gap does not hide the rest.
/// </summary>
internal static class RuntimeWriter
{
    public sealed record Outcome(PeerManifest Manifest, IReadOnlyDictionary<string, string> CreateErrors);

    public static Outcome WriteAll(string dir)
    {
        Directory.CreateDirectory(dir);
        var manifest = new PeerManifest { Directory = dir, Writer = "Zarr.Typed (tests/Zarr.Runtime.Tests/V3/RuntimeWriter.cs)" };
        var errors = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using (var store = new DirectoryStore(dir))
        {
            foreach (var c in Cases())
            {
                try
                {
                    manifest.Arrays.Add(c.Write(store));
                }
                catch (Exception e)
                {
                    errors[c.Path] = $"{e.GetType().Name}: {e.Message}";
                }
            }
            foreach (var (path, attributes) in Groups())
            {
                try
                {
                    var group = path switch
                    {
                        "" => ZarrGroup.Open(store, "r+"),
                        "nested/empty" => ZarrGroup.Open(store, "r+", "nested").CreateGroup("empty"),
                        _ => ZarrGroup.Open(store, "r+", path),
                    };
                    if (attributes.Count > 0) group.Attrs.Put(attributes.DeepClone().AsObject());
                    manifest.Groups.Add(new ManifestGroup(path, attributes));
                }
                catch (Exception e)
                {
                    errors["group '" + path + "'"] = $"{e.GetType().Name}: {e.Message}";
                }
            }
        }
        manifest.Save();
        return new Outcome(manifest, errors);
    }

    private static IEnumerable<(string Path, JsonObject Attributes)> Groups()
    {
        yield return ("", new JsonObject
        {
            ["title"] = "written by Zarr.Typed",
            ["nested"] = new JsonObject { ["a"] = new JsonArray(1, 2.5, "x", null, true, false), ["b"] = new JsonObject { ["c"] = new JsonObject(), ["d"] = new JsonArray() } },
            ["unicode"] = "h\u00e9llo \u2713 \U0001f389",
            ["big"] = 9007199254740992000,
            ["float"] = 0.1,
            ["tiny"] = 5e-324,
        });
        yield return ("dtypes", new JsonObject { ["what"] = "one array per data type" });
        yield return ("codecs", new JsonObject { ["what"] = "codec chains" });
        yield return ("keys", new JsonObject());
        yield return ("fills", new JsonObject());
        yield return ("sharded", new JsonObject { ["what"] = "sharding_indexed, index at the end" });
        yield return ("nested", new JsonObject { ["level"] = 1 });
        yield return ("nested/a", new JsonObject { ["level"] = 2, ["list"] = new JsonArray(new JsonArray(1, 2), new JsonArray(3)) });
        yield return ("nested/a/b", new JsonObject());
        yield return ("nested/a/b/c", new JsonObject { ["deep"] = new JsonObject { ["x"] = new JsonObject { ["y"] = "bottom" } } });
        yield return ("nested/empty", new JsonObject());
        yield return ("made_in_group", new JsonObject { ["made"] = "ZarrGroup.Create(zarrFormat: 3)" });
    }

    // --- the matrix -----------------------------------------------------------------------------

    private static Region R(params (long Start, long Stop)[] box) => new(box.Select(b => b.Start).ToArray(), box.Select(b => b.Stop).ToArray(), 0);

    private static Region R(int salt, params (long Start, long Stop)[] box) => new(box.Select(b => b.Start).ToArray(), box.Select(b => b.Stop).ToArray(), salt);

    // On a [7, 5] array of [3, 2] chunks: partial edge chunks, chunks (2, 0) and (2, 1) missing.
    private static readonly Region[] Typical = [R((0, 4), (0, 5)), R((6, 7), (4, 5))];

    // On a [40, 36] array of [16, 16] chunks: chunks (2, 0) and (2, 1) missing, edges partial.
    private static readonly Region[] Large = [R((0, 32), (0, 36)), R((32, 40), (32, 36))];

    private static ArrayOptions Plain(params BytesCodec[] compressors) => new() { Compressors = compressors };

    private static ArrayOptions Strings(params BytesCodec[] compressors) =>
        new() { DType = "|O", Filters = [new VLenUtf8Codec()], Compressors = compressors };

    // Sharded, and inner chunks holding only the fill value left out (their index entries empty).
    private static ArrayOptions Sharded(ArrayOptions o, int[] shards)
    {
        o.Shards = shards;
        o.WriteEmptyChunks = false;
        return o;
    }

    // On a [9, 8] array: rows 0-5 written, row 8 in part; chunk rows past 5 stay missing.
    private static Region[] Typical9x8() => [R((0, 6), (0, 8)), R((8, 9), (3, 7))];

    private static BloscCodec Blosc(string cname, BloscShuffle shuffle) => new(cname, 5, shuffle);

    private static IEnumerable<WriteCase> Cases()
    {
        // Every data type, with the runtime's default codecs.
        yield return Case<bool>("dtypes/bool", [7, 5], [3, 2], new(), true, Typical);
        yield return Case<sbyte>("dtypes/int8", [7, 5], [3, 2], new(), (sbyte)-7, Typical);
        yield return Case<short>("dtypes/int16", [7, 5], [3, 2], new(), (short)300, Typical);
        yield return Case<int>("dtypes/int32", [7, 5], [3, 2], new(), 42, Typical);
        yield return Case<long>("dtypes/int64", [7, 5], [3, 2], new(), 42L, Typical);
        yield return Case<byte>("dtypes/uint8", [7, 5], [3, 2], new(), (byte)200, Typical);
        yield return Case<ushort>("dtypes/uint16", [7, 5], [3, 2], new(), (ushort)60000, Typical);
        yield return Case<uint>("dtypes/uint32", [7, 5], [3, 2], new(), 4000000000u, Typical);
        yield return Case<ulong>("dtypes/uint64", [7, 5], [3, 2], new(), 42UL, Typical);
        yield return Case<Half>("dtypes/float16", [7, 5], [3, 2], new(), (Half)1.5, Typical);
        yield return Case<float>("dtypes/float32", [7, 5], [3, 2], new(), -2.5f, Typical);
        yield return Case<double>("dtypes/float64", [7, 5], [3, 2], new(), 0.25, Typical);
        yield return Case<string>("dtypes/string", [7, 5], [3, 2], Strings(), "fill", Typical);

        // Codec chains.
        yield return Case<int>("codecs/bytes_only", [40, 36], [16, 16], Plain(), 42, Large, repetitive: true);
        yield return Case<int>("codecs/big_int32", [40, 36], [16, 16], new() { DType = ">i4", Compressors = [] }, 42, Large, repetitive: true);
        yield return Case<short>("codecs/big_int16", [40, 36], [16, 16], new() { DType = ">i2", Compressors = [] }, (short)300, Large, repetitive: true);
        yield return Case<long>("codecs/big_int64", [40, 36], [16, 16], new() { DType = ">i8", Compressors = [] }, 42L, Large, repetitive: true);
        yield return Case<ulong>("codecs/big_uint64", [40, 36], [16, 16], new() { DType = ">u8", Compressors = [] }, 42UL, Large, repetitive: true);
        yield return Case<Half>("codecs/big_float16", [40, 36], [16, 16], new() { DType = ">f2", Compressors = [] }, (Half)1.5, Large, repetitive: true);
        yield return Case<float>("codecs/big_float32", [40, 36], [16, 16], new() { DType = ">f4", Compressors = [] }, -2.5f, Large, repetitive: true);
        yield return Case<double>("codecs/big_float64", [40, 36], [16, 16], new() { DType = ">f8", Compressors = [] }, 0.25, Large, repetitive: true);
        yield return Case<int>("codecs/order_f", [40, 36], [16, 16], new() { Order = 'F', Compressors = [] }, 42, Large, repetitive: true);
        yield return Case<double>("codecs/order_f_big_float64", [40, 36], [16, 16], new() { Order = 'F', DType = ">f8", Compressors = [] }, 0.25, Large, repetitive: true);
        yield return Case<int>("codecs/order_f_3d_big", [4, 5, 6], [3, 2, 4], new() { Order = 'F', DType = ">i4", Compressors = [] }, 42, [R((0, 4), (0, 4), (0, 6))]);
        yield return Case<int>("codecs/gzip", [40, 36], [16, 16], Plain(new GZipCodec(5)), 42, Large, repetitive: true);
        yield return Case<double>("codecs/gzip_compressor", [40, 36], [16, 16], new() { Compressor = new GZipCodec(1) }, 0.25, Large, repetitive: true);
        yield return Case<int>("codecs/zstd", [40, 36], [16, 16], Plain(new ZstdCodec(3)), 42, Large, repetitive: true);
        yield return Case<ulong>("codecs/zstd_checksum", [40, 36], [16, 16], Plain(new ZstdCodec(3, checksum: true)), 42UL, Large, repetitive: true);
        yield return Case<int>("codecs/blosc_lz4_shuffle", [40, 36], [16, 16], Plain(Blosc("lz4", BloscShuffle.Shuffle)), 42, Large, repetitive: true);
        yield return Case<float>("codecs/blosc_zstd_bitshuffle", [40, 36], [16, 16], Plain(Blosc("zstd", BloscShuffle.BitShuffle)), -2.5f, Large, repetitive: true);
        yield return Case<short>("codecs/blosc_blosclz_noshuffle", [40, 36], [16, 16], Plain(Blosc("blosclz", BloscShuffle.NoShuffle)), (short)300, Large, repetitive: true);
        yield return Case<double>("codecs/blosc_zlib_shuffle", [40, 36], [16, 16], Plain(Blosc("zlib", BloscShuffle.Shuffle)), 0.25, Large, repetitive: true);
        yield return Case<bool>("codecs/blosc_lz4hc_bool", [40, 36], [16, 16], Plain(Blosc("lz4hc", BloscShuffle.BitShuffle)), true, Large, repetitive: true);
        yield return Case<int>("codecs/crc32c", [40, 36], [16, 16], Plain(new Crc32CCodec()), 42, Large, repetitive: true);
        yield return Case<int>("codecs/chain_zstd_crc32c", [40, 36], [16, 16], Plain(new ZstdCodec(5), new Crc32CCodec()), 42, Large, repetitive: true);
        yield return Case<ushort>("codecs/chain_gzip_crc32c_big", [40, 36], [16, 16], new() { DType = ">u2", Compressors = [new GZipCodec(9), new Crc32CCodec()] }, (ushort)60000, Large, repetitive: true);
        yield return Case<long>("codecs/chain_blosc_gzip", [40, 36], [16, 16], Plain(Blosc("lz4", BloscShuffle.Shuffle), new GZipCodec(1)), 42L, Large, repetitive: true);
        yield return Case<float>("codecs/chain_order_f_big_gzip_crc32c", [40, 36], [16, 16], new() { Order = 'F', DType = ">f4", Compressors = [new GZipCodec(6), new Crc32CCodec()] }, -2.5f, Large, repetitive: true);
        yield return Case<string>("codecs/string_zstd_crc32c", [40, 36], [16, 16], Strings(new ZstdCodec(3), new Crc32CCodec()), "fill", Large, repetitive: true);
        yield return Case<string>("codecs/string_bytes_only", [7, 5], [3, 2], Strings(), "", Typical);

        // Chunk key encodings.
        yield return Case<short>("keys/default_slash", [5, 5], [2, 2], new() { ChunkKeyEncoding = "default", DimensionSeparator = '/' }, (short)0, [R((0, 5), (0, 3))]);
        yield return Case<short>("keys/default_dot", [5, 5], [2, 2], new() { ChunkKeyEncoding = "default", DimensionSeparator = '.' }, (short)0, [R((0, 5), (0, 3))]);
        yield return Case<byte>("keys/v2_dot", [5, 5], [2, 2], new() { ChunkKeyEncoding = "v2", DimensionSeparator = '.' }, (byte)9, [R((0, 4), (0, 5))]);
        yield return Case<byte>("keys/v2_slash", [5, 5], [2, 2], new() { ChunkKeyEncoding = "v2", DimensionSeparator = '/' }, (byte)9, [R((0, 4), (0, 5))]);
        yield return Case<byte>("keys/v2_default_separator_1d", [11], [4], new() { ChunkKeyEncoding = "v2" }, (byte)9, [R((0, 10))]);
        yield return Case<long>("keys/default_dot_3d", [3, 4, 5], [2, 3, 2], new() { ChunkKeyEncoding = "default", DimensionSeparator = '.' }, -1L, [R((1, 3), (0, 4), (0, 5))]);

        // Fill values: the float specials and integers beyond 2^53.
        Region[] fillRegions = [R((0, 5), (0, 6))];
        yield return Case<double>("fills/float64_nan", [6, 7], [4, 3], Plain(new ZstdCodec(1)), double.NaN, fillRegions);
        yield return Case<double>("fills/float64_inf", [6, 7], [4, 3], Plain(new ZstdCodec(1)), double.PositiveInfinity, fillRegions);
        yield return Case<double>("fills/float64_neg_inf", [6, 7], [4, 3], Plain(new ZstdCodec(1)), double.NegativeInfinity, fillRegions);
        yield return Case<float>("fills/float32_nan", [6, 7], [4, 3], Plain(new ZstdCodec(1)), float.NaN, fillRegions);
        yield return Case<float>("fills/float32_neg_inf", [6, 7], [4, 3], Plain(new ZstdCodec(1)), float.NegativeInfinity, fillRegions);
        yield return Case<Half>("fills/float16_inf", [6, 7], [4, 3], Plain(new ZstdCodec(1)), Half.PositiveInfinity, fillRegions);
        yield return Case<Half>("fills/float16_nan", [6, 7], [4, 3], Plain(new ZstdCodec(1)), Half.NaN, fillRegions);
        yield return Case<long>("fills/int64_min", [6, 7], [4, 3], Plain(), long.MinValue, fillRegions);
        yield return Case<long>("fills/int64_max", [6, 7], [4, 3], Plain(), long.MaxValue, fillRegions);
        yield return Case<ulong>("fills/uint64_max", [6, 7], [4, 3], Plain(), ulong.MaxValue, fillRegions);
        yield return Case<ulong>("fills/uint64_large_exact_double", [6, 7], [4, 3], Plain(), 18014398509481984000UL, fillRegions);
        yield return Case<bool>("fills/bool_false", [6, 7], [4, 3], Plain(), false, fillRegions);
        yield return Case<string>("fills/string_unicode", [6, 7], [4, 3], Strings(), "f\u00fcll \u2713", fillRegions);

        // Shapes, names and places.
        yield return Case<double>("scalar", [], [], Plain(), 0.0, [], attributes: new JsonObject { ["kind"] = "0-d" });
        yield return Case<uint>("never_written", [9, 4], [4, 4], Plain(new GZipCodec(1)), 7u, [], attributes: new JsonObject { ["note"] = "no chunk stored" });
        yield return Case<float>("dims", [4, 6], [2, 3], Plain(), 0f, [R((0, 4), (0, 6))], dimensionNames: ["y", "x"], attributes: new JsonObject { ["units"] = "m" });
        yield return Case<sbyte>("dims_partial", [2, 3, 4], [1, 3, 3], Plain(), (sbyte)0, [R((0, 2), (0, 3), (0, 4))], dimensionNames: ["time", null, "lon"]);
        // Through a v3 group's CreateDataset rather than ZarrArray.Create.
        yield return Case<double>("made_in_group/float64", [9, 8], [4, 4], Plain(new GZipCodec(2)), -0.5, Typical9x8(), inGroup: true);
        yield return Case<int>("made_in_group/int32_sharded", [9, 8], [2, 2], Sharded(Plain(), [4, 4]), 5, Typical9x8(), inGroup: true, sharded: true);
        yield return Case<ushort>("nested/a/b/c/leaf", [13], [5], new() { DType = ">u2", Compressors = [new GZipCodec(1), new Crc32CCodec()] }, (ushort)1, [R((2, 11))],
            attributes: new JsonObject { ["depth"] = 4 });

        // Sharded (index at the end, the runtime's default). On [20, 18] in [8, 8] shards of [4, 4]
        // inner chunks: shard (0, 0) has its inner column 1 empty, shards (1, 1), (1, 2), (2, 1) and
        // (2, 2) are missing, the edge shards are partial.
        Region[] holes = [R((0, 8), (0, 4)), R((0, 8), (8, 18)), R((8, 20), (0, 8))];
        yield return Case<int>("sharded/int32", [20, 18], [4, 4], Sharded(Plain(), [8, 8]), 42, holes, sharded: true);
        yield return Case<double>("sharded/float64_gzip_nan", [20, 18], [4, 4], Sharded(Plain(new GZipCodec(1)), [8, 8]), double.NaN, holes, sharded: true);
        yield return Case<ushort>("sharded/uint16_order_f_big", [20, 18], [4, 4], Sharded(new() { Order = 'F', DType = ">u2", Compressors = [] }, [8, 8]), (ushort)7, holes, sharded: true);
        yield return Case<ulong>("sharded/uint64_zstd_crc32c", [20, 18], [4, 4], Sharded(Plain(new ZstdCodec(3), new Crc32CCodec()), [8, 8]), ulong.MaxValue, holes, sharded: true);
        yield return Case<bool>("sharded/bool_1d", [37], [4], Sharded(Plain(), [16]), false, [R((0, 4)), R((8, 30))], sharded: true);
        yield return Case<string>("sharded/string_zstd", [10, 10], [2, 5], Sharded(Strings(new ZstdCodec(1)), [4, 10]), "", [R((0, 6), (0, 10))], sharded: true);
        yield return Case<float>("sharded/float32_3d_blosc", [6, 10, 7], [2, 3, 2], Sharded(Plain(Blosc("lz4", BloscShuffle.Shuffle)), [4, 6, 4]), -2.5f,
            [R((0, 6), (0, 6), (0, 7)), R((4, 6), (6, 10), (4, 7))], sharded: true);
        yield return Case<sbyte>("sharded/int8_dot_keys", [9, 9], [3, 3], Sharded(new() { ChunkKeyEncoding = "default", DimensionSeparator = '.', Compressors = [] }, [6, 6]), (sbyte)3,
            [R((0, 9), (0, 5))], sharded: true);
        yield return Case<short>("sharded/int16_v2_keys", [9, 9], [3, 3], Sharded(new() { ChunkKeyEncoding = "v2", DimensionSeparator = '/', Compressors = [] }, [6, 6]), (short)-3,
            [R((0, 9), (0, 5))], sharded: true);
        yield return Case<byte>("sharded/one_shard", [8, 8], [2, 2], Sharded(Plain(), [8, 8]), (byte)0, [R((0, 8), (0, 8))], sharded: true);
        // Written whole, then a box across four shards rewritten with other values: the rest of each
        // shard must stay as it was.
        yield return Case<int>("sharded/rewritten", [20, 18], [4, 4], Sharded(Plain(new ZstdCodec(1)), [8, 8]), 0,
            [R((0, 20), (0, 18)), R(1000, (5, 11), (3, 13))], sharded: true);
    }

    private static WriteCase Case<T>(string path, long[] shape, int[] chunks, ArrayOptions options, T fill, Region[] regions,
        bool repetitive = false, bool sharded = false, string?[]? dimensionNames = null, JsonObject? attributes = null, bool inGroup = false) =>
        new WriteCase<T>
        {
            Path = path, Shape = shape, Chunks = chunks, Options = options, Fill = fill, Regions = regions,
            Repetitive = repetitive, Sharded = sharded, DimensionNames = dimensionNames, InGroup = inGroup,
            Attributes = attributes ?? new JsonObject { ["case"] = path },
        };
}

/// <summary>A box [Start, Stop) written with the values of its positions shifted by Salt.</summary>
internal sealed record Region(long[] Start, long[] Stop, int Salt);

internal abstract class WriteCase
{
    public required string Path { get; init; }

    public required long[] Shape { get; init; }

    public required int[] Chunks { get; init; }

    public required ArrayOptions Options { get; init; }

    public required Region[] Regions { get; init; }

    public bool Repetitive { get; init; }

    public bool Sharded { get; init; }

    /// <summary>Created through ZarrGroup.Create(store, path: parent, zarrFormat: 3).CreateDataset instead of ZarrArray.Create.</summary>
    public bool InGroup { get; init; }

    public string?[]? DimensionNames { get; init; }

    public required JsonObject Attributes { get; init; }

    public abstract ManifestArray Write(ZarrStore store);
}

internal sealed class WriteCase<T> : WriteCase
{
    public required T Fill { get; init; }

    public override ManifestArray Write(ZarrStore store)
    {
        var options = Options.Clone();
        options.ZarrFormat = 3;
        options.FillValue = Fill is Half h ? (double)h : Fill;
        if (DimensionNames is not null) options.DimensionNames = DimensionNames;
        ZarrArray<T> array;
        if (InGroup)
        {
            var cut = Path.LastIndexOf('/');
            options.ZarrFormat = null; // the group's format decides
            array = ZarrGroup.Create(store, path: Path[..cut], zarrFormat: 3).CreateDataset<T>(Path[(cut + 1)..], Shape, Chunks, options);
        }
        else
        {
            array = ZarrArray.Create<T>(Shape, Chunks, options, store, Path);
        }
        array.Attrs.Put(Attributes.DeepClone().AsObject());

        var size = Shape.Aggregate(1L, (a, b) => a * b);
        var expected = Enumerable.Repeat(Fill, (int)size).ToArray();
        if (Shape.Length == 0)
        {
            var v = PeerValues.At<T>(0, Repetitive);
            array.Set([Selector.Ellipsis], v);
            expected[0] = v;
        }
        var strides = COrder.Strides(Shape);
        foreach (var region in Regions)
        {
            var shape = region.Start.Select((s, d) => (int)(region.Stop[d] - s)).ToArray();
            var boxShape = Array.ConvertAll(shape, x => (long)x);
            var n = shape.Aggregate(1, (a, b) => a * b);
            var data = new T[n];
            for (var k = 0; k < n; k++)
            {
                var idx = COrder.Unravel(k, boxShape);
                long flat = 0;
                for (var d = 0; d < idx.Length; d++) flat += (idx[d] + region.Start[d]) * strides[d];
                data[k] = PeerValues.At<T>(flat + region.Salt, Repetitive);
                expected[flat] = data[k];
            }
            array.Set(region.Start.Select((s, d) => Selector.Slice(s, region.Stop[d])).ToArray(), new NDArray<T>(data, shape));
        }
        return new ManifestArray
        {
            Path = Path,
            DataType = DataTypeName(),
            Shape = Shape,
            FillValue = ManifestValues.ToManifest(Fill),
            Attributes = Attributes.DeepClone().AsObject(),
            DimensionNames = DimensionNames,
            Sharded = Sharded,
            Data = expected.Select(ManifestValues.ToManifest).ToArray(),
        };
    }

    private static string DataTypeName() =>
        typeof(T) == typeof(bool) ? "bool" : typeof(T) == typeof(sbyte) ? "int8" : typeof(T) == typeof(short) ? "int16" :
        typeof(T) == typeof(int) ? "int32" : typeof(T) == typeof(long) ? "int64" : typeof(T) == typeof(byte) ? "uint8" :
        typeof(T) == typeof(ushort) ? "uint16" : typeof(T) == typeof(uint) ? "uint32" : typeof(T) == typeof(ulong) ? "uint64" :
        typeof(T) == typeof(Half) ? "float16" : typeof(T) == typeof(float) ? "float32" : typeof(T) == typeof(double) ? "float64" :
        typeof(T) == typeof(string) ? "string" : throw new NotSupportedException(typeof(T).Name);
}

/// <summary>
/// The value written at a flat position: the type's edge values first (extremes, NaN, infinities,
/// subnormals, non-ASCII strings), then a pattern; the repetitive pattern (runs of five) lets
/// compressors compress.
/// </summary>
internal static class PeerValues
{
    public static T At<T>(long i, bool repetitive)
    {
        object v = typeof(T) switch
        {
            var t when t == typeof(bool) => Pick(i, [true, false], repetitive ? (i / 5 % 13) % 5 == 0 : i % 3 == 0),
            var t when t == typeof(sbyte) => Pick(i, [sbyte.MinValue, sbyte.MaxValue, (sbyte)0, (sbyte)-1], (sbyte)(repetitive ? i / 5 % 13 - 6 : i * 37 % 256 - 128)),
            var t when t == typeof(short) => Pick(i, [short.MinValue, short.MaxValue], (short)(repetitive ? i / 5 % 13 - 6 : i * 1237 % 65536 - 32768)),
            var t when t == typeof(int) => Pick(i, [int.MinValue, int.MaxValue], (int)(repetitive ? i / 5 % 13 - 6 : i * 7919 * 1031 % 4294967296L - 2147483648L)),
            var t when t == typeof(long) => Pick(i, [long.MinValue, long.MaxValue, -(1L << 53) - 1, (1L << 53) + 1], repetitive ? i / 5 % 13 * 1_000_000_000_000L : i * 1234567890123457L - 500_000_000_000_000_000L),
            var t when t == typeof(byte) => Pick(i, [byte.MaxValue, (byte)0], (byte)(repetitive ? i / 5 % 13 : i * 37 % 256)),
            var t when t == typeof(ushort) => Pick(i, [ushort.MaxValue, (ushort)0], (ushort)(repetitive ? i / 5 % 13 : i * 1237 % 65536)),
            var t when t == typeof(uint) => Pick(i, [uint.MaxValue, 0u], (uint)(repetitive ? i / 5 % 13 : i * 7919 * 1031 % 4294967296L)),
            var t when t == typeof(ulong) => Pick(i, [ulong.MaxValue, 1UL << 63, (1UL << 53) + 1, 0UL], repetitive ? (ulong)(i / 5 % 13) * 1_000_000_000_000UL : (ulong)i * 98765432109876543UL),
            var t when t == typeof(Half) => Pick(i, [Half.NaN, Half.PositiveInfinity, Half.NegativeInfinity, Half.MaxValue, Half.Epsilon, (Half)0.1, (Half)(-0.5)], (Half)(repetitive ? i / 5 % 13 * 0.5 : i % 64 * 0.25 - 3)),
            var t when t == typeof(float) => Pick(i, [float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, float.Epsilon, 0.1f, -1.5f], (float)(repetitive ? i / 5 % 13 * 0.5 : i * 0.37 - 5)),
            var t when t == typeof(double) => Pick(i, [double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.Epsilon, 0.1, -2.5e-300], repetitive ? i / 5 % 13 * 0.5 : i * 0.37 - 5),
            var t when t == typeof(string) => Pick(i, ["", "h\u00e9llo", "\u00fcn\u00efc\u00f6d\u00e9 \u2713", "emoji \U0001f389", "tab\tand \"quotes\""], repetitive ? "v" + (i / 5 % 7) : "s" + i),
            _ => throw new NotSupportedException(typeof(T).Name),
        };
        return (T)v;
    }

    private static TV Pick<TV>(long i, TV[] specials, TV otherwise) => i < specials.Length ? specials[i] : otherwise;
}
