using System.Globalization;
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
    private static Func<ProxiedRequest, Task<bool>> Enforced(IAmazonS3 direct) => async request =>
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
        var (version, current) = FaultScenarios.ConditionalWritesFollowTheVersion(store);

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
        using var proxy = EnforcingProxy(FaultScenarios.CutConditionalPuts());
        using var store = new S3Store(S3rverFixture.BucketName, NewPrefix(), server.Options with { Endpoint = proxy.Endpoint, ConditionalWrites = true, InitialBackoff = TimeSpan.FromMilliseconds(10) });
        await FaultScenarios.CounterThroughLostAnswers(proxy, store);
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
            Enumerable.Range(0, writers).Select(w => WriterProcesses.Start("increment-own", proxy.Endpoint, S3rverFixture.BucketName, prefix, w.ToString(CultureInfo.InvariantCulture), writers.ToString(CultureInfo.InvariantCulture), rounds.ToString(CultureInfo.InvariantCulture))),
            TimeSpan.FromMinutes(3));
        Assert.All(ZarrArray.Open(store, "r").As<int>().Read().Data, v => Assert.Equal(rounds, v));
        Assert.True(proxy.PreconditionFailures > 0, "the writers never collided");
    }
}
