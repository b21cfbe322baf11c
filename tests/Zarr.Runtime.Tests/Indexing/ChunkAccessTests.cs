using System.Collections.Concurrent;
using Zarr.Codecs;
using Zarr.Stores;

namespace Zarr.Runtime.Tests.Indexing;

/// <summary>
/// A selection reads each chunk it touches exactly once and never touches the others; a partial
/// write reads and writes only the chunks it touches, and a chunk it covers entirely is not read.
/// Checked with a store that counts every access per key.
/// </summary>
public class ChunkAccessTests
{
    /// <summary>A store that counts Get and Set calls per key (thread-safe: chunks are processed in parallel).</summary>
    private sealed class CountingStore : ZarrStore
    {
        private readonly MemoryStore _inner = new();

        public ConcurrentDictionary<string, int> Gets { get; } = new();

        public ConcurrentDictionary<string, int> Sets { get; } = new();

        public override string StoreTypeName => _inner.StoreTypeName;

        public override byte[]? Get(string key)
        {
            Gets.AddOrUpdate(key, 1, (_, n) => n + 1);
            return _inner.Get(key);
        }

        public override void Set(string key, ReadOnlySpan<byte> value)
        {
            Sets.AddOrUpdate(key, 1, (_, n) => n + 1);
            _inner.Set(key, value);
        }

        public override bool Delete(string key) => _inner.Delete(key);

        public override IEnumerable<string> ListPrefix(string prefix) => _inner.ListPrefix(prefix);

        public void Reset()
        {
            Gets.Clear();
            Sets.Clear();
        }
    }

    // A 20x20 int array in 5x5 chunks (a 4x4 grid), every chunk stored.
    private static (ZarrArray<int> Z, CountingStore Store) Make(BytesCodec? codec = null)
    {
        var store = new CountingStore();
        var z = ZarrArray.Create<int>([20, 20], [5, 5], new ArrayOptions { Compressor = codec ?? new ZlibCodec(1) }, store);
        z[Selector.Ellipsis] = NDArray<int>.From(Enumerable.Range(0, 400).ToArray(), 20, 20);
        store.Reset();
        return (z, store);
    }

    private static void AssertEachOnce(ConcurrentDictionary<string, int> counts, params string[] keys)
    {
        Assert.Equal(keys.Order(StringComparer.Ordinal), counts.Keys.Order(StringComparer.Ordinal));
        Assert.All(counts, kv => Assert.Equal(1, kv.Value));
    }

    [Fact]
    public void CoordinateSelectionReadsEachTouchedChunkOnce()
    {
        var (z, store) = Make();
        // Unsorted and repeated points in chunks (3,0), (0,0), (0,3), (2,1): chunks revisited out of order.
        var rows = new[] { 19, 0, 1, 19, 12, 0, 18, 4 };
        var cols = new[] { 0, 19, 2, 1, 7, 18, 3, 4 };
        var got = z.GetCoordinateSelection(rows, cols);
        Assert.Equal(rows.Zip(cols, (r, c) => r * 20 + c), got.Data);
        AssertEachOnce(store.Gets, "3.0", "0.3", "0.0", "2.1");
        Assert.Empty(store.Sets);
    }

    [Fact]
    public void BloscPointReadsPickItemsAndStillReadEachChunkOnce()
    {
        // Blosc chunks: sparse points are picked from the shuffled blocks (no whole-chunk decode),
        // bit-shuffled ones fall back to a whole decode; either way each chunk is fetched once.
        foreach (var shuffle in new[] { BloscShuffle.Shuffle, BloscShuffle.BitShuffle, BloscShuffle.NoShuffle })
        {
            var (z, store) = Make(new BloscCodec("lz4", 5, shuffle));
            var rows = new[] { 19, 0, 19, 12, 0 };
            var cols = new[] { 0, 19, 1, 7, 0 };
            Assert.Equal(rows.Zip(cols, (r, c) => r * 20 + c), z.VIndex[rows, cols].Data);
            AssertEachOnce(store.Gets, "3.0", "0.3", "2.1", "0.0");
        }
    }

    [Fact]
    public void CoordinateWriteReadsAndWritesOnlyTouchedChunks()
    {
        var (z, store) = Make();
        z.VIndex[new[] { 19, 0, 19 }, new[] { 0, 19, 1 }] = new[] { -1, -2, -3 };
        AssertEachOnce(store.Gets, "3.0", "0.3");
        AssertEachOnce(store.Sets, "3.0", "0.3");
    }

    [Fact]
    public void MaskSelectionReadsEachTouchedChunkOnce()
    {
        var (z, store) = Make();
        var mask = new bool[20, 20];
        mask[0, 0] = mask[0, 19] = mask[1, 0] = mask[17, 6] = true; // row-major order revisits chunk 0.0
        Assert.Equal(new[] { 0, 19, 20, 346 }, z.GetMaskSelection(mask).Data);
        AssertEachOnce(store.Gets, "0.0", "0.3", "3.1");
    }

    [Fact]
    public void MaskWriteCoveringAWholeChunkDoesNotReadIt()
    {
        var (z, store) = Make();
        var mask = new bool[20, 20];
        for (var i = 5; i < 10; i++) for (var j = 5; j < 10; j++) mask[i, j] = true; // all of chunk 1.1
        mask[0, 0] = true;
        z.SetMaskSelection(mask, 7);
        AssertEachOnce(store.Gets, "0.0");
        AssertEachOnce(store.Sets, "0.0", "1.1");
        Assert.Equal(7, z.GetValue(9, 9));
    }

    [Fact]
    public void OrthogonalSelectionReadsEachTouchedChunkOnce()
    {
        var (z, store) = Make();
        var got = z.OIndex[new[] { 19, 0, 18, 1 }, Selector.Slice(2, 12, 4)];
        Assert.Equal(new[] { 4, 3 }, got.Shape);
        AssertEachOnce(store.Gets, "3.0", "3.1", "3.2", "0.0", "0.1", "0.2");
        store.Reset();
        z.OIndex[new[] { 19, 0 }, 7] = new[] { 1, 2 };
        AssertEachOnce(store.Gets, "3.1", "0.1");
        AssertEachOnce(store.Sets, "3.1", "0.1");
    }

    [Fact]
    public void BlockSelectionReadsOnlyItsBlocksAndWholeBlockWritesReadNothing()
    {
        var (z, store) = Make();
        Assert.Equal(new[] { 5, 10 }, z.Blocks[^1, 1..3].Shape);
        AssertEachOnce(store.Gets, "3.1", "3.2");
        store.Reset();
        z.Blocks[0, ..2] = NDArray<int>.Scalar(5);
        Assert.Empty(store.Gets);
        AssertEachOnce(store.Sets, "0.0", "0.1");
    }

    [Fact]
    public void ManyPointsInFewChunksStillReadEachChunkOnce()
    {
        var (z, store) = Make();
        var rng = new Random(5);
        var rows = Enumerable.Range(0, 5000).Select(_ => rng.Next(0, 10)).ToArray();
        var cols = Enumerable.Range(0, 5000).Select(_ => rng.Next(0, 20)).ToArray();
        var got = z.VIndex[rows, cols];
        Assert.Equal(rows.Zip(cols, (r, c) => r * 20 + c), got.Data);
        AssertEachOnce(store.Gets, "0.0", "0.1", "0.2", "0.3", "1.0", "1.1", "1.2", "1.3");
    }

    [Theory]
    [InlineData("zlib")]
    [InlineData("gzip")]
    public void AFlippedBitIsFoundByTheChecksumWhateverPartOfTheChunkIsRead(string codec)
    {
        // zlib (Adler-32) and gzip (CRC-32) check the decoded data at the end of the stream: a read of
        // the first rows must still reach it, as zarr-python does ("incorrect data check").
        var store = new MemoryStore();
        BytesCodec compressor = codec == "zlib" ? new ZlibCodec(1) : new GZipCodec(1);
        var z = ZarrArray.Create<int>([100, 100], [100, 100], new ArrayOptions { Compressor = compressor }, store);
        z[Selector.Ellipsis] = NDArray<int>.From(Enumerable.Range(0, 10000).ToArray(), 100, 100);
        var bytes = store.Get("0.0")!;
        var trailer = codec == "zlib" ? bytes.Length - 2 : bytes.Length - 6; // a byte of the stored checksum
        bytes[trailer] ^= 0x01;
        store.Set("0.0", bytes);
        var error = Assert.Throws<ZarrCodecException>(() => z[0..2, ..]);
        Assert.Equal("0.0", error.ChunkKey);
        Assert.Throws<ZarrCodecException>(() => z.VIndex[new[] { 0, 0, 0 }, new[] { 0, 1, 2 }]);
        Assert.Throws<ZarrCodecException>(() => z[99, ..]);
    }
}
