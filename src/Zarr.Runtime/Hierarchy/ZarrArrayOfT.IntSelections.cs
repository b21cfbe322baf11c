using System.Runtime.CompilerServices;

namespace Zarr;

// Selections written with int[] and collection expressions (issue 21). Kept apart from the core
// selection members: each one converts and forwards, nothing here plans or reads.
public sealed partial class ZarrArray<T>
{
    /// <summary>
    /// Basic selection along the first dimension, so that a lone collection expression is one integer
    /// array (<c>z[[0, 3]]</c>, as NumPy's <c>z[[0, 3]]</c>) rather than two indices. Other selectors
    /// behave as in <see cref="this[Selector[]]"/>.
    /// </summary>
    [OverloadResolutionPriority(1)]
    public NDArray<T> this[Selector selection]
    {
        get => Get([selection]);
        set => Set([selection], value);
    }

    /// <summary>Reads one element given as <c>int</c> indices; negative indices count from the end.</summary>
    public T GetValue(params int[] index) => GetValue(Widen(index));

    /// <summary>Writes one element given as <c>int</c> indices; negative indices count from the end.</summary>
    public void SetValue(int[] index, T value) => SetValue(Widen(index), value);

    /// <summary>Coordinate selection with one <c>int</c> coordinate array per dimension (see <see cref="GetCoordinateSelection(Selector[])"/>).</summary>
    public NDArray<T> GetCoordinateSelection(int[][] coords) => GetCoordinateSelection(Widen(coords));

    /// <summary>Writes values at the points given as one <c>int</c> coordinate array per dimension.</summary>
    public void SetCoordinateSelection(int[][] coords, NDArray<T> value) => SetCoordinateSelection(Widen(coords), value);

    /// <summary>Writes one value at every point given as one <c>int</c> coordinate array per dimension.</summary>
    public void SetCoordinateSelection(int[][] coords, T value) => SetCoordinateSelection(Widen(coords), value);

    private static long[] Widen(int[] index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return Array.ConvertAll(index, i => (long)i);
    }

    private static long[][] Widen(int[][] coords)
    {
        ArgumentNullException.ThrowIfNull(coords);
        return Array.ConvertAll(coords, c => Widen(c));
    }
}

public sealed partial class OrthogonalIndexerView<T>
{
    /// <summary>Orthogonal selection along the first dimension: a lone collection expression (<c>z.OIndex[[0, 3]]</c>) is one integer array.</summary>
    [OverloadResolutionPriority(1)]
    public NDArray<T> this[Selector selection]
    {
        get => this[[selection]];
        set => this[[selection]] = value;
    }
}

public sealed partial class VectorizedIndexerView<T>
{
    /// <summary>Coordinate (or, with a <c>bool[]</c>, mask) selection on a 1-d array: a lone collection expression (<c>z.VIndex[[0, 3]]</c>) is one coordinate array.</summary>
    [OverloadResolutionPriority(1)]
    public NDArray<T> this[Selector selection]
    {
        get => this[[selection]];
        set => this[[selection]] = value;
    }
}
