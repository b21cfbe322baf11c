using Xunit.Abstractions;
using Zarr.Tests.Shared;

namespace Zarr.Stores.Azure.Tests;

/// <summary>
/// AzureBlobStore through a fault-injecting proxy of our own in front of azurite: connections dropped
/// before and during answers, 503 ServerBusy, delays, and answers that stall past the request time-out.
/// </summary>
public sealed class FaultInjectionTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    [Fact(Timeout = 150_000)]
    public async Task AHierarchyWrittenAndReadThroughDropsThrottlingDelaysAndStallsLosesNothingAndDoesNotHang()
    {
        var faults = new RandomFaults(seed: 19, drop: 0.05, throttle: 0.05, delay: 0.05, truncate: 0.05, stall: 0.03, maxStalls: 2);
        using var proxy = new FaultProxy(azurite.Port, faults.Next, ThrottleAnswer.Azure) { StallTime = TimeSpan.FromSeconds(8) };
        var container = azurite.NewContainer();
        var options = azurite.Options with
        {
            ConnectionString = AzuriteFixture.ConnectionStringFor(proxy.Port),
            MaxRetries = 8,
            InitialBackoff = TimeSpan.FromMilliseconds(20),
            RequestTimeout = TimeSpan.FromSeconds(2),
        };
        using (var store = new AzureBlobStore(container, "faults", options))
        {
            await Task.Run(() => TestHierarchy.WriteAsync(store));
            await Task.Run(() => TestHierarchy.CheckAsync(store));
        }
        // What the server holds, read without the proxy.
        using (var direct = new AzureBlobStore(container, "faults", azurite.Options))
            await Task.Run(() => TestHierarchy.CheckAsync(direct));
        output.WriteLine($"{proxy.Requests.Count} requests: {proxy.Summary}");
        foreach (var fault in new[] { Fault.Drop, Fault.Throttle, Fault.Delay, Fault.Truncate, Fault.Stall })
            Assert.True(proxy.Count(fault) > 0, $"no {fault} was injected: {proxy.Summary}");
    }

    [Fact(Timeout = 120_000)]
    public async Task ConditionalWritesWhoseAnswersAreLostAreNeitherLostNorAppliedTwice()
    {
        // A third of the conditional puts are applied by azurite but their answers cut off: the retry
        // then fails its condition, and only the write mark tells that the blob is ours.
        var faults = new RandomFaults(seed: 5, drop: 0, throttle: 0, delay: 0, truncate: 0.33, stall: 0, maxStalls: 0);
        using var proxy = new FaultProxy(azurite.Port, r => r.Method == "PUT" && (r.Header("If-Match") ?? r.Header("If-None-Match")) is not null ? faults.Next(r) : Fault.None, ThrottleAnswer.Azure);
        var options = azurite.Options with { ConnectionString = AzuriteFixture.ConnectionStringFor(proxy.Port), InitialBackoff = TimeSpan.FromMilliseconds(10) };
        using var store = new AzureBlobStore(azurite.NewContainer(), "counter", options);
        await Task.Run(() => Writers.IncrementCounter(store, "counter", 30));
        Assert.Equal(30, BitConverter.ToInt32(store.Get("counter")));
        Assert.True(proxy.Count(Fault.Truncate) > 0, proxy.Summary);
    }
}
