using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Zarr.Codecs;
using Zarr.Stores;

namespace Zarr.Runtime.Tests.Hostile;

/// <summary>
/// Regression tests for stores that arrive from other people's machines: every one of these once
/// crashed the process, returned corrupt data silently, threw a plain .NET exception without the
/// chunk key, or allocated gigabytes on a small input.
/// </summary>
public class HostileInputTests
{
    private static string Temp(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "zarr-hostile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private const string GroupDoc = "{\n    \"zarr_format\": 2\n}";

    private static string ArrayDoc(string dtype = "<i4", string shape = "[4]", string chunks = "[4]", string compressor = "null", string filters = "null") =>
        $"{{\"chunks\": {chunks}, \"compressor\": {compressor}, \"dtype\": \"{dtype}\", \"fill_value\": 0, \"filters\": {filters}, \"order\": \"C\", \"shape\": {shape}, \"zarr_format\": 2}}";

    // ---- 1. a member whose name is empty -------------------------------------------------------

    [Fact]
    public void AZipEntryWithAnEmptySegmentIsNeitherAChildNorAnEndlessTree()
    {
        var path = Temp("empty-name.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            void Add(string name, string text)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(Utf8(text));
            }
            Add(".zgroup", GroupDoc);
            Add("/abs/x/.zarray", ArrayDoc());
            Add("/.zgroup", GroupDoc);
            Add("ok/.zgroup", GroupDoc);
        }
        using var store = new ZipStore(path, ZipStoreMode.Read);
        var root = ZarrGroup.Open(store, "r");
        Assert.Equal("/\n └── ok", root.Tree());
        Assert.Equal(["ok"], root.Keys());
        Assert.Contains("/abs/x/.zarray", store.SkippedEntries);
        Assert.Contains("/.zgroup", store.SkippedEntries);
    }

    [Fact]
    public void AZipWithADotDotEntryReadsTheRestAndKeepsTheEntryOnFlush()
    {
        var path = Temp("dotdot.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using (var s = zip.CreateEntry(".zgroup").Open()) s.Write(Utf8(GroupDoc));
            using (var s = zip.CreateEntry("a/.zgroup").Open()) s.Write(Utf8(GroupDoc));
            using (var s = zip.CreateEntry("a/../../evil").Open()) s.Write(Utf8("x"));
        }
        using (var store = new ZipStore(path))
        {
            var root = ZarrGroup.Open(store, "r+");
            Assert.Equal(["a"], root.Keys());
            Assert.Equal(["a/../../evil"], store.SkippedEntries);
            Assert.DoesNotContain(store.ListPrefix(""), k => k.Contains(".."));
            root.CreateGroup("b");
        }
        using var archive = ZipFile.OpenRead(path);
        Assert.Contains(archive.Entries, e => e.FullName == "a/../../evil"); // a flush loses nothing
        Assert.Contains(archive.Entries, e => e.FullName == "b/.zgroup");
    }

    [Fact]
    public void AConsolidatedKeyWithALeadingSlashIsRefusedByName()
    {
        var store = new MemoryStore();
        store.Set(".zgroup", Utf8(GroupDoc));
        store.Set(".zmetadata", Utf8("{\"metadata\": {\".zgroup\": {\"zarr_format\": 2}, \"/.zgroup\": {\"zarr_format\": 2}}, \"zarr_consolidated_format\": 1}"));
        var error = Assert.Throws<ZarrMetadataException>(() => ZarrGroup.OpenConsolidated(store, "r"));
        Assert.Equal(".zmetadata", error.Key);
        Assert.Equal("metadata", error.Field);
        Assert.Contains("'/.zgroup'", error.Message);
    }

    [Fact]
    public void ListingNamesWithoutAChildNeverReturnsEmptyOrDotNames()
    {
        var store = new EvilListingStore();
        store.Set(".zgroup", Utf8(GroupDoc));
        store.Set("g/.zgroup", Utf8(GroupDoc));
        store.Keys.AddRange(["/x/.zarray", "./y/.zgroup", "../z/.zgroup", "g//w/.zgroup"]);
        Assert.Equal([".zgroup", "g"], store.ListDir(""));
        Assert.Equal("/\n └── g", ZarrGroup.Open(store, "r").Tree());
    }

    /// <summary>A store whose listing also yields keys that no valid key looks like.</summary>
    private sealed class EvilListingStore : ZarrStore
    {
        private readonly MemoryStore _inner = new();
        public List<string> Keys { get; } = [];
        public override string StoreTypeName => "evil";
        public override byte[]? Get(string key) => _inner.Get(key);
        public override void Set(string key, ReadOnlySpan<byte> value) => _inner.Set(key, value);
        public override bool Delete(string key) => _inner.Delete(key);
        public override IEnumerable<string> ListPrefix(string prefix) =>
            _inner.ListPrefix(prefix).Concat(Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void AZlibStreamAskingForAPresetDictionaryIsACodecError()
    {
        // FLG 0xBB keeps the header check valid and sets FDICT: zlib answers Z_NEED_DICT, which .NET
        // reports as a ZLibException (an IOException), not an InvalidDataException.
        var store = new MemoryStore();
        var z = ZarrArray.Create<int>([100], [100], new ArrayOptions { Compressor = new ZlibCodec(1) }, store);
        z[Selector.Ellipsis] = NDArray<int>.From(Enumerable.Range(0, 100).ToArray(), 100);
        var bytes = store.Get("0")!;
        bytes[1] = 0xBB;
        store.Set("0", bytes);
        var error = Assert.Throws<ZarrCodecException>(() => z.Read());
        Assert.Equal("zlib", error.CodecId);
        Assert.Equal("0", error.ChunkKey);
    }

    private static byte[] Lz4WithOffset(int offset)
    {
        // 1 literal 'a', a match of 8 bytes at the given offset, then 11 closing literals: 20 bytes.
        var block = new List<byte> { 20, 0, 0, 0, 0x14, (byte)'a', (byte)offset, 0, 0xB0 };
        block.AddRange(Encoding.ASCII.GetBytes("bcdefghijkl"));
        return block.ToArray();
    }

    [Fact]
    public void AnLz4MatchOffsetOfZeroIsRefusedAsTheFormatSays()
    {
        var codec = new Lz4Codec();
        var good = new byte[20];
        Assert.Equal(20, codec.DecodeInto(Lz4WithOffset(1), good));
        Assert.Equal("aaaaaaaaabcdefghijkl", Encoding.ASCII.GetString(good));
        Assert.Throws<ZarrCodecException>(() => codec.DecodeInto(Lz4WithOffset(0), new byte[20]));
        Assert.Throws<ZarrCodecException>(() => codec.DecodeInto(Lz4WithOffset(2), new byte[20])); // before the start
    }

    [Fact]
    public void ThePointsIndexAndTheWholeDecodeJudgeLz4BlocksAlike()
    {
        // Points are picked through Lz4RandomAccess's own walk of a block; it must accept exactly the
        // blocks Lz4BlockRules (and so a whole decode) accepts, on valid and mutated blocks alike.
        var rng = new Random(5);
        var codec = new Lz4Codec();
        var disagreements = 0;
        for (var t = 0; t < 20_000; t++)
        {
            var length = rng.Next(0, 2000);
            var data = new byte[length];
            for (var i = 0; i < length; i++) data[i] = (byte)(t % 3 == 0 ? rng.Next(256) : i / 7 % 5);
            using var writer = new Zarr.Internal.PooledBufferWriter(length + 64);
            codec.Encode(data, 1, writer);
            var block = writer.WrittenSpan[4..].ToArray(); // numcodecs' 4-byte length prefix off
            for (var m = rng.Next(0, 3); m > 0 && block.Length > 0; m--) block[rng.Next(block.Length)] = (byte)rng.Next(256);
            var starts = new int[block.Length + 16];
            var sources = new int[block.Length + 16];
            var indexed = Zarr.Codecs.Blosc.Lz4RandomAccess.TryIndex(block, length, starts, sources, out _);
            if (indexed != Lz4BlockRules.IsValid(block, length)) disagreements++;
        }
        Assert.Equal(0, disagreements);
    }

    [Fact]
    public void AnLzmaHeaderWithLcPlusLpAboveFourIsRefusedAsLiblzmaDoes()
    {
        var header = new byte[13 + 8];
        header[0] = (4 * 9) + 8; // lc = 8, lp = 4, pb = 0: tables of 2^12 literal coders
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(1), 4096);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(5), 10);
        var codec = (BytesCodec)CodecRegistry.Default.Create(JsonNode.Parse("""{"id": "lzma", "format": 2, "check": -1, "preset": null, "filters": null}""")!.AsObject(), "test");
        var error = Assert.Throws<ZarrCodecException>(() => codec.DecodeInto(header, new byte[10]));
        Assert.Contains("lc + lp", error.Message);
    }

    [Fact]
    public void AnLzma2ChunkWithLcPlusLpAboveFourIsRefused()
    {
        // A raw LZMA2 chunk: control 0xE0 (dictionary reset, new properties), 64 bytes unpacked, 16 packed,
        // properties lc = 8, lp = 4 (the fuzzer's 6 MB allocation for a 1 KB chunk in the xz format).
        byte[] data = [0xE0, 0x00, 0x3F, 0x00, 0x0F, (4 * 9) + 8, .. new byte[16], 0x00];
        var codec = (BytesCodec)CodecRegistry.Default.Create(JsonNode.Parse("""{"id": "lzma", "format": 3, "check": -1, "preset": null, "filters": [{"id": 33, "dict_size": 4096}]}""")!.AsObject(), "test");
        var error = Assert.Throws<ZarrCodecException>(() => codec.DecodeInto(data, new byte[64]));
        Assert.Contains("properties", error.Message);
    }

    // ---- 3. one header check for every decode path ---------------------------------------------

    private static ZarrArray<int> BloscArray(MemoryStore store)
    {
        var z = ZarrArray.Create<int>([1000], [1000], new ArrayOptions { Compressor = new BloscCodec("lz4", 5, BloscShuffle.Shuffle) }, store);
        z[Selector.Ellipsis] = NDArray<int>.From(Enumerable.Range(0, 1000).ToArray(), 1000);
        return z;
    }

    public static TheoryData<string> ReadPaths => new() { "whole", "window", "points", "blocks", "edge" };

    private static void Read(ZarrArray<int> z, string how)
    {
        _ = how switch
        {
            "whole" => z.Read(),
            "window" => z[10..20],
            "points" => z.VIndex[new[] { 1, 5, 999 }],
            "blocks" => z.GetBlockSelection(0),
            _ => z[990..],
        };
    }

    [Theory]
    [MemberData(nameof(ReadPaths))]
    public void ABloscFrameThatHoldsNothingIsACodecErrorWithTheKey(string how)
    {
        var store = new MemoryStore();
        var z = BloscArray(store);
        var frame = new byte[16];
        frame[0] = 2; frame[1] = 1; frame[2] = 0x01 | 0x10; frame[3] = 4; // nbytes = 0, blocksize = 0
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(12), 16);
        store.Set("0", frame);
        var error = Assert.Throws<ZarrCodecException>(() => Read(z, how));
        Assert.Equal("0", error.ChunkKey);
        Assert.Equal("blosc", error.CodecId);
    }

    [Theory]
    [MemberData(nameof(ReadPaths))]
    public void ABloscBlockSizeThatIsNoMultipleOfTheItemSizeReadsOrFailsCleanly(string how)
    {
        var store = new MemoryStore();
        var z = BloscArray(store);
        var data = Enumerable.Range(0, 1000).ToArray();
        // Encoded with typesize 1, so that a block of 1001 bytes is valid Blosc but holds no whole int32s.
        using (var writer = new Zarr.Internal.PooledBufferWriter(8192))
        {
            new BloscCodec("zstd", 5, BloscShuffle.NoShuffle, 1001).Encode(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()), 1, writer);
            store.Set("0", writer.WrittenSpan);
        }
        Assert.Equal(1001, BinaryPrimitives.ReadInt32LittleEndian(store.Get("0").AsSpan(8)));
        var error = Record.Exception(() => Read(z, how));
        Assert.True(error is null or ZarrCodecException, error?.ToString());
        Assert.Equal(data[1..6], z[1..6].Data);
        Assert.Equal([1, 5, 999], z.VIndex[new[] { 1, 5, 999 }].Data);
    }

    [Theory]
    [MemberData(nameof(ReadPaths))]
    public void ABloscFrameOfTheWrongSizeIsRefusedOnEveryPath(string how)
    {
        var store = new MemoryStore();
        var z = BloscArray(store);
        var otherStore = new MemoryStore();
        var other = ZarrArray.Create<int>([500], [500], new ArrayOptions { Compressor = new BloscCodec("lz4", 5, BloscShuffle.Shuffle) }, otherStore);
        other[Selector.Ellipsis] = NDArray<int>.From(Enumerable.Range(0, 500).ToArray(), 500);
        store.Set("0", otherStore.Get("0")!);
        var error = Assert.Throws<ZarrCodecException>(() => Read(z, how));
        Assert.Equal("0", error.ChunkKey);
    }

    // ---- 4. decompression bombs ----------------------------------------------------------------

    private static long AllocatedBy(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void AZstdObjectChunkThatInflatesToGigabytesFailsBeforeAllocatingThem()
    {
        var store = new MemoryStore();
        var options = new ArrayOptions { DType = "|O", Filters = [new VLenUtf8Codec()], Compressor = new ZstdCodec(3), MaxDegreeOfParallelism = 1 };
        var z = ZarrArray.Create<string>([2], [2], options, store);
        // A valid vlen-utf8 header claiming two items, followed by 1 GiB of zeros: 36 KB compressed.
        var bomb = new byte[1 << 30];
        BinaryPrimitives.WriteUInt32LittleEndian(bomb, 2);
        using (var writer = new Zarr.Internal.PooledBufferWriter(1 << 20))
        {
            new ZstdCodec(3).Encode(bomb, 1, writer);
            store.Set("0", writer.WrittenSpan);
        }
        bomb = null!;
        GC.Collect();
        var stored = store.Get("0")!.Length;
        Assert.True(stored < 100_000);
        var limit = Math.Max(ChunkCodecPipeline<string>.MinObjectChunkLimit, stored * 1024L);
        ZarrCodecException? error = null;
        var allocated = AllocatedBy(() => error = Assert.Throws<ZarrCodecException>(() => z.Read()));
        Assert.Equal("0", error!.ChunkKey);
        Assert.Contains("decompression bomb", error.Message);
        // The buffer grows by doubling up to the bound: all its sizes add up to under three bounds.
        Assert.True(allocated < 3 * limit, $"allocated {allocated} bytes against a bound of {limit}");
    }

    [Fact]
    public void ABz2ObjectChunkBombIsBoundedByTheConfiguredExpansion()
    {
        var store = new MemoryStore();
        var options = new ArrayOptions { DType = "|O", Filters = [new VLenBytesCodec()], Compressor = new Bz2Codec(9), MaxDegreeOfParallelism = 1 };
        var z = ZarrArray.Create<byte[]>([2], [2], options, store);
        var bomb = new byte[40 << 20];
        BinaryPrimitives.WriteUInt32LittleEndian(bomb, 2);
        using (var writer = new Zarr.Internal.PooledBufferWriter(1 << 20))
        {
            new Bz2Codec(9).Encode(bomb, 1, writer);
            store.Set("0", writer.WrittenSpan);
        }
        ZarrCodecException? error = null;
        var allocated = AllocatedBy(() => error = Assert.Throws<ZarrCodecException>(() => z.Read()));
        Assert.Equal("bz2", error!.CodecId);
        Assert.True(allocated < 3L * ChunkCodecPipeline<string>.MinObjectChunkLimit, $"allocated {allocated} bytes");
    }

    [Fact]
    public void ABloscFrameClaimingGigabytesBehindAFilterFailsBeforeAllocatingThem()
    {
        // With a filter the compressor decodes into a growing buffer, not straight into the chunk: the
        // buffer is bounded by what 1000 int32 items can take.
        var store = new MemoryStore();
        var dtype = Zarr.DataTypes.ZarrDType.Int32;
        var z = ZarrArray.Create<int>([1000], [1000], new ArrayOptions { Filters = [new DeltaCodec(dtype)], Compressor = new BloscCodec("zstd", 5, BloscShuffle.Shuffle), MaxDegreeOfParallelism = 1 }, store);
        var frame = new byte[65536];
        frame[0] = 2; frame[1] = 1; frame[2] = 0x01 | (4 << 5); frame[3] = 4; // zstd inner codec
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4), 2_000_000_000);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(8), 1 << 30);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(12), frame.Length);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(16), 20);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(20), 20);
        store.Set("0", frame);
        ZarrCodecException? error = null;
        var allocated = AllocatedBy(() => error = Assert.Throws<ZarrCodecException>(() => z.Read()));
        Assert.Equal("0", error!.ChunkKey);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    // ---- 5. sizes that overflow ----------------------------------------------------------------

    [Fact]
    public void InfoOfAHugeShapeCountsExactlyAsZarrPythonDoes()
    {
        var store = new MemoryStore();
        store.Set(".zarray", Utf8(ArrayDoc(shape: "[1000000000, 1000000000, 1000000000]", chunks: "[239, 239, 239]")));
        var z = ZarrArray.Open(store, "r");
        var info = z.Info;
        // zarr-python 2.13: No. bytes : 4000000000000000000000000000 (3552713678800.5P), and 0/73249805906411982301 chunks.
        Assert.Contains("No. bytes          : 4000000000000000000000000000 (3552713678800.5P)\n", info);
        Assert.Contains("Chunks initialized : 0/73249805906411982301\n", info);
        Assert.Equal(System.Numerics.BigInteger.Parse("1000000000000000000000000000", CultureInfo.InvariantCulture), z.SizeExact);
        Assert.Throws<ZarrException>(() => z.Size);
    }

    [Fact]
    public void AReadTooLargeForOneArrayIsRefusedBeforeAnyChunkIsPlanned()
    {
        var store = new MemoryStore();
        store.Set(".zarray", Utf8(ArrayDoc(shape: "[1000000000, 1000000000, 1000000000]", chunks: "[239, 239, 239]")));
        var z = ZarrArray.Open(store, "r").As<int>();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => z.Read());
        Assert.Contains("read it in parts", error.Message);
        Assert.Equal([0, 0], z[0, 0, 0..2].Data); // a small window of it still reads
    }

    [Fact]
    public void AStructuredFieldTooLargeForAnItemIsAMetadataError()
    {
        var store = new MemoryStore();
        store.Set(".zarray", Utf8(ArrayDoc(dtype: "x", shape: "[10]", chunks: "[10]").Replace("\"x\"", "[[\"a\", \"<f8\", [1000000000]]]")));
        var error = Assert.Throws<ZarrMetadataException>(() => ZarrArray.Open(store, "r"));
        Assert.Equal("dtype", error.Field);
        Assert.Equal(".zarray", error.Key);
    }

    // ---- 6. listing outside the root -----------------------------------------------------------

    [Theory]
    [InlineData("../")]
    [InlineData("..")]
    [InlineData("/etc/")]
    [InlineData("a/../../")]
    public void ADirectoryStoreNeverListsOutsideItsRoot(string prefix)
    {
        var root = Temp("store");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(root)!, "outside"), "x");
        using var store = new DirectoryStore(root);
        Assert.Throws<ArgumentException>(() => store.ListPrefix(prefix).ToList());
    }

    // ---- 7. attributes -------------------------------------------------------------------------

    [Fact]
    public void AttributesReadFromDiskConvertToAnyNumericTypeAndKeepBigIntegersExact()
    {
        var store = new MemoryStore();
        store.Set(".zgroup", Utf8(GroupDoc));
        store.Set(".zattrs", Utf8("{\"n\": 42, \"big\": 18446744073709551617, \"x\": 1.5, \"neg\": -7}"));
        var attrs = ZarrGroup.Open(store, "r+").Attrs;
        Assert.Equal(42, (int)attrs["n"]!);
        Assert.Equal(42L, (long)attrs["n"]!);
        Assert.Equal(42.0, (double)attrs["n"]!);
        Assert.Equal(-7, (short)attrs["neg"]!);
        Assert.Equal(1.5, (double)attrs["x"]!);
        attrs["other"] = 1; // rewrites the document
        var text = Encoding.UTF8.GetString(store.Get(".zattrs")!);
        Assert.Contains("\"big\": 18446744073709551617", text);
        Assert.Contains("\"x\": 1.5", text);
    }
}
