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
        var container = azurite.NewContainer();
        output.WriteLine(await FaultScenarios.HierarchyThroughEveryFault(azurite.Port, ThrottleAnswer.Azure,
            proxy => new AzureBlobStore(container, "faults", azurite.Options with
            {
                ConnectionString = AzuriteFixture.ConnectionStringFor(proxy.Port),
                MaxRetries = 8,
                InitialBackoff = TimeSpan.FromMilliseconds(20),
                RequestTimeout = TimeSpan.FromSeconds(2),
            }),
            () => new AzureBlobStore(container, "faults", azurite.Options)));
    }

    [Fact(Timeout = 120_000)]
    public async Task ConditionalWritesWhoseAnswersAreLostAreNeitherLostNorAppliedTwice()
    {
        using var proxy = new FaultProxy(azurite.Port, FaultScenarios.CutConditionalPuts(), ThrottleAnswer.Azure);
        var options = azurite.Options with { ConnectionString = AzuriteFixture.ConnectionStringFor(proxy.Port), InitialBackoff = TimeSpan.FromMilliseconds(10) };
        using var store = new AzureBlobStore(azurite.NewContainer(), "counter", options);
        await FaultScenarios.CounterThroughLostAnswers(proxy, store);
    }
}
