using Amazon.Runtime;
using Zarr.Codecs;

namespace Zarr.Stores.S3.Tests;

/// <summary>S3Store against a real S3-compatible server (s3rver on 127.0.0.1).</summary>
public sealed class S3StoreTests(S3rverFixture server) : IClassFixture<S3rverFixture>
{
    private S3Store NewStore(string? prefix = null) =>
        new(S3rverFixture.BucketName, prefix ?? "t-" + Guid.NewGuid().ToString("N")[..12], server.Options);

    [Fact]
    public void KeysRoundTripWithRangesSizesListingAndDeletes()
    {
        using var store = NewStore();
        var value = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        store.Set("a/b/0.0", value);
        store.Set("a/.zarray", "{}"u8);
        Assert.Equal(value, store.Get("a/b/0.0"));
        Assert.Equal(value[100..150], store.GetRange("a/b/0.0", 100, 50));
        Assert.Equal(value[^24..], store.GetRange("a/b/0.0", -24, 24)); // a suffix range: a shard index at the end
        Assert.Equal(1000, store.GetSize("a/b/0.0"));
        Assert.Null(store.Get("a/b/9.9"));
        Assert.False(store.Contains("a/b/9.9"));
        Assert.Equal(["a/.zarray", "a/b/0.0"], store.ListPrefix("a/"));
        Assert.Equal(["b", ".zarray"], store.ListDir("a").OrderByDescending(n => n).ToArray());
        Assert.True(store.Delete("a/b/0.0"));
        Assert.False(store.Delete("a/b/0.0"));
        Assert.Throws<ArgumentException>(() => store.Get("../escape"));
    }

    [Fact]
    public async Task ListingIsPaginated()
    {
        using var store = NewStore();
        // s3rver pages at 1000 keys, as S3 does.
        await Task.WhenAll(Enumerable.Range(0, 1100).Select(i => store.SetAsync($"k/{i:D5}", new byte[] { (byte)i }).AsTask()));
        var keys = store.ListPrefix("k/").ToList();
        Assert.Equal(1100, keys.Count);
        Assert.Equal("k/01099", keys[^1]);
    }

    [Fact]
    public async Task AHierarchyWrittenToS3ReadsBackThroughItAndThroughALocalCopy()
    {
        using var store = NewStore();
        var data = Enumerable.Range(0, 200 * 150).Select(i => i % 977).ToArray();
        var root = ZarrGroup.Open(store, "w");
        root.Attrs["title"] = "on s3";
        var z = root.CreateGroup("g").Zeros<int>("a", shape: [200, 150], chunks: [64, 64], new ArrayOptions { Compressor = new ZstdCodec(3) });
        z[Selector.Ellipsis] = NDArray<int>.From(data, 200, 150);
        ZarrGroup.ConsolidateMetadata(store);

        var reopened = ZarrGroup.OpenConsolidated(store, "r");
        Assert.Equal("/\n └── g\n     └── a (200, 150) int32", reopened.Tree());
        Assert.Equal(data, reopened.GetArray<int>("g/a").Read().Data);
        Assert.Equal(data, (await reopened.GetArray<int>("g/a").GetAsync([Selector.Ellipsis])).Data);

        var local = new MemoryStore();
        foreach (var key in store.ListPrefix("")) local.Set(key, store.Get(key)!);
        Assert.Equal(data, ZarrGroup.Open(local, "r").GetArray<int>("g/a").Read().Data);
        Assert.Equal("on s3", (string)ZarrGroup.Open(local, "r").Attrs["title"]!);
    }

    [Fact]
    public void WrongCredentialsAMissingBucketAndABadUrlEachGiveOneClearError()
    {
        using var wrong = new S3Store(S3rverFixture.BucketName, "x", server.Options with { Credentials = new BasicAWSCredentials("nobody", "wrong") });
        var denied = Assert.Throws<ZarrException>(() => wrong.Get(".zgroup"));
        Assert.Contains("s3://zarr-tests/x/.zgroup", denied.Message);

        using var missing = new S3Store("no-such-bucket", "", server.Options);
        var noBucket = Assert.Throws<ZarrException>(() => missing.Get(".zgroup"));
        Assert.Contains("no-such-bucket", noBucket.Message);

        Assert.Throws<ArgumentException>(() => S3Store.Open("s3:///prefix", server.Options));
        Assert.Throws<ArgumentException>(() => S3Store.Open("https://x/y", server.Options));
        using var fromUrl = S3Store.Open("s3://zarr-tests/some/prefix", server.Options);
        Assert.Equal("some/prefix", fromUrl.Prefix);
    }

    [Fact]
    public void S3UrlsOpenWithOptionsPerCallAndFromTheEntryPointsOnceRegistered()
    {
        var url = $"s3://{S3rverFixture.BucketName}/reg-{Guid.NewGuid():N}";
        using (var store = S3Store.Open(url, server.Options))
        {
            var root = ZarrGroup.Open(store, "w");
            root.Zeros<int>("a", [6], [3])[..] = 5;
        }
        S3Store.Register(server.Options);
        using (var group = ZarrGroup.Open(url, "r+"))
            group.Attrs["title"] = "registered";
        using (var array = ZarrArray.Open(url, "r", "a"))
        {
            Assert.Equal(5, array.As<int>().GetValue(4));
            Assert.Throws<ZarrReadOnlyException>(() => array.As<int>()[..] = 1); // "r" opened the store read-only
        }
        using (var node = ZarrNode.Open(url, "r"))
            Assert.Equal("registered", (string)((ZarrGroup)node).Attrs["title"]!);
    }
}
