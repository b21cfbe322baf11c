using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Zarr.Codecs;
using Zarr.DataTypes;
using Zarr.Indexing;
using Zarr.Internal;
using Zarr.Metadata;
using Zarr.Stores;

namespace Zarr;

/// <summary>
/// A Zarr array with element type <typeparamref name="T"/>: reads and writes selections. Each chunk a
/// selection touches is fetched and decoded once, chunks are processed in parallel, partial writes
/// read-modify-write only the chunks they touch, and every chunk is stored in one atomic put.
/// </summary>
/// <typeparam name="T">The .NET element type (see <see cref="ElementConverters.ExpectedTypeName"/>).</typeparam>
public sealed partial class ZarrArray<T> : ZarrArray
{
    private readonly ChunkCodecPipeline<T> _pipeline;
    private readonly T _fill;
    private readonly Func<T, bool> _isFill;

    internal ZarrArray(ZarrStore store, string path, bool readOnly, ArrayMetadata metadata, ArraySettings settings)
        : base(store, path, readOnly, metadata, settings)
    {
        _pipeline = new ChunkCodecPipeline<T>(metadata.Chunks, metadata.DType, metadata.Order, Filters, Compressor, settings.MaxObjectChunkExpansion);
        _fill = ComputeFill(metadata);
        _isFill = FillEquality.For(metadata.DType, _fill);
    }

    private T ComputeFill(ArrayMetadata meta)
    {
        if (meta.DType.Kind == DTypeKind.Object)
        {
            var oc = (ObjectCodec)Filters[0];
            if (typeof(T) == typeof(string) && meta.FillValue is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s)) return (T)(object)s;
            return oc.FillValue<T>(meta.FillValue);
        }
        var converter = ElementConverters.Create<T>(meta.DType);
        var bytes = FillValueCodec.ToBytes(meta.DType, meta.FillValue, MetadataKey) ?? new byte[meta.DType.ItemSize];
        return converter.DecodeOne(bytes);
    }

    /// <summary>The fill value as <typeparamref name="T"/> (zeros when the array has none).</summary>
    public T Fill => _fill;

    // ---- basic selection ----------------------------------------------------------------------

    /// <summary>
    /// Basic selection (integers, ranges, stepped slices, ellipsis): get or set. As in zarr-python,
    /// one integer or integer array per dimension with at least one array is a coordinate selection
    /// (<c>z[new[] { 0, 2 }, new[] { 1, 3 }]</c> is <c>z.VIndex[...]</c>).
    /// </summary>
    public NDArray<T> this[params Selector[] selection]
    {
        get => Get(selection);
        set => Set(selection, value);
    }

    /// <summary>Reads a basic selection (or a coordinate selection, when the selection is pure fancy indexing).</summary>
    public NDArray<T> Get(params Selector[] selection) => IsPureFancy(selection) ? GetCoordinateSelection(selection) : Read(OrthogonalIndexer.Plan(OrthogonalIndexer.Resolve(selection, Metadata.Shape, allowArrays: false), Metadata.Chunks));

    /// <summary>Reads a basic selection into a caller-owned array (C order, exactly the selection's size).</summary>
    public void Get(Selector[] selection, T[] destination) => Get(selection, destination.AsMemory());

    /// <summary>
    /// Reads a basic selection into memory the caller owns (C order, exactly the selection's size):
    /// no result array is allocated, and chunks are still decoded in parallel.
    /// </summary>
    public void Get(Selector[] selection, Memory<T> destination) => ReadChecked(BasicPlan(selection), destination);

    /// <summary>Reads an orthogonal selection into memory the caller owns (C order, exactly the selection's size).</summary>
    public void GetOrthogonalSelection(Selector[] selection, Memory<T> destination) => ReadChecked(OrthogonalPlan(selection), destination);

    /// <summary>
    /// Reads a basic selection into a span the caller owns (C order, exactly the selection's size).
    /// For element types without references the span is pinned for the call and chunks are decoded
    /// in parallel, as for <see cref="Get(Selector[], Memory{T})"/>; otherwise (strings, objects) one
    /// chunk after another, since a span cannot be handed to other threads.
    /// </summary>
    public void Get(Selector[] selection, Span<T> destination) => ReadChecked(BasicPlan(selection), destination);

    /// <summary>Reads an orthogonal selection into a span the caller owns (see <see cref="Get(Selector[], Span{T})"/>).</summary>
    public void GetOrthogonalSelection(Selector[] selection, Span<T> destination) => ReadChecked(OrthogonalPlan(selection), destination);

    private void ReadChecked(SelectionPlan plan, Memory<T> destination)
    {
        CheckDestination(plan, destination.Length);
        ReadInto(plan, destination);
    }

    private unsafe void ReadChecked(SelectionPlan plan, Span<T> destination)
    {
        CheckDestination(plan, destination.Length);
        if (destination.IsEmpty) return;
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            foreach (var region in plan.Regions)
            {
                var key = ChunkKey(region.ChunkCoords);
                using var stored = Store.GetPooled(key);
                GatherChunk(region, key, stored?.Memory, destination, DegreeOfParallelism);
            }
            return;
        }
        fixed (byte* pointer = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(destination)))
        {
            ReadInto(plan, new PinnedMemory<T>(pointer, destination.Length).Memory);
        }
    }

    private static void CheckDestination(SelectionPlan plan, int length)
    {
        if (length != plan.OutLength)
            throw new ArgumentException($"The destination holds {length} elements but the selection has {plan.OutLength} ({InfoReport.Tuple(plan.OutShape)}).", "destination");
    }

    /// <summary>Reads the whole array.</summary>
    public NDArray<T> Read() => Get(Selector.Ellipsis);

    /// <summary>Writes an array of the selection's shape (or a broadcastable one) into a basic selection.</summary>
    public void Set(Selector[] selection, NDArray<T> value)
    {
        if (IsPureFancy(selection)) SetCoordinateSelection(selection, value);
        else Write(OrthogonalIndexer.Plan(OrthogonalIndexer.Resolve(selection, Metadata.Shape, allowArrays: false), Metadata.Chunks), value);
    }

    /// <summary>Writes one value into every element of a basic selection (or of a coordinate selection, for pure fancy indexing).</summary>
    public void Set(Selector[] selection, T value)
    {
        if (IsPureFancy(selection)) SetCoordinateSelection(selection, value);
        else WriteScalar(OrthogonalIndexer.Plan(OrthogonalIndexer.Resolve(selection, Metadata.Shape, allowArrays: false), Metadata.Chunks), value);
    }

    /// <summary>Reads one element; negative indices count from the end.</summary>
    public T GetValue(params long[] index)
    {
        if (index.Length != NDim) throw new ArgumentException($"Expected {NDim} indices, got {index.Length}.", nameof(index));
        return Get(index.Select(i => (Selector)i).ToArray()).Data[0];
    }

    /// <summary>Writes one element; negative indices count from the end.</summary>
    public void SetValue(long[] index, T value)
    {
        if (index.Length != NDim) throw new ArgumentException($"Expected {NDim} indices, got {index.Length}.", nameof(index));
        Set(index.Select(i => (Selector)i).ToArray(), value);
    }

    // ---- orthogonal selection -------------------------------------------------------------------

    /// <summary>Orthogonal selection: per dimension an integer, a slice, an integer array or a boolean mask.</summary>
    public NDArray<T> GetOrthogonalSelection(params Selector[] selection) =>
        Read(OrthogonalIndexer.Plan(OrthogonalIndexer.Resolve(selection, Metadata.Shape, allowArrays: true), Metadata.Chunks));

    /// <summary>Writes an array of the selection's shape into an orthogonal selection.</summary>
    public void SetOrthogonalSelection(Selector[] selection, NDArray<T> value) =>
        Write(OrthogonalIndexer.Plan(OrthogonalIndexer.Resolve(selection, Metadata.Shape, allowArrays: true), Metadata.Chunks), value);

    /// <summary>Writes one value into every element of an orthogonal selection.</summary>
    public void SetOrthogonalSelection(Selector[] selection, T value) =>
        WriteScalar(OrthogonalIndexer.Plan(OrthogonalIndexer.Resolve(selection, Metadata.Shape, allowArrays: true), Metadata.Chunks), value);

    /// <summary>Orthogonal indexing with brackets (zarr-python's <c>oindex</c>).</summary>
    public OrthogonalIndexerView<T> OIndex => _oindex ??= new(this);

    private OrthogonalIndexerView<T>? _oindex;

    // ---- append -------------------------------------------------------------------------------

    /// <summary>Grows the array along <paramref name="axis"/> and writes <paramref name="data"/> into the new part; returns the new shape.</summary>
    /// <remarks>With a synchronizer the whole append runs under the array's metadata lock (see <see cref="ZarrArray.Resize"/>).</remarks>
    public long[] Append(NDArray<T> data, int axis = 0)
    {
        EnsureWritable();
        using var arrayLock = AcquireArrayLock();
        var shape = Shape;
        if (axis < 0) axis += NDim;
        if (axis < 0 || axis >= NDim) throw new ArgumentOutOfRangeException(nameof(axis), $"Axis {axis} is out of range for an array of {NDim} dimensions.");
        if (data.Rank != NDim) throw new ArgumentException($"The appended data has {data.Rank} dimensions; the array has {NDim}.", nameof(data));
        for (var d = 0; d < NDim; d++)
        {
            if (d != axis && data.Shape[d] != shape[d])
                throw new ArgumentException($"The appended data has length {data.Shape[d]} in dimension {d}, but the array has {shape[d]}.", nameof(data));
        }
        var newShape = (long[])shape.Clone();
        newShape[axis] += data.Shape[axis];
        ResizeCore(newShape);
        var sel = new Selector[NDim];
        for (var d = 0; d < NDim; d++) sel[d] = d == axis ? Selector.Slice(shape[axis], newShape[axis]) : Selector.All;
        Set(sel, data);
        return newShape;
    }

    // ---- the engine ---------------------------------------------------------------------------

    internal NDArray<T> Read(SelectionPlan plan)
    {
        var output = LargeArrays.AllocateForOverwrite<T>(plan.OutLength); // every element is written by exactly one region
        ReadInto(plan, output);
        return new NDArray<T>(output, plan.OutShape);
    }

    internal void ReadInto(SelectionPlan plan, Memory<T> output)
    {
        // Threads left for one chunk's codec when there are fewer chunks than threads (a small window).
        var dop = DegreeOfParallelism;
        var codecThreads = plan.Regions.Count >= dop ? 1 : dop / Math.Max(1, plan.Regions.Count);
        ForEachRegion(plan.Regions, region =>
        {
            var key = ChunkKey(region.ChunkCoords);
            using var stored = Store.GetPooled(key); // chunk after chunk reuses pooled buffers
            GatherChunk(region, key, stored?.Memory, output.Span, codecThreads);
        });
    }

    /// <summary>
    /// Sparse points of one chunk read straight from its encoded form when the compressor can pick
    /// items (Blosc: no unshuffle of whole blocks, no chunk buffer); false to decode the chunk instead.
    /// </summary>
    private bool TryGatherPoints(PointsRegion points, ReadOnlyMemory<byte>? bytes, string key, Span<T> output)
    {
        if (bytes is null)
        {
            var fill = ArrayPool<T>.Shared.Rent(points.Count);
            fill.AsSpan(0, points.Count).Fill(_fill);
            points.Place<T>(fill.AsSpan(0, points.Count), output);
            ArrayPool<T>.Shared.Return(fill, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            return true;
        }
        var values = ArrayPool<T>.Shared.Rent(points.Count);
        try
        {
            if (!_pipeline.TryGatherPoints(bytes.Value.Span, points.Offsets, values.AsSpan(0, points.Count), key)) return false;
            points.Place<T>(values.AsSpan(0, points.Count), output);
            return true;
        }
        finally
        {
            ArrayPool<T>.Shared.Return(values, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }

    /// <summary>
    /// Decodes the region's runs of chunk items straight into the output: a whole chunk that is one
    /// stretch of the output through any codec, other runs when the codec can (Blosc: only the blocks
    /// the runs touch, only their items unshuffled). No chunk buffer, no second copy.
    /// </summary>
    private bool TryDecodeRuns(ChunkRegion region, ReadOnlySpan<byte> stored, string key, Span<T> output, int codecThreads)
    {
        var runs = region.RentRuns(Metadata.Chunks, out var count);
        if (runs is null) return false;
        try
        {
            return _pipeline.TryDecodeRuns(stored, runs.AsSpan(0, count), output, codecThreads, key);
        }
        finally
        {
            ItemRunPool.Return(runs);
        }
    }

    internal void Write(SelectionPlan plan, NDArray<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Write(plan, value.Data, value.Shape);
    }

    /// <summary>Writes C-order elements of shape <paramref name="shape"/> (the selection's, or one element to broadcast).</summary>
    internal void Write(SelectionPlan plan, ReadOnlyMemory<T> source, int[] shape)
    {
        EnsureWritable();
        if (source.Length == 1 && plan.OutLength != 1)
        {
            WriteScalar(plan, source.Span[0]);
            return;
        }
        CheckValueShape(plan, shape);
        WriteCore(plan, (region, chunk, chunkShape) => region.Scatter<T>(source.Span, chunk, chunkShape), isScalar: false, default!);
    }

    internal void WriteScalar(SelectionPlan plan, T value)
    {
        EnsureWritable();
        WriteCore(plan, (region, chunk, shape) => region.Fill(value, chunk, shape), isScalar: true, value);
    }

    private delegate void ChunkUpdate(ChunkRegion region, Span<T> chunk, int[] chunkShape);

    // Each chunk is read (unless wholly overwritten), updated, encoded and stored under its lock, in
    // one put: a failure part-way leaves every chunk either as it was or as it was meant to become.
    private void WriteCore(SelectionPlan plan, ChunkUpdate update, bool isScalar, T scalar)
    {
        var writeEmpty = WritesEmptyChunks;
        ForEachRegion(plan.Regions, region =>
        {
            var key = ChunkKey(region.ChunkCoords);
            if (Settings.Synchronizer is Synchronization.OptimisticSynchronizer optimistic && !region.CoversWholeChunk(Metadata.Chunks))
            {
                WriteChunkOptimistically(region, key, update, writeEmpty, optimistic);
                return;
            }
            using var chunkLock = Settings.Synchronizer?.Acquire(key);
            var whole = region.CoversWholeChunk(Metadata.Chunks);
            if (whole && isScalar && IsDroppedFill(scalar, writeEmpty))
            {
                Store.Delete(key);
                return;
            }
            using var stored = whole ? null : Store.GetPooled(key);
            using var encoded = UpdateChunk(region, key, stored?.Memory, whole, update, writeEmpty);
            if (encoded is null) Store.Delete(key);
            else Store.Set(key, encoded.WrittenSpan);
        });
    }

    /// <summary>
    /// Read with version, update, conditional put; on a conflict read again and reapply, with a short
    /// randomised back-off, until the put wins or the attempts run out.
    /// </summary>
    private void WriteChunkOptimistically(ChunkRegion region, string key, ChunkUpdate update, bool writeEmpty, Synchronization.OptimisticSynchronizer optimistic)
    {
        if (Store is not IConditionalStore conditional)
            throw new ZarrException($"Store {Store.StoreTypeName} has no conditional writes, which {optimistic.TypeName} needs (array '{MetadataKey}').");
        for (var attempt = 1; ; attempt++)
        {
            var stored = conditional.GetVersioned(key, out var version);
            using var encoded = UpdateChunk(region, key, stored is null ? (ReadOnlyMemory<byte>?)null : stored, whole: false, update, writeEmpty);
            var won = encoded is null
                ? version is null || conditional.TryDelete(key, version)
                : conditional.TrySet(key, encoded.WrittenSpan, version);
            if (won) return;
            optimistic.NoteConflict();
            if (attempt >= optimistic.MaxAttempts)
                throw new ZarrException($"Chunk '{key}' changed under {attempt} attempts to update it: too many writers on one chunk ({optimistic.TypeName}).");
            Thread.Sleep(Random.Shared.Next(0, Math.Min(50, 1 << Math.Min(attempt, 6))));
        }
    }

    private bool WritesEmptyChunks => Settings.WriteEmptyChunks || Metadata.FillValue is null;

    private bool IsDroppedFill(T scalar, bool writeEmpty) => !writeEmpty && _isFill(scalar);

    private void CheckValueShape(SelectionPlan plan, NDArray<T> value) => CheckValueShape(plan, value.Shape);

    private static void CheckValueShape(SelectionPlan plan, int[] shape)
    {
        if (!ShapesMatch(shape, plan.OutShape))
            throw new ArgumentException($"The value has shape {InfoReport.Tuple(shape)} but the selection has shape {InfoReport.Tuple(plan.OutShape)}.", "value");
    }

    /// <summary>Decodes a stored chunk (null: absent, so the fill value) and copies the region's elements to <paramref name="output"/>.</summary>
    /// <remarks>
    /// Sparse points are picked from the encoded chunk when the compressor can (<see cref="TryGatherPoints"/>);
    /// otherwise only the part of the chunk the region reads is decoded, when the codec can stop early
    /// or skip blocks (<see cref="ChunkCodecPipeline{T}.DecodeRange"/>).
    /// </remarks>
    private void GatherChunk(ChunkRegion region, string key, ReadOnlyMemory<byte>? stored, Span<T> output, int codecThreads)
    {
        var chunkLength = _pipeline.ChunkLength;
        if (region is PointsRegion { Count: var count } points && count <= chunkLength / 8 && TryGatherPoints(points, stored, key, output)) return;
        if (stored is { } present && TryDecodeRuns(region, present.Span, key, output, codecThreads)) return;
        var buffer = ArrayPool<T>.Shared.Rent(chunkLength);
        try
        {
            var chunk = buffer.AsSpan(0, chunkLength);
            var (start, end) = region.ElementRange(Metadata.Chunks);
            if (stored is null) chunk[start..end].Fill(_fill);
            else _pipeline.DecodeRange(stored.Value.Span, chunk, start, end, key);
            region.Gather<T>(chunk, Metadata.Chunks, output);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }

    /// <summary>
    /// Applies an update to a chunk (starting from <paramref name="stored"/> unless <paramref name="whole"/>)
    /// and encodes it; null when the chunk holds only the fill value and empty chunks are not written.
    /// </summary>
    private PooledBufferWriter? UpdateChunk(ChunkRegion region, string key, ReadOnlyMemory<byte>? stored, bool whole, ChunkUpdate update, bool writeEmpty)
    {
        var chunkShape = Metadata.Chunks;
        var chunkLength = _pipeline.ChunkLength;
        var buffer = ArrayPool<T>.Shared.Rent(chunkLength);
        try
        {
            var chunk = buffer.AsSpan(0, chunkLength);
            if (!whole)
            {
                if (stored is null) chunk.Fill(_fill);
                else _pipeline.Decode(stored.Value.Span, chunk, key);
            }
            update(region, chunk, chunkShape);
            if (!writeEmpty && IsAll(chunk, _isFill)) return null;
            var encoded = new PooledBufferWriter(_pipeline.ChunkByteLength > 0 ? (int)Math.Min(_pipeline.ChunkByteLength + 1024, int.MaxValue) : 4096); // room for an incompressible chunk: no regrow
            try
            {
                _pipeline.Encode(chunk, encoded, key);
                return encoded;
            }
            catch
            {
                encoded.Dispose();
                throw;
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }

    // Whether zarr-python's all_equal holds (FillEquality): write_empty_chunks=False deletes such chunks.
    private static bool IsAll(ReadOnlySpan<T> chunk, Func<T, bool> isFill)
    {
        foreach (var x in chunk) if (!isFill(x)) return false;
        return true;
    }

    private static bool ShapesMatch(int[] value, int[] selection)
    {
        if (value.AsSpan().SequenceEqual(selection)) return true;
        // Allow shapes that differ only by dimensions of length 1 (NumPy broadcasting's common case).
        var a = value.Where(s => s != 1).ToArray();
        var b = selection.Where(s => s != 1).ToArray();
        return a.AsSpan().SequenceEqual(b);
    }

    // Parallel.ForEach runs the body on the calling thread too, so a call always makes progress even
    // when every pool thread is busy (many concurrent callers cannot starve each other into a
    // deadlock); pool threads join in as they become free, at most MaxDegreeOfParallelism at a time.
    private void ForEachRegion(IReadOnlyList<ChunkRegion> regions, Action<ChunkRegion> body)
    {
        var dop = DegreeOfParallelism;
        if (regions.Count <= 1 || dop == 1)
        {
            foreach (var r in regions) body(r);
            return;
        }
        try
        {
            Parallel.ForEach(regions, new ParallelOptions { MaxDegreeOfParallelism = dop }, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }
}

/// <summary>
/// Bracket syntax for orthogonal selection: <c>z.OIndex[new[] {0, 2}, ..]</c>. A class, not a struct,
/// so that <c>z.OIndex[...] = value</c> compiles (a struct returned by a property cannot be assigned through).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed partial class OrthogonalIndexerView<T>
{
    private readonly ZarrArray<T> _array;

    internal OrthogonalIndexerView(ZarrArray<T> array) => _array = array;

    /// <summary>Gets or sets an orthogonal selection.</summary>
    public NDArray<T> this[params Selector[] selection]
    {
        get => _array.GetOrthogonalSelection(selection);
        set => _array.SetOrthogonalSelection(selection, value);
    }
}
