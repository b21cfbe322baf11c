using System.Buffers;
using System.Runtime.CompilerServices;
using Zarr.Internal;
using Zarr.Metadata.V3;

namespace Zarr.Codecs.Sharding;

/// <summary>
/// A <c>sharding_indexed</c> codec used as the array→bytes stage of an inner chunk: shards inside
/// shards. The outermost shards are read piece by piece by the array; a shard nested in one is
/// decoded and encoded whole here, each of its inner chunks through its own pipeline.
/// </summary>
internal sealed class NestedShardCodec<T>
{
    private readonly ShardingSpec _spec;
    private readonly ChunkCodecPipeline<T> _inner;
    private readonly int[] _shape;
    private readonly T _fill;

    public NestedShardCodec(ShardingSpec spec, ChunkCodecPipeline<T> inner, T fill)
    {
        _spec = spec;
        _inner = inner;
        _shape = spec.ShardShape;
        _fill = fill;
    }

    /// <summary>Decodes a whole shard into <paramref name="chunk"/> (C order, the shard's shape).</summary>
    public void Decode(ReadOnlySpan<byte> shard, Span<T> chunk)
    {
        // Errors carry no key here: the pipeline adds the key of the outer chunk this shard is stored in.
        string? where = null;
        var length = (int)_spec.IndexByteLength;
        if (shard.Length < length) throw ShardIndex.Error(where, $"the nested shard has {shard.Length} bytes, fewer than its {length}-byte index.");
        var index = ShardIndex.Decode(_spec.IndexAtEnd ? shard[^length..] : shard[..length], _spec, shard.Length, where);
        var buffer = ArrayPool<T>.Shared.Rent(_inner.ChunkLength);
        try
        {
            var block = buffer.AsSpan(0, _inner.ChunkLength);
            for (var i = 0; i < index.Count; i++)
            {
                if (index.TryGet(i, out var offset, out var n)) DecodeInner(shard.Slice((int)offset, n), block, i);
                else block.Fill(_fill);
                CopyBlock(block, chunk, Origin(i), toChunk: true);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }

    private void DecodeInner(ReadOnlySpan<byte> bytes, Span<T> block, int i)
    {
        try
        {
            _inner.Decode(bytes, block, $"inner chunk {i} of a nested shard");
        }
        catch (ZarrCodecException e)
        {
            // Re-raised without a key, so that the outer chunk's key is the one reported.
            throw new ZarrCodecException(e.CodecId, null, $"inner chunk {i} of a nested shard: {e.Detail}", e);
        }
    }

    /// <summary>Encodes a whole shard (every inner chunk stored), index at its configured place.</summary>
    public void Encode(ReadOnlySpan<T> chunk, PooledBufferWriter output)
    {
        var count = (int)_spec.InnerChunkCount;
        var index = ShardIndex.CreateEmpty(count);
        var indexLength = (int)_spec.IndexByteLength;
        var buffer = ArrayPool<T>.Shared.Rent(_inner.ChunkLength);
        var encoded = new PooledBufferWriter?[count];
        try
        {
            var block = buffer.AsSpan(0, _inner.ChunkLength);
            long offset = _spec.IndexAtEnd ? 0 : indexLength;
            for (var i = 0; i < count; i++)
            {
                CopyBlock(chunk, block, Origin(i), toChunk: false);
                var w = encoded[i] = new PooledBufferWriter(4096);
                _inner.Encode(block, w, $"nested shard, inner chunk {i}");
                index.Set(i, offset, w.WrittenCount, stored: true);
                offset += w.WrittenCount;
            }
            var header = new byte[indexLength];
            index.Encode(header, _spec);
            if (!_spec.IndexAtEnd) output.Write(header);
            foreach (var w in encoded) output.Write(w!.WrittenSpan);
            if (_spec.IndexAtEnd) output.Write(header);
        }
        finally
        {
            foreach (var w in encoded) w?.Dispose();
            ArrayPool<T>.Shared.Return(buffer, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }

    // The element coordinates, in the shard, where inner chunk i (C order of the inner grid) starts.
    private int[] Origin(int i)
    {
        var rank = _shape.Length;
        var origin = new int[rank];
        for (var d = rank - 1; d >= 0; d--)
        {
            origin[d] = i % _spec.ChunksPerShard[d] * _spec.InnerChunks[d];
            i /= _spec.ChunksPerShard[d];
        }
        return origin;
    }

    // Copies an inner chunk between its own C-order buffer and its block of the shard, row by row.
    private void CopyBlock(ReadOnlySpan<T> from, Span<T> to, int[] origin, bool toChunk)
    {
        var inner = _spec.InnerChunks;
        var rank = inner.Length;
        if (rank == 0)
        {
            from[..1].CopyTo(to);
            return;
        }
        var row = inner[rank - 1];
        var rows = 1;
        for (var d = 0; d < rank - 1; d++) rows *= inner[d];
        var index = new int[Math.Max(0, rank - 1)];
        for (var r = 0; r < rows; r++)
        {
            long chunkOffset = 0;
            for (var d = 0; d < rank; d++) chunkOffset = chunkOffset * _shape[d] + origin[d] + (d < rank - 1 ? index[d] : 0);
            var blockOffset = r * row;
            if (toChunk) from.Slice(blockOffset, row).CopyTo(to.Slice((int)chunkOffset, row));
            else from.Slice((int)chunkOffset, row).CopyTo(to.Slice(blockOffset, row));
            for (var d = rank - 2; d >= 0; d--)
            {
                if (++index[d] < inner[d]) break;
                index[d] = 0;
            }
        }
    }
}
