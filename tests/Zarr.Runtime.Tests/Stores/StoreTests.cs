using Zarr.Stores;

namespace Zarr.Runtime.Tests.Stores;

public sealed class StoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "zarr-store-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    public static TheoryData<string> Kinds => new() { "memory", "directory", "zip" };

    private ZarrStore Make(string kind) => kind switch
    {
        "memory" => new MemoryStore(),
        "directory" => new DirectoryStore(Path.Combine(_dir, "d")),
        _ => new ZipStore(Path.Combine(_dir, "z.zip"), ZipStoreMode.Write),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void GetSetDeleteListContains(string kind)
    {
        using var store = Make(kind);
        Assert.Null(store.Get("a/b/0.0"));
        store.Set("a/b/0.0", [1, 2, 3]);
        store.Set("a/b/0.1", [4]);
        store.Set("a/.zgroup", [5]);
        store.Set("top", []);
        Assert.Equal(new byte[] { 1, 2, 3 }, store.Get("a/b/0.0"));
        Assert.Equal(Array.Empty<byte>(), store.Get("top"));
        Assert.True(store.Contains("a/b/0.1"));
        Assert.False(store.Contains("a/b/9.9"));
        Assert.Equal(3, store.GetSize("a/b/0.0"));
        Assert.Equal(-1, store.GetSize("missing"));
        Assert.Equal(new[] { "a/.zgroup", "a/b/0.0", "a/b/0.1" }, store.ListPrefix("a/").ToArray());
        Assert.Equal(new[] { ".zgroup", "b" }, store.ListDir("a").ToArray());
        Assert.Equal(new[] { "a", "top" }, store.ListDir("").ToArray());
        Assert.Equal(new byte[] { 2, 3 }, store.GetRange("a/b/0.0", 1, 10));
        Assert.Equal(new byte[] { 3 }, store.GetRange("a/b/0.0", -1, 1));
        store.Set("a/b/0.0", [9]);
        Assert.Equal(new byte[] { 9 }, store.Get("a/b/0.0"));
        Assert.True(store.Delete("a/b/0.0"));
        Assert.False(store.Delete("a/b/0.0"));
        store.DeletePrefix("a");
        Assert.Empty(store.ListPrefix("a/"));
        Assert.True(store.Contains("top"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void PooledReadsGiveTheSameBytesAndAbsentKeysGiveNull(string kind)
    {
        using var store = Make(kind);
        var big = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        store.Set("a/0.0", big);
        store.Set("a/.zarray", [1, 2]);
        store.Set("empty", []);
        Assert.Null(store.GetPooled("a/1.1"));
        Assert.Null(store.GetPooled("a/.zattrs"));
        Assert.Null(store.GetPooled("nowhere/0"));
        using (var value = store.GetPooled("a/0.0"))
        {
            Assert.NotNull(value);
            Assert.Equal(big.Length, value.Length);
            Assert.Equal(big, value.Span.ToArray());
            Assert.Equal(big, value.Memory.ToArray());
        }
        using (var meta = store.GetPooled("a/.zarray")) Assert.Equal(new byte[] { 1, 2 }, meta!.Span.ToArray());
        var empty = store.GetPooled("empty")!;
        Assert.Equal(0, empty.Length);
        empty.Dispose();
        empty.Dispose(); // twice is harmless
        Assert.Throws<ObjectDisposedException>(() => empty.Span.Length);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AsyncMembersMatchSync(string kind)
    {
        using var store = Make(kind);
        await store.SetAsync("x/y", new byte[] { 7, 8 });
        Assert.Equal(new byte[] { 7, 8 }, await store.GetAsync("x/y"));
        Assert.Equal(new byte[] { 8 }, await store.GetRangeAsync("x/y", 1, 5));
        Assert.True(await store.DeleteAsync("x/y"));
        Assert.Null(await store.GetAsync("x/y"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("a/../../b")]
    [InlineData("/abs")]
    [InlineData("a\\b")]
    [InlineData("a//b")]
    [InlineData("a/./b")]
    [InlineData("a/")]
    public void UnsafeKeysAreRefusedBeforeTouchingTheFileSystem(string key)
    {
        using var store = new DirectoryStore(Path.Combine(_dir, "d"));
        var e = Assert.Throws<ArgumentException>(() => store.Set(key, [1]));
        Assert.Contains(key.Length == 0 ? "empty" : key, e.Message);
        Assert.Throws<ArgumentException>(() => store.Get(key));
        Assert.False(File.Exists(Path.Combine(_dir, "escape")));
    }

    [Fact]
    public void DirectoryStoreMapsSlashesToFoldersAndHidesTempFiles()
    {
        var root = Path.Combine(_dir, "d");
        var store = new DirectoryStore(root);
        store.Set("g/arr/0/1", [1]);
        Assert.True(File.Exists(Path.Combine(root, "g", "arr", "0", "1")));
        File.WriteAllBytes(Path.Combine(root, "g", "arr", ".1.abc.partial"), [0]);
        Assert.Equal(new[] { "0" }, store.ListDir("g/arr").ToArray());
        Assert.Equal(new[] { "g/arr/0/1" }, store.ListPrefix("").ToArray());
    }

    [Fact]
    public void CreatingAndWalkingAHierarchyThrowsNoExceptionInside()
    {
        // Absent metadata documents of either format (.zarray, zarr.json) are probed without a failed
        // open, and a node's second document goes into the folder its first one made: an exception
        // caught inside the store costs more than the file system calls it stands for.
        var thread = Environment.CurrentManagedThreadId;
        var thrown = new List<string>();
        void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == thread) lock (thrown) thrown.Add(e.Exception.GetType().Name + ": " + e.Exception.Message);
        }
        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            foreach (var format in new[] { 2, 3 })
            {
                var path = Path.Combine(_dir, "walk" + format);
                using (var root = ZarrGroup.Create(new DirectoryStore(path), overwrite: true, zarrFormat: format))
                {
                    var group = root.CreateGroup("g");
                    group.Attrs["index"] = 1;
                    var array = group.Zeros<int>("a", [10], [5]);
                    array.Attrs["units"] = "m";
                }
                using var opened = ZarrGroup.Open(new DirectoryStore(path), "r");
                Assert.Equal(["g"], opened.Members().Select(m => m.Name).ToArray());
                Assert.Equal(1, opened.Members().Single().Node.Attrs.Count);
            }
        }
        finally { AppDomain.CurrentDomain.FirstChanceException -= Count; }
        Assert.Empty(thrown);
    }

    [Fact]
    public void ZipStorePersistsAcrossReopen()
    {
        var path = Path.Combine(_dir, "z.zip");
        using (var w = new ZipStore(path, ZipStoreMode.Write))
        {
            w.Set(".zgroup", "{}"u8);
            w.Set("a/0", [1, 2]);
            w.Set("a/0", [3]);
        }
        using var r = new ZipStore(path, ZipStoreMode.Read);
        Assert.True(r.IsReadOnly);
        Assert.Equal(new byte[] { 3 }, r.Get("a/0"));
        Assert.Equal(new[] { ".zgroup", "a/0" }, r.ListPrefix("").ToArray());
        Assert.Throws<ZarrReadOnlyException>(() => r.Set("b", [1]));
    }

    [Fact]
    public void ReadOnlyDirectoryStoreRefusesWrites()
    {
        var store = new DirectoryStore(Path.Combine(_dir, "ro"), readOnly: true);
        var e = Assert.Throws<ZarrReadOnlyException>(() => store.Set("a", [1]));
        Assert.Contains("read-only", e.Message);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ArraysRoundTripThroughEveryStore(string kind)
    {
        using var store = Make(kind);
        var root = ZarrGroup.Create(store);
        var data = NDArray<double>.From(Enumerable.Range(0, 35).Select(i => i * 0.5).ToArray(), 5, 7);
        root.CreateGroup("g").Array("x", data, chunks: [2, 3], options: new ArrayOptions { Compressor = new Zarr.Codecs.ZlibCodec(1) });
        store.Flush();
        var back = ZarrGroup.Open(store, "r").GetArray<double>("g/x").Read();
        Assert.Equal(data, back);
    }
}

public sealed class DirectoryStoreRaceTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "zarr-race-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    [Fact]
    public void ConcurrentWritesIntoNewFoldersAllLand()
    {
        // Many writers racing to create the same missing folders (a '/'-separated array's rows).
        for (var round = 0; round < 20; round++)
        {
            var store = new DirectoryStore(Path.Combine(_dir, "r" + round));
            Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => store.Set($"a/{i % 4}/{i / 4}", [(byte)i]));
            Assert.Equal(64, store.ListPrefix("a/").Count());
        }
    }
}
