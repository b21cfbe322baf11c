using System.Numerics;
using Zarr.Codecs;
using Zarr.DataTypes;

namespace Zarr.Cli;

/// <summary>Work to do on an array once its element type is known.</summary>
/// <typeparam name="TResult">What the work returns.</typeparam>
internal interface IArrayVisitor<out TResult>
{
    /// <summary>Called with the array typed as <typeparamref name="T"/>.</summary>
    TResult Visit<T>(ZarrArray<T> array);
}

/// <summary>
/// Picks the .NET element type for an array's dtype and calls a generic visitor with the typed array.
/// Every type is named in a switch, so nothing is bound by reflection (the tool stays AOT-friendly).
/// </summary>
internal static class DTypeDispatch
{
    /// <summary>Calls <paramref name="visitor"/> with <paramref name="array"/> typed by its dtype.</summary>
    public static TResult Accept<TResult>(ZarrArray array, IArrayVisitor<TResult> visitor)
    {
        var dt = array.DType;
        return dt.Kind switch
        {
            DTypeKind.Bool => visitor.Visit(array.As<bool>()),
            DTypeKind.Int => dt.ItemSize switch
            {
                1 => visitor.Visit(array.As<sbyte>()),
                2 => visitor.Visit(array.As<short>()),
                4 => visitor.Visit(array.As<int>()),
                _ => visitor.Visit(array.As<long>()),
            },
            DTypeKind.UInt => dt.ItemSize switch
            {
                1 => visitor.Visit(array.As<byte>()),
                2 => visitor.Visit(array.As<ushort>()),
                4 => visitor.Visit(array.As<uint>()),
                _ => visitor.Visit(array.As<ulong>()),
            },
            DTypeKind.Float => dt.ItemSize switch
            {
                2 => visitor.Visit(array.As<Half>()),
                4 => visitor.Visit(array.As<float>()),
                _ => visitor.Visit(array.As<double>()),
            },
            DTypeKind.Complex => dt.ItemSize == 8 ? visitor.Visit(array.As<Complex64>()) : visitor.Visit(array.As<Complex>()),
            DTypeKind.DateTime => visitor.Visit(array.As<DateTime64>()),
            DTypeKind.TimeDelta => visitor.Visit(array.As<TimeDelta64>()),
            DTypeKind.Unicode => visitor.Visit(array.As<string>()),
            DTypeKind.Bytes or DTypeKind.Raw or DTypeKind.Structured => visitor.Visit(array.As<byte[]>()),
            DTypeKind.Object => AcceptObject(array, visitor),
            _ => throw new CliException($"array '{array.Name}' has dtype {dt}, which this tool cannot read."),
        };
    }

    private static TResult AcceptObject<TResult>(ZarrArray array, IArrayVisitor<TResult> visitor)
    {
        if (array.Filters.Count == 0 || array.Filters[0] is not ObjectCodec codec)
            throw new CliException($"object array '{array.Name}' has no object codec as its first filter.");
        // json2/msgpack2 hold any Python scalar, so they read as object; vlen-utf8 and categorize as string.
        if (codec.Supports<object>()) return visitor.Visit(array.As<object>());
        if (codec.Supports<string>()) return visitor.Visit(array.As<string>());
        if (codec.Supports<byte[]>()) return visitor.Visit(array.As<byte[]>());
        if (codec.Supports<bool[]>()) return visitor.Visit(array.As<bool[]>());
        if (codec.Supports<sbyte[]>()) return visitor.Visit(array.As<sbyte[]>());
        if (codec.Supports<short[]>()) return visitor.Visit(array.As<short[]>());
        if (codec.Supports<ushort[]>()) return visitor.Visit(array.As<ushort[]>());
        if (codec.Supports<int[]>()) return visitor.Visit(array.As<int[]>());
        if (codec.Supports<uint[]>()) return visitor.Visit(array.As<uint[]>());
        if (codec.Supports<long[]>()) return visitor.Visit(array.As<long[]>());
        if (codec.Supports<ulong[]>()) return visitor.Visit(array.As<ulong[]>());
        if (codec.Supports<Half[]>()) return visitor.Visit(array.As<Half[]>());
        if (codec.Supports<float[]>()) return visitor.Visit(array.As<float[]>());
        if (codec.Supports<double[]>()) return visitor.Visit(array.As<double[]>());
        throw new CliException($"object array '{array.Name}' uses the object codec {codec}, whose items this tool cannot read.");
    }
}
