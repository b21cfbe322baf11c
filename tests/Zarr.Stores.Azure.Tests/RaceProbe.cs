namespace Zarr.Stores.Azure.Tests;

public sealed class RaceProbe(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public void RawCompareAndSwapCounter()
    {
        var container = azurite.NewContainer();
        using var store = new AzureBlobStore(azurite.ConnectionString, container);
        store.Set("k", BitConverter.GetBytes(0));
        var conflicts = 0;
        var threads = Enumerable.Range(0, 4).Select(w => new Thread(() =>
        {
            using var s = new AzureBlobStore(azurite.ConnectionString, container);
            for (var i = 0; i < 20; i++)
            {
                while (true)
                {
                    var v = BitConverter.ToInt32(s.GetVersioned("k", out var version));
                    if (s.TrySet("k", BitConverter.GetBytes(v + 1), version)) break;
                    Interlocked.Increment(ref conflicts);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        output.WriteLine($"conflicts {conflicts} final {BitConverter.ToInt32(store.Get("k"))}");
        Assert.Equal(80, BitConverter.ToInt32(store.Get("k")));
    }
}
