using System.Globalization;
using Zarr.Codecs;
using Zarr.Stores;
using Zarr.Synchronization;

namespace Zarr.Runtime.Tests.Concurrency;

public class OptimisticSynchronizerTests
{
    /// <summary>A writable store without conditional writes.</summary>
    private sealed class HttpStoreLike : ZarrStore
    {
        private readonly Dictionary<string, byte[]> _items = [];
        public override string StoreTypeName => "plain";
        public override byte[]? Get(string key) { lock (_items) return _items.GetValueOrDefault(key); }
        public override void Set(string key, ReadOnlySpan<byte> value) { var copy = value.ToArray(); lock (_items) _items[key] = copy; }
        public override bool Delete(string key) { lock (_items) return _items.Remove(key); }
        public override IEnumerable<string> ListPrefix(string prefix) { lock (_items) return _items.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList(); }
    }

    /// <summary>
    /// Writers that share chunks but no lock: each increments only its own elements (element i belongs
    /// to writer i % writers), so every chunk is read, changed and written back by all of them at once.
    /// Without a synchronizer the chunk-level read-modify-write loses updates; with optimistic
    /// concurrency every element ends at the number of rounds.
    /// </summary>
    internal static void IncrementOwnElements(ZarrArray<int> z, int writer, int writers, int rounds)
    {
        var mine = Enumerable.Range(0, (int)z.Shape[0]).Where(i => i % writers == writer).Select(i => (long)i).ToArray();
        for (var r = 0; r < rounds; r++)
        {
            var current = z.VIndex[mine].Data;
            z.VIndex[mine] = NDArray<int>.From(current.Select(v => v + 1).ToArray(), current.Length);
        }
    }

    [Fact]
    public void WritersSharingChunksLoseNothing()
    {
        var store = new MemoryStore();
        ZarrArray.Create<int>([64], [16], new ArrayOptions { Compressor = new ZlibCodec(1) }, store);
        IncrementConcurrently(store, writers: 4, rounds: 60);
    }

    /// <summary>
    /// <paramref name="writers"/> threads, each with its own array object over <paramref name="store"/> and
    /// one OptimisticSynchronizer, increment their own interleaved elements <paramref name="rounds"/>
    /// times; afterwards every element must equal <paramref name="rounds"/> (no update lost).
    /// </summary>
    internal static void IncrementConcurrently(ZarrStore store, int writers, int rounds)
    {
        var sync = new OptimisticSynchronizer();
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        using var start = new Barrier(writers);
        var threads = Enumerable.Range(0, writers).Select(w => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                var z = ZarrArray.Open(store, "r+", synchronizer: sync).As<int>();
                IncrementOwnElements(z, w, writers, rounds);
            }
            catch (Exception e) { errors.Enqueue(e); }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(errors);
        Assert.All(ZarrArray.Open(store, "r").As<int>().Read().Data, v => Assert.Equal(rounds, v));
    }

    /// <summary>A store where another writer changes the chunk between the first read and the first conditional put.</summary>
    private sealed class InterferingStore : ZarrStore, IConditionalStore
    {
        private readonly MemoryStore _inner = new();
        public int Interferences;
        public override string StoreTypeName => "interfering";
        public override byte[]? Get(string key) => _inner.Get(key);
        public override void Set(string key, ReadOnlySpan<byte> value) => _inner.Set(key, value);
        public override bool Delete(string key) => _inner.Delete(key);
        public override IEnumerable<string> ListPrefix(string prefix) => _inner.ListPrefix(prefix);
        public byte[]? GetVersioned(string key, out string? version) => _inner.GetVersioned(key, out version);
        public bool TryDelete(string key, string expectedVersion) => _inner.TryDelete(key, expectedVersion);

        public bool TrySet(string key, ReadOnlySpan<byte> value, string? expectedVersion)
        {
            if (Interferences++ == 0)
            {
                // The other writer sets element 0 of the chunk to 7.
                var other = ZarrArray.Open(_inner, "r+").As<int>();
                other[0] = 7;
            }
            return _inner.TrySet(key, value, expectedVersion);
        }
    }

    [Fact]
    public void AConflictIsRetriedOnTopOfTheOtherWritersChange()
    {
        var store = new InterferingStore();
        var z = ZarrArray.Create<int>([8], [8], new ArrayOptions { Compressor = null }, store);
        z[Selector.Ellipsis] = NDArray<int>.Full(1, 8);
        var sync = new OptimisticSynchronizer();
        var writer = ZarrArray.Open(store, "r+", synchronizer: sync).As<int>();
        writer[4..6] = NDArray<int>.Full(5, 2); // read, then the other write lands, then our put fails and is redone
        Assert.Equal(1, sync.Conflicts);
        Assert.Equal([7, 1, 1, 1, 5, 5, 1, 1], ZarrArray.Open(store, "r").As<int>().Read().Data);
    }

    [Fact]
    public void FourProcessesIncrementingElementsOfSharedChunksLoseNothing()
    {
        using var dir = new TempDir();
        var root = dir.Sub("shared.zarr");
        ZarrArray.Create<int>([48], [16], new ArrayOptions { Compressor = new ZlibCodec(1) }, new DirectoryStore(root));
        const int writers = 4, rounds = 25;
        var children = Enumerable.Range(0, writers).Select(w => ChildProcess.Start("increment-own", root, w.ToString(CultureInfo.InvariantCulture), writers.ToString(CultureInfo.InvariantCulture), rounds.ToString(CultureInfo.InvariantCulture))).ToList();
        try
        {
            foreach (var child in children) child.WaitForSuccess(TimeSpan.FromMinutes(3));
        }
        finally
        {
            foreach (var child in children) child.Dispose();
        }
        Assert.All(ZarrArray.Open(new DirectoryStore(root), "r").As<int>().Read().Data, v => Assert.Equal(rounds, v));
    }

    [Fact]
    public void AStoreWithoutConditionalWritesIsRefusedClearly()
    {
        using var store = new HttpStoreLike();
        var z = ZarrArray.Create<int>([10], [5], new ArrayOptions { Synchronizer = new OptimisticSynchronizer() }, store);
        var error = Assert.Throws<ZarrException>(() => z[1..3] = NDArray<int>.Full(1, 2));
        Assert.Contains("conditional writes", error.Message);
        z[0..5] = NDArray<int>.Full(2, 5); // a whole chunk needs no condition
    }
}
