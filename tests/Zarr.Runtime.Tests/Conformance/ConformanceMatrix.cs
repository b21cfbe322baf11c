using System.Text.Json.Nodes;
using Zarr.Codecs;
using Zarr.Metadata.Json;

namespace Zarr.Runtime.Tests.Conformance;

/// <summary>
/// One conformance case: a store (directory or zip) holding groups and arrays, each created with the
/// same arguments on both sides. The spec is the JSON that conformance.py reads (see its docstring).
/// </summary>
public sealed record ConformanceCase(string Name, JsonObject Spec)
{
    /// <summary>The codec ids the case needs: every compressor and filter, Blosc for zarr-python's default compressor.</summary>
    public IReadOnlyList<string> RequiredCodecs { get; } = CodecsOf(Spec);

    /// <summary>The ids the default registry lacks (the case is skipped, visibly, until they land).</summary>
    public IReadOnlyList<string> MissingCodecs => RequiredCodecs.Where(id => !CodecRegistry.Default.IsRegistered(id)).ToList();

    /// <summary>True when some node has a patch (the mixed tests).</summary>
    public bool IsMixed => Nodes.Any(n => n.ContainsKey("patch"));

    public IEnumerable<JsonObject> Nodes => Spec["nodes"]!.AsArray().Select(n => n!.AsObject());

    public bool IsZip => (string?)Spec["store"] == "zip";

    private static List<string> CodecsOf(JsonObject spec)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var node in spec["nodes"]!.AsArray())
        {
            if (node!["create"] is not JsonObject create) continue;
            var shape = create["shape"]!.AsArray();
            if (!create.ContainsKey("compressor"))
            {
                if (shape.Count > 0) ids.Add("blosc"); // zarr-python's default compressor (0-d arrays get none)
            }
            else if (create["compressor"] is JsonObject c) ids.Add((string)c["id"]!);
            if (create["filters"] is JsonArray filters)
                foreach (var f in filters) ids.Add((string)f!["id"]!);
            var dtype = create["dtype"];
            if (dtype is JsonValue v && (string?)v == "str") ids.Add("vlen-utf8");
            if (dtype is JsonValue b && (string?)b == "bytes") ids.Add("vlen-bytes");
        }
        return ids.ToList();
    }

    public override string ToString() => Name;
}

/// <summary>
/// The conformance matrix: every dtype in both byte orders, every numcodecs 0.11 compressor and filter
/// with several parameter sets, C and F order, both key separators, every kind of fill value, missing
/// and edge chunks, 0-d and zero-length arrays, object arrays, groups with attributes, consolidated
/// metadata, zip stores, info and tree texts, and mixed writers.
/// </summary>
public static class ConformanceMatrix
{
    private static readonly Lazy<List<ConformanceCase>> All = new(Build);
    private static readonly Lazy<Dictionary<string, ConformanceCase>> ByName = new(() => All.Value.ToDictionary(c => c.Name));

    public static IReadOnlyList<ConformanceCase> Cases => All.Value;

    public static ConformanceCase Get(string name) => ByName.Value[name];

    /// <summary>The JSON sent to conformance.py.</summary>
    public static string RequestJson(IEnumerable<ConformanceCase> cases, Action<JsonObject>? extra = null)
    {
        var request = new JsonObject { ["cases"] = new JsonArray(cases.Select(c => (JsonNode?)c.Spec.DeepClone()).ToArray()) };
        extra?.Invoke(request);
        return ZarrJson.Serialize(request);
    }

    // ---- builders -----------------------------------------------------------------------------

    private static readonly JsonNode DefaultCompressor = JsonValue.Create("<default>")!;

    private static JsonObject Codec(string id, params (string Key, JsonNode? Value)[] parameters)
    {
        var o = new JsonObject { ["id"] = id };
        foreach (var (k, v) in parameters) o[k] = v?.DeepClone();
        return o;
    }

    private static JsonArray Ints(params long[] values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static JsonArray Region(params (long Start, long Stop)[] dims) => new(dims.Select(d => (JsonNode?)Ints(d.Start, d.Stop)).ToArray());

    private static JsonObject Bytes(params byte[] b) => new() { ["bytes"] = Convert.ToBase64String(b) };

    private static JsonNode J(string json) => ZarrJson.Parse(json, "<matrix>")!;

    /// <summary>An array node. <paramref name="compressor"/>: a codec, null for none, or omitted for zarr-python's default.</summary>
    private static JsonObject Arr(string path, long[] shape, int[]? chunks, JsonNode dtype,
        JsonNode? compressor = null, bool defaultCompressor = false, JsonArray? filters = null,
        JsonNode? fill = null, bool hasFill = false, char order = 'C', char? sep = null, bool? writeEmpty = null,
        JsonArray? writes = null, JsonObject? data = null, JsonObject? attrs = null, JsonObject? patch = null)
    {
        var create = new JsonObject { ["shape"] = Ints(shape), ["dtype"] = dtype.DeepClone() };
        if (chunks is not null) create["chunks"] = Ints(chunks.Select(c => (long)c).ToArray());
        if (!defaultCompressor) create["compressor"] = compressor?.DeepClone();
        if (filters is not null) create["filters"] = filters.DeepClone();
        if (hasFill) create["fill_value"] = fill?.DeepClone();
        if (order != 'C') create["order"] = order.ToString();
        if (sep is { } s) create["dimension_separator"] = s.ToString();
        if (writeEmpty is { } w) create["write_empty_chunks"] = w;
        var node = new JsonObject { ["path"] = path, ["kind"] = "array", ["create"] = create };
        node["writes"] = writes?.DeepClone() ?? new JsonArray((JsonNode?)null);
        if (data is not null) node["data"] = data.DeepClone();
        if (attrs is not null) node["attrs"] = attrs.DeepClone();
        if (patch is not null) node["patch"] = patch.DeepClone();
        return node;
    }

    private static JsonObject Grp(string path, JsonObject? attrs = null)
    {
        var node = new JsonObject { ["path"] = path, ["kind"] = "group" };
        if (attrs is not null) node["attrs"] = attrs.DeepClone();
        return node;
    }

    private static ConformanceCase Case(string name, IEnumerable<JsonObject> nodes, string store = "dir", bool consolidate = false,
        string[]? info = null, string[]? tree = null)
    {
        var spec = new JsonObject
        {
            ["name"] = name,
            ["store"] = store,
            ["nodes"] = new JsonArray(nodes.Select(n => (JsonNode?)n).ToArray()),
        };
        if (consolidate) spec["consolidate"] = true;
        if (info is not null) spec["info"] = new JsonArray(info.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray());
        if (tree is not null) spec["tree"] = new JsonArray(tree.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray());
        return new ConformanceCase(name, spec);
    }

    /// <summary>A store with one array at its root, whose info text is compared too.</summary>
    private static ConformanceCase One(string name, JsonObject array, string store = "dir") => Case(name, [array], store, info: [""]);

    private static string Slug(string s)
    {
        var chars = s.Select(c => char.IsAsciiLetterOrDigit(c) ? c : c switch { '<' => 'L', '>' => 'B', '|' => 'N', _ => '_' }).ToArray();
        return new string(chars);
    }

    // ---- the matrix ---------------------------------------------------------------------------

    private static List<ConformanceCase> Build()
    {
        var cases = new List<ConformanceCase>();
        Dtypes(cases);
        FillValues(cases);
        Compressors(cases);
        Filters(cases);
        Layouts(cases);
        Edges(cases);
        Objects(cases);
        Hierarchies(cases);
        Mixed(cases);
        var dup = cases.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new InvalidOperationException("duplicate conformance case " + dup.Key);
        return cases;
    }

    public static readonly string[] SimpleDtypes =
    [
        "|b1", "|i1", "|u1", "<i2", ">i2", "<i4", ">i4", "<i8", ">i8", "<u2", ">u2", "<u4", ">u4", "<u8", ">u8",
        "<f2", ">f2", "<f4", ">f4", "<f8", ">f8", "<c8", ">c8", "<c16", ">c16",
        "<M8[ns]", ">M8[ns]", "<M8[D]", "<M8[us]", "<M8[Y]", ">M8[M]", "<m8[s]", ">m8[ms]", "<m8[10s]", "<m8[W]", ">m8[ps]",
        "|S1", "|S6", "<U1", "<U7", ">U7", "|V5",
    ];

    private static readonly (string Name, string Json)[] StructuredDtypes =
    [
        ("struct", """[["a", "<i4"], ["b", "|S3"], ["c", ">f8", [2]]]"""),
        ("struct-nested", """[["x", [["p", "<u2"], ["q", "|b1"]]], ["y", "<c8"], ["z", "<U2"]]"""),
        ("struct-padding", """[["a", "|u1"], ["", "|V3"], ["b", "<i4"]]"""),
    ];

    private static void Dtypes(List<ConformanceCase> cases)
    {
        // 7×5 in 3×2 chunks, one region written: missing chunks, edge chunks, default fill value.
        var partial = new JsonArray(Region((1, 6), (0, 3)));
        foreach (var dt in SimpleDtypes)
            cases.Add(One("dtype-" + Slug(dt), Arr("", [7, 5], [3, 2], JsonValue.Create(dt)!, writes: partial)));
        foreach (var (name, json) in StructuredDtypes)
            cases.Add(One("dtype-" + name, Arr("", [7, 5], [3, 2], J(json), writes: partial)));
        // Every dtype once more through a compressor and a full write.
        foreach (var dt in new[] { "|b1", ">i8", "<f2", ">c16", "<M8[ns]", "|S6", ">U7", "|V5" })
            cases.Add(One("dtype-zlib-" + Slug(dt), Arr("", [9, 4], [4, 3], JsonValue.Create(dt)!, Codec("zlib", ("level", 1)))));
    }

    private static void FillValues(List<ConformanceCase> cases)
    {
        (string Name, string DType, JsonNode? Fill)[] fills =
        [
            ("f8-nan", "<f8", "NaN"), ("f8-inf", "<f8", "Infinity"), ("f8-ninf", "<f8", "-Infinity"), ("f8be-nan", ">f8", "NaN"),
            ("f8-0.1", "<f8", 0.1), ("f4-0.1", "<f4", 0.1), ("f2-0.1", "<f2", 0.1), ("f8-1e-5", "<f8", 1e-5), ("f8-1.5e20", "<f8", 1.5e20),
            ("f8-negzero", "<f8", -0.0), ("f8-long", "<f8", 123456789012345.6), ("f8-int", "<f8", 3), ("f4-nan", "<f4", "NaN"), ("f2-ninf", "<f2", "-Infinity"),
            ("f4be-inf", ">f4", "Infinity"),
            ("i4-neg", "<i4", -7), ("u8-max", "<u8", JsonValue.Create(ulong.MaxValue)), ("i8-min", "<i8", long.MinValue), ("i2be", ">i2", 300),
            ("u1-255", "|u1", 255), ("b1-true", "|b1", true),
            ("c16", "<c16", J("[1.0, -2.5]")), ("c8-nan-inf", "<c8", J("""["NaN", "Infinity"]""")), ("c16be", ">c16", J("""[0.5, "-Infinity"]""")),
            ("M8ns-nat", "<M8[ns]", "NaT"), ("M8s", "<M8[s]", 1234567890), ("m8s", "<m8[s]", 5), ("m8be-nat", ">m8[us]", "NaT"),
            ("S5-ab", "|S5", Bytes("ab"u8.ToArray())), ("S5-nul", "|S5", Bytes("a\0b"u8.ToArray())), ("S5-full", "|S5", Bytes("hello"u8.ToArray())),
            ("V4", "|V4", Bytes(1, 2, 3, 4)),
            ("U5-accent", "<U5", "h\u00e9"), ("U3-astral", "<U3", "\U0001F600"), ("U2be", ">U2", "ab"), ("U4-empty", "<U4", ""),
        ];
        foreach (var (name, dt, fill) in fills)
            cases.Add(One("fill-" + name, Arr("", [10], [4], JsonValue.Create(dt)!, hasFill: true, fill: fill, writes: new JsonArray(Region((4, 6))))));
        var structFill = new byte[12];
        BitConverter.GetBytes(1).CopyTo(structFill, 0);
        BitConverter.GetBytes(2.5).CopyTo(structFill, 4);
        cases.Add(One("fill-struct", Arr("", [10], [4], J("""[["x", "<i4"], ["y", "<f8"]]"""), hasFill: true, fill: Bytes(structFill), writes: new JsonArray(Region((4, 6))))));
        // No fill value: only fully written arrays have defined contents.
        cases.Add(One("fill-null-f8", Arr("", [10], [4], JsonValue.Create("<f8")!, hasFill: true, fill: null)));
        cases.Add(One("fill-null-S3", Arr("", [10], [4], JsonValue.Create("|S3")!, hasFill: true, fill: null)));
        cases.Add(One("fill-str-empty", Arr("", [10], [4], JsonValue.Create("str")!, Codec("zlib", ("level", 1)), hasFill: true, fill: "", writes: new JsonArray(Region((4, 6))))));
        cases.Add(One("fill-str-default", Arr("", [10], [4], JsonValue.Create("str")!, Codec("zlib", ("level", 1)), writes: new JsonArray(Region((4, 6))))));
        // write_empty_chunks=False deletes chunks equal to the fill value; zarr-python 2.13 writes them by default.
        cases.Add(One("fill-empty-chunks-false", Arr("", [12, 4], [3, 2], JsonValue.Create("<i4")!, Codec("zlib", ("level", 1)), writeEmpty: false, data: new JsonObject { ["gen"] = "zero-blocks" })));
        // zarr-python's all_equal decides which chunks equal the fill: NaN equals NaN for real floats only,
        // a falsy fill means "no truthy element" (so -0.0 matches 0), anything else is NumPy's ==.
        (string Name, string DType, JsonNode? Fill, JsonNode? Value)[] empties =
        [
            ("f8-nan", "<f8", "NaN", "NaN"), ("f4-nan", ">f4", "NaN", "NaN"), ("f8-negzero", "<f8", 0, -0.0), ("f2-zero", "<f2", 0, 0),
            ("c16-nan", "<c16", J("""["NaN", 0.0]"""), J("""["NaN", 0.0]""")), ("c8-negzero", "<c8", 0, J("[-0.0, 0.0]")),
            ("c16-one", "<c16", J("[1.0, 2.0]"), J("[1.0, 2.0]")),
            ("M8-nat", "<M8[s]", "NaT", "NaT"), ("m8-zero", "<m8[s]", 0, 0), ("M8-value", "<M8[s]", 86400, 86400),
            ("b1-false", "|b1", false, false), ("b1-true", "|b1", true, true), ("i2-7", ">i2", 7, 7),
            ("U3-empty", "<U3", "", ""), ("U3-x", "<U3", "x", "x"), ("S3-empty", "|S3", Bytes(), Bytes()), ("S3-ab", "|S3", Bytes("ab"u8.ToArray()), Bytes("ab"u8.ToArray())),
            ("V2-zero", "|V2", Bytes(0, 0), Bytes(0, 0)), ("V2-x", "|V2", Bytes(1, 2), Bytes(1, 2)),
            ("struct-zero", StructuredDtypes[0].Json, 0, Bytes(new byte[23])),
            ("str-empty", "str", "", ""), ("str-x", "str", "x", "x"),
        ];
        foreach (var (name, dt, fill, value) in empties)
        {
            var dtype = dt.StartsWith('[') ? J(dt) : JsonValue.Create(dt)!;
            cases.Add(One("empty-chunks-" + name, Arr("", [8, 6], [2, 3], dtype, Codec("zlib", ("level", 1)), hasFill: true, fill: fill, writeEmpty: false,
                data: new JsonObject { ["gen"] = "fill-blocks", ["value"] = value?.DeepClone() })));
        }
        cases.Add(One("empty-chunks-vlen-array", Arr("", [8, 6], [2, 3], JsonValue.Create("|O")!, Codec("zlib", ("level", 1)),
            filters: new JsonArray(Codec("vlen-array", ("dtype", "<i4"))), writeEmpty: false, data: new JsonObject { ["gen"] = "fill-blocks", ["value"] = 0 })));
        cases.Add(One("fill-empty-chunks-true", Arr("", [12, 4], [3, 2], JsonValue.Create("<i4")!, Codec("zlib", ("level", 1)), data: new JsonObject { ["gen"] = "zero-blocks" })));
    }

    private static void Compressors(List<ConformanceCase> cases)
    {
        var list = new List<(string Name, JsonObject Codec)>
        {
            ("zlib-0", Codec("zlib", ("level", 0))), ("zlib-1", Codec("zlib", ("level", 1))), ("zlib-9", Codec("zlib", ("level", 9))),
            ("gzip-1", Codec("gzip", ("level", 1))), ("gzip-9", Codec("gzip", ("level", 9))),
            ("bz2-1", Codec("bz2", ("level", 1))), ("bz2-9", Codec("bz2", ("level", 9))),
            ("lzma-default", Codec("lzma", ("format", 1), ("check", -1), ("preset", null), ("filters", null))),
            ("lzma-alone", Codec("lzma", ("format", 2), ("check", -1), ("preset", 1), ("filters", null))),
            ("lzma-preset9-crc32", Codec("lzma", ("format", 1), ("check", 1), ("preset", 9), ("filters", null))),
            ("lzma-raw", Codec("lzma", ("format", 3), ("check", -1), ("preset", null), ("filters", J("""[{"id": 33, "preset": 1}]""")))),
            ("zstd-1", Codec("zstd", ("level", 1))), ("zstd-0", Codec("zstd", ("level", 0))), ("zstd-neg", Codec("zstd", ("level", -3))),
            ("zstd-22", Codec("zstd", ("level", 22))),
            ("lz4-1", Codec("lz4", ("acceleration", 1))), ("lz4-10", Codec("lz4", ("acceleration", 10))),
            ("crc32", Codec("crc32")), ("adler32", Codec("adler32")), ("base64", Codec("base64")),
        };
        foreach (var cname in new[] { "blosclz", "lz4", "lz4hc", "snappy", "zlib", "zstd" })
            foreach (var shuffle in new[] { 0, 1, 2 })
                list.Add(($"blosc-{cname}-{shuffle}", Blosc(cname, 5, shuffle)));
        list.Add(("blosc-lz4-clevel0", Blosc("lz4", 0, 1)));
        list.Add(("blosc-zstd-clevel9", Blosc("zstd", 9, 2)));
        list.Add(("blosc-blocksize256", Blosc("lz4", 5, 1, 256)));
        list.Add(("blosc-autoshuffle", Blosc("lz4", 5, -1)));
        foreach (var (name, codec) in list)
        {
            cases.Add(One("comp-" + name + "-i4", Arr("", [20, 30], [11, 16], JsonValue.Create("<i4")!, codec)));
            cases.Add(One("comp-" + name + "-f8", Arr("", [33], [16], JsonValue.Create(">f8")!, codec, writes: new JsonArray(Region((0, 25))))));
        }
        // Blosc's typesize follows the item size: 1 (bitshuffle on bytes), 16, 20 (<U5), 300 (> 255, so 1); several blocks.
        cases.Add(One("comp-blosc-u1-bitshuffle", Arr("", [1000], [300], JsonValue.Create("|u1")!, Blosc("lz4", 5, 2))));
        cases.Add(One("comp-blosc-b1", Arr("", [1000], [300], JsonValue.Create("|b1")!, Blosc("zstd", 3, -1))));
        cases.Add(One("comp-blosc-c16", Arr("", [200], [64], JsonValue.Create("<c16")!, Blosc("blosclz", 5, 1))));
        cases.Add(One("comp-blosc-U5", Arr("", [100], [30], JsonValue.Create("<U5")!, Blosc("zlib", 5, 1))));
        cases.Add(One("comp-blosc-S300", Arr("", [20], [7], JsonValue.Create("|S300")!, Blosc("lz4", 5, 1))));
        cases.Add(One("comp-blosc-multiblock", Arr("", [300, 100], [300, 100], JsonValue.Create("<f8")!, Blosc("lz4", 5, 1), data: new JsonObject { ["gen"] = "small" })));
        cases.Add(One("comp-blosc-multiblock-zstd", Arr("", [300, 100], [300, 100], JsonValue.Create("<i8")!, Blosc("zstd", 5, 2), data: new JsonObject { ["gen"] = "small" })));
        cases.Add(One("comp-default", Arr("", [20, 30], [7, 8], JsonValue.Create("<i4")!, defaultCompressor: true)));
    }

    private static JsonObject Blosc(string cname, int clevel, int shuffle, int blocksize = 0) =>
        Codec("blosc", ("cname", cname), ("clevel", clevel), ("shuffle", shuffle), ("blocksize", blocksize));

    private static void Filters(List<ConformanceCase> cases)
    {
        var zlib = Codec("zlib", ("level", 1));
        var small = new JsonObject { ["gen"] = "small" };
        void Add(string name, string dtype, JsonArray filters, JsonObject? data = null, JsonNode? compressor = null, long[]? shape = null, int[]? chunks = null)
        {
            cases.Add(One("filter-" + name, Arr("", shape ?? [20, 30], chunks ?? [7, 8], JsonValue.Create(dtype)!, compressor, filters: filters, data: data,
                writes: new JsonArray(Region((0, 18), (3, 30))))));
        }
        JsonArray F(params JsonObject[] f) => new(f.Select(x => (JsonNode?)x).ToArray());

        Add("delta-i4", "<i4", F(Codec("delta", ("dtype", "<i4"), ("astype", "<i4"))), compressor: zlib);
        Add("delta-i8-as-i2", "<i8", F(Codec("delta", ("dtype", "<i8"), ("astype", "<i2"))), small);
        Add("delta-u2be", ">u2", F(Codec("delta", ("dtype", ">u2"), ("astype", ">u2"))));
        Add("delta-f8", "<f8", F(Codec("delta", ("dtype", "<f8"), ("astype", "<f8"))), new JsonObject { ["specials"] = false });
        Add("shuffle-4", "<i4", F(Codec("shuffle", ("elementsize", 4))), compressor: zlib);
        Add("shuffle-8", "<f8", F(Codec("shuffle", ("elementsize", 8))));
        Add("shuffle-2-on-i4", ">i4", F(Codec("shuffle", ("elementsize", 2))), compressor: zlib);
        Add("fixedscaleoffset-be", ">f8", F(Codec("fixedscaleoffset", ("offset", -3.25), ("scale", 100), ("dtype", ">f8"), ("astype", ">u2"))),
            new JsonObject { ["gen"] = "range", ["range"] = J("[-5, 5]") });
        Add("quantize-neg-digits", "<f8", F(Codec("quantize", ("digits", -1), ("dtype", "<f8"), ("astype", "<f8"))), new JsonObject { ["specials"] = false });
        Add("delta-u1", "|u1", F(Codec("delta", ("dtype", "|u1"), ("astype", "|u1"))), compressor: zlib);
        Add("fixedscaleoffset-u1", "<f8", F(Codec("fixedscaleoffset", ("offset", 1000), ("scale", 10), ("dtype", "<f8"), ("astype", "|u1"))),
            new JsonObject { ["gen"] = "range", ["range"] = J("[990, 1010]") });
        Add("fixedscaleoffset-f4-i4", "<f4", F(Codec("fixedscaleoffset", ("offset", 0.5), ("scale", 1000), ("dtype", "<f4"), ("astype", "<i4"))),
            new JsonObject { ["gen"] = "range", ["range"] = J("[-5, 5]") }, zlib);
        Add("quantize-1-f8", "<f8", F(Codec("quantize", ("digits", 1), ("dtype", "<f8"), ("astype", "<f8"))), new JsonObject { ["specials"] = false });
        Add("quantize-3-f4", "<f4", F(Codec("quantize", ("digits", 3), ("dtype", "<f4"), ("astype", "<f4"))), new JsonObject { ["specials"] = false }, zlib);
        Add("quantize-2-f8-as-f4", "<f8", F(Codec("quantize", ("digits", 2), ("dtype", "<f8"), ("astype", "<f4"))), new JsonObject { ["specials"] = false });
        Add("bitround-5-f4", "<f4", F(Codec("bitround", ("keepbits", 5))));
        Add("bitround-10-f8", "<f8", F(Codec("bitround", ("keepbits", 10))), compressor: zlib);
        Add("packbits", "|b1", F(Codec("packbits")), compressor: zlib);
        Add("astype-f8-f4", "<f8", F(Codec("astype", ("encode_dtype", "<f4"), ("decode_dtype", "<f8"))));
        Add("astype-i8-i2", "<i8", F(Codec("astype", ("encode_dtype", "<i2"), ("decode_dtype", "<i8"))), small);
        Add("crc32", "<i4", F(Codec("crc32")), compressor: zlib);
        Add("adler32", "<i4", F(Codec("adler32")));
        Add("base64", "<u2", F(Codec("base64")));
        Add("chain-delta-shuffle", "<i4", F(Codec("delta", ("dtype", "<i4"), ("astype", "<i4")), Codec("shuffle", ("elementsize", 4))), compressor: zlib);
        Add("chain-scale-delta-crc", "<f8", F(Codec("fixedscaleoffset", ("offset", 1000), ("scale", 10), ("dtype", "<f8"), ("astype", "<u2")),
            Codec("delta", ("dtype", "<u2"), ("astype", "<u2")), Codec("crc32")), new JsonObject { ["gen"] = "range", ["range"] = J("[990, 1010]") }, zlib);
        var labels = J("""["apple", "banana", "cherry", "d\u00e9j\u00e0"]""").AsArray();
        Add("categorize-U", "<U6", F(Codec("categorize", ("labels", labels), ("dtype", "<U6"), ("astype", "|u1"))),
            new JsonObject { ["gen"] = "labels", ["labels"] = labels.DeepClone() }, zlib);
        Add("categorize-O", "|O", F(Codec("categorize", ("labels", labels), ("dtype", "|O"), ("astype", "|u1"))),
            new JsonObject { ["gen"] = "labels", ["labels"] = labels.DeepClone() }, zlib);
        Add("zfpy", "<f8", F(), new JsonObject { ["specials"] = false }, Codec("zfpy", ("mode", 4), ("tolerance", 0.01), ("rate", -1), ("precision", -1)));
    }

    private static void Layouts(List<ConformanceCase> cases)
    {
        var zlib = Codec("zlib", ("level", 1));
        var partial2 = new JsonArray(Region((1, 6), (2, 5)));
        var partial3 = new JsonArray(Region((0, 4), (1, 6), (3, 7)), Region((4, 5), (0, 2), (0, 1)));
        foreach (var dt in new[] { "<i4", ">f8", "|u1", "<U3", "|S4", "<c8", "<M8[ms]" })
            cases.Add(One("order-F-" + Slug(dt), Arr("", [7, 5], [3, 4], JsonValue.Create(dt)!, order: 'F', writes: partial2)));
        cases.Add(One("order-F-3d", Arr("", [5, 6, 7], [2, 3, 4], JsonValue.Create("<i2")!, zlib, order: 'F', writes: partial3)));
        cases.Add(One("order-F-struct", Arr("", [7, 5], [3, 4], J(StructuredDtypes[0].Json), order: 'F', writes: partial2)));
        cases.Add(One("order-F-1d", Arr("", [10], [4], JsonValue.Create("<i4")!, order: 'F', writes: new JsonArray(Region((3, 9))))));
        cases.Add(One("order-F-str", Arr("", [7, 5], [3, 4], JsonValue.Create("str")!, zlib, order: 'F', writes: partial2)));
        cases.Add(One("sep-slash-2d", Arr("", [7, 5], [3, 4], JsonValue.Create("<i4")!, zlib, sep: '/', writes: partial2)));
        cases.Add(One("sep-slash-3d", Arr("", [5, 6, 7], [2, 3, 4], JsonValue.Create("<f4")!, sep: '/', writes: partial3)));
        cases.Add(One("sep-slash-F", Arr("", [5, 6, 7], [2, 3, 4], JsonValue.Create(">u4")!, zlib, order: 'F', sep: '/', writes: partial3)));
        cases.Add(One("sep-dot-explicit", Arr("", [7, 5], [3, 4], JsonValue.Create("<i4")!, sep: '.', writes: partial2)));
        cases.Add(One("sep-slash-1d", Arr("", [10], [3], JsonValue.Create("<i8")!, sep: '/')));
        cases.Add(One("sep-slash-zip", Arr("", [5, 6, 7], [2, 3, 4], JsonValue.Create("<f8")!, zlib, sep: '/', writes: partial3), "zip"));
        cases.Add(One("zip-F", Arr("", [7, 5], [3, 4], JsonValue.Create(">i4")!, zlib, order: 'F', writes: partial2), "zip"));
        cases.Add(Case("sep-slash-nested-path", [Arr("g/h/arr", [6, 6], [4, 4], JsonValue.Create("<i4")!, sep: '/', writes: new JsonArray(Region((0, 5), (0, 3))))],
            info: ["g/h/arr", "g"], tree: ["", "g"]));
    }

    private static void Edges(List<ConformanceCase> cases)
    {
        var zlib = Codec("zlib", ("level", 1));
        cases.Add(One("zerod-i4", Arr("", [], [], JsonValue.Create("<i4")!, defaultCompressor: true)));
        cases.Add(One("zerod-f8-nan-unwritten", Arr("", [], [], JsonValue.Create(">f8")!, defaultCompressor: true, hasFill: true, fill: "NaN", writes: [])));
        cases.Add(One("zerod-U5", Arr("", [], [], JsonValue.Create("<U5")!, zlib)));
        cases.Add(One("zerod-c16", Arr("", [], [], JsonValue.Create("<c16")!, null)));
        cases.Add(One("zerod-struct", Arr("", [], [], J(StructuredDtypes[1].Json), null)));
        cases.Add(One("zerod-str", Arr("", [], [], JsonValue.Create("str")!, defaultCompressor: true)));
        cases.Add(One("zerolen-1d", Arr("", [0], [5], JsonValue.Create("<i4")!, zlib)));
        cases.Add(One("zerolen-2d", Arr("", [3, 0], [2, 2], JsonValue.Create("<f8")!, zlib)));
        cases.Add(One("zerolen-str", Arr("", [0], [5], JsonValue.Create("str")!, zlib)));
        cases.Add(One("chunk-larger-than-shape", Arr("", [5], [10], JsonValue.Create("<i4")!, zlib)));
        cases.Add(One("chunk-1", Arr("", [4, 3], [1, 1], JsonValue.Create("<u2")!, null, writes: new JsonArray(Region((1, 3), (0, 2))))));
        cases.Add(One("edges-many-writes", Arr("", [13, 17], [5, 4], JsonValue.Create("<i8")!, zlib, hasFill: true, fill: -1,
            writes: new JsonArray(Region((0, 2), (0, 17)), Region((12, 13), (3, 9)), Region((5, 10), (16, 17))))));
        cases.Add(One("unwritten", Arr("", [6, 6], [4, 4], JsonValue.Create("<f4")!, zlib, hasFill: true, fill: 1.5, writes: [])));
        // Chunk shapes guessed by zarr-python's guess_chunks (no chunks given).
        cases.Add(One("guess-100x100-f8", Arr("", [100, 100], null, JsonValue.Create("<f8")!, null, writes: [])));
        cases.Add(One("guess-1000x1000-i4", Arr("", [1000, 1000], null, JsonValue.Create("<i4")!, null, writes: [])));
        cases.Add(One("guess-10000-u1", Arr("", [10000], null, JsonValue.Create("|u1")!, null)));
        cases.Add(One("guess-0", Arr("", [0], null, JsonValue.Create("<i4")!, null)));
        cases.Add(One("guess-5000x0-S7", Arr("", [5000, 0], null, JsonValue.Create("|S7")!, null, writes: [])));
    }

    private static void Objects(List<ConformanceCase> cases)
    {
        var zlib = Codec("zlib", ("level", 1));
        var partial = new JsonArray(Region((1, 6), (0, 3)));
        JsonArray F(params JsonObject[] f) => new(f.Select(x => (JsonNode?)x).ToArray());
        cases.Add(One("object-vlen-utf8", Arr("", [7, 5], [3, 2], JsonValue.Create("|O")!, zlib, filters: F(Codec("vlen-utf8")), writes: partial)));
        cases.Add(One("object-str", Arr("", [7, 5], [3, 2], JsonValue.Create("str")!, null, writes: partial)));
        cases.Add(One("object-str-blosc", Arr("", [7, 5], [3, 2], JsonValue.Create("str")!, defaultCompressor: true)));
        cases.Add(One("object-vlen-bytes", Arr("", [7, 5], [3, 2], JsonValue.Create("|O")!, zlib, filters: F(Codec("vlen-bytes")), writes: partial)));
        cases.Add(One("object-bytes", Arr("", [11], [4], JsonValue.Create("bytes")!, null)));
        cases.Add(One("object-vlen-array-i4", Arr("", [7, 5], [3, 2], JsonValue.Create("|O")!, zlib, filters: F(Codec("vlen-array", ("dtype", "<i4"))), writes: partial)));
        cases.Add(One("object-vlen-array-f8", Arr("", [11], [4], JsonValue.Create("|O")!, null, filters: F(Codec("vlen-array", ("dtype", "<f8"))))));
        cases.Add(One("object-vlen-array-i2be", Arr("", [11], [4], JsonValue.Create("|O")!, null, filters: F(Codec("vlen-array", ("dtype", ">i2"))))));
        cases.Add(One("object-vlen-utf8-F", Arr("", [7, 5], [3, 2], JsonValue.Create("|O")!, zlib, filters: F(Codec("vlen-utf8")), order: 'F', writes: partial)));
        cases.Add(One("object-vlen-utf8-chain", Arr("", [12], [4], JsonValue.Create("|O")!, zlib, filters: F(Codec("vlen-utf8"), Codec("crc32")))));
        // The object codecs whose output holds the chunk's list: full chunks only (zarr-python pads new chunks with 0).
        cases.Add(One("object-json2", Arr("", [8, 4], [4, 2], JsonValue.Create("|O")!, null, filters: F(Json2()))));
        cases.Add(One("object-msgpack2", Arr("", [8, 4], [4, 2], JsonValue.Create("|O")!, null, filters: F(Codec("msgpack2", ("use_single_float", false), ("use_bin_type", true), ("raw", false))))));
        cases.Add(One("object-pickle", Arr("", [8], [4], JsonValue.Create("|O")!, null, filters: F(Codec("pickle", ("protocol", 5))))));
    }

    private static JsonObject Json2() => Codec("json2", ("encoding", "utf-8"), ("skipkeys", false), ("ensure_ascii", true), ("check_circular", true),
        ("allow_nan", true), ("sort_keys", true), ("indent", null), ("separators", J("""[",", ":"]""")), ("strict", true));

    private static JsonObject RichAttrs() => J("""
        {
            "title": "h\u00e9llo w\u00f6rld",
            "\u043a\u043b\u044e\u0447": "\u0437\u043d\u0430\u0447\u0435\u043d\u0438\u0435",
            "emoji": "\ud83d\ude00",
            "nan": NaN, "inf": Infinity, "ninf": -Infinity,
            "nested": {"b": [1, 2.5, null, true, "x"], "a": {}, "deep": [[1, 2], [3], []]},
            "float": 0.1, "tiny": 1e-07, "huge": 1.5e+300, "negzero": -0.0, "int": -3, "big": 9007199254740993,
            "quote\"and\\slash": "tab\tnewline\ncontrol\u0001"
        }
        """).AsObject();

    private static IEnumerable<JsonObject> HierarchyNodes() =>
    [
        Grp("", RichAttrs()),
        Grp("a"),
        Arr("a/x", [5], [2], JsonValue.Create("|u1")!, Codec("zlib", ("level", 1)), attrs: J("""{"units": "m", "scale": 0.5}""").AsObject()),
        Grp("a/b/c", J("""{"level": 3}""").AsObject()),
        Arr("a/b/y", [4, 3], [2, 2], JsonValue.Create("|S3")!, null, writes: new JsonArray(Region((0, 2), (0, 3)))),
        Arr("d", [3, 4], [2, 2], JsonValue.Create("<f8")!, null, hasFill: true, fill: "NaN", attrs: new JsonObject()),
        Grp("e", new JsonObject()),
        Arr("e/\u00e9t\u00e9", [2], [2], JsonValue.Create("<i4")!, null),
        Arr("zeta", [], [], JsonValue.Create("<i2")!, null),
    ];

    private static void Hierarchies(List<ConformanceCase> cases)
    {
        string[] info = ["", "a", "a/x", "a/b/y", "d", "e", "zeta"];
        string[] tree = ["", "a", "a/b"];
        cases.Add(Case("hierarchy-dir", HierarchyNodes(), info: info, tree: tree));
        cases.Add(Case("hierarchy-dir-consolidated", HierarchyNodes(), consolidate: true, info: info, tree: tree));
        cases.Add(Case("hierarchy-zip", HierarchyNodes(), "zip", info: info, tree: tree));
        cases.Add(Case("hierarchy-zip-consolidated", HierarchyNodes(), "zip", consolidate: true));
        cases.Add(Case("group-empty", [Grp("")], info: [""], tree: [""]));
        cases.Add(Case("group-attrs-only", [Grp("", J("""{"a": [1, {"b": NaN}]}""").AsObject()), Grp("sub", J("""{"z": 1, "A": 2}""").AsObject())], info: ["", "sub"]));
        cases.Add(Case("group-many-members", Enumerable.Range(0, 12).Select(i => i % 3 == 0
            ? Grp($"member_with_a_long_name_{i:00}")
            : Arr($"array_with_a_long_name_{i:00}", [i + 1], [4], JsonValue.Create("<i4")!, null)), info: [""], tree: [""]));
        cases.Add(Case("array-attrs", [Arr("", [4], [4], JsonValue.Create("<i4")!, null, attrs: RichAttrs())], info: [""]));
    }

    private static void Mixed(List<ConformanceCase> cases)
    {
        var zlib = Codec("zlib", ("level", 1));
        JsonObject Patch(int seed, params (long, long)[] region) => new() { ["region"] = Region(region), ["seed"] = seed };
        cases.Add(Case("mixed-i4", [Arr("", [13, 17], [5, 4], JsonValue.Create("<i4")!, zlib, hasFill: true, fill: 7,
            writes: new JsonArray(Region((0, 6), (0, 9))), patch: Patch(11, (4, 12), (2, 15)))]));
        cases.Add(Case("mixed-f8-F-slash", [Arr("", [9, 8], [4, 3], JsonValue.Create(">f8")!, null, hasFill: true, fill: "NaN", order: 'F', sep: '/',
            writes: new JsonArray(Region((0, 3), (0, 8))), patch: Patch(12, (2, 9), (5, 8)))]));
        cases.Add(Case("mixed-U", [Arr("", [10], [3], JsonValue.Create("<U4")!, zlib, writes: new JsonArray(Region((0, 4))), patch: Patch(13, (3, 10)))]));
        cases.Add(Case("mixed-str", [Arr("", [10], [3], JsonValue.Create("str")!, zlib, writes: new JsonArray(Region((0, 4))), patch: Patch(14, (3, 10)))]));
        cases.Add(Case("mixed-blosc", [Arr("", [40, 40], [16, 16], JsonValue.Create("<u2")!, Blosc("lz4", 5, 1), writes: new JsonArray(Region((0, 20), (0, 40))),
            patch: Patch(15, (10, 40), (5, 25)))]));
        cases.Add(Case("mixed-zip", [Grp(""), Arr("z", [6, 6], [4, 4], JsonValue.Create("<i8")!, zlib, writes: new JsonArray(Region((0, 2), (0, 6))),
            patch: Patch(16, (1, 6), (3, 5)))], "zip"));
        var grow = Patch(18, (8, 13), (5, 9));
        grow["resize"] = Ints(13, 9);
        cases.Add(Case("mixed-resize-grow", [Arr("", [10, 7], [4, 3], JsonValue.Create("<f4")!, zlib, hasFill: true, fill: -1.5, patch: grow)]));
        var growC = Patch(20, (8, 12));
        growC["resize"] = Ints(12);
        cases.Add(Case("mixed-resize-complex-fill", [Arr("", [9], [4], JsonValue.Create("<c8")!, null, hasFill: true, fill: J("""[1.0, "NaN"]"""),
            writes: new JsonArray(Region((0, 3))), patch: growC)]));
        var shrink = Patch(19, (0, 6), (2, 5));
        shrink["resize"] = Ints(6, 5);
        // Not with '/' keys: zarr-python 2.13's resize rewrites .zarray without dimension_separator
        // (core.py _flush_metadata_nosync), which strands every chunk; C# keeps the separator.
        cases.Add(Case("mixed-resize-shrink", [Arr("", [13, 9], [4, 3], JsonValue.Create(">i2")!, zlib, patch: shrink)]));
        cases.Add(Case("mixed-write-empty-false", [Arr("", [12], [3], JsonValue.Create("<i4")!, zlib, writeEmpty: false,
            patch: Patch(17, (3, 9)), data: new JsonObject { ["gen"] = "small" })]));
    }
}
