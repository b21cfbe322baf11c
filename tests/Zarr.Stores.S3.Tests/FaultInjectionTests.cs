using Xunit.Abstractions;
using Zarr.Tests.Shared;

namespace Zarr.Stores.S3.Tests;

/// <summary>
/// S3Store through a fault-injecting proxy of our own in front of s3rver: connections dropped before
/// and during answers, 503 SlowDown, delays, and answers that stall past the request time-out.
/// </summary>
public sealed class FaultInjectionTests(S3rverFixture server, ITestOutputHelper output) : IClassFixture<S3rverFixture>
{
    [Fact(Timeout = 150_000)]
    public async Task AHierarchyWrittenAndReadThroughDropsThrottlingDelaysAndStallsLosesNothingAndDoesNotHang()
    {
        var faults = new RandomFaults(seed: 19, drop: 0.05, throttle: 0.05, delay: 0.05, truncate: 0.05, stall: 0.03, maxStalls: 2);
        using var proxy = new FaultProxy(server.Port, faults.Next, ThrottleAnswer.S3) { StallTime = TimeSpan.FromSeconds(8) };
        var prefix = "faults-" + Guid.NewGuid().ToString("N")[..12];
        var options = server.Options with { Endpoint = proxy.Endpoint, MaxRetries = 8, InitialBackoff = TimeSpan.FromMilliseconds(20), RequestTimeout = TimeSpan.FromSeconds(2) };
        using (var store = new S3Store(S3rverFixture.BucketName, prefix, options))
        {
            await Task.Run(() => TestHierarchy.WriteAsync(store));
            await Task.Run(() => TestHierarchy.CheckAsync(store));
        }
        // What the server holds, read without the proxy.
        using (var direct = new S3Store(S3rverFixture.BucketName, prefix, server.Options))
            await Task.Run(() => TestHierarchy.CheckAsync(direct));
        output.WriteLine($"{proxy.Requests.Count} requests: {proxy.Summary}");
        foreach (var fault in new[] { Fault.Drop, Fault.Throttle, Fault.Delay, Fault.Truncate, Fault.Stall })
            Assert.True(proxy.Count(fault) > 0, $"no {fault} was injected: {proxy.Summary}");
    }
}
