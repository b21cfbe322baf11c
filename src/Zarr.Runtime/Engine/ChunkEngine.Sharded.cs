using System.Runtime.ExceptionServices;
using Zarr.Codecs.Sharding;
using Zarr.Indexing;
using Zarr.Internal;
using Zarr.Metadata.V3;

namespace Zarr.Engine;

// Reads and writes of sharded arrays (zarr v3 sharding_indexed). Selections are planned over the inner
// chunks; the regions are grouped by shard. A read fetches only what it needs: a shard read whole when
// the selection touches all its inner chunks, else the index (a suffix range when it sits at the end)
// and the byte ranges of the touched inner chunks, nearby ranges merged into one request. A write
// rewrites one shard in one put under the shard's lock, keeping every inner chunk it does not touch
// byte for byte.
internal sealed partial class ChunkEngine<T>
{
    // Ranges closer than this are fetched as one request (zarr-python 3.3 merges within 1 MiB as well).
    private const int CoalesceGap = 1 << 20;

    // A merged request is not grown beyond this many bytes.
    private const int CoalesceMax = 16 << 20;

    private sealed class ShardWork(long[] coords)
    {
        public long[] Coords { get; } = coords;

        public List<ChunkRegion> Regions { get; } = [];
    }

    private List<ShardWork> GroupByShard(IReadOnlyList<ChunkRegion> regions, ShardingSpec spec)
    {
        var byKey = new Dictionary<string, ShardWork>(StringComparer.Ordinal);
        var order = new List<ShardWork>();
        foreach (var region in regions)
        {
            var coords = new long[region.ChunkCoords.Length];
            for (var d = 0; d < coords.Length; d++) coords[d] = region.ChunkCoords[d] / spec.ChunksPerShard[d];
            var key = ChunkKey(coords);
            if (!byKey.TryGetValue(key, out var work))
            {
                byKey[key] = work = new ShardWork(coords);
                order.Add(work);
            }
            work.Regions.Add(region);
        }
        return order;
    }

    // The position of a region's inner chunk in its shard's index (C order of the inner chunk grid).
    private static int InnerIndex(ChunkRegion region, ShardingSpec spec)
    {
        long index = 0;
        for (var d = 0; d < spec.ChunksPerShard.Length; d++) index = index * spec.ChunksPerShard[d] + region.ChunkCoords[d] % spec.ChunksPerShard[d];
        return (int)index;
    }

    private static string InnerKey(string shardKey, ChunkRegion region, ShardingSpec spec)
    {
        var inner = new long[region.ChunkCoords.Length];
        for (var d = 0; d < inner.Length; d++) inner[d] = region.ChunkCoords[d] % spec.ChunksPerShard[d];
        return $"{shardKey}, inner chunk {InfoReport.Tuple(inner)}";
    }

    private void ReadSharded(SelectionPlan plan, Memory<T> output, ShardingSpec spec)
    {
        var shards = GroupByShard(plan.Regions, spec);
        var dop = DegreeOfParallelism;
        // With fewer shards than threads, the inner chunks of one shard are decoded in parallel too.
        var innerThreads = shards.Count >= dop ? 1 : Math.Max(1, dop / Math.Max(1, shards.Count));
        ForEachItem(shards, dop, shard => ReadShard(shard, output, spec, innerThreads));
    }

    private void ReadShard(ShardWork shard, Memory<T> output, ShardingSpec spec, int threads)
    {
        var key = ChunkKey(shard.Coords);
        if (shard.Regions.Count >= InnerChunksInArray(shard, spec))
        {
            // Every inner chunk that holds array elements is wanted: one request for the whole shard.
            using var whole = Store.GetPooled(key);
            if (whole is null)
            {
                ForEachItem(shard.Regions, threads, r => GatherChunk(r, key, null, output.Span, 1));
                return;
            }
            var bytes = whole.Memory;
            var index = DecodeIndex(bytes.Span, spec, key);
            ForEachItem(shard.Regions, threads, r =>
                GatherChunk(r, InnerKey(key, r, spec), index.TryGet(InnerIndex(r, spec), out var o, out var n) ? bytes.Slice((int)o, n) : (ReadOnlyMemory<byte>?)null, output.Span, 1));
            return;
        }

        var length = (int)spec.IndexByteLength;
        var encodedIndex = Store.GetRange(key, spec.IndexAtEnd ? -length : 0, length);
        if (encodedIndex is null)
        {
            ForEachItem(shard.Regions, threads, r => GatherChunk(r, key, null, output.Span, 1));
            return;
        }
        var idx = ShardIndex.Decode(encodedIndex, spec, -1, key);
        var wanted = new List<(ChunkRegion Region, long Offset, int Length)>();
        foreach (var r in shard.Regions)
        {
            if (idx.TryGet(InnerIndex(r, spec), out var o, out var n)) wanted.Add((r, o, n));
            else GatherChunk(r, key, null, output.Span, 1);
        }
        if (wanted.Count == 0) return;
        wanted.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        // Merge neighbours into requests, then decode each inner chunk from the request that holds it.
        var start = 0;
        while (start < wanted.Count)
        {
            var from = wanted[start].Offset;
            var to = from + wanted[start].Length;
            var end = start + 1;
            while (end < wanted.Count && wanted[end].Offset - to <= CoalesceGap && Math.Max(to, wanted[end].Offset + wanted[end].Length) - from <= CoalesceMax)
            {
                to = Math.Max(to, wanted[end].Offset + wanted[end].Length);
                end++;
            }
            var fetched = Store.GetRange(key, from, (int)(to - from));
            if (fetched is null || fetched.Length < to - from)
                throw ShardIndex.Error(key, $"the index points at bytes [{from}, {to}) but the shard {(fetched is null ? "is gone" : $"ends at byte {from + fetched.Length}")}.");
            var group = wanted.GetRange(start, end - start);
            var memory = (ReadOnlyMemory<byte>)fetched;
            ForEachItem(group, threads, w => GatherChunk(w.Region, InnerKey(key, w.Region, spec), memory.Slice((int)(w.Offset - from), w.Length), output.Span, 1));
            start = end;
        }
    }

    private static ShardIndex DecodeIndex(ReadOnlySpan<byte> shard, ShardingSpec spec, string key)
    {
        var length = (int)spec.IndexByteLength;
        if (shard.Length < length)
            throw ShardIndex.Error(key, $"the shard has {shard.Length} bytes, fewer than its {length}-byte index.");
        var encoded = spec.IndexAtEnd ? shard[^length..] : shard[..length];
        return ShardIndex.Decode(encoded, spec, shard.Length, key);
    }

    private void WriteSharded(SelectionPlan plan, ChunkUpdate<T> update, ShardingSpec spec)
    {
        var writeEmpty = WritesEmptyChunks;
        var shards = GroupByShard(plan.Regions, spec);
        ForEachItem(shards, DegreeOfParallelism, shard =>
        {
            var key = ChunkKey(shard.Coords);
            if (Settings.Synchronizer is Synchronization.OptimisticSynchronizer optimistic)
            {
                WriteShardOptimistically(shard, key, update, writeEmpty, spec, optimistic);
                return;
            }
            using var shardLock = Settings.Synchronizer?.Acquire(key);
            var whole = CoversWholeShard(shard, spec);
            using var stored = whole ? null : Store.GetPooled(key);
            using var encoded = UpdateShard(shard, key, stored?.Memory, update, writeEmpty, spec);
            if (encoded is null) Store.Delete(key);
            else Store.Set(key, encoded.WrittenSpan);
        });
    }

    private void WriteShardOptimistically(ShardWork shard, string key, ChunkUpdate<T> update, bool writeEmpty, ShardingSpec spec, Synchronization.OptimisticSynchronizer optimistic)
    {
        if (Store is not Stores.IConditionalStore conditional)
            throw new ZarrException($"Store {Store.StoreTypeName} has no conditional writes, which {optimistic.TypeName} needs (array '{MetadataKey}').");
        for (var attempt = 1; ; attempt++)
        {
            var stored = conditional.GetVersioned(key, out var version);
            using var encoded = UpdateShard(shard, key, stored is null ? null : (ReadOnlyMemory<byte>?)stored, update, writeEmpty, spec); // a null byte[] would convert to an empty memory
            var won = encoded is null
                ? version is null || conditional.TryDelete(key, version)
                : conditional.TrySet(key, encoded.WrittenSpan, version);
            if (won) return;
            optimistic.NoteConflict();
            if (attempt >= optimistic.MaxAttempts)
                throw new ZarrException($"Shard '{key}' changed under {attempt} attempts to update it: too many writers on one shard ({optimistic.TypeName}).");
            Thread.Sleep(Random.Shared.Next(0, Math.Min(50, 1 << Math.Min(attempt, 6))));
        }
    }

    // How many of the shard's inner chunks hold array elements (fewer than all in an edge shard).
    private long InnerChunksInArray(ShardWork shard, ShardingSpec spec)
    {
        long inside = 1;
        for (var d = 0; d < spec.ChunksPerShard.Length; d++)
        {
            var firstInner = shard.Coords[d] * spec.ChunksPerShard[d];
            var innerInArray = (_array.Metadata.Shape[d] + spec.InnerChunks[d] - 1) / spec.InnerChunks[d];
            inside *= Math.Clamp(innerInArray - firstInner, 0, spec.ChunksPerShard[d]);
        }
        return inside;
    }

    // Whether the regions overwrite every inner chunk of the shard that holds array elements.
    private bool CoversWholeShard(ShardWork shard, ShardingSpec spec)
    {
        if (shard.Regions.Count < InnerChunksInArray(shard, spec)) return false;
        foreach (var r in shard.Regions) if (!r.CoversWholeChunk(spec.InnerChunks)) return false;
        return true;
    }

    /// <summary>
    /// The new bytes of a shard: each region's inner chunk updated (from its stored bytes unless the
    /// region covers it) and encoded; every other stored inner chunk copied as it was. Null when no
    /// inner chunk remains (the shard is deleted).
    /// </summary>
    private PooledBufferWriter? UpdateShard(ShardWork shard, string key, ReadOnlyMemory<byte>? stored, ChunkUpdate<T> update, bool writeEmpty, ShardingSpec spec)
    {
        var oldIndex = stored is { } s ? DecodeIndex(s.Span, spec, key) : ShardIndex.CreateEmpty(spec.InnerChunkCount);
        var count = oldIndex.Count;
        var updated = new PooledBufferWriter?[count];
        var touched = new bool[count];
        try
        {
            foreach (var region in shard.Regions)
            {
                var inner = InnerIndex(region, spec);
                var whole = region.CoversWholeChunk(spec.InnerChunks);
                ReadOnlyMemory<byte>? old = !whole && stored is { } st && oldIndex.TryGet(inner, out var o, out var n) ? st.Slice((int)o, n) : (ReadOnlyMemory<byte>?)null;
                updated[inner]?.Dispose();
                updated[inner] = UpdateChunk(region, InnerKey(key, region, spec), old, whole, update, writeEmpty);
                touched[inner] = true;
            }
            var index = ShardIndex.CreateEmpty(count);
            var indexLength = (int)spec.IndexByteLength;
            long total = indexLength;
            for (var i = 0; i < count; i++)
            {
                if (touched[i]) total += updated[i]?.WrittenCount ?? 0;
                else if (oldIndex.TryGet(i, out _, out var n)) total += n;
            }
            if (total == indexLength) return null; // nothing stored: delete the shard
            if (total > Array.MaxLength) throw ShardIndex.Error(key, $"the shard would take {total} bytes, more than one buffer holds.");
            var output = new PooledBufferWriter((int)total);
            try
            {
                if (!spec.IndexAtEnd)
                {
                    output.GetSpan(indexLength);
                    output.Advance(indexLength); // filled in once the offsets are known
                }
                long offset = spec.IndexAtEnd ? 0 : indexLength;
                for (var i = 0; i < count; i++)
                {
                    ReadOnlySpan<byte> bytes;
                    if (touched[i])
                    {
                        if (updated[i] is not { } w) continue;
                        bytes = w.WrittenSpan;
                    }
                    else if (stored is { } st && oldIndex.TryGet(i, out var o, out var n)) bytes = st.Span.Slice((int)o, n);
                    else continue;
                    bytes.CopyTo(output.GetSpan(bytes.Length));
                    output.Advance(bytes.Length);
                    index.Set(i, offset, bytes.Length, stored: true);
                    offset += bytes.Length;
                }
                if (spec.IndexAtEnd)
                {
                    index.Encode(output.GetSpan(indexLength), spec);
                    output.Advance(indexLength);
                }
                else index.Encode(output.WrittenSpanForUpdate[..indexLength], spec);
                return output;
            }
            catch
            {
                output.Dispose();
                throw;
            }
        }
        finally
        {
            foreach (var w in updated) w?.Dispose();
        }
    }

    // Parallel.ForEach runs the body on the calling thread too (see ForEachRegion).
    private static void ForEachItem<TItem>(IReadOnlyList<TItem> items, int dop, Action<TItem> body)
    {
        if (items.Count <= 1 || dop <= 1)
        {
            foreach (var item in items) body(item);
            return;
        }
        try
        {
            Parallel.ForEach(items, new ParallelOptions { MaxDegreeOfParallelism = dop }, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }
}
