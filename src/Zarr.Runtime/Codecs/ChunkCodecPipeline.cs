using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Zarr.DataTypes;
using Zarr.Internal;

namespace Zarr.Codecs;

/// <summary>
/// The full encode/decode path of one chunk of elements <typeparamref name="T"/>:
/// array→array (the C/F layout), array→bytes (element conversion, or the object codec of an object
/// array), then bytes→bytes (v2 filters in order, then the compressor). Decoding runs it backwards.
/// Chunks in memory are always C order with the full chunk shape.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class ChunkCodecPipeline<T>
{
    private readonly ElementConverter<T>? _converter;
    private readonly ObjectCodec? _objectCodec;
    private readonly BytesCodec[] _filters;
    private readonly BytesCodec? _compressor;
    private readonly int[] _chunkShape;
    // The transpose between the chunk (C order) and its encoded layout, or null: v2's order 'F' is the
    // reversed permutation, a v3 transpose codec any permutation.
    private readonly int[]? _permutation;
    private readonly int[] _stageItemSizes;

    // The layout facts, computed once: the decoded bytes are the elements themselves (no filter, a
    // bitwise element conversion, no transpose), and then the compressor's partial decoding, if any.
    private readonly bool _plain;
    private readonly IPartialDecoder? _partial;

    // For shards inside shards: the array→bytes stage is a whole nested shard.
    private readonly Sharding.NestedShardCodec<T>? _shard;

    /// <summary>
    /// The default of <see cref="ArrayOptions.MaxObjectChunkExpansion"/>: an object chunk may decode to
    /// at most 1024 times its stored size (and always to at least <see cref="MinObjectChunkLimit"/> bytes).
    /// </summary>
    public const int DefaultObjectChunkExpansion = 1024;

    /// <summary>The decoded size an object chunk may always reach, whatever its stored size: 16 MiB.</summary>
    public const int MinObjectChunkLimit = 16 << 20;

    private readonly int _objectExpansion;

    // The most bytes any stage of a fixed-size chunk takes: its items at the widest item size of the
    // chain (astype, fixedscaleoffset and delta may widen), doubled for each base64 filter (4/3 each),
    // plus the few header bytes checksums and packbits add.
    private readonly long _fixedStageLimit;

    /// <summary>Builds the pipeline for a chunk shape, dtype, layout and codecs.</summary>
    /// <param name="chunkShape">The chunk shape.</param>
    /// <param name="dtype">The array's dtype.</param>
    /// <param name="order">'C' or 'F'.</param>
    /// <param name="filters">The v2 filters (for an object array, the object codec first).</param>
    /// <param name="compressor">The compressor, or null.</param>
    /// <param name="maxObjectChunkExpansion">
    /// For object arrays, whose decoded size the metadata cannot tell: how many times its stored size a
    /// chunk may decode to before it is refused as a decompression bomb.
    /// </param>
    public ChunkCodecPipeline(int[] chunkShape, ZarrDType dtype, char order, IReadOnlyList<IZarrCodec> filters, BytesCodec? compressor,
        int maxObjectChunkExpansion = DefaultObjectChunkExpansion)
        : this(chunkShape, dtype, order == 'F' && chunkShape.Length > 1 ? ReversedAxes(chunkShape.Length) : null,
            filters, compressor is null ? [] : [compressor], maxObjectChunkExpansion)
    {
    }

    /// <summary>
    /// Builds the pipeline of a zarr v3 codec chain: a transpose (<paramref name="permutation"/>: encoded
    /// shape[i] = chunk shape[permutation[i]], null for none), array→array filters (for an object array
    /// the object codec first), the dtype's byte conversion, then the bytes→bytes codecs in encode order.
    /// </summary>
    internal ChunkCodecPipeline(int[] chunkShape, ZarrDType dtype, int[]? permutation, IReadOnlyList<IZarrCodec> filters, IReadOnlyList<BytesCodec> compressors,
        int maxObjectChunkExpansion = DefaultObjectChunkExpansion, Sharding.NestedShardCodec<T>? shard = null)
    {
        _shard = shard;
        ArgumentNullException.ThrowIfNull(chunkShape);
        ArgumentNullException.ThrowIfNull(dtype);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxObjectChunkExpansion);
        _objectExpansion = maxObjectChunkExpansion;
        _chunkShape = chunkShape;
        long n = 1;
        foreach (var c in chunkShape)
        {
            if (c < 0) throw new ArgumentException($"chunk shape [{string.Join(", ", chunkShape)}] has a negative length", nameof(chunkShape));
            n *= c;
            if (n > Array.MaxLength)
                throw new ArgumentException($"chunks of shape [{string.Join(", ", chunkShape)}] hold more elements than one .NET array can ({Array.MaxLength})", nameof(chunkShape));
        }
        ChunkLength = (int)n;
        if (dtype.Kind != DTypeKind.Object && (long)ChunkLength * dtype.ItemSize > Array.MaxLength)
            throw new ArgumentException($"chunks of shape [{string.Join(", ", chunkShape)}] and {dtype.ItemSize}-byte items take {(long)ChunkLength * dtype.ItemSize} bytes, more than one .NET array can hold", nameof(chunkShape));
        _permutation = permutation is { Length: > 1 } ? permutation : null;
        // The order the compressor sees the chunk in: v2's 'F' is the reversed permutation.
        var order = _permutation is not null && _permutation.SequenceEqual(Enumerable.Range(0, _permutation.Length).Reverse()) ? 'F' : 'C';
        _compressor = compressors.Count == 0 ? null : compressors[^1].ForChunk(chunkShape, dtype, order, filters.Count > 0 || compressors.Count > 1);
        var rest = new List<BytesCodec>();
        var itemSize = dtype.ItemSize;
        for (var i = 0; i < filters.Count; i++)
        {
            var f = filters[i];
            if (f is ObjectCodec oc)
            {
                if (i != 0 || dtype.Kind != DTypeKind.Object)
                    throw new ZarrCodecException(oc.Id, null, "an object codec must be the first filter of an object (|O) array.");
                if (!oc.Supports<T>())
                    throw new ZarrException($"The object codec {oc} cannot hold elements of type {typeof(T).Name}.");
                _objectCodec = oc.ForLayout(order);
                itemSize = 1;
            }
            else if (f is BytesCodec bc) rest.Add(rest.Count == 0 && _objectCodec is null ? bc.ForInput(dtype) : bc); // the first filter sees the array's own dtype
            else throw new ZarrCodecException(f.Id, null, "this codec cannot be used as a v2 filter.");
        }
        if (dtype.Kind == DTypeKind.Object && _objectCodec is null && shard is null)
            throw new ZarrException("An object (|O) array needs an object codec (vlen-utf8, vlen-bytes, vlen-array) as its first filter.");
        if (_objectCodec is null && shard is null) _converter = ElementConverters.Create<T>(dtype);
        for (var i = 0; i < compressors.Count - 1; i++) rest.Add(rest.Count == 0 && _objectCodec is null ? compressors[i].ForInput(dtype) : compressors[i]);
        _filters = rest.ToArray();
        _plain = _filters.Length == 0 && _converter is { IsBitwise: true } && _permutation is null;
        _partial = _plain ? _compressor as IPartialDecoder : null;
        _stageItemSizes = new int[_filters.Length + 1];
        _stageItemSizes[0] = itemSize;
        for (var i = 0; i < _filters.Length; i++) _stageItemSizes[i + 1] = _filters[i].GetEncodedItemSize(_stageItemSizes[i]);
        ChunkByteLength = _converter is null ? -1 : (long)ChunkLength * dtype.ItemSize;
        // Loops, not LINQ: every array's first read builds a pipeline, and a plain build compiles what it runs.
        long widest = dtype.ItemSize;
        foreach (var size in _stageItemSizes) widest = Math.Max(widest, size);
        var base64 = 0;
        foreach (var f in _filters) if (f is Base64Codec) base64++;
        _fixedStageLimit = (long)ChunkLength * widest * (1L << base64) + 1024 + 16L * _filters.Length;
    }

    // v2's order 'F': the encoded layout is the chunk transposed with its axes reversed.
    private static int[] ReversedAxes(int rank)
    {
        var axes = new int[rank];
        for (var i = 0; i < rank; i++) axes[i] = rank - 1 - i;
        return axes;
    }

    /// <summary>
    /// The most bytes a decode stage may produce: for fixed-size items what the chunk's items can take
    /// at any stage of the chain; for object arrays a multiple of the stored size
    /// (<paramref name="storedLength"/>). A stream that decodes to more is corrupt or a decompression bomb,
    /// and fails before anything larger is allocated.
    /// </summary>
    private int DecodeLimit(int storedLength)
    {
        long limit = _converter is null
            ? Math.Max(MinObjectChunkLimit, (long)storedLength * _objectExpansion)
            : _fixedStageLimit;
        return (int)Math.Min(limit, Array.MaxLength);
    }


    /// <summary>Elements per chunk.</summary>
    public int ChunkLength { get; }

    /// <summary>Bytes of one decoded chunk for fixed-size types; -1 for object arrays.</summary>
    public long ChunkByteLength { get; }

    /// <summary>Decodes a stored chunk into <paramref name="chunk"/> (C order, full chunk shape).</summary>
    public void Decode(ReadOnlySpan<byte> encoded, Span<T> chunk, string key)
    {
        try
        {
            DecodeCore(encoded, chunk, key);
        }
        catch (ZarrCodecException e)
        {
            throw e.WithChunkKey(key);
        }
    }

    /// <summary>
    /// Decodes at least the elements [<paramref name="start"/>, <paramref name="end"/>) of a stored
    /// chunk into the same positions of <paramref name="chunk"/>; other elements may be left as they
    /// were. Only the plain layout (C order, no filters, elements stored as their bytes) decodes
    /// partially, through <see cref="IPartialDecoder.DecodeRangeInto"/>; anything else decodes whole.
    /// </summary>
    public void DecodeRange(ReadOnlySpan<byte> encoded, Span<T> chunk, int start, int end, string key)
    {
        if (start <= 0 && end >= chunk.Length || !_plain || _compressor is not null && _partial is null)
        {
            Decode(encoded, chunk, key);
            return;
        }
        try
        {
            var size = Unsafe.SizeOf<T>();
            var target = MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(chunk)), checked(chunk.Length * size));
            if (_compressor is null)
            {
                if (encoded.Length != target.Length) throw SizeError(encoded.Length, target.Length);
                encoded[(start * size)..(end * size)].CopyTo(target[(start * size)..]);
            }
            else _partial!.DecodeRangeInto(encoded, target, start * size, end * size);
        }
        catch (ZarrCodecException e)
        {
            throw e.WithChunkKey(key);
        }
    }

    /// <summary>
    /// Reads the elements at flat chunk offsets <paramref name="offsets"/> into <paramref name="values"/>
    /// without decoding the whole chunk, when the layout is plain and the compressor can pick items
    /// (<see cref="IPartialDecoder.TryGatherItems"/>); false when the caller must decode the chunk.
    /// </summary>
    public bool TryGatherPoints(ReadOnlySpan<byte> encoded, ReadOnlySpan<int> offsets, Span<T> values, string key)
    {
        if (_partial is null) return false;
        try
        {
            var bytes = MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(values)), checked(values.Length * Unsafe.SizeOf<T>()));
            return _partial.TryGatherItems(encoded, (int)ChunkByteLength, Unsafe.SizeOf<T>(), offsets, bytes);
        }
        catch (ZarrCodecException e)
        {
            throw e.WithChunkKey(key);
        }
    }

    /// <summary>
    /// Decodes the chunk items the <paramref name="runs"/> name straight to their places in
    /// <paramref name="output"/> (item offsets relative to it): a whole chunk that is one run through
    /// any layout and codec, other runs when the layout is plain and the compressor can decode only
    /// them (<see cref="IPartialDecoder.TryDecodeRuns"/>). False when the caller must decode the chunk and
    /// copy the runs itself.
    /// </summary>
    public bool TryDecodeRuns(ReadOnlySpan<byte> encoded, ReadOnlySpan<ItemRun> runs, Span<T> output, int threads, string key)
    {
        if (runs.Length == 1 && runs[0].Source == 0 && runs[0].Count == ChunkLength)
        {
            Decode(encoded, output.Slice(runs[0].Destination, ChunkLength), key);
            return true;
        }
        if (_partial is null) return false;
        var size = Unsafe.SizeOf<T>();
        if ((long)output.Length * size > int.MaxValue) return false;
        try
        {
            var bytes = MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(output)), output.Length * size);
            return _partial.TryDecodeRuns(encoded, (int)ChunkByteLength, size, runs, bytes, threads);
        }
        catch (ZarrCodecException e)
        {
            throw e.WithChunkKey(key);
        }
    }

    private void DecodeCore(ReadOnlySpan<byte> encoded, Span<T> chunk, string key)
    {
        // Fast path: the decoded bytes are exactly the caller's memory.
        if (_plain)
        {
            var target = MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(chunk)), checked(chunk.Length * Unsafe.SizeOf<T>()));
            var written = _compressor is null ? CopyRaw(encoded, target) : _compressor.DecodeInto(encoded, target);
            if (written != target.Length) throw SizeError(written, target.Length);
            return;
        }

        PooledBufferWriter? current = null;
        try
        {
            ReadOnlySpan<byte> bytes = encoded;
            var limit = DecodeLimit(encoded.Length);
            if (_compressor is not null)
            {
                current = new PooledBufferWriter(ChunkByteLength > 0 ? (int)Math.Min(ChunkByteLength + 64, limit) : Math.Min(encoded.Length * 4 + 64, limit), limit, _compressor.Id);
                _compressor.Decode(bytes, current);
                bytes = current.WrittenSpan;
            }
            for (var i = _filters.Length - 1; i >= 0; i--)
            {
                var next = new PooledBufferWriter(Math.Min(bytes.Length + 64, limit), limit, _filters[i].Id);
                _filters[i].Decode(bytes, next);
                current?.Dispose();
                current = next;
                bytes = current.WrittenSpan;
            }
            var rented = _permutation is not null ? ArrayPool<T>.Shared.Rent(ChunkLength) : null;
            try
            {
                var dst = _permutation is not null ? rented.AsSpan(0, ChunkLength) : chunk;
                if (_objectCodec is not null)
                {
                    _objectCodec.Decode(bytes, _chunkShape, dst);
                }
                else if (_shard is not null)
                {
                    _shard.Decode(bytes, dst);
                }
                else
                {
                    if (bytes.Length != ChunkByteLength) throw SizeError(bytes.Length, ChunkByteLength);
                    _converter!.Decode(bytes, dst);
                }
                if (_permutation is not null) Layout.FromEncoded<T>(dst, chunk, _chunkShape, _permutation);
            }
            finally
            {
                if (rented is not null) ArrayPool<T>.Shared.Return(rented, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            }
        }
        finally
        {
            current?.Dispose();
        }
    }

    private static int CopyRaw(ReadOnlySpan<byte> encoded, Span<byte> target)
    {
        if (encoded.Length != target.Length) return encoded.Length;
        encoded.CopyTo(target);
        return encoded.Length;
    }

    private static ZarrCodecException SizeError(long actual, long expected) =>
        new("pipeline", null, $"the decoded chunk has {actual} bytes but the chunk shape and dtype need {expected}");

    /// <summary>Encodes a chunk (C order, full chunk shape) into <paramref name="output"/>.</summary>
    public void Encode(ReadOnlySpan<T> chunk, PooledBufferWriter output, string key)
    {
        try
        {
            EncodeCore(chunk, output);
        }
        catch (ZarrCodecException e)
        {
            throw e.WithChunkKey(key);
        }
    }

    private void EncodeCore(ReadOnlySpan<T> chunk, PooledBufferWriter output)
    {
        T[]? rented = null;
        PooledBufferWriter? current = null;
        try
        {
            if (_permutation is not null && _objectCodec is not { EncodesLogicalOrder: true })
            {
                rented = ArrayPool<T>.Shared.Rent(ChunkLength);
                Layout.ToEncoded(chunk, rented.AsSpan(0, ChunkLength), _chunkShape, _permutation!);
                chunk = rented.AsSpan(0, ChunkLength);
            }
            ReadOnlySpan<byte> bytes;
            if (_converter is { IsBitwise: true } && _permutation is null)
            {
                bytes = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(chunk)), checked(chunk.Length * Unsafe.SizeOf<T>()));
            }
            else
            {
                current = new PooledBufferWriter(ChunkByteLength > 0 ? (int)ChunkByteLength : 4096);
                if (_objectCodec is not null) _objectCodec.Encode(chunk, _chunkShape, current);
                else if (_shard is not null) _shard.Encode(chunk, current);
                else
                {
                    var span = current.GetSpan((int)ChunkByteLength);
                    _converter!.Encode(chunk, span[..(int)ChunkByteLength]);
                    current.Advance((int)ChunkByteLength);
                }
                bytes = current.WrittenSpan;
            }
            for (var i = 0; i < _filters.Length; i++)
            {
                var next = new PooledBufferWriter(bytes.Length + 64);
                _filters[i].Encode(bytes, _stageItemSizes[i], next);
                current?.Dispose();
                current = next;
                bytes = current.WrittenSpan;
            }
            if (_compressor is not null) _compressor.Encode(bytes, _stageItemSizes[^1], output);
            else output.Write(bytes);
        }
        finally
        {
            current?.Dispose();
            if (rented is not null) ArrayPool<T>.Shared.Return(rented, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }
}
