using System.Runtime.CompilerServices;
using Zarr.Indexing;

namespace Zarr;

public sealed partial class ZarrArray<T>
{
    // ---- coordinate selection (zarr-python's get_coordinate_selection / vindex) ---------------

    /// <summary>
    /// Coordinate selection: one integer or integer array per dimension, naming points
    /// (<c>z.GetCoordinateSelection(new[] { 0, 2 }, new[] { 1, 3 })</c> reads (0, 1) and (2, 3)).
    /// Arrays are broadcast together as NumPy does (an integer stands for every point; N-d arrays
    /// given as <c>NDArray&lt;long&gt;</c> make an N-d result); negative coordinates count from the
    /// end; points may be unsorted and repeated, and the result keeps their order.
    /// </summary>
    /// <exception cref="ArgumentException">The selection does not give one integer or integer array per dimension, or the arrays cannot be broadcast.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A coordinate is out of bounds (the message names the dimension).</exception>
    [OverloadResolutionPriority(1)] // collection expressions ([0, 2]) also fit the long[][] overloads; same meaning
    public NDArray<T> GetCoordinateSelection(params Selector[] selection) =>
        Read(CoordinateIndexer.Plan(selection, Metadata.Shape, ChunkGrid));

    /// <summary>Coordinate selection with one coordinate array per dimension (see <see cref="GetCoordinateSelection(Selector[])"/>).</summary>
    public NDArray<T> GetCoordinateSelection(params long[][] coords) =>
        Read(CoordinateIndexer.Plan(ToCoordinates(coords), Metadata.Shape, ChunkGrid));

    /// <summary>
    /// Writes values at the points of a coordinate selection: an array with one value per point (any
    /// shape with that many elements, in the points' order) or a single value for all of them. With
    /// repeated points the last value wins.
    /// </summary>
    [OverloadResolutionPriority(1)] // collection expressions ([0, 2]) also fit the long[][] overloads; same meaning
    public void SetCoordinateSelection(Selector[] selection, NDArray<T> value) =>
        WritePoints(CoordinateIndexer.Plan(selection, Metadata.Shape, ChunkGrid), value);

    /// <summary>Writes one value at every point of a coordinate selection.</summary>
    [OverloadResolutionPriority(1)] // collection expressions ([0, 2]) also fit the long[][] overloads; same meaning
    public void SetCoordinateSelection(Selector[] selection, T value) =>
        WriteScalar(CoordinateIndexer.Plan(selection, Metadata.Shape, ChunkGrid), value);

    /// <summary>Writes values at the points of a coordinate selection given as one coordinate array per dimension.</summary>
    public void SetCoordinateSelection(long[][] coords, NDArray<T> value) =>
        WritePoints(CoordinateIndexer.Plan(ToCoordinates(coords), Metadata.Shape, ChunkGrid), value);

    /// <summary>Writes one value at every point of a coordinate selection given as one coordinate array per dimension.</summary>
    public void SetCoordinateSelection(long[][] coords, T value) =>
        WriteScalar(CoordinateIndexer.Plan(ToCoordinates(coords), Metadata.Shape, ChunkGrid), value);

    /// <summary>
    /// Vectorized indexing with brackets (zarr-python's <c>vindex</c>): coordinate selection with one
    /// integer array per dimension (<c>z.VIndex[rows, cols]</c>), or mask selection with a Boolean
    /// array of the array's shape (<c>z.VIndex[mask]</c>). Read and write.
    /// </summary>
    public VectorizedIndexerView<T> VIndex => _vindex ??= new(this);

    private VectorizedIndexerView<T>? _vindex;

    // ---- mask selection --------------------------------------------------------------------------

    /// <summary>
    /// Mask selection: the elements where <paramref name="mask"/>, a Boolean array of the array's
    /// shape (an <c>NDArray&lt;bool&gt;</c>, <c>bool[]</c>, <c>bool[,]</c> or <c>bool[,,]</c>), is true, in C order.
    /// </summary>
    /// <exception cref="ArgumentException">The mask's shape differs from the array's (the message names the dimension).</exception>
    public NDArray<T> GetMaskSelection(NDArray<bool> mask) =>
        Read(CoordinateIndexer.PlanMask(mask, Metadata.Shape, ChunkGrid));

    /// <summary>Writes values where the mask is true: one per true element in C order, or a single value for all.</summary>
    public void SetMaskSelection(NDArray<bool> mask, NDArray<T> value) =>
        WritePoints(CoordinateIndexer.PlanMask(mask, Metadata.Shape, ChunkGrid), value);

    /// <summary>Writes one value wherever the mask is true.</summary>
    public void SetMaskSelection(NDArray<bool> mask, T value) =>
        WriteScalar(CoordinateIndexer.PlanMask(mask, Metadata.Shape, ChunkGrid), value);

    // ---- helpers -------------------------------------------------------------------------------

    /// <summary>Routes a vindex-style selector list: a lone Boolean array is a mask, anything else coordinates.</summary>
    internal SelectionPlan PlanVectorized(Selector[] selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (selection.Length == 1 && selection[0].Kind == SelectorKind.Mask)
        {
            var mask = selection[0].Mask.ToArray();
            return CoordinateIndexer.PlanMask(new NDArray<bool>(mask, mask.Length), Metadata.Shape, ChunkGrid);
        }
        return CoordinateIndexer.Plan(selection, Metadata.Shape, ChunkGrid);
    }

    /// <summary>True for zarr-python's "pure fancy indexing": one integer or integer array per dimension, at least one array.</summary>
    internal bool IsPureFancy(ReadOnlySpan<Selector> selection)
    {
        if (selection.Length != NDim) return false;
        var anyArray = false;
        foreach (var s in selection)
        {
            if (s.Kind == SelectorKind.Indices) anyArray = true;
            else if (s.Kind != SelectorKind.Index) return false;
        }
        return anyArray;
    }

    /// <summary>Writes a point selection: the value may have any shape with one element per point (zarr-python flattens it).</summary>
    internal void WritePoints(SelectionPlan plan, NDArray<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == plan.OutLength && !value.Shape.AsSpan().SequenceEqual(plan.OutShape)) value = value.Reshape(plan.OutShape);
        Write(plan, value);
    }

    private static CoordinateIndexer.Coordinates[] ToCoordinates(long[][] coords)
    {
        ArgumentNullException.ThrowIfNull(coords);
        var result = new CoordinateIndexer.Coordinates[coords.Length];
        for (var d = 0; d < coords.Length; d++)
        {
            var c = coords[d] ?? throw new ArgumentNullException(nameof(coords), $"The coordinate array of dimension {d} is null.");
            result[d] = new(c, [c.Length]);
        }
        return result;
    }
}

/// <summary>
/// Bracket syntax for vectorized selection (zarr-python's <c>vindex</c>): <c>z.VIndex[rows, cols]</c>
/// reads or writes the points (rows[i], cols[i]); <c>z.VIndex[mask]</c> the elements where a Boolean
/// array of the array's shape is true.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed partial class VectorizedIndexerView<T>
{
    private readonly ZarrArray<T> _array;

    internal VectorizedIndexerView(ZarrArray<T> array) => _array = array;

    /// <summary>
    /// Coordinate selection (one integer or integer array per dimension), or — for a 1-d array — a
    /// mask selection with one <c>bool[]</c>.
    /// </summary>
    [OverloadResolutionPriority(1)] // collection expressions ([0, 2]) also fit the long[][] overload; same meaning
    public NDArray<T> this[params Selector[] selection]
    {
        get => _array.Read(_array.PlanVectorized(selection));
        set => _array.WritePoints(_array.PlanVectorized(selection), value);
    }

    /// <summary>Coordinate selection with one coordinate array per dimension.</summary>
    public NDArray<T> this[params long[][] coords]
    {
        get => _array.GetCoordinateSelection(coords);
        set => _array.SetCoordinateSelection(coords, value);
    }

    /// <summary>Mask selection on a 1-d array (a <c>bool[]</c> of the array's length).</summary>
    public NDArray<T> this[bool[] mask]
    {
        get => _array.GetMaskSelection(mask);
        set => _array.SetMaskSelection(mask, value);
    }

    /// <summary>Mask selection with a Boolean array of the array's shape (<c>bool[,]</c>, <c>bool[,,]</c> or an NDArray).</summary>
    public NDArray<T> this[NDArray<bool> mask]
    {
        get => _array.GetMaskSelection(mask);
        set => _array.SetMaskSelection(mask, value);
    }
}
