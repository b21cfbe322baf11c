using System.Runtime.ExceptionServices;

namespace Zarr.Internal;

/// <summary>
/// Runs the iterations of a loop on the calling thread and on up to <c>threads - 1</c> pool threads,
/// each taking the next index until none is left: what the chunk engine and Blosc's block loop need
/// from <c>Parallel.For</c>, without its partitioners, loop-state objects and event tracing. Those are
/// generic code the runtime compiles and loads on the first read of a process (a plain build compiles
/// every method on first use), for loops of a handful of chunks or blocks.
/// </summary>
/// <remarks>
/// The calling thread works too, so a call always makes progress even when every pool thread is busy
/// (many concurrent callers cannot starve each other into a deadlock), and it waits only for
/// iterations a helper has taken: a helper that starts after the last index is gone returns at once.
/// After a failure no new iteration starts; the first exception is rethrown as the serial loop would
/// have thrown it, not wrapped.
/// </remarks>
internal static class ParallelWork
{
    /// <summary>Calls <paramref name="body"/> for every index in [0, <paramref name="count"/>), on at most <paramref name="threads"/> threads at once.</summary>
    public static void For(int count, int threads, Action<int> body)
    {
        if (count <= 1 || threads <= 1)
        {
            for (var i = 0; i < count; i++) body(i);
            return;
        }
        var loop = new Loop(count, body);
        for (var h = Math.Min(threads, count) - 1; h > 0; h--) ThreadPool.QueueUserWorkItem(static l => l.Run(), loop, preferLocal: false);
        loop.Run();
        loop.WaitAndRethrow();
    }

    private sealed class Loop(int count, Action<int> body)
    {
        private readonly int _count = count;
        private int _next = -1;
        private int _unfinished = count;
        private ExceptionDispatchInfo? _failure;

        public void Run()
        {
            int i;
            while ((i = Interlocked.Increment(ref _next)) < _count)
            {
                try
                {
                    if (Volatile.Read(ref _failure) is null) body(i);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
                }
                if (Interlocked.Decrement(ref _unfinished) == 0)
                {
                    lock (this) Monitor.PulseAll(this);
                }
            }
        }

        public void WaitAndRethrow()
        {
            if (Volatile.Read(ref _unfinished) > 0)
            {
                lock (this)
                {
                    while (Volatile.Read(ref _unfinished) > 0) Monitor.Wait(this);
                }
            }
            _failure?.Throw();
        }
    }
}
