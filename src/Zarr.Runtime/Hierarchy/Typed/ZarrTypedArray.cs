using System.Text.Json.Nodes;
using Zarr.DataTypes;

namespace Zarr;

/// <summary>
/// The common part of the rank-typed accessors (<see cref="ZarrArray0D{T}"/> … <see cref="ZarrArray6D{T}"/>):
/// a thin wrapper over a <see cref="ZarrArray{T}"/> whose rank is checked once, when it is wrapped.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public abstract class ZarrTypedArray<T>
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
        var shape = new int[value.Rank];
        for (var d = 0; d < shape.Length; d++) shape[d] = value.GetLength(d);
        var data = new TItem[value.Length];
        var k = 0;
        foreach (TItem item in value) data[k++] = item;
        return NDArray<TItem>.From(data, shape);
    }
}
