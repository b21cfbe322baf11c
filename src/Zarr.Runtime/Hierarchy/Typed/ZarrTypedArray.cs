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

    /// <summary>Copies a .NET multidimensional array (C order) into an <see cref="NDArray{T}"/>.</summary>
    protected static NDArray<T> FromMultidimensional(System.Array value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shape = new int[value.Rank];
        for (var d = 0; d < shape.Length; d++) shape[d] = value.GetLength(d);
        var data = new T[value.Length];
        var k = 0;
        foreach (T item in value) data[k++] = item;
        return NDArray<T>.From(data, shape);
    }

    /// <summary>Turns a block selection along one dimension (a block index or a range of blocks) into an element slice.</summary>
    protected Selector BlockToSlice(Selector block, int dim)
    {
        var length = Array.Metadata.Shape[dim];
        var chunk = Array.Metadata.Chunks[dim];
        var blocks = (length + chunk - 1) / chunk;
        switch (block.Kind)
        {
            case SelectorKind.Index:
                var i = block.ResolveIndex(blocks, dim);
                return Selector.Slice(i * chunk, Math.Min((i + 1) * chunk, length));
            case SelectorKind.Slice:
                var (start, stop, step) = block.ResolveSlice(blocks);
                if (step != 1) throw new ArgumentException($"Block selection along dimension {dim} takes no step.", $"dim{dim}");
                return Selector.Slice(start * chunk, Math.Min(stop * chunk, length));
            default:
                throw new ArgumentException($"Block selection along dimension {dim} takes a block index or a range of blocks, not {block}.", $"dim{dim}");
        }
    }
}
