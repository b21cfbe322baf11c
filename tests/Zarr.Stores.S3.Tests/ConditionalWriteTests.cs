using System.Net;
using Amazon.S3;
using Zarr.Codecs;
using Zarr.Synchronization;
using Zarr.Tests.Shared;

namespace Zarr.Stores.S3.Tests;

/// <summary>
/// S3Store's conditional writes. s3rver ignores If-Match and If-None-Match, so what needs a server
/// that honours them runs through the test proxy, which enforces the conditions itself (it asks
/// s3rver for the object's ETag under a lock per key): that proves what the store sends and how it
/// reads the answers, and zero lost updates among writers that all go through the proxy. It proves
/// nothing about a real server's atomicity.
/// </summary>
public sealed class ConditionalWriteTests(S3rverFixture server) : IClassFixture<S3rverFixture>
{
    private static string NewPrefix() => "cond-" + Guid.NewGuid().ToString("N")[..12];

    // The conditions S3 applies to PutObject and DeleteObject, judged against s3rver's current ETag.
    private Func<ProxiedRequest, Task<bool>> Enforced(IAmazonS3 direct) => async request =>
    {
        var path = Uri.UnescapeDataString(request.Target.Split('?')[0]).TrimStart('/');
        var slash = path.IndexOf('/');
        string? etag;
        try { etag = (await direct.GetObjectMetadataAsync(path[..slash], path[(slash + 1)..])).ETag; }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound) { etag = null; }
        if (request.Header("If-None-Match") == "*" && etag is not null) return false;
        return request.Header("If-Match") is not { } match || match == etag;
    };

    private FaultProxy EnforcingProxy(Func<ProxiedRequest, Fault>? faults = null) =>
        new(server.Port, faults ?? (_ => Fault.None), ThrottleAnswer.S3) { Preconditions = Enforced(server.DirectClient) };

    [Fact]
    public void WithConditionalWritesOffTheOptimisticSynchronizerIsRefusedClearly()
    {
        using var store = new S3Store(S3rverFixture.BucketName, NewPrefix(), server.Options);
        var z = ZarrArray.Create<int>([10], [5], new ArrayOptions { Synchronizer = new OptimisticSynchronizer() }, store);
        var error = Assert.Throws<ZarrException>(() => z[1..3] = NDArray<int>.Full(1, 2));
        Assert.Contains("S3StoreOptions.ConditionalWrites", error.Message);
        Assert.Contains("OptimisticSynchronizer", error.Message);
        z[0..5] = NDArray<int>.Full(2, 5); // a whole chunk needs no condition
    }

    [Fact]
    public void AServerThatIgnoresConditionsIsFoundOutBeforeTheFirstConditionalWrite()
    {
        // s3rver itself, no proxy: it stores a PutObject whatever its If-None-Match says.
        using var store = new S3Store(S3rverFixture.BucketName, NewPrefix(), server.Options with { ConditionalWrites = true });
        var error = Assert.ThrowsAny<ZarrException>(() => store.TrySet("k", [1], null));
        Assert.Contains("ignored a conditional write", error.Message);
        Assert.Contains("OptimisticSynchronizer would lose updates", error.Message);
        Assert.ThrowsAny<ZarrException>(() => store.TrySet("k", [1], null)); // found out once, refused every time
        Assert.Empty(store.ListPrefix("")); // nothing written, the probe removed
    }

    [Fact]
    public void ConditionalWritesCarryIfMatchAndIfNoneMatchAndFollowTheETag()
    {
        using var proxy = EnforcingProxy();
        using var store = new S3Store(S3rverFixture.BucketName, NewPrefix(), server.Options with { Endpoint = proxy.Endpoint, ConditionalWrites = true });
        Assert.True(store.TrySet("k", [1], null));
        Assert.False(store.TrySet("k", [2], null)); // exists already
        Assert.Equal([1], store.GetVersioned("k", out var version));
        Assert.NotNull(version);
        Assert.True(store.TrySet("k", [3], version));
        Assert.False(store.TrySet("k", [4], version)); // stale version
        Assert.Equal([3], store.Get("k"));
        Assert.False(store.TryDelete("k", version!));
        store.GetVersioned("k", out var current);
        Assert.True(store.TryDelete("k", current!));
        Assert.Null(store.GetVersioned("k", out var gone));
        Assert.Null(gone);

        var puts = proxy.Requests.Where(r => r.Method == "PUT" && r.Target.Split('?')[0].EndsWith("/k", StringComparison.Ordinal)).ToList();
        Assert.Equal(["*", "*", null, null], puts.Select(r => r.Header("If-None-Match")));
        Assert.Equal([null, null, version, version], puts.Select(r => r.Header("If-Match")));
        Assert.All(puts, r => Assert.NotNull(r.Header("x-amz-meta-zarrwrite")));
        var deletes = proxy.Requests.Where(r => r.Method == "DELETE" && r.Target.Split('?')[0].EndsWith("/k", StringComparison.Ordinal)).ToList();
        Assert.Equal([version, current], deletes.Select(r => r.Header("If-Match")));
        // The probe's two refused writes, then the three refused above.
        Assert.Equal(2 + 3, proxy.PreconditionFailures);
    }

    [Fact(Timeout = 120_000)]
    public async Task ConditionalWritesWhoseAnswersAreLostAreNeitherLostNorAppliedTwice()
    {
        // A third of the conditional puts are applied by the server but their answers cut off: the
        // retry then fails its condition, and only the write mark tells that the value is ours.
        var faults = new RandomFaults(seed: 5, drop: 0, throttle: 0, delay: 0, truncate: 0.33, stall: 0, maxStalls: 0);
        using var proxy = EnforcingProxy(r => r.Method == "PUT" && (r.Header("If-Match") ?? r.Header("If-None-Match")) is not null ? faults.Next(r) : Fault.None);
        using var store = new S3Store(S3rverFixture.BucketName, NewPrefix(), server.Options with { Endpoint = proxy.Endpoint, ConditionalWrites = true, InitialBackoff = TimeSpan.FromMilliseconds(10) });
        await Task.Run(() => Writers.IncrementCounter(store, "counter", 30));
        Assert.Equal(30, BitConverter.ToInt32(store.Get("counter")));
        Assert.True(proxy.Count(Fault.Truncate) > 0, proxy.Summary);
    }

    [Fact]
    public void ThreeProcessesIncrementingElementsOfSharedChunksLoseNothing()
    {
        using var proxy = EnforcingProxy();
        var prefix = NewPrefix();
        using var store = new S3Store(S3rverFixture.BucketName, prefix, server.Options);
        ZarrArray.Create<int>([48], [16], new ArrayOptions { Compressor = new ZlibCodec(1) }, store);
        const int writers = 3, rounds = 8;
        WriterProcesses.WaitAll(
            Enumerable.Range(0, writers).Select(w => WriterProcesses.Start("increment-own", proxy.Endpoint, S3rverFixture.BucketName, prefix, w.ToString(), writers.ToString(), rounds.ToString())),
            TimeSpan.FromMinutes(3));
        Assert.All(ZarrArray.Open(store, "r").As<int>().Read().Data, v => Assert.Equal(rounds, v));
        Assert.True(proxy.PreconditionFailures > 0, "the writers never collided");
    }
}
