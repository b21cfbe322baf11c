using System.Text.Json.Nodes;
using Zarr.DataTypes;
using Zarr.Indexing;
using Zarr.Internal;

namespace Zarr;

/// <summary>
/// The common part of the rank-typed accessors (<see cref="ZarrArray0D{T}"/> … <see cref="ZarrArray6D{T}"/>):
/// a thin wrapper over a <see cref="ZarrArray{T}"/> whose rank is checked once, when it is wrapped.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public abstract partial class ZarrTypedArray<T>
{
    /// <summary>Wraps <paramref name="array"/>, which must have <paramref name="rank"/> dimensions.</summary>
    protected ZarrTypedArray(ZarrArray<T> array, int rank)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.NDim != rank)
            throw new ZarrSchemaMismatchException([new ZarrSchemaDifference(array.Name, "rank", rank.ToString(System.Globalization.CultureInfo.InvariantCulture), array.NDim.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Array = array;
    }

    /// <summary>The array without rank checks (every zarr-python style operation is there).</summary>
    public ZarrArray<T> Array { get; }

    /// <summary>The extent of each dimension (read from the metadata; changes when the array is resized).</summary>
    public long[] Shape => Array.Shape;

    /// <summary>The chunk extent of each dimension.</summary>
    public int[] Chunks => Array.Chunks;

    /// <summary>The stored data type.</summary>
    public ZarrDType DType => Array.DType;

    /// <summary>The fill value as stored in the metadata.</summary>
    public JsonNode? FillValue => Array.FillValue;

    /// <summary>The array's path in its store.</summary>
    public string Path => Array.Path;

    /// <summary>The array's name (<c>/foo/bar</c>).</summary>
    public string Name => Array.Name;

    /// <summary>The array's attributes.</summary>
    public ZarrAttributes Attrs => Array.Attrs;

    /// <summary>zarr-python's <c>info</c> report.</summary>
    public string Info => Array.Info;

    /// <inheritdoc />
    public override string ToString() => Array.ToString();

    /// <summary>Copies a .NET multidimensional array (C order) into an <see cref="NDArray{TItem}"/>.</summary>
    protected static NDArray<TItem> FromMultidimensional<TItem>(System.Array value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return NDArray<TItem>.From(DenseArrays.AsSpan<TItem>(value).ToArray(), DenseArrays.ShapeOf(value));
    }

    // The rank-typed accessors read into and write from .NET arrays in place: their elements are
    // contiguous and in C order, the layout of a selection's result (see DenseArrays).
    private protected void ReadDense(SelectionPlan plan, System.Array result) => Array.ReadInto(plan, DenseArrays.AsMemory<T>(result));

    // Reads into a caller's .NET array of the selection's exact shape: no allocation, no zeroing.
    private protected void ReadDenseInto(SelectionPlan plan, System.Array destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var shape = DenseArrays.ShapeOf(destination);
        if (!shape.AsSpan().SequenceEqual(plan.OutShape))
            throw new ArgumentException($"The destination has shape ({string.Join(", ", shape)}); the selection of '{Array.Name}' has shape ({string.Join(", ", plan.OutShape)}).", nameof(destination));
        ReadDense(plan, destination);
    }

    private protected void WriteDense(SelectionPlan plan, System.Array value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Array.Write(plan, DenseArrays.AsMemory<T>(value), DenseArrays.ShapeOf(value));
    }
}
