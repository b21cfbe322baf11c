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
/// Each thread that joins starts on a contiguous part of the index range of its own and, when its part is done, takes the next indices of the others' parts. Neighbouring indices are
/// neighbouring chunks, and the rows of horizontally adjacent chunks share the output's memory pages:
/// threads that took indices in turn wrote into the same fresh pages at once, so the kernel faulted
/// many pages twice and serialised the threads on its page-table locks (a whole read of 400 MB
/// faulted ~15% more pages and ran ~8% slower than with separate parts).
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
        var workers = Math.Min(threads, count);
        var loop = new Loop(count, workers, body);
        for (var h = workers - 1; h > 0; h--) ThreadPool.QueueUserWorkItem(static l => l.Run(), loop, preferLocal: false);
        loop.Run();
        loop.WaitAndRethrow();
    }

    private sealed class Loop
    {
        private readonly Action<int> _body;
        private readonly int _parts;
        // Part p is [p * count / parts, (p + 1) * count / parts): _next[p * Stride] is the last index
        // taken from it (a long: every thread that finds a part done still increments it once). The
        // counters sit a cache line apart, so threads on their own parts do not share one.
        private readonly long[] _next;
        private readonly long[] _end;
        private int _workers = -1;
        private int _unfinished;
        private ExceptionDispatchInfo? _failure;
        private const int Stride = 8; // longs per 64-byte cache line

        public Loop(int count, int parts, Action<int> body)
        {
            _body = body;
            _parts = parts;
            _unfinished = count;
            _next = new long[parts * Stride];
            _end = new long[parts];
            for (var p = 0; p < parts; p++)
            {
                _next[p * Stride] = (long)p * count / parts - 1;
                _end[p] = (long)(p + 1) * count / parts;
            }
        }

        public void Run()
        {
            var home = Interlocked.Increment(ref _workers) % _parts;
            for (var k = 0; k < _parts; k++)
            {
                var p = (home + k) % _parts;
                long i;
                while ((i = Interlocked.Increment(ref _next[p * Stride])) < _end[p]) RunOne((int)i);
            }
        }

        private void RunOne(int i)
        {
            try
            {
                if (Volatile.Read(ref _failure) is null) _body(i);
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
