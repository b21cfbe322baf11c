using System.IO.Compression;
using Xunit.Abstractions;
using Zarr.Codecs;
using Zarr.Runtime.Tests.Concurrency.Worker;
using Zarr.Stores;

namespace Zarr.Runtime.Tests.Concurrency;

/// <summary>Writers killed at random moments leave only whole values behind.</summary>
[Collection(ProcessTestsCollection.Name)]
public class KilledWriterTests(ITestOutputHelper output)
{
    private const int Length = 200_000, Chunk = 10_000;

    private static void AssertEveryChunkIsOneGeneration(ZarrArray<int> z, int length, int chunk)
    {
        // Decoding each chunk on its own names the chunk that fails; a torn chunk fails to decompress
        // or mixes generations.
        for (var c = 0; c < length / chunk; c++)
        {
            var values = z.Get(Selector.Slice(c * chunk, (c + 1) * chunk)).Data;
            if (!z.Store.Contains(z.ChunkKey([c]))) continue;
            var gen = Workloads.GenerationOf(values, c * chunk);
            Assert.True(gen >= 0, $"chunk {c} is not a whole generation");
        }
    }

    [Fact]
    public void DirectoryStoreWriterKilledAtRandomMomentsLeavesEveryChunkWhole()
    {
        const int kills = 24;
        using var dir = new TempDir();
        var root = dir.Sub("killed.zarr");
        ZarrArray.Zeros<int>([Length], [Chunk], new ArrayOptions { Compressor = new ZlibCodec(1) }, new DirectoryStore(root));
        var random = new Random(20240611);
        var strays = 0;
        var killedMidWrite = 0;
        var maxGeneration = 0;
        for (var k = 0; k < kills; k++)
        {
            using (var child = ChildProcess.Start("fill-loop", root, ""))
            {
                child.Expect("ready", TimeSpan.FromSeconds(60));
                Thread.Sleep(random.Next(5, 150));
                child.Kill();
            }
            var store = new DirectoryStore(root);
            var z = ZarrArray.Open(store, "r").As<int>();
            AssertEveryChunkIsOneGeneration(z, Length, Chunk);
            // Metadata documents are written the same way: still valid JSON, whole.
            Assert.Equal([(long)Length], z.Shape);
            var gen = (int)(z.Attrs["gen"]?.GetValue<long>() ?? 0);
            maxGeneration = Math.Max(maxGeneration, gen);
            // Temporary files left by the kill are invisible to listings and to the chunk count.
            var temps = Directory.GetFiles(root, "*.partial").Length;
            if (temps > strays) killedMidWrite++;
            strays = temps;
            Assert.DoesNotContain(store.ListPrefix(""), key => key.EndsWith(".partial", StringComparison.Ordinal));
            Assert.DoesNotContain(store.ListDir(""), name => name.EndsWith(".partial", StringComparison.Ordinal));
            Assert.InRange(z.NChunksInitialized, 0, Length / Chunk);
        }
        var final = new DirectoryStore(root);
        Assert.Equal(strays, final.RemoveTemporaryFiles(TimeSpan.Zero));
        Assert.Empty(Directory.GetFiles(root, "*.partial"));
        output.WriteLine($"{kills} kills; {killedMidWrite} of them struck mid-write (a temporary file was left, {strays} in all); highest generation reached {maxGeneration}");
    }

    [Fact]
    public void ZipStoreWriterKilledAtRandomMomentsLeavesTheArchiveOfSomeFlush()
    {
        const int kills = 10, length = 40_000, chunk = 4_000;
        using var dir = new TempDir();
        var zip = dir.Sub("killed.zip");
        using (var store = new ZipStore(zip, ZipStoreMode.Write))
        {
            var z = ZarrArray.Zeros<int>([length], [chunk], new ArrayOptions { Compressor = new ZlibCodec(1) }, store);
            z.Set([Selector.Ellipsis], Workloads.Generation(length, 0));
        }
        var random = new Random(7);
        var generations = new HashSet<int>();
        for (var k = 0; k < kills; k++)
        {
            using (var child = ChildProcess.Start("zip-loop", zip))
            {
                child.Expect("ready", TimeSpan.FromSeconds(60));
                Thread.Sleep(random.Next(20, 400));
                child.Kill();
            }
            // The file is always one complete archive, and each flush writes every chunk together:
            // all chunks belong to the same generation.
            using var store = new ZipStore(zip, ZipStoreMode.Read);
            var data = ZarrArray.Open(store, "r").As<int>().Read().Data;
            var gen = Workloads.GenerationOf(data, 0);
            Assert.True(gen >= 0, $"kill {k}: the archive mixes generations or holds torn chunks");
            generations.Add(gen);
        }
        output.WriteLine($"{kills} kills of a zip writer; generations seen afterwards: {string.Join(", ", generations.Order())}; " +
                         $"stray temporary files: {Directory.GetFiles(dir.Path, "*.partial").Length}");
    }
}

public class StoreFailureTests
{
    [Fact]
    public void DirectoryStoreHidesStrayTemporaryFiles()
    {
        using var dir = new TempDir();
        var root = dir.Sub("a.zarr");
        var store = new DirectoryStore(root);
        var z = ZarrArray.Zeros<int>([10], [5], new ArrayOptions { Compressor = null }, store);
        z.Set([Selector.Ellipsis], 7);
        var stray = Path.Combine(root, ".0." + Guid.NewGuid().ToString("N") + ".partial");
        File.WriteAllBytes(stray, [1, 2, 3]); // what a writer killed mid-write leaves
        File.WriteAllBytes(Path.Combine(root, ".keep.partial"), [1]); // not ours: a user's key stays visible
        Assert.Equal(2, z.NChunksInitialized);
        Assert.DoesNotContain(store.ListDir(""), n => n == Path.GetFileName(stray));
        Assert.Contains(".keep.partial", store.ListDir(""));
        Assert.DoesNotContain(store.ListPrefix(""), k => k.StartsWith(".0.", StringComparison.Ordinal));
        Assert.True(DirectoryStore.IsTemporaryFileName(Path.GetFileName(stray)));
        Assert.False(DirectoryStore.IsTemporaryFileName(".keep.partial"));
        Assert.False(DirectoryStore.IsTemporaryFileName("0.0"));
        Assert.True(DirectoryStore.IsTemporaryFileName("0.0." + Guid.NewGuid().ToString("N") + ".partial")); // zarr-python's
        Assert.False(DirectoryStore.IsTemporaryFileName("0.0.abc.partial"));
        Assert.Equal(0, store.RemoveTemporaryFiles(TimeSpan.FromHours(1))); // too young: could be a live write
        Assert.Equal(1, store.RemoveTemporaryFiles(TimeSpan.Zero));
        Assert.False(File.Exists(stray));
        Assert.Equal(Enumerable.Repeat(7, 10), z.Read().Data);
    }

    [Fact]
    public void DirectoryStoreWritesWithFlushToDiskAndNormalisesItsRoot()
    {
        using var dir = new TempDir();
        var store = new DirectoryStore(dir.Sub("b.zarr") + Path.DirectorySeparatorChar) { FlushToDisk = true };
        Assert.Equal(dir.Sub("b.zarr"), store.Root);
        store.Set("x/0", [1, 2, 3]);
        store.Set("x/0", [4, 5]);
        Assert.Equal([4, 5], store.Get("x/0"));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.partial", SearchOption.AllDirectories));
    }

    [Fact]
    public void ZipStoreWriteModeReplacesTheFileOnlyOnFlush()
    {
        using var dir = new TempDir();
        var zip = dir.Sub("a.zip");
        using (var s = new ZipStore(zip, ZipStoreMode.Write)) s.Set("k", [1, 2, 3]);
        var before = File.ReadAllBytes(zip);
        var replacing = new ZipStore(zip, ZipStoreMode.Write);
        Assert.False(replacing.Contains("k")); // a new archive, as zarr-python's mode 'w'…
        Assert.Equal(before, File.ReadAllBytes(zip)); // …but the old one is intact until the flush
        replacing.Set("n", [9]);
        replacing.Dispose();
        using var read = new ZipStore(zip, ZipStoreMode.Read);
        Assert.Equal(["n"], read.ListPrefix(""));
    }

    [Fact]
    public void ZipStoreFlushFailureKeepsTheFileAndThePendingChanges()
    {
        using var dir = new TempDir();
        var zip = dir.Sub("a.zip");
        using (var s = new ZipStore(zip, ZipStoreMode.Write)) s.Set("old", [1]);
        var before = File.ReadAllBytes(zip);
        var store = new ZipStore(zip);
        store.Set("new", [2]);
        // Make the rename into place fail: the archive's name is taken by a folder.
        File.Move(zip, zip + ".aside");
        Directory.CreateDirectory(zip);
        Assert.ThrowsAny<IOException>(() => store.Flush());
        Assert.True(store.HasPendingChanges);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.partial"));
        // While the last archive cannot be read the store refuses to carry on (it would drop its entries).
        Assert.ThrowsAny<Exception>(() => store.Get("old"));
        Directory.Delete(zip);
        File.Move(zip + ".aside", zip);
        Assert.Equal(before, File.ReadAllBytes(zip));
        Assert.Equal([2], store.Get("new"));
        Assert.Equal([1], store.Get("old"));
        store.Flush();
        store.Dispose();
        using var read = new ZipStore(zip, ZipStoreMode.Read);
        Assert.Equal(["new", "old"], read.ListPrefix(""));
        Assert.Equal([1], read.Get("old"));
    }

    [Fact]
    public void ZipStoreFlushesAStoredArchiveThatOtherReadersAccept()
    {
        using var dir = new TempDir();
        var zip = dir.Sub("a.zip");
        using (var store = new ZipStore(zip))
        {
            var z = ZarrArray.Zeros<int>([100], [10], new ArrayOptions { Compressor = null }, store);
            z.Set([Selector.Slice(0, 50)], 3);
            store.Flush();
            z.Set([Selector.Slice(50, 100)], 4);
            Assert.True(store.Delete("9"));
            Assert.False(store.Delete("9"));
        }
        using var archive = ZipFile.OpenRead(zip);
        Assert.Equal([".zarray", "0", "1", "2", "3", "4", "5", "6", "7", "8"], archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        Assert.All(archive.Entries, e => Assert.Equal(e.Length, e.CompressedLength)); // stored, as zarr-python writes them
    }
}

/// <summary>A write that fails part-way leaves what was stored before it intact and valid.</summary>
public class FailedWriteTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void StoreFailureMidWriteLeavesEveryChunkOldOrNew(int dop)
    {
        var store = new FaultyStore();
        var z = ZarrArray.Zeros<int>([100], [10], new ArrayOptions { Compressor = new ZlibCodec(1), MaxDegreeOfParallelism = dop }, store);
        z.Set([Selector.Ellipsis], Workloads.Generation(100, 1));
        store.FailOn = key => key == "5";
        var e = Assert.Throws<IOException>(() => z.Set([Selector.Ellipsis], Workloads.Generation(100, 2)));
        Assert.Contains("'5'", e.Message);
        store.FailOn = _ => false;
        var data = z.Read().Data;
        for (var c = 0; c < 10; c++)
        {
            var gen = Workloads.GenerationOf(data.AsSpan(c * 10, 10), c * 10);
            Assert.True(gen is 1 or 2, $"chunk {c} is neither the old nor the new value");
            if (c == 5) Assert.Equal(1, gen);
            if (dop == 1 && c < 5) Assert.Equal(2, gen); // written before the failure, in order
        }
    }

    [Fact]
    public async Task StoreFailureMidAsyncWriteLeavesEveryChunkOldOrNew()
    {
        var store = new FaultyStore();
        var z = ZarrArray.Zeros<int>([100], [10], new ArrayOptions { Compressor = new ZlibCodec(1), MaxDegreeOfParallelism = 3 }, store);
        await z.SetAsync([Selector.Ellipsis], Workloads.Generation(100, 1));
        store.FailOn = key => key == "7";
        await Assert.ThrowsAsync<IOException>(async () => await z.SetAsync([Selector.Slice(5, 95)], NDArray<int>.Full(-1, 90)));
        store.FailOn = _ => false;
        var data = await z.ReadAsync();
        Assert.Equal(1, Workloads.GenerationOf(data.Data.AsSpan(70, 10), 70));
        Assert.Equal(1, Workloads.GenerationOf(data.Data.AsSpan(0, 5), 0));
        Assert.Equal(1, Workloads.GenerationOf(data.Data.AsSpan(95, 5), 95));
    }

    [Fact]
    public void EncodeFailureLeavesTheChunkAsItWas()
    {
        var store = new MemoryStore();
        var z = ZarrArray.Zeros<int>([40], [10], new ArrayOptions { Compressor = FailingCodec.Create(), MaxDegreeOfParallelism = 2 }, store);
        z.Set([Selector.Ellipsis], Workloads.Generation(40, 1));
        var values = Workloads.Generation(40, 2).Data;
        values[25] = FailingCodec.Poison;
        var e = Assert.Throws<ZarrCodecException>(() => z.Set([Selector.Ellipsis], values));
        Assert.Equal("2", e.ChunkKey);
        var data = z.Read().Data;
        Assert.Equal(1, Workloads.GenerationOf(data.AsSpan(20, 10), 20));
        for (var c = 0; c < 4; c++) Assert.True(Workloads.GenerationOf(data.AsSpan(c * 10, 10), c * 10) is 1 or 2);
    }

    /// <summary>A pass-through compressor that refuses to encode a chunk holding <see cref="Poison"/>.</summary>
    private sealed class FailingCodec : BytesCodec
    {
        public const int Poison = 0x5EAD_BEEF;
        private const string CodecId = "test-failing-codec";

        public static FailingCodec Create()
        {
            if (!CodecRegistry.Default.IsRegistered(CodecId)) CodecRegistry.Default.Register(CodecId, _ => new FailingCodec());
            return new FailingCodec();
        }

        public override string Id => CodecId;

        public override System.Text.Json.Nodes.JsonObject GetConfig() => new() { ["id"] = CodecId };

        public override void Encode(ReadOnlySpan<byte> input, int itemSize, System.Buffers.IBufferWriter<byte> output)
        {
            var ints = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(input);
            if (ints.Contains(Poison)) throw Error("refused to encode the poison value");
            input.CopyTo(output.GetSpan(input.Length));
            output.Advance(input.Length);
        }

        public override void Decode(ReadOnlySpan<byte> input, System.Buffers.IBufferWriter<byte> output)
        {
            input.CopyTo(output.GetSpan(input.Length));
            output.Advance(input.Length);
        }

        public override string ToString() => "FailingCodec()";
    }
}
