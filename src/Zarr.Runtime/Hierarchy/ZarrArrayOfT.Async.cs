using Zarr.Indexing;
using Zarr.Internal;

namespace Zarr;

// Asynchronous reads and writes, for stores whose I/O is asynchronous (ZarrStore.GetAsync/SetAsync):
// the chunks of one call are fetched, decoded, encoded and stored concurrently, at most
// MaxDegreeOfParallelism at a time, without blocking a thread while a store call is in flight.
public sealed partial class ZarrArray<T>
{
    /// <summary>Reads a basic selection asynchronously.</summary>
    /// <param name="selection">Integers, ranges, stepped slices or an ellipsis, one per dimension.</param>
    /// <param name="cancellationToken">Stops fetching further chunks; the call then throws <see cref="OperationCanceledException"/>.</param>
    public async ValueTask<NDArray<T>> GetAsync(Selector[] selection, CancellationToken cancellationToken = default)
    {
        var plan = BasicPlan(selection);
        var output = GC.AllocateUninitializedArray<T>(plan.OutLength); // every element is written by exactly one region
        await ReadIntoAsync(plan, output, cancellationToken).ConfigureAwait(false);
        return new NDArray<T>(output, plan.OutShape);
    }

    /// <summary>Reads the whole array asynchronously.</summary>
    public ValueTask<NDArray<T>> ReadAsync(CancellationToken cancellationToken = default) => GetAsync([Selector.Ellipsis], cancellationToken);

    /// <summary>
    /// Reads a basic selection asynchronously into memory the caller owns, in C order; its length must be
    /// the number of selected elements.
    /// </summary>
    public ValueTask ReadAsync(Selector[] selection, Memory<T> destination, CancellationToken cancellationToken = default)
    {
        var plan = BasicPlan(selection);
        if (destination.Length != plan.OutLength)
            throw new ArgumentException($"The destination holds {destination.Length} elements but the selection has {plan.OutLength} ({InfoReport.Tuple(plan.OutShape)}).", nameof(destination));
        return ReadIntoAsync(plan, destination, cancellationToken);
    }

    /// <summary>Reads an orthogonal selection asynchronously.</summary>
    public async ValueTask<NDArray<T>> GetOrthogonalSelectionAsync(Selector[] selection, CancellationToken cancellationToken = default)
    {
        var plan = OrthogonalPlan(selection);
        var output = GC.AllocateUninitializedArray<T>(plan.OutLength); // every element is written by exactly one region
        await ReadIntoAsync(plan, output, cancellationToken).ConfigureAwait(false);
        return new NDArray<T>(output, plan.OutShape);
    }

    /// <summary>
    /// Writes an array of the selection's shape (or a broadcastable one) into a basic selection,
    /// asynchronously. Each chunk is stored in one put; when the call fails or is cancelled part-way,
    /// every chunk holds either its old or its new content.
    /// </summary>
    public ValueTask SetAsync(Selector[] selection, NDArray<T> value, CancellationToken cancellationToken = default) =>
        WriteAsync(BasicPlan(selection), value, cancellationToken);

    /// <summary>Writes one value into every element of a basic selection, asynchronously.</summary>
    public ValueTask SetAsync(Selector[] selection, T value, CancellationToken cancellationToken = default) =>
        WriteScalarAsync(BasicPlan(selection), value, cancellationToken);

    /// <summary>Writes an array of the selection's shape into an orthogonal selection, asynchronously.</summary>
    public ValueTask SetOrthogonalSelectionAsync(Selector[] selection, NDArray<T> value, CancellationToken cancellationToken = default) =>
        WriteAsync(OrthogonalPlan(selection), value, cancellationToken);

    /// <summary>Writes one value into every element of an orthogonal selection, asynchronously.</summary>
    public ValueTask SetOrthogonalSelectionAsync(Selector[] selection, T value, CancellationToken cancellationToken = default) =>
        WriteScalarAsync(OrthogonalPlan(selection), value, cancellationToken);

    // ---- the asynchronous engine --------------------------------------------------------------

    internal SelectionPlan BasicPlan(Selector[] selection) =>
        OrthogonalIndexer.Plan(OrthogonalIndexer.Resolve(selection, Metadata.Shape, allowArrays: false), ChunkGrid);

    internal SelectionPlan OrthogonalPlan(Selector[] selection) =>
        OrthogonalIndexer.Plan(OrthogonalIndexer.Resolve(selection, Metadata.Shape, allowArrays: true), ChunkGrid);

    internal ValueTask ReadIntoAsync(SelectionPlan plan, Memory<T> output, CancellationToken cancellationToken) => _engine.ReadIntoAsync(plan, output, cancellationToken);

    internal ValueTask WriteAsync(SelectionPlan plan, NDArray<T> value, CancellationToken cancellationToken)
    {
        EnsureWritable();
        if (value.Length == 1 && plan.OutLength != 1) return WriteScalarAsync(plan, value.Data[0], cancellationToken);
        CheckValueShape(plan, value);
        var source = value.Data;
        return _engine.WriteAsync(plan, (region, chunk, shape) => region.Scatter<T>(source, chunk, shape), isScalar: false, default!, cancellationToken);
    }

    internal ValueTask WriteScalarAsync(SelectionPlan plan, T value, CancellationToken cancellationToken)
    {
        EnsureWritable();
        return _engine.WriteAsync(plan, (region, chunk, shape) => region.Fill(value, chunk, shape), isScalar: true, value, cancellationToken);
    }

}
