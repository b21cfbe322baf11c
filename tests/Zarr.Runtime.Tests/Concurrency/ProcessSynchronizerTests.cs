using System.Diagnostics;
using Xunit.Abstractions;
using Zarr.Codecs;
using Zarr.Runtime.Tests.Concurrency.Worker;
using Zarr.Stores;
using Zarr.Synchronization;

namespace Zarr.Runtime.Tests.Concurrency;

public class ProcessSynchronizerTests
{
    [Fact]
    public void LockFilesAreNamedAfterTheKeyAsInZarrPython()
    {
        using var dir = new TempDir();
        var sync = new ProcessSynchronizer(dir.Sub("example.sync"));
        Assert.Equal(Path.Combine(dir.Path, "example.sync", "foo", "0.1"), sync.LockFilePath("foo/0.1"));
        using (sync.Acquire("foo/0.1")) Assert.True(File.Exists(sync.LockFilePath("foo/0.1")));
        Assert.True(File.Exists(sync.LockFilePath("foo/0.1"))); // never deleted (see the remarks)
        Assert.Equal("zarr.sync.ProcessSynchronizer", sync.TypeName);
        Assert.Throws<ArgumentException>(() => sync.Acquire("../escape"));
    }

    [Fact]
    public async Task TwoSynchronizersOnOneFolderExcludeEachOther()
    {
        // Two instances behave as two processes would: only the lock file is shared.
        using var dir = new TempDir();
        var a = new ProcessSynchronizer(dir.Path);
        var b = new ProcessSynchronizer(dir.Path);
        var held = a.Acquire("z/0.0");
        var waiting = Task.Run(() => b.Acquire("z/0.0"));
        Assert.NotSame(waiting, await Task.WhenAny(waiting, Task.Delay(200))); // still waiting: the first one holds the lock
        using (b.Acquire("z/0.1")) { } // another chunk is free
        held.Dispose();
        (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }

    [Fact]
    public void ThreadsOfOneProcessQueueOnOneSynchronizer()
    {
        using var dir = new TempDir();
        var sync = new ProcessSynchronizer(dir.Path);
        var inside = 0;
        var maxInside = 0;
        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            using (sync.Acquire("k"))
            {
                var n = Interlocked.Increment(ref inside);
                InterlockedMax(ref maxInside, n);
                Thread.SpinWait(2000);
                Interlocked.Decrement(ref inside);
            }
        });
        Assert.Equal(1, maxInside);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    [Fact]
    public void TimesOutWithAClearError()
    {
        using var dir = new TempDir();
        var holder = new ProcessSynchronizer(dir.Path);
        var impatient = new ProcessSynchronizer(dir.Path, TimeSpan.FromMilliseconds(250));
        using var held = holder.Acquire("arr/3");
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<ZarrLockTimeoutException>(() => impatient.Acquire("arr/3"));
        watch.Stop();
        Assert.InRange(watch.ElapsedMilliseconds, 240, 10_000);
        Assert.Equal("arr/3", e.Key);
        Assert.Equal(impatient.LockFilePath("arr/3"), e.LockPath);
        Assert.Contains("arr/3", e.Message);
        Assert.Contains(impatient.LockFilePath("arr/3"), e.Message);
        Assert.IsAssignableFrom<ZarrException>(e);
        // The timed-out caller left nothing locked in-process: once released, it gets the lock.
        held.Dispose();
        using (impatient.Acquire("arr/3")) { }
    }

    [Fact]
    public async Task AsyncAcquireHonoursCancellationAndTimeout()
    {
        using var dir = new TempDir();
        var holder = new ProcessSynchronizer(dir.Path);
        var patient = new ProcessSynchronizer(dir.Path, TimeSpan.FromMinutes(1));
        var impatient = new ProcessSynchronizer(dir.Path, TimeSpan.FromMilliseconds(200));
        var held = holder.Acquire("k");
        using (var cts = new CancellationTokenSource(100))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await patient.AcquireAsync("k", cts.Token));
        await Assert.ThrowsAsync<ZarrLockTimeoutException>(async () => await impatient.AcquireAsync("k"));
        held.Dispose();
        using (await patient.AcquireAsync("k")) { }
        using (await impatient.AcquireAsync("k")) { }
    }

    [Fact]
    public void DescribesItselfAndShowsInInfo()
    {
        using var dir = new TempDir();
        var sync = new ProcessSynchronizer(dir.Sub("s"));
        Assert.Equal(new SynchronizerDescriptor("process", dir.Sub("s")), sync.Describe());
        var z = ZarrArray.Zeros<int>([4], [2], new ArrayOptions { Synchronizer = sync });
        Assert.Contains("Synchronizer type  : zarr.sync.ProcessSynchronizer", z.Info);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessSynchronizer(dir.Path, TimeSpan.FromSeconds(-2)));
    }
}

/// <summary>Several OS processes writing one DirectoryStore array at once.</summary>
[Collection(ProcessTestsCollection.Name)]
public class MultiProcessWriteTests(ITestOutputHelper output)
{
    private const int Length = 800, Chunk = 20, Procs = 4;

    private static int RunWriters(TempDir dir, string mode, bool synchronized, int seed)
    {
        var root = dir.Sub("data.zarr");
        var syncDir = dir.Sub("data.sync");
        ZarrArray.Zeros<int>([Length], [Chunk], new ArrayOptions { Compressor = new ZlibCodec(1) }, new DirectoryStore(root));
        var children = new List<ChildProcess>();
        try
        {
            for (var p = 0; p < Procs; p++)
            {
                children.Add(ChildProcess.Start("write-owned", root, synchronized ? syncDir : "-", mode,
                    p.ToString(System.Globalization.CultureInfo.InvariantCulture), Procs.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    (seed + p).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            // Start together: every child has opened the array and planned its writes before any writes.
            foreach (var c in children) c.Expect("ready", TimeSpan.FromSeconds(60));
            foreach (var c in children) c.Send("go");
            foreach (var c in children) c.Expect("done", TimeSpan.FromSeconds(60));
            foreach (var c in children) c.WaitForSuccess(TimeSpan.FromSeconds(30));
        }
        finally
        {
            foreach (var c in children) c.Dispose();
        }
        var data = ZarrArray.Open(new DirectoryStore(root), "r").As<int>().Read().Data;
        return Enumerable.Range(0, Length).Count(i => data[i] != Workloads.Final(i));
    }

    [Fact]
    public void ProcessesWritingOverlappingChunksWithProcessSynchronizerLoseNothing()
    {
        var watch = Stopwatch.StartNew();
        using (var dir = new TempDir())
        {
            var lost = RunWriters(dir, "elements", synchronized: true, seed: 10);
            Assert.True(lost == 0, $"{lost} of {Length} elements lost with a ProcessSynchronizer");
        }
        output.WriteLine($"{Procs} processes × {Length / Procs} interleaved elements ({Length / Chunk} shared chunks, each element written once): {watch.ElapsedMilliseconds} ms");
        // For the record (not asserted, races are not certain): the same without a synchronizer.
        using var unsyncDir = new TempDir();
        output.WriteLine($"without a synchronizer: {RunWriters(unsyncDir, "elements", synchronized: false, seed: 99)} of {Length} elements lost");
    }

    [Fact]
    public void ProcessesWritingDisjointChunksWithoutSynchronizerLoseNothing()
    {
        using var dir = new TempDir();
        var lost = RunWriters(dir, "chunks", synchronized: false, seed: 7);
        Assert.Equal(0, lost);
    }
}
