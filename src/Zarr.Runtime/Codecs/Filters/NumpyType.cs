using Zarr.DataTypes;

namespace Zarr.Codecs;

/// <summary>The NumPy scalar types the arithmetic filters compute with (bool, integers, IEEE floats).</summary>
internal enum NumpyType : byte
{
    Bool,
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Float16,
    Float32,
    Float64,
}

/// <summary>A NumPy element type plus its byte order, as a filter's <c>dtype</c> parameter names it.</summary>
internal readonly record struct NumpyElement(NumpyType Type, bool BigEndian)
{
    /// <summary>Bytes per element.</summary>
    public int Size => NumpyMath.SizeOf(Type);

    /// <summary>The element type of <paramref name="dtype"/>; throws for kinds the numeric filters cannot handle.</summary>
    public static NumpyElement From(ZarrDType dtype, string parameter)
    {
        NumpyType? t = dtype.Kind switch
        {
            DTypeKind.Bool => NumpyType.Bool,
            DTypeKind.Int => dtype.ItemSize switch { 1 => NumpyType.Int8, 2 => NumpyType.Int16, 4 => NumpyType.Int32, _ => NumpyType.Int64 },
            DTypeKind.UInt => dtype.ItemSize switch { 1 => NumpyType.UInt8, 2 => NumpyType.UInt16, 4 => NumpyType.UInt32, _ => NumpyType.UInt64 },
            DTypeKind.Float => dtype.ItemSize switch { 2 => NumpyType.Float16, 4 => NumpyType.Float32, _ => NumpyType.Float64 },
            _ => null,
        };
        if (t is null) throw new ArgumentException($"parameter '{parameter}' must be a bool, integer or float dtype, not '{dtype.TypeStr}'");
        return new NumpyElement(t.Value, dtype.ByteOrder == ByteOrder.Big);
    }
}
