using Zarr.Codecs;
using Zarr.Stores;

namespace Zarr.Runtime.Tests.Stores;

public class CachingStoreTests
{
    private sealed class CountingStore : ZarrStore
    {
        private readonly MemoryStore _inner = new();
        public int Gets;
        public override string StoreTypeName => "counting";
        public override byte[]? Get(string key) { Interlocked.Increment(ref Gets); return _inner.Get(key); }
        public override void Set(string key, ReadOnlySpan<byte> value) => _inner.Set(key, value);
        public override bool Delete(string key) => _inner.Delete(key);
        public override bool Contains(string key) => _inner.Contains(key);
        public override IEnumerable<string> ListPrefix(string prefix) => _inner.ListPrefix(prefix);
    }

    [Fact]
    public void ARepeatedReadIsServedFromMemory()
    {
        var inner = new CountingStore();
        var data = Enumerable.Range(0, 100 * 100).ToArray();
        var z = ZarrArray.Create<int>([100, 100], [25, 25], new ArrayOptions { Compressor = new ZlibCodec(1) }, inner);
        z[Selector.Ellipsis] = NDArray<int>.From(data, 100, 100);
        using var cache = new CachingStore(inner);
        var cached = ZarrArray.Open(cache, "r").As<int>();
        Assert.Equal(data, cached.Read().Data);
        var afterFirst = inner.Gets;
        Assert.Equal(data, cached.Read().Data);
        Assert.Equal(50 * 90, ZarrArray.Open(cache, "r").As<int>()[10..60, 5..95].Data.Length);
        Assert.Equal(afterFirst, inner.Gets); // nothing went to the inner store the second time
        Assert.True(cache.Hits >= 16);
    }

    [Fact]
    public void ChunksNeverEvictMetadataAndTheBoundHolds()
    {
        var inner = new CountingStore();
        var z = ZarrArray.Create<int>([1000], [100], new ArrayOptions { Compressor = null }, inner);
        z[Selector.Ellipsis] = NDArray<int>.From(Enumerable.Range(0, 1000).ToArray(), 1000);
        using var cache = new CachingStore(inner, maxChunkBytes: 1000, maxMetadataBytes: 10_000);
        var cached = ZarrArray.Open(cache, "r").As<int>();
        _ = cached.Read(); // 10 chunks of 400 bytes through a 1000-byte cache (read in parallel: any order)
        Assert.True(cache.CachedBytes.Chunks <= 1000);
        _ = cached[900..]; // now the most recent chunk
        var before = inner.Gets;
        _ = ZarrArray.Open(cache, "r"); // .zarray still cached
        Assert.Equal(before, inner.Gets);
        Assert.Equal(Enumerable.Range(900, 100).ToArray(), cached[900..].Data); // the most recent chunk
        Assert.Equal(before, inner.Gets);
    }

    [Fact]
    public void WritesGoThroughAndUpdateTheCache()
    {
        var inner = new CountingStore();
        using var cache = new CachingStore(inner);
        var z = ZarrArray.Create<int>([10], [5], new ArrayOptions { Compressor = null }, cache);
        z[Selector.Ellipsis] = NDArray<int>.From(Enumerable.Range(0, 10).ToArray(), 10);
        z[2] = 42;
        Assert.Equal(42, ZarrArray.Open(inner, "r").As<int>()[2].Data[0]);
        Assert.Equal(42, ZarrArray.Open(cache, "r").As<int>()[2].Data[0]);
        Assert.True(cache.Delete("0"));
        Assert.Null(inner.Get("0"));
        Assert.Null(cache.Get("0"));
    }
}
