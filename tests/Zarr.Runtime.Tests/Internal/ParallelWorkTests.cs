using Zarr.Internal;

namespace Zarr.Runtime.Tests.Internal;

public class ParallelWorkTests
{
    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(7, 3)]
    [InlineData(100, 2)]
    [InlineData(1000, 8)]
    [InlineData(5, 16)]
    public void EveryIndexRunsExactlyOnce(int count, int threads)
    {
        var runs = new int[count];
        ParallelWork.For(count, threads, i => Interlocked.Increment(ref runs[i]));
        Assert.All(runs, r => Assert.Equal(1, r));
    }

    [Fact]
    public void ThreadsStartOnSeparatePartsOfTheRange()
    {
        // Two threads, 100 indices: the first index each thread takes is the start of a part (0 or 50),
        // not the index after another thread's, so adjacent chunks are not written at once by two
        // threads. Every body waits until both threads have taken an index, so that neither can finish
        // its part before the other starts (bounded, so a starved thread pool fails the test, not hangs it).
        var first = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        using var bothStarted = new ManualResetEventSlim();
        ParallelWork.For(100, 2, i =>
        {
            first.TryAdd(Environment.CurrentManagedThreadId, i);
            if (first.Count == 2) bothStarted.Set();
            bothStarted.Wait(TimeSpan.FromSeconds(30));
        });
        Assert.Equal(new[] { 0, 50 }, first.Values.Order());
    }

    [Fact]
    public void TheFirstFailureIsRethrownUnwrapped()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ParallelWork.For(50, 4, i =>
            {
                if (i == 17) throw new InvalidOperationException("seventeen");
            }));
        Assert.Equal("seventeen", error.Message);
    }
}
