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
    private readonly T _fill;
    private readonly Engine.ChunkEngine<T> _engine;

    internal ZarrArray(ZarrStore store, string path, bool readOnly, ArrayMetadata metadata, ArraySettings settings)
        : base(store, path, readOnly, metadata, settings)
    {
        _fill = ComputeFill(metadata);
        // The layout facts (plain or not, item size, transpose) are computed once, by the pipeline.
        var pipeline = metadata.V3 is { } v3
            ? V3Pipeline(v3.Chain.Sharding?.Inner ?? v3.Chain, ChunkGrid, metadata.DType, settings.MaxObjectChunkExpansion, MetadataKey, _fill)
            : new ChunkCodecPipeline<T>(metadata.Chunks, metadata.DType, metadata.Order, Filters, Compressor, settings.MaxObjectChunkExpansion);
        _engine = new Engine.ChunkEngine<T>(this, pipeline, _fill, FillEquality.For(metadata.DType, _fill), ChunkGrid, Sharding);
    }

    private static ChunkCodecPipeline<T> V3Pipeline(Metadata.V3.V3CodecChain chain, int[] chunks, ZarrDType dtype, int maxExpansion, string key, T fill)
    {
        if (chain.Sharding is { } nested)
        {
            // Shards inside shards: the inner chunks of the outer shard are shards themselves, decoded whole.
            if (chain.Permutation is not null || chain.ArrayFilters.Count > 0)
                throw new ZarrMetadataException(key, "codecs", "array→array codecs before a nested sharding_indexed codec are not supported.");
            var inner = V3Pipeline(nested.Inner, nested.InnerChunks, dtype, maxExpansion, key, fill);
            return new ChunkCodecPipeline<T>(chunks, dtype, null, [], chain.BytesCodecs, maxExpansion, new Codecs.Sharding.NestedShardCodec<T>(nested, inner, fill));
        }
        return new ChunkCodecPipeline<T>(chunks, dtype, chain.Permutation, chain.PipelineFilters, chain.BytesCodecs, maxExpansion);
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
        // v3 decodes a complex fill as complex(re, im), without zarr-python 2's re + 1j*im quirk.
        var bytes = FillValueCodec.ToBytes(meta.DType, meta.FillValue, MetadataKey, asCreated: meta.ZarrFormat == 3) ?? new byte[meta.DType.ItemSize];
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
    public NDArray<T> Get(params Selector[] selection) => IsPureFancy(selection) ? GetCoordinateSelection(selection) : Read(OrthogonalIndexer.Plan(OrthogonalIndexer.Resolve(selection, Metadata.Shape, allowArrays: false), ChunkGrid));

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
        CheckDestination(plan, destination.Length, nameof(destination));
        ReadInto(plan, destination);
    }

    private unsafe void ReadChecked(SelectionPlan plan, Span<T> destination)
    {
        CheckDestination(plan, destination.Length, nameof(destination));
        if (destination.IsEmpty) return;
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            _engine.ReadSerial(plan, destination);
            return;
        }
        fixed (byte* pointer = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(destination)))
        {
            ReadInto(plan, new PinnedMemory<T>(pointer, destination.Length).Memory);
        }
    }

    private static void CheckDestination(SelectionPlan plan, int length, string paramName)
    {
        if (length != plan.OutLength)
            throw new ArgumentException($"The destination holds {length} elements but the selection has {plan.OutLength} ({InfoReport.Tuple(plan.OutShape)}).", paramName);
    }

    /// <summary>Reads the whole array.</summary>
    public NDArray<T> Read() => Get(Selector.Ellipsis);

    /// <summary>Writes an array of the selection's shape (or a broadcastable one) into a basic selection.</summary>
    public void Set(Selector[] selection, NDArray<T> value)
    {
        if (IsPureFancy(selection)) SetCoordinateSelection(selection, value);
        else Write(OrthogonalIndexer.Plan(OrthogonalIndexer.Resolve(selection, Metadata.Shape, allowArrays: false), ChunkGrid), value);
    }

    /// <summary>Writes one value into every element of a basic selection (or of a coordinate selection, for pure fancy indexing).</summary>
    public void Set(Selector[] selection, T value)
    {
        if (IsPureFancy(selection)) SetCoordinateSelection(selection, value);
        else WriteScalar(OrthogonalIndexer.Plan(OrthogonalIndexer.Resolve(selection, Metadata.Shape, allowArrays: false), ChunkGrid), value);
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
        Read(OrthogonalIndexer.Plan(OrthogonalIndexer.Resolve(selection, Metadata.Shape, allowArrays: true), ChunkGrid));

    /// <summary>Writes an array of the selection's shape into an orthogonal selection.</summary>
    public void SetOrthogonalSelection(Selector[] selection, NDArray<T> value) =>
        Write(OrthogonalIndexer.Plan(OrthogonalIndexer.Resolve(selection, Metadata.Shape, allowArrays: true), ChunkGrid), value);

    /// <summary>Writes one value into every element of an orthogonal selection.</summary>
    public void SetOrthogonalSelection(Selector[] selection, T value) =>
        WriteScalar(OrthogonalIndexer.Plan(OrthogonalIndexer.Resolve(selection, Metadata.Shape, allowArrays: true), ChunkGrid), value);

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

    internal void ReadInto(SelectionPlan plan, Memory<T> output) => _engine.ReadInto(plan, output);

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
        // The public writes that end here (of an NDArray, or a rank-typed T[], T[,], ...) all call their argument value.
        CheckValueShape(plan, shape, "value");
        _engine.Write(plan, (region, chunk, chunkShape) => region.Scatter<T>(source.Span, chunk, chunkShape), isScalar: false, default!);
    }

    internal void WriteScalar(SelectionPlan plan, T value)
    {
        EnsureWritable();
        _engine.Write(plan, (region, chunk, shape) => region.Fill(value, chunk, shape), isScalar: true, value);
    }

    private static void CheckValueShape(SelectionPlan plan, NDArray<T> value) => CheckValueShape(plan, value.Shape, nameof(value));

    private static void CheckValueShape(SelectionPlan plan, int[] shape, string paramName)
    {
        if (!ShapesMatch(shape, plan.OutShape))
            throw new ArgumentException($"The value has shape {InfoReport.Tuple(shape)} but the selection has shape {InfoReport.Tuple(plan.OutShape)}.", paramName);
    }

    private static bool ShapesMatch(int[] value, int[] selection)
    {
        if (value.AsSpan().SequenceEqual(selection)) return true;
        // Allow shapes that differ only by dimensions of length 1 (NumPy broadcasting's common case).
        var a = value.Where(s => s != 1).ToArray();
        var b = selection.Where(s => s != 1).ToArray();
        return a.AsSpan().SequenceEqual(b);
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
