using Zarr.Stores;

namespace Zarr.Tests.Shared;

/// <summary>The scenarios every object store is put through, behind a <see cref="FaultProxy"/> or not.</summary>
internal static class FaultScenarios
{
    /// <summary>
    /// Writes <see cref="TestHierarchy"/> through a proxy that injects every kind of fault at fixed rates
    /// (<paramref name="throughProxy"/> opens the store against the proxy's endpoint), checks it through
    /// the proxy and then straight on the server (<paramref name="direct"/>), and that every fault kind
    /// was injected; returns what was injected.
    /// </summary>
    public static async Task<string> HierarchyThroughEveryFault(int serverPort, ThrottleAnswer throttle, Func<FaultProxy, ZarrStore> throughProxy, Func<ZarrStore> direct)
    {
        var faults = new RandomFaults(seed: 19, drop: 0.05, throttle: 0.05, delay: 0.05, truncate: 0.05, stall: 0.03, maxStalls: 2);
        using var proxy = new FaultProxy(serverPort, faults.Next, throttle) { StallTime = TimeSpan.FromSeconds(8) };
        using (var store = throughProxy(proxy))
        {
            await Task.Run(() => TestHierarchy.WriteAsync(store));
            await Task.Run(() => TestHierarchy.CheckAsync(store));
        }
        using (var store = direct())
            await Task.Run(() => TestHierarchy.CheckAsync(store));
        foreach (var fault in new[] { Fault.Drop, Fault.Throttle, Fault.Delay, Fault.Truncate, Fault.Stall })
            Assert.True(proxy.Count(fault) > 0, $"no {fault} was injected: {proxy.Summary}");
        return $"{proxy.Requests.Count} requests: {proxy.Summary}";
    }

    /// <summary>A third of the conditional PUTs forwarded, applied by the server, and their answers cut off.</summary>
    public static Func<ProxiedRequest, Fault> CutConditionalPuts()
    {
        var faults = new RandomFaults(seed: 5, drop: 0, throttle: 0, delay: 0, truncate: 0.33, stall: 0, maxStalls: 0);
        return r => r.Method == "PUT" && (r.Header("If-Match") ?? r.Header("If-None-Match")) is not null ? faults.Next(r) : Fault.None;
    }

    /// <summary>
    /// Thirty compare-and-swap increments of one counter through <paramref name="proxy"/>
    /// (<see cref="CutConditionalPuts"/>): a cut answer's retry fails its condition, and only the
    /// store's write mark tells that the value is its own, so the counter must end at exactly 30.
    /// </summary>
    public static async Task CounterThroughLostAnswers(FaultProxy proxy, ZarrStore store)
    {
        await Task.Run(() => Writers.IncrementCounter((IConditionalStore)store, "counter", 30));
        Assert.Equal(30, BitConverter.ToInt32(store.Get("counter")));
        Assert.True(proxy.Count(Fault.Truncate) > 0, proxy.Summary);
    }

    /// <summary>The contract of conditional writes on one key: If-None-Match on a new key, If-Match on a version, stale versions refused.</summary>
    public static (string First, string Second) ConditionalWritesFollowTheVersion(IConditionalStore store)
    {
        Assert.True(store.TrySet("k", [1], null));
        Assert.False(store.TrySet("k", [2], null)); // exists already
        Assert.Equal([1], store.GetVersioned("k", out var version));
        Assert.NotNull(version);
        Assert.True(store.TrySet("k", [3], version));
        Assert.False(store.TrySet("k", [4], version)); // stale version
        Assert.Equal([3], store.GetVersioned("k", out var current));
        Assert.False(store.TryDelete("k", version));
        Assert.True(store.TryDelete("k", current!));
        Assert.Null(store.GetVersioned("k", out var gone));
        Assert.Null(gone);
        return (version, current!);
    }
}
