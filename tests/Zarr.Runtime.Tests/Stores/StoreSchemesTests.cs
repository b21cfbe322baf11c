using System.Collections.Concurrent;
using Zarr.Stores;

namespace Zarr.Runtime.Tests.Stores;

/// <summary>
/// URL schemes opened through <see cref="ZarrStoreSchemes"/>: the path overloads of the entry points
/// (ZarrGroup, ZarrArray, ZarrNode) open a registered scheme with its factory, own the store they made,
/// and refuse an unregistered scheme clearly. Each test registers a scheme of its own (the table is
/// process-wide).
/// </summary>
public class StoreSchemesTests
{
    // A store per URL, kept across opens, counting how often the factory ran and with what.
    private sealed class Registry
    {
        public readonly ConcurrentDictionary<string, MemoryStore> Stores = new();
        public readonly ConcurrentQueue<(string Url, bool ReadOnly)> Calls = new();

        public ZarrStore Open(string url, bool readOnly)
        {
            Calls.Enqueue((url, readOnly));
            return Stores.GetOrAdd(url.TrimEnd('/'), _ => new MemoryStore());
        }
    }

    [Fact]
    public void TheEntryPointsOpenARegisteredSchemeWithItsFactory()
    {
        var registry = new Registry();
        ZarrStoreSchemes.Register("mem-test", registry.Open);
        Assert.True(ZarrStoreSchemes.IsRegistered("MEM-TEST"));

        using (var root = ZarrGroup.Create("mem-test://bucket/data"))
        {
            root.Attrs["title"] = "registered";
            root.CreateGroup("g").Zeros<int>("a", [4, 4], [2, 2])[..2, ..] = 7;
        }
        using (var array = ZarrArray.Open("mem-test://bucket/data", "r", "g/a"))
            Assert.Equal(7, array.As<int>().GetValue(1, 3));
        using (var node = ZarrNode.Open("mem-test://bucket/data", "r"))
            Assert.Equal("registered", (string)((ZarrGroup)node).Attrs["title"]!);
        using (var group = ZarrGroup.Open("mem-test://bucket/data", "r"))
            Assert.Equal(0, group.GetArray<int>("g/a").GetValue(3, 3));
        Assert.Equal([false, true, true, true], registry.Calls.Select(c => c.ReadOnly));
        Assert.All(registry.Calls, c => Assert.Equal("mem-test://bucket/data", c.Url));
    }

    [Fact]
    public void AHostOfHttpsUrlsCanBeRegisteredWithoutTakingOtherHosts()
    {
        var registry = new Registry();
        ZarrStoreSchemes.RegisterHost(".blobs.example.test", registry.Open);
        using var store = ZarrStore.FromPath("https://account.blobs.example.test/container/x");
        Assert.IsType<MemoryStore>(store);
        Assert.IsType<HttpStore>(ZarrStore.FromPath("https://elsewhere.example.test/x"));
        // Only http(s) URLs are matched by host.
        Assert.Throws<NotSupportedException>(() => ZarrStore.FromPath("ftp://account.blobs.example.test/x"));
    }

    [Fact]
    public void UnregisteredSchemesAreRefusedClearlyAndNamedWhereAPackageHasThem()
    {
        var gs = Assert.Throws<NotSupportedException>(() => ZarrGroup.Open("gs://bucket/x", "r"));
        Assert.Contains("gs:// stores are not supported", gs.Message);
        Assert.Contains("ZarrStoreSchemes.Register", gs.Message);
        var s3 = Assert.Throws<NotSupportedException>(() => ZarrStore.FromPath("s3://bucket/x"));
        Assert.Contains("Zarr.Typed.Stores.S3", s3.Message);
        Assert.Contains("S3Store.Register", s3.Message);
        var az = Assert.Throws<NotSupportedException>(() => ZarrNode.Open("az://container/x", "r"));
        Assert.Contains("AzureBlobStore.Register", az.Message);
    }

    [Fact]
    public void TheRuntimesOwnSchemesAndMalformedNamesCannotBeRegistered()
    {
        ZarrStore Never(string url, bool readOnly) => throw new InvalidOperationException();
        Assert.Throws<ArgumentException>(() => ZarrStoreSchemes.Register("https", Never));
        Assert.Throws<ArgumentException>(() => ZarrStoreSchemes.Register("file", Never));
        Assert.Throws<ArgumentException>(() => ZarrStoreSchemes.Register("no scheme", Never));
    }

    [Fact]
    public void ObjectStoreUrlsSplitIntoContainerAndPrefix()
    {
        Assert.Equal(("bucket", "a/b.zarr"), ZarrStoreSchemes.SplitObjectUrl("s3://bucket/a/b.zarr/", "s3"));
        Assert.Equal(("container", ""), ZarrStoreSchemes.SplitObjectUrl("AZ://container", "az"));
        Assert.Contains("names no bucket", Assert.Throws<ArgumentException>(() => ZarrStoreSchemes.SplitObjectUrl("s3:///x", "s3")).Message);
        Assert.Throws<ArgumentException>(() => ZarrStoreSchemes.SplitObjectUrl("https://x/y", "s3"));
    }
}
