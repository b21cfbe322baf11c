using System.Numerics.Tensors;
using Zarr.Internal;

namespace Zarr;

/// <summary>
/// An in-memory N-dimensional array in C (row-major) order: what selections return and what
/// writes take. Converts to and from <c>T[]</c>, <c>T[,]</c>, <c>T[,,]</c> and
/// System.Numerics.Tensors' <see cref="Tensor{T}"/>; prints like NumPy's repr.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class NDArray<T> : IEquatable<NDArray<T>>
{
    /// <summary>Wraps <paramref name="data"/> (not copied) with a shape; the product of the shape must equal its length.</summary>
    public NDArray(T[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        long n = 1;
        foreach (var s in shape)
        {
            if (s < 0) throw new ArgumentException("Shape dimensions must be non-negative.", nameof(shape));
            n *= s;
        }
        if (n != data.Length) throw new ArgumentException($"A shape of ({string.Join(", ", shape)}) needs {n} elements, not {data.Length}.", nameof(data));
        Data = data;
        Shape = shape;
    }

    /// <summary>The extent of each dimension.</summary>
    public int[] Shape { get; }

    /// <summary>The elements in C order.</summary>
    public T[] Data { get; }

    /// <summary>The number of dimensions.</summary>
    public int Rank => Shape.Length;

    /// <summary>The number of elements.</summary>
    public int Length => Data.Length;

    /// <summary>Wraps data with a shape (no copy).</summary>
    public static NDArray<T> From(T[] data, params int[] shape) => new(data, shape);

    /// <summary>A 0-d array holding one value.</summary>
    public static NDArray<T> Scalar(T value) => new([value]);

    /// <summary>A new array of the given shape filled with <paramref name="value"/>.</summary>
    public static NDArray<T> Full(T value, params int[] shape)
    {
        long n = 1;
        foreach (var s in shape) n *= s;
        var data = new T[n];
        Array.Fill(data, value);
        return new(data, shape);
    }

    /// <summary>Element access by full index (negative indices count from the end).</summary>
    public T this[params int[] index]
    {
        get => Data[Offset(index)];
        set => Data[Offset(index)] = value;
    }

    /// <summary>The single value of a 0-d (or one-element) array, like NumPy's <c>item()</c>.</summary>
    public T ToScalar() => Data.Length == 1 ? Data[0] : throw new InvalidOperationException($"ToScalar() needs exactly one element; this array has {Data.Length}.");

    private int Offset(int[] index)
    {
        if (index.Length != Rank) throw new ArgumentException($"Expected {Rank} indices, got {index.Length}.", nameof(index));
        var offset = 0;
        for (var d = 0; d < Rank; d++)
        {
            var i = index[d] < 0 ? index[d] + Shape[d] : index[d];
            if (i < 0 || i >= Shape[d]) throw new ArgumentOutOfRangeException(nameof(index), $"Index {index[d]} is out of bounds for dimension {d} with length {Shape[d]}.");
            offset = offset * Shape[d] + i;
        }
        return offset;
    }

    /// <summary>A view with another shape of the same number of elements (no copy).</summary>
    public NDArray<T> Reshape(params int[] shape) => new(Data, shape);

    /// <summary>The elements as a flat array (the backing array, not a copy).</summary>
    public T[] To1D() => Data;

    // A .NET multidimensional array holds its elements contiguously in C order, as Data does: one block copy.

    /// <summary>Copies into a rank-2 .NET array.</summary>
    public T[,] To2D()
    {
        RequireRank(2);
        var r = new T[Shape[0], Shape[1]];
        Data.CopyTo(DenseArrays.AsSpan<T>(r));
        return r;
    }

    /// <summary>Copies into a rank-3 .NET array.</summary>
    public T[,,] To3D()
    {
        RequireRank(3);
        var r = new T[Shape[0], Shape[1], Shape[2]];
        Data.CopyTo(DenseArrays.AsSpan<T>(r));
        return r;
    }

    /// <summary>Copies into a .NET array of this rank (<c>T[]</c>, <c>T[,]</c>, …). A 0-d array gives a one-element <c>T[]</c>.</summary>
    public Array ToMultidimensional()
    {
        if (Rank <= 1) return (T[])Data.Clone();
        var result = Array.CreateInstanceFromArrayType(MultiArrayType(), Shape);
        Data.CopyTo(DenseArrays.AsSpan<T>(result));
        return result;
    }

    private Type MultiArrayType() => Rank switch
    {
        2 => typeof(T[,]),
        3 => typeof(T[,,]),
        4 => typeof(T[,,,]),
        5 => typeof(T[,,,,]),
        6 => typeof(T[,,,,,]),
        _ => throw new NotSupportedException($"Rank {Rank} has no multidimensional .NET array conversion here; use Data and Shape."),
    };

    /// <summary>Copies into a System.Numerics.Tensors tensor of the same shape.</summary>
    public Tensor<T> ToTensor()
    {
        var lengths = new nint[Rank];
        for (var d = 0; d < Rank; d++) lengths[d] = Shape[d];
        return Tensor.Create((T[])Data.Clone(), lengths);
    }

    /// <summary>Copies a tensor (dense, any strides) into a new NDArray.</summary>
    public static NDArray<T> FromTensor(Tensor<T> tensor)
    {
        var shape = tensor.Lengths.ToArray().Select(l => checked((int)l)).ToArray();
        var data = new T[tensor.FlattenedLength];
        tensor.FlattenTo(data);
        return new NDArray<T>(data, shape);
    }

    private void RequireRank(int rank)
    {
        if (Rank != rank) throw new InvalidOperationException($"This array has rank {Rank}, not {rank}.");
    }

    /// <summary>The elements as a span (C order).</summary>
    public Span<T> AsSpan() => Data;

    /// <summary>Copies the elements (C order) into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<T> destination) => Data.CopyTo(destination);

    /// <summary>Copies a span into a new array of the given shape.</summary>
    public static NDArray<T> From(ReadOnlySpan<T> data, params int[] shape) => new(data.ToArray(), shape);

    /// <summary>A 0-d array holding <paramref name="value"/>: lets a scalar be assigned to a selection (broadcast).</summary>
    public static implicit operator NDArray<T>(T value) => Scalar(value);

    /// <summary>A 1-d array over <paramref name="data"/> (no copy).</summary>
    public static implicit operator NDArray<T>(T[] data) => new(data, data.Length);

    /// <summary>Copies a rank-2 .NET array.</summary>
    public static implicit operator NDArray<T>(T[,] data) => new(DenseArrays.AsSpan<T>(data).ToArray(), data.GetLength(0), data.GetLength(1));

    /// <summary>Copies a rank-3 .NET array.</summary>
    public static implicit operator NDArray<T>(T[,,] data) =>
        new(DenseArrays.AsSpan<T>(data).ToArray(), data.GetLength(0), data.GetLength(1), data.GetLength(2));

    /// <summary>Copies a tensor.</summary>
    public static implicit operator NDArray<T>(Tensor<T> tensor) => FromTensor(tensor);

    /// <summary>Copies to a rank-2 .NET array.</summary>
    public static explicit operator T[,](NDArray<T> a) => a.To2D();

    /// <summary>Copies to a rank-3 .NET array.</summary>
    public static explicit operator T[,,](NDArray<T> a) => a.To3D();

    /// <summary>Same shape and equal elements.</summary>
    public bool Equals(NDArray<T>? other) =>
        other is not null && Shape.AsSpan().SequenceEqual(other.Shape) && Data.AsSpan().SequenceEqual(other.Data, EqualityComparer<T>.Default);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is NDArray<T> a && Equals(a);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Rank, Data.Length);

    /// <summary>NumPy's repr: <c>array([[ 0,  1], [ 2,  3]])</c>, wrapped at 75 columns.</summary>
    public override string ToString() => NDArrayFormatter.Repr(this);

    /// <summary>
    /// NumPy's repr of these elements as an array of <paramref name="dtype"/>: like <see cref="ToString()"/>,
    /// and also byte strings as <c>b'..'</c>, datetimes in the dtype's unit, and the dtype named as NumPy
    /// does (<c>dtype='|S3'</c>, <c>dtype='datetime64[ns]'</c>, <c>dtype=object</c>).
    /// </summary>
    public string ToString(DataTypes.ZarrDType dtype)
    {
        ArgumentNullException.ThrowIfNull(dtype);
        return NDArrayFormatter.Repr(this, dtype);
    }
}
