using System.Text;
using System.Text.Json.Nodes;
using Zarr.Codecs;
using Zarr.Indexing;
using Zarr.Stores;

namespace Zarr.Runtime.Tests.V3;

public class V3ArrayTests
{
    /// <summary>Counts what a store hands out, so that tests can show a read fetched only what it needed.</summary>
    private sealed class RangeCountingStore(ZarrStore inner) : ZarrStore
    {
        public long BytesRead;
        public int Requests;

        public override string StoreTypeName => inner.StoreTypeName;

        public override byte[]? Get(string key)
        {
            var v = inner.Get(key);
            Interlocked.Increment(ref Requests);
            Interlocked.Add(ref BytesRead, v?.Length ?? 0);
            return v;
        }

        public override byte[]? GetRange(string key, long offset, int length)
        {
            var v = inner.GetRange(key, offset, length);
            Interlocked.Increment(ref Requests);
            Interlocked.Add(ref BytesRead, v?.Length ?? 0);
            return v;
        }

        public override void Set(string key, ReadOnlySpan<byte> value) => inner.Set(key, value);

        public override bool Delete(string key) => inner.Delete(key);

        public override IEnumerable<string> ListPrefix(string prefix) => inner.ListPrefix(prefix);

        public void Reset()
        {
            BytesRead = 0;
            Requests = 0;
        }
    }

    private static JsonObject Document(ZarrStore store, string key) => (JsonObject)JsonNode.Parse(store.Get(key)!)!;

    private static int[] Iota(int n) => Enumerable.Range(0, n).ToArray();

    [Fact]
    public void UnshardedArrayWritesZarrJsonAndDefaultChunkKeys()
    {
        var store = new MemoryStore();
        var a = ZarrArray.Create<int>([10, 7], [4, 3], new ArrayOptions { ZarrFormat = 3, DimensionNames = ["y", "x"] }, store, "a");
        a.Set([Selector.Ellipsis], new NDArray<int>(Iota(70), 10, 7));
        var doc = Document(store, "a/zarr.json");
        Assert.Equal(3, (int)doc["zarr_format"]!);
        Assert.Equal("array", (string)doc["node_type"]!);
        Assert.Equal("int32", (string)doc["data_type"]!);
        Assert.Equal("bytes", (string)doc["codecs"]![0]!["name"]!);
        Assert.Equal("zstd", (string)doc["codecs"]![1]!["name"]!);
        Assert.Equal("y", (string)doc["dimension_names"]![0]!);
        Assert.True(store.Contains("a/c/2/2"));
        Assert.False(store.Contains("a/.zarray"));
        var reopened = ZarrArray.Open(store, "r", "a").As<int>();
        Assert.Equal(3, reopened.ZarrFormat);
        Assert.Equal(["y", "x"], reopened.DimensionNames!);
        Assert.Equal(Iota(70), reopened.Read().Data);
        Assert.Equal(new[] { 13, 20 }, reopened.GetOrthogonalSelection(new long[] { 1, 2 }, 6).Data);
        Assert.Equal(new[] { 0, 22 }, reopened.GetCoordinateSelection(new long[] { 0, 3 }, new long[] { 0, 1 }).Data);
    }

    [Theory]
    [InlineData("<f8", 'C', "default", '/', "a/c/1/0")]
    [InlineData(">f8", 'F', "default", '.', "a/c.1.0")]
    [InlineData("<f8", 'F', "v2", '.', "a/1.0")]
    [InlineData(">f8", 'C', "v2", '/', "a/1/0")]
    public void LayoutsEndiansAndKeyEncodingsRoundTrip(string dtype, char order, string encoding, char separator, string key)
    {
        var store = new MemoryStore();
        var options = new ArrayOptions { ZarrFormat = 3, DType = dtype, Order = order, ChunkKeyEncoding = encoding, DimensionSeparator = separator, Compressor = new GZipCodec(3) };
        var a = ZarrArray.Create<double>([6, 5], [3, 5], options, store, "a");
        var data = Enumerable.Range(0, 30).Select(i => (double)(i * 3 % 17)).ToArray();
        a.Set([Selector.Ellipsis], new NDArray<double>(data, 6, 5));
        Assert.True(store.Contains(key), string.Join(", ", store.ListPrefix("")));
        var back = ZarrArray.Open(store, "r", "a").As<double>();
        Assert.Equal(data, back.Read().Data);
        Assert.Equal(dtype, back.DType.TypeStr);
        var doc = Document(store, "a/zarr.json");
        var codecs = doc["codecs"]!.AsArray();
        if (order == 'F') Assert.Equal("transpose", (string)codecs[0]!["name"]!);
        Assert.Contains(codecs, c => (string)c!["name"]! == "bytes" && (string)c["configuration"]!["endian"]! == (dtype[0] == '>' ? "big" : "little"));
    }

    [Fact]
    public void TransposeMatchesNumpyOnTheStoredBytes()
    {
        // A 2x3 chunk [[0,1,2],[3,4,5]] stored with transpose [1, 0] holds the F-order bytes 0,3,1,4,2,5.
        var store = new MemoryStore();
        var a = ZarrArray.Create<byte>([2, 3], [2, 3], new ArrayOptions { ZarrFormat = 3, Order = 'F', Compressor = null }, store, "t");
        a.Set([Selector.Ellipsis], new NDArray<byte>([0, 1, 2, 3, 4, 5], 2, 3));
        Assert.Equal(new byte[] { 0, 3, 1, 4, 2, 5 }, store.Get("t/c/0/0"));
    }

    [Fact]
    public void FillValuesInEveryV3Encoding()
    {
        var store = new MemoryStore();
        void Write(string name, string type, string fill, string codecs = "[{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}}]") =>
            store.Set(name + "/zarr.json", Encoding.UTF8.GetBytes(
                $"{{\"zarr_format\":3,\"node_type\":\"array\",\"shape\":[2],\"data_type\":\"{type}\",\"chunk_grid\":{{\"name\":\"regular\",\"configuration\":{{\"chunk_shape\":[2]}}}},\"chunk_key_encoding\":{{\"name\":\"default\"}},\"fill_value\":{fill},\"codecs\":{codecs}}}"));
        Write("nan", "float32", "\"NaN\"");
        Write("inf", "float64", "\"-Infinity\"");
        Write("hex", "float32", "\"0x7fc00001\"");
        Write("big", "uint64", "18446744073709551615");
        Write("cplx", "complex128", "[1.5, \"Infinity\"]");
        Assert.True(float.IsNaN(ZarrArray.Open(store, "r", "nan").As<float>().Read().Data[0]));
        Assert.Equal(double.NegativeInfinity, ZarrArray.Open(store, "r", "inf").As<double>().Read().Data[1]);
        Assert.Equal(0x7fc00001u, BitConverter.SingleToUInt32Bits(ZarrArray.Open(store, "r", "hex").As<float>().Read().Data[0]));
        Assert.Equal(ulong.MaxValue, ZarrArray.Open(store, "r", "big").As<ulong>().Read().Data[0]);
        var c = ZarrArray.Open(store, "r", "cplx").As<System.Numerics.Complex>().Read().Data[0];
        Assert.Equal(1.5, c.Real);
        Assert.Equal(double.PositiveInfinity, c.Imaginary);
    }

    [Theory]
    [InlineData("{\"name\":\"rectilinear\",\"configuration\":{}}", "chunk_grid", null)]
    [InlineData(null, "storage_transformers", "[{\"name\":\"x\"}]")]
    public void UnsupportedGridsAndTransformersAreRefusedByName(string? grid, string field, string? transformers)
    {
        var store = new MemoryStore();
        var json = "{\"zarr_format\":3,\"node_type\":\"array\",\"shape\":[2],\"data_type\":\"int8\",\"chunk_grid\":" + (grid ?? "{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":[2]}}")
            + ",\"chunk_key_encoding\":{\"name\":\"default\"},\"fill_value\":0,\"codecs\":[{\"name\":\"bytes\"}]" + (transformers is null ? "" : ",\"storage_transformers\":" + transformers) + "}";
        store.Set("a/zarr.json", Encoding.UTF8.GetBytes(json));
        var e = Assert.Throws<ZarrMetadataException>(() => ZarrArray.Open(store, "r", "a"));
        Assert.Contains(field, e.Message);
        Assert.Contains("a/zarr.json", e.Message);
    }

    [Fact]
    public void ExtensionMembersMustBeUnderstoodUnlessMarkedOtherwise()
    {
        var store = new MemoryStore();
        const string baseDoc = "{\"zarr_format\":3,\"node_type\":\"array\",\"shape\":[2],\"data_type\":\"int8\",\"chunk_grid\":{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":[2]}},\"chunk_key_encoding\":{\"name\":\"default\"},\"fill_value\":0,\"codecs\":[{\"name\":\"bytes\"}]";
        store.Set("ok/zarr.json", Encoding.UTF8.GetBytes(baseDoc + ",\"my_ext\":{\"must_understand\":false,\"x\":1}}"));
        store.Set("bad/zarr.json", Encoding.UTF8.GetBytes(baseDoc + ",\"my_ext\":{\"must_understand\":true}}"));
        Assert.Equal(new sbyte[] { 0, 0 }, ZarrArray.Open(store, "r", "ok").As<sbyte>().Read().Data);
        var e = Assert.Throws<ZarrMetadataException>(() => ZarrArray.Open(store, "r", "bad"));
        Assert.Contains("my_ext", e.Message);
    }

    [Fact]
    public void GroupsAttributesAndTreeWorkOnV3()
    {
        var store = new MemoryStore();
        var root = ZarrGroup.Create(store, zarrFormat: 3);
        var sub = root.CreateGroup("sub");
        sub.Attrs["title"] = "hello";
        var arr = sub.Zeros<float>("arr", [4, 4], [2, 2]);
        arr.Attrs["units"] = "m";
        Assert.Equal(3, arr.ZarrFormat);
        Assert.True(store.Contains("zarr.json"));
        Assert.True(store.Contains("sub/zarr.json"));
        Assert.False(store.Contains("sub/.zattrs"));
        var reopened = ZarrGroup.Open(store, "r");
        Assert.Equal(3, reopened.ZarrFormat);
        Assert.Equal("hello", reopened.GetGroup("sub").Attrs.GetString("title"));
        Assert.Equal("m", reopened.GetArray("sub/arr").Attrs.GetString("units"));
        Assert.Equal("/\n └── sub\n     └── arr (4, 4) float32", reopened.Tree());
        Assert.Contains("Zarr format : 3", reopened.Info);
        // Resizing keeps the attributes stored in zarr.json.
        arr.Resize(6, 4);
        Assert.Equal("m", ZarrArray.Open(store, "r", "sub/arr").Attrs.GetString("units"));
        Assert.Equal(new long[] { 6, 4 }, ZarrArray.Open(store, "r", "sub/arr").Shape);
    }

    [Fact]
    public void StringArraysUseVlenUtf8()
    {
        var store = new MemoryStore();
        var a = ZarrArray.Create<string>([5], [2], new ArrayOptions { ZarrFormat = 3 }, store, "s");
        a.Set([Selector.Ellipsis], new NDArray<string>(["a", "bé", "", "dddd", "e"], 5));
        var doc = Document(store, "s/zarr.json");
        Assert.Equal("string", (string)doc["data_type"]!);
        Assert.Equal("vlen-utf8", (string)doc["codecs"]![0]!["name"]!);
        Assert.Equal(new[] { "a", "bé", "", "dddd", "e" }, ZarrArray.Open(store, "r", "s").As<string>().Read().Data);
    }

    [Fact]
    public void ShardedArrayRoundTripsEverySelectionMode()
    {
        var store = new MemoryStore();
        var a = ZarrArray.Create<int>([20, 15], [4, 5], new ArrayOptions { ZarrFormat = 3, Shards = [8, 10] }, store, "s");
        var data = Iota(300);
        a.Set([Selector.Ellipsis], new NDArray<int>(data, 20, 15));
        Assert.Equal([4, 5], a.Chunks);
        Assert.Equal([8, 10], a.Shards!);
        Assert.True(store.Contains("s/c/2/1"));
        Assert.False(store.Contains("s/c/0/0/0"));
        var back = ZarrArray.Open(store, "r", "s").As<int>();
        Assert.Equal(data, back.Read().Data);
        Assert.Equal(new[] { 16, 17, 31, 32 }, back[Selector.Slice(1, 3), Selector.Slice(1, 3)].Data);
        Assert.Equal(new[] { 0, 299 }, back.GetCoordinateSelection(new long[] { 0, 19 }, new long[] { 0, 14 }).Data);
        Assert.Equal(new[] { 15 * 19 + 3, 15 * 19 + 9 }, back.GetOrthogonalSelection(19, new long[] { 3, 9 }).Data);
        var block = back.GetBlockSelection(1, 1); // blocks are shards, as in zarr-python 3
        Assert.Equal(new[] { 8, 5 }, block.Shape);
        Assert.Equal(8 * 15 + 10, block.Data[0]);
        Assert.Contains("Shard shape        : (8, 10)", back.Info);
        Assert.Contains("Chunk shape        : (4, 5)", back.Info);
        // Stored bytes count every shard (their keys nest under c/) and zarr.json, as zarr-python 3 counts them.
        Assert.Equal(store.ListPrefix("s/").Sum(k => store.Get(k)!.Length), back.NBytesStored);
        Assert.Equal(6, back.NChunksInitialized);
    }

    [Fact]
    public void PartialShardWriteKeepsOtherInnerChunksByteForByte()
    {
        var store = new MemoryStore();
        var a = ZarrArray.Create<int>([8, 8], [2, 2], new ArrayOptions { ZarrFormat = 3, Shards = [8, 8], Compressor = new ZlibCodec(1) }, store, "p");
        a.Set([Selector.Ellipsis], new NDArray<int>(Iota(64), 8, 8));
        var before = store.Get("p/c/0/0")!;
        a[Selector.Slice(0, 2), Selector.Slice(0, 2)] = new NDArray<int>([-1, -2, -3, -4], 2, 2);
        var after = store.Get("p/c/0/0")!;
        // Inner chunk (0, 0) changed; every other inner chunk's bytes are the same as before.
        var back = ZarrArray.Open(store, "r", "p").As<int>().Read().Data;
        Assert.Equal(new[] { -1, -2, 2, 3 }, back[..4]);
        Assert.Equal(Iota(64)[10..], back[10..]);
        for (var i = 1; i < 16; i++)
        {
            var offBefore = BitConverter.ToInt64(before, before.Length - 4 - 256 + 16 * i);
            var nBefore = BitConverter.ToInt64(before, before.Length - 4 - 256 + 16 * i + 8);
            var offAfter = BitConverter.ToInt64(after, after.Length - 4 - 256 + 16 * i);
            var nAfter = BitConverter.ToInt64(after, after.Length - 4 - 256 + 16 * i + 8);
            Assert.Equal(before.AsSpan((int)offBefore, (int)nBefore).ToArray(), after.AsSpan((int)offAfter, (int)nAfter).ToArray());
        }
    }

    [Fact]
    public void ReadingOneInnerChunkFetchesOnlyTheIndexAndThatChunk()
    {
        var inner = new MemoryStore();
        var a = ZarrArray.Create<int>([100, 100], [10, 10], new ArrayOptions { ZarrFormat = 3, Shards = [100, 100], Compressor = null }, inner, "r");
        a.Set([Selector.Ellipsis], new NDArray<int>(Iota(10000), 100, 100));
        var counting = new RangeCountingStore(inner);
        var view = ZarrArray.Open(counting, "r", "r").As<int>();
        counting.Reset();
        Assert.Equal(new[] { 5555 }, view[55, 55].Data);
        // The index (100 entries × 16 bytes + 4-byte checksum), then one 400-byte inner chunk.
        Assert.Equal(2, counting.Requests);
        Assert.Equal(1604 + 400, counting.BytesRead);
        counting.Reset();
        view.Read();
        Assert.Equal(1, counting.Requests); // every inner chunk wanted: the shard in one request
    }

    [Fact]
    public void EmptyInnerChunksAndMissingShardsReadAsFill()
    {
        var store = new MemoryStore();
        var a = ZarrArray.Create<short>([8], [2], new ArrayOptions { ZarrFormat = 3, Shards = [4], FillValue = 7, WriteEmptyChunks = false }, store, "e");
        a[Selector.Slice(0, 2)] = new NDArray<short>([1, 2], 2);
        Assert.True(store.Contains("e/c/0"));
        Assert.False(store.Contains("e/c/1"));
        Assert.Equal(new short[] { 1, 2, 7, 7, 7, 7, 7, 7 }, ZarrArray.Open(store, "r", "e").As<short>().Read().Data);
        a[Selector.Slice(0, 2)] = new NDArray<short>([7, 7], 2);
        Assert.False(store.Contains("e/c/0")); // a shard with no inner chunk left is deleted
    }

    [Fact]
    public void IndexAtTheStartIsRead()
    {
        // Built by hand from the sharding spec: index first, offsets counted from the start of the shard.
        var store = new MemoryStore();
        store.Set("s/zarr.json", Encoding.UTF8.GetBytes("""
            {"zarr_format":3,"node_type":"array","shape":[4],"data_type":"uint8","chunk_grid":{"name":"regular","configuration":{"chunk_shape":[4]}},
             "chunk_key_encoding":{"name":"default"},"fill_value":9,
             "codecs":[{"name":"sharding_indexed","configuration":{"chunk_shape":[2],"codecs":[{"name":"bytes"}],"index_codecs":[{"name":"bytes","configuration":{"endian":"little"}}],"index_location":"start"}}]}
            """));
        var shard = new byte[32 + 2];
        BitConverter.TryWriteBytes(shard.AsSpan(0), 32L);
        BitConverter.TryWriteBytes(shard.AsSpan(8), 2L);
        BitConverter.TryWriteBytes(shard.AsSpan(16), -1L);
        BitConverter.TryWriteBytes(shard.AsSpan(24), -1L);
        shard[32] = 5;
        shard[33] = 6;
        store.Set("s/c/0", shard);
        Assert.Equal(new byte[] { 5, 6, 9, 9 }, ZarrArray.Open(store, "r", "s").As<byte>().Read().Data);
        Assert.Equal(new byte[] { 6 }, ZarrArray.Open(store, "r", "s").As<byte>()[1].Data);
    }

    [Fact]
    public void CorruptShardsNameTheShardKey()
    {
        var store = new MemoryStore();
        var a = ZarrArray.Create<int>([8], [2], new ArrayOptions { ZarrFormat = 3, Shards = [8], Compressor = null }, store, "c");
        a.Set([Selector.Ellipsis], new NDArray<int>(Iota(8), 8));
        var good = store.Get("c/c/0")!;

        var badCrc = (byte[])good.Clone();
        badCrc[^1] ^= 1;
        store.Set("c/c/0", badCrc);
        var e = Assert.Throws<ZarrCodecException>(() => ZarrArray.Open(store, "r", "c").As<int>().Read());
        Assert.Contains("c/c/0", e.Message);
        Assert.Contains("checksum", e.Message);

        // An entry pointing past the end of the shard (checksum recomputed so that only the entry is wrong).
        var outside = (byte[])good.Clone();
        var indexStart = outside.Length - 4 - 4 * 16;
        BitConverter.TryWriteBytes(outside.AsSpan(indexStart), 1L << 40);
        BitConverter.TryWriteBytes(outside.AsSpan(outside.Length - 4), Crc32CCodec.Compute(outside.AsSpan(indexStart, 64)));
        store.Set("c/c/0", outside);
        e = Assert.Throws<ZarrCodecException>(() => ZarrArray.Open(store, "r", "c").As<int>().Read());
        Assert.Contains("c/c/0", e.Message);
        Assert.Contains("outside the shard", e.Message);
        e = Assert.Throws<ZarrCodecException>(() => ZarrArray.Open(store, "r", "c").As<int>()[Selector.Slice(0, 2)]);
        Assert.Contains("c/c/0", e.Message);

        store.Set("c/c/0", good.AsSpan(0, 10));
        e = Assert.Throws<ZarrCodecException>(() => ZarrArray.Open(store, "r", "c").As<int>().Read());
        Assert.Contains("c/c/0", e.Message);

        // A corrupt inner chunk is named with its position in the shard.
        var z = ZarrArray.Create<int>([8], [2], new ArrayOptions { ZarrFormat = 3, Shards = [8], Compressor = new ZlibCodec(1) }, store, "z");
        z.Set([Selector.Ellipsis], new NDArray<int>(Iota(8), 8));
        var shard = store.Get("z/c/0")!;
        shard[3] ^= 0xFF;
        store.Set("z/c/0", shard);
        e = Assert.Throws<ZarrCodecException>(() => ZarrArray.Open(store, "r", "z").As<int>().Read());
        Assert.Contains("z/c/0, inner chunk (0,)", e.Message);
    }

    [Fact]
    public void ShardWritesAreLockedPerShard()
    {
        var store = new MemoryStore();
        var a = ZarrArray.Create<int>([64], [4], new ArrayOptions { ZarrFormat = 3, Shards = [64], Synchronizer = new Synchronization.ThreadSynchronizer(), Compressor = null }, store, "l");
        Parallel.For(0, 16, i => a[Selector.Slice(i * 4, i * 4 + 4)] = new NDArray<int>(Enumerable.Repeat(i + 1, 4).ToArray(), 4));
        var back = ZarrArray.Open(store, "r", "l").As<int>().Read().Data;
        for (var i = 0; i < 64; i++) Assert.Equal(i / 4 + 1, back[i]);
    }
}

public class V3NestedShardTests
{
    [Fact]
    public void ShardsInsideShardsRoundTripAndReadPartially()
    {
        // An 8x8 array in one 8x8 shard of 4x4 inner shards, each made of 2x2 chunks compressed with gzip.
        var store = new MemoryStore();
        store.Set("n/zarr.json", System.Text.Encoding.UTF8.GetBytes("""
            {"zarr_format":3,"node_type":"array","shape":[8,8],"data_type":"int32","chunk_grid":{"name":"regular","configuration":{"chunk_shape":[8,8]}},
             "chunk_key_encoding":{"name":"default"},"fill_value":-1,
             "codecs":[{"name":"sharding_indexed","configuration":{"chunk_shape":[4,4],
               "codecs":[{"name":"sharding_indexed","configuration":{"chunk_shape":[2,2],
                  "codecs":[{"name":"bytes","configuration":{"endian":"little"}},{"name":"gzip","configuration":{"level":1}}],
                  "index_codecs":[{"name":"bytes","configuration":{"endian":"little"}},{"name":"crc32c"}],"index_location":"start"}}],
               "index_codecs":[{"name":"bytes","configuration":{"endian":"little"}},{"name":"crc32c"}],"index_location":"end"}}]}
            """));
        var a = ZarrArray.Open(store, "r+", "n").As<int>();
        var data = Enumerable.Range(0, 64).ToArray();
        a.Set([Selector.Ellipsis], new NDArray<int>(data, 8, 8));
        Assert.Equal(data, ZarrArray.Open(store, "r", "n").As<int>().Read().Data);
        Assert.Equal(new[] { 45, 46 }, a[5, Selector.Slice(5, 7)].Data);
        a[Selector.Slice(0, 4), Selector.Slice(0, 4)] = new NDArray<int>(Enumerable.Repeat(7, 16).ToArray(), 4, 4);
        var back = a.Read().Data;
        Assert.Equal(7, back[0]);
        Assert.Equal(4, back[4]);
        Assert.Equal(63, back[63]);
    }
}

public class V3DataTypeTests
{
    private static System.Text.Json.Nodes.JsonNode DataType(ZarrStore store, string path) =>
        System.Text.Json.Nodes.JsonNode.Parse(store.Get(path + "/zarr.json")!)!["data_type"]!;

    [Fact]
    public void ExtendedTypesUseZarrPython3Names()
    {
        var store = new MemoryStore();
        var root = ZarrGroup.Create(store, zarrFormat: 3);
        var dt = root.CreateDataset("dt", [3], "<M8[ms]", [2]);
        Assert.Equal("numpy.datetime64", (string)DataType(store, "dt")["name"]!);
        Assert.Equal("ms", (string)DataType(store, "dt")["configuration"]!["unit"]!);
        var u = root.CreateDataset("u", [2], "<U3", [2]);
        Assert.Equal("fixed_length_utf32", (string)DataType(store, "u")["name"]!);
        Assert.Equal(12, (int)DataType(store, "u")["configuration"]!["length_bytes"]!);
        var s = root.CreateDataset("s", [2], "|S4", [2]);
        Assert.Equal("null_terminated_bytes", (string)DataType(store, "s")["name"]!);
        var rec = root.CreateDataset("rec", [2], "[[\"a\", \"<i2\"], [\"b\", \"<f8\"]]", [2]);
        Assert.Equal("struct", (string)DataType(store, "rec")["name"]!);
        var b = root.Create<byte[]>("b", [3], [2], new ArrayOptions { Filters = [new VLenBytesCodec()] });
        Assert.Equal("variable_length_bytes", (string)DataType(store, "b")!);

        dt.As<Zarr.DataTypes.DateTime64>().Set([Selector.Ellipsis], new NDArray<Zarr.DataTypes.DateTime64>([new(1000), new(2000), new(3000)], 3));
        u.As<string>().Set([Selector.Ellipsis], new NDArray<string>(["abc", "é"], 2));
        b.Set([Selector.Ellipsis], new NDArray<byte[]>([[1, 2], [], [3]], 3));

        var again = ZarrGroup.Open(store, "r");
        Assert.Equal("<M8[ms]", again.GetArray("dt").DType.TypeStr);
        Assert.Equal(2000, again.GetArray<Zarr.DataTypes.DateTime64>("dt").Read().Data[1].Value);
        Assert.Equal(new[] { "abc", "é" }, again.GetArray<string>("u").Read().Data);
        Assert.Equal(4, again.GetArray("s").DType.ItemSize);
        Assert.Equal(2, again.GetArray("rec").DType.Fields.Count);
        Assert.Equal(new byte[] { 3 }, again.GetArray<byte[]>("b").Read().Data[2]);
    }
}

public class V3HierarchyTests
{
    [Fact]
    public void ConsolidatedMetadataInTheRootZarrJsonIsWrittenAndRead()
    {
        var store = new MemoryStore();
        var root = ZarrGroup.Create(store, zarrFormat: 3);
        root.CreateGroup("g").Attrs["a"] = 1;
        var arr = root.Create<int>("g/x", [4], [2]);
        arr.Set([Selector.Ellipsis], new NDArray<int>([1, 2, 3, 4], 4));
        ZarrGroup.ConsolidateMetadata(store);
        var doc = System.Text.Json.Nodes.JsonNode.Parse(store.Get("zarr.json")!)!["consolidated_metadata"]!;
        Assert.Equal("inline", (string)doc["kind"]!);
        Assert.Equal("array", (string)doc["metadata"]!["g/x"]!["node_type"]!);

        // Opened consolidated, the metadata comes from the root document alone: remove the others.
        store.Delete("g/zarr.json");
        store.Delete("g/x/zarr.json");
        var consolidated = ZarrGroup.OpenConsolidated(store, "r");
        Assert.Equal(1, (int)consolidated.GetGroup("g").Attrs["a"]!);
        Assert.Equal(new[] { 1, 2, 3, 4 }, consolidated.GetArray<int>("g/x").Read().Data);
        Assert.Equal("/\n └── g\n     └── x (4,) int32", consolidated.Tree());
    }

    [Fact]
    public void NumcodecsCodecsUseZarrPython3Names()
    {
        var store = new MemoryStore();
        var a = ZarrArray.Create<int>([10], [5], new ArrayOptions
        {
            ZarrFormat = 3,
            Filters = [new DeltaCodec(Zarr.DataTypes.ZarrDType.Int32)],
            Compressors = [new ShuffleCodec(4), new Lz4Codec(1), new Crc32Codec()],
        }, store, "n");
        a.Set([Selector.Ellipsis], new NDArray<int>(Enumerable.Range(0, 10).Select(i => i * i).ToArray(), 10));
        var codecs = System.Text.Json.Nodes.JsonNode.Parse(store.Get("n/zarr.json")!)!["codecs"]!.AsArray().Select(c => (string)c!["name"]!).ToArray();
        Assert.Equal(["numcodecs.delta", "bytes", "numcodecs.shuffle", "numcodecs.lz4", "numcodecs.crc32"], codecs);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * i).ToArray(), ZarrArray.Open(store, "r", "n").As<int>().Read().Data);
    }

    [Fact]
    public void MaskSelectionWorksOnShardedArrays()
    {
        var store = new MemoryStore();
        var a = ZarrArray.Create<int>([6, 6], [2, 2], new ArrayOptions { ZarrFormat = 3, Shards = [4, 4] }, store, "m");
        a.Set([Selector.Ellipsis], new NDArray<int>(Enumerable.Range(0, 36).ToArray(), 6, 6));
        var mask = new bool[36];
        mask[0] = mask[7] = mask[35] = true;
        Assert.Equal(new[] { 0, 7, 35 }, a.GetMaskSelection(new NDArray<bool>(mask, 6, 6)).Data);
        a.SetMaskSelection(new NDArray<bool>(mask, 6, 6), -5);
        Assert.Equal(-5, a.Read().Data[35]);
        Assert.Equal(34, a.Read().Data[34]);
    }
}

public class V3ResizeTests
{
    [Fact]
    public void ResizeAndAppendWorkOnShardedArrays()
    {
        var store = new MemoryStore();
        var a = ZarrArray.Create<int>([8, 4], [2, 2], new ArrayOptions { ZarrFormat = 3, Shards = [4, 4], FillValue = -1 }, store, "r");
        a.Set([Selector.Ellipsis], new NDArray<int>(Enumerable.Range(0, 32).ToArray(), 8, 4));
        a.Resize(3, 4);
        Assert.False(store.Contains("r/c/1/0")); // the shard wholly outside the new shape is deleted
        Assert.Equal(Enumerable.Range(0, 12).ToArray(), a.Read().Data);
        a.Append(new NDArray<int>(Enumerable.Repeat(9, 8).ToArray(), 2, 4));
        var back = ZarrArray.Open(store, "r", "r").As<int>();
        Assert.Equal(new long[] { 5, 4 }, back.Shape);
        Assert.Equal(Enumerable.Range(0, 12).Concat(Enumerable.Repeat(9, 8)).ToArray(), back.Read().Data);
    }
}

public class V3ShardConcurrencyTests
{
    [Fact]
    public void OptimisticWritersSharingAShardLoseNothing()
    {
        // Four writers increment interleaved elements of one shard: every put of the shard is conditional
        // on the version read, so a writer that lost the race reads the shard again and reapplies.
        var store = new MemoryStore();
        ZarrArray.Create<int>([64], [4], new ArrayOptions { ZarrFormat = 3, Shards = [64], Compressor = new ZlibCodec(1) }, store);
        Concurrency.OptimisticSynchronizerTests.IncrementConcurrently(store, writers: 4, rounds: 30);
    }
}
