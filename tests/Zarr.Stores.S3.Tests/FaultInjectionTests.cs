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
        var prefix = "faults-" + Guid.NewGuid().ToString("N")[..12];
        output.WriteLine(await FaultScenarios.HierarchyThroughEveryFault(server.Port, ThrottleAnswer.S3,
            proxy => new S3Store(S3rverFixture.BucketName, prefix, server.Options with
            {
                Endpoint = proxy.Endpoint,
                MaxRetries = 8,
                InitialBackoff = TimeSpan.FromMilliseconds(20),
                RequestTimeout = TimeSpan.FromSeconds(2),
            }),
            () => new S3Store(S3rverFixture.BucketName, prefix, server.Options)));
    }
}
