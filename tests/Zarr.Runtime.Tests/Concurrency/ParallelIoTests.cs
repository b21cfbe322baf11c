using System.Diagnostics;
using Xunit.Abstractions;
using Zarr.Codecs;
using Zarr.Stores;
using Zarr.Synchronization;

namespace Zarr.Runtime.Tests.Concurrency;

/// <summary>Concurrent chunk I/O inside one call, synchronous and asynchronous.</summary>
public class ParallelIoTests(ITestOutputHelper output)
{
    private static int[] Arange(int n) => Enumerable.Range(0, n).ToArray();

    [Fact]
    public async Task AsyncReadsAndWritesMatchTheSynchronousOnes()
    {
        var random = new Random(5);
        var a = ZarrArray.Zeros<int>([30, 40], [7, 9], new ArrayOptions { Compressor = new ZlibCodec(1), MaxDegreeOfParallelism = 3 });
        var b = ZarrArray.Zeros<int>([30, 40], [7, 9], new ArrayOptions { Compressor = new ZlibCodec(1), MaxDegreeOfParallelism = 3 });
        await b.SetAsync([Selector.Ellipsis], NDArray<int>.From(Arange(1200), 30, 40));
        a.Set([Selector.Ellipsis], NDArray<int>.From(Arange(1200), 30, 40));
        for (var i = 0; i < 40; i++)
        {
            var r0 = random.Next(30); var r1 = random.Next(r0, 31);
            var c0 = random.Next(40); var c1 = random.Next(c0, 41);
            var step = random.Next(1, 4);
            Selector[] sel = [Selector.Slice(r0, r1), Selector.Slice(c0, c1, step)];
            var shape = new[] { r1 - r0, (c1 - c0 + step - 1) / step };
            var values = NDArray<int>.From(Enumerable.Range(i * 10_000, shape[0] * shape[1]).ToArray(), shape);
            if (i % 3 == 0)
            {
                a.Set(sel, i);
                await b.SetAsync(sel, i);
            }
            else
            {
                a.Set(sel, values);
                await b.SetAsync(sel, values);
            }
            Assert.Equal(a.Get(sel).Data, (await b.GetAsync(sel)).Data);
        }
        Assert.Equal(a.Read().Data, (await b.ReadAsync()).Data);
        int[] rows = [1, 5, 29];
        Assert.Equal(a.GetOrthogonalSelection(rows, Selector.All).Data, (await b.GetOrthogonalSelectionAsync([rows, Selector.All])).Data);
        await b.SetOrthogonalSelectionAsync([rows, new[] { 0, 39 }], -5);
        a.SetOrthogonalSelection([rows, new[] { 0, 39 }], -5);
        Assert.Equal(a.Read().Data, (await b.ReadAsync()).Data);
        var into = new int[8];
        await b.ReadAsync([Selector.At(2), Selector.Slice(0, 8)], into);
        Assert.Equal(a.Get(2, ..8).Data, into);
        await Assert.ThrowsAsync<ArgumentException>(async () => await b.ReadAsync([Selector.At(2), Selector.Slice(0, 8)], new int[7]));
    }

    [Fact]
    public async Task AsyncCallsKeepAtMostMaxDegreeOfParallelismStoreCallsInFlight()
    {
        var store = new LatencyStore(TimeSpan.FromMilliseconds(15));
        var z = ZarrArray.Zeros<int>([64, 64], [8, 8], new ArrayOptions { Compressor = null, MaxDegreeOfParallelism = 4 }, store);
        store.Reset();
        var watch = Stopwatch.StartNew();
        await z.SetAsync([Selector.Ellipsis], NDArray<int>.From(Arange(64 * 64), 64, 64));
        var writeMs = watch.ElapsedMilliseconds;
        Assert.Equal(64, store.Calls);
        Assert.InRange(store.MaxInFlight, 2, 4);

        store.Reset();
        watch.Restart();
        var read = await z.ReadAsync();
        var readMs = watch.ElapsedMilliseconds;
        Assert.Equal(Arange(64 * 64), read.Data);
        Assert.InRange(store.MaxInFlight, 2, 4);
        output.WriteLine($"64 chunks, 15 ms per store call, 4 at a time: write {writeMs} ms, read {readMs} ms (sequential would be ≥ 960 ms)");

        // A partial write reads and writes each chunk: both calls count, still at most 4 at once.
        store.Reset();
        await z.SetAsync([Selector.Slice(4, 60), Selector.Slice(4, 60)], 1);
        Assert.InRange(store.MaxInFlight, 1, 4);
    }

    [Fact]
    public async Task CancellationStopsAnAsyncReadAndLeavesAWriteChunkwiseWhole()
    {
        var store = new LatencyStore(TimeSpan.FromMilliseconds(20));
        var z = ZarrArray.Zeros<int>([100], [5], new ArrayOptions { Compressor = null, MaxDegreeOfParallelism = 2, Synchronizer = new ThreadSynchronizer() }, store);
        await z.SetAsync([Selector.Ellipsis], NDArray<int>.Full(1, 100));
        using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(60)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await z.ReadAsync(cts.Token));
        }
        using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(60)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await z.SetAsync([Selector.Slice(2, 98)], 2, cts.Token));
        }
        var data = z.Read().Data;
        Assert.Equal(1, data[0]);
        Assert.Equal(1, data[99]);
        for (var c = 0; c < 20; c++)
        {
            var chunk = data.AsSpan(c * 5, 5).ToArray();
            var inner = chunk.Where((_, i) => c * 5 + i is >= 2 and < 98).Distinct().ToArray();
            Assert.Single(inner); // each chunk is either untouched (1) or fully updated (2)
        }
        Assert.Contains(1, data.Skip(2).Take(96));
        Assert.Equal(0, ((ThreadSynchronizer)z.Synchronizer!).ActiveKeys);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await z.ReadAsync(new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task ManyConcurrentCallersDoNotStarveThePool()
    {
        // 48 callers at once, each reading 64 chunks with up to 2 × cores in parallel: Parallel.ForEach
        // runs on the calling thread too, so every call progresses even with the pool saturated.
        var z = ZarrArray.Zeros<int>([256, 256], [32, 32], new ArrayOptions { Compressor = new ZlibCodec(1), MaxDegreeOfParallelism = Environment.ProcessorCount * 2 });
        z.Set([Selector.Ellipsis], NDArray<int>.From(Arange(256 * 256), 256, 256));
        var watch = Stopwatch.StartNew();
        var sync = Enumerable.Range(0, 48).Select(_ => Task.Run(() => z.Read().Data[^1])).ToArray();
        var last = await Task.WhenAll(sync).WaitAsync(TimeSpan.FromSeconds(60));
        var syncMs = watch.ElapsedMilliseconds;
        Assert.All(last, v => Assert.Equal(256 * 256 - 1, v));

        var latency = new LatencyStore(TimeSpan.FromMilliseconds(5));
        var y = ZarrArray.Zeros<int>([128, 128], [32, 32], new ArrayOptions { Compressor = null, MaxDegreeOfParallelism = 4 }, latency);
        await y.SetAsync([Selector.Ellipsis], NDArray<int>.From(Arange(128 * 128), 128, 128));
        watch.Restart();
        var results = await Task.WhenAll(Enumerable.Range(0, 48).Select(async _ => (await y.ReadAsync()).Data[^1])).WaitAsync(TimeSpan.FromSeconds(60));
        var asyncMs = watch.ElapsedMilliseconds;
        Assert.All(results, r => Assert.Equal(128 * 128 - 1, r));
        output.WriteLine($"48 concurrent sync reads of 64 chunks: {syncMs} ms; 48 concurrent async reads of 16 chunks at 5 ms latency: {asyncMs} ms");
    }

    [Fact]
    public void ParallelAndSequentialWritesStoreTheSameBytes()
    {
        var one = new MemoryStore();
        var many = new MemoryStore();
        var values = NDArray<int>.From(Arange(300 * 200), 300, 200);
        ZarrArray.Zeros<int>([300, 200], [16, 16], new ArrayOptions { Compressor = new ZlibCodec(1), MaxDegreeOfParallelism = 1 }, one).Set([Selector.Ellipsis], values);
        ZarrArray.Zeros<int>([300, 200], [16, 16], new ArrayOptions { Compressor = new ZlibCodec(1), MaxDegreeOfParallelism = 8 }, many).Set([Selector.Ellipsis], values);
        Assert.Equal(one.ListPrefix(""), many.ListPrefix(""));
        foreach (var key in one.ListPrefix("")) Assert.Equal(one.Get(key), many.Get(key));
    }
}
