namespace Zarr.DataTypes;

/// <summary>Work to do once the .NET element type of a dtype is chosen (see <see cref="ElementTypes.Dispatch{TVisitor, TResult}"/>).</summary>
/// <typeparam name="TResult">What the work returns.</typeparam>
public interface IElementTypeVisitor<out TResult>
{
    /// <summary>Called with the element type as <typeparamref name="T"/>.</summary>
    TResult Visit<T>();
}

/// <summary>Work to do on an array once its element type is known (see <see cref="ZarrArray.Accept{TResult}"/>).</summary>
/// <typeparam name="TResult">What the work returns.</typeparam>
public interface IZarrArrayVisitor<out TResult>
{
    /// <summary>Called with the array typed as <typeparamref name="T"/>.</summary>
    TResult Visit<T>(ZarrArray<T> array);
}

/// <summary>
/// The natural .NET element type of each dtype, in one place: <see cref="Dispatch{TVisitor, TResult}"/>
/// is the table; the converters' checks, the default dtype of an element type, the names in error
/// messages, the ReadyToRun roots and the <c>zarr</c> tool's typed dispatch all derive from it. Every
/// type is named in a switch, so nothing is bound by reflection (AOT-safe).
/// </summary>
public static class ElementTypes
{
    /// <summary>
    /// Calls <paramref name="visitor"/> with the natural element type of <paramref name="dtype"/>:
    /// integers, floats and complex numbers of the matching size, <see cref="DateTime64"/> and
    /// <see cref="TimeDelta64"/>, <c>string</c> for <c>U</c>, <c>byte[]</c> for <c>S</c>, <c>V</c> and
    /// structured dtypes. Object dtypes have no element type of their own (their object codec decides;
    /// see <see cref="ZarrArray.Accept{TResult}"/>).
    /// </summary>
    /// <exception cref="ZarrException">The dtype is an object dtype.</exception>
    public static TResult Dispatch<TVisitor, TResult>(ZarrDType dtype, TVisitor visitor) where TVisitor : IElementTypeVisitor<TResult>
    {
        ArgumentNullException.ThrowIfNull(dtype);
        return dtype.Kind switch
        {
            DTypeKind.Bool => visitor.Visit<bool>(),
            DTypeKind.Int => dtype.ItemSize switch
            {
                1 => visitor.Visit<sbyte>(),
                2 => visitor.Visit<short>(),
                4 => visitor.Visit<int>(),
                _ => visitor.Visit<long>(),
            },
            DTypeKind.UInt => dtype.ItemSize switch
            {
                1 => visitor.Visit<byte>(),
                2 => visitor.Visit<ushort>(),
                4 => visitor.Visit<uint>(),
                _ => visitor.Visit<ulong>(),
            },
            DTypeKind.Float => dtype.ItemSize switch
            {
                2 => visitor.Visit<Half>(),
                4 => visitor.Visit<float>(),
                _ => visitor.Visit<double>(),
            },
            DTypeKind.Complex => dtype.ItemSize == 8 ? visitor.Visit<Complex64>() : visitor.Visit<System.Numerics.Complex>(),
            DTypeKind.DateTime => visitor.Visit<DateTime64>(),
            DTypeKind.TimeDelta => visitor.Visit<TimeDelta64>(),
            DTypeKind.Unicode => visitor.Visit<string>(),
            DTypeKind.Bytes or DTypeKind.Raw or DTypeKind.Structured => visitor.Visit<byte[]>(),
            _ => throw new ZarrException($"dtype {dtype} ('{dtype.TypeStr}') has no element type of its own; its object codec decides."),
        };
    }

    /// <summary>The natural element type of <paramref name="dtype"/>; null for object dtypes.</summary>
    public static Type? NaturalType(ZarrDType dtype) =>
        dtype.Kind == DTypeKind.Object ? null : Dispatch<TypeOf, Type>(dtype, default);

    /// <summary>
    /// The dtype NumPy would choose for elements of <typeparamref name="T"/> (the first dtype whose
    /// natural type it is, little-endian, nanoseconds for dates): <c>|O</c> for <c>string</c> and
    /// <c>byte[]</c>, as zarr-python's <c>dtype=str</c> / <c>dtype=bytes</c>; null when there is none.
    /// </summary>
    public static ZarrDType? DefaultDType<T>() => DefaultOf<T>.Value;

    /// <summary>The C# spelling of <paramref name="dtype"/>'s natural element type, for messages.</summary>
    internal static string DisplayName(ZarrDType dtype) => NaturalType(dtype) is { } t ? DisplayName(t) : "an object codec's item type";

    private static string DisplayName(Type t) =>
        t == typeof(bool) ? "bool" : t == typeof(sbyte) ? "sbyte" : t == typeof(short) ? "short" : t == typeof(int) ? "int" :
        t == typeof(long) ? "long" : t == typeof(byte) ? "byte" : t == typeof(ushort) ? "ushort" : t == typeof(uint) ? "uint" :
        t == typeof(ulong) ? "ulong" : t == typeof(float) ? "float" : t == typeof(double) ? "double" : t == typeof(string) ? "string" :
        t == typeof(byte[]) ? "byte[]" : t.FullName ?? t.Name;

    // The dtypes a default is chosen from, in NumPy's order of preference (their element types come from Dispatch).
    private static readonly ZarrDType[] s_defaultCandidates =
    [
        ZarrDType.Bool, ZarrDType.Int8, ZarrDType.Int16, ZarrDType.Int32, ZarrDType.Int64,
        ZarrDType.UInt8, ZarrDType.UInt16, ZarrDType.UInt32, ZarrDType.UInt64,
        ZarrDType.Float16, ZarrDType.Float32, ZarrDType.Float64, ZarrDType.Complex64, ZarrDType.Complex128,
        ZarrDType.Parse("<M8[ns]"), ZarrDType.Parse("<m8[ns]"),
    ];

    private static class DefaultOf<T>
    {
        public static readonly ZarrDType? Value = Find();

        private static ZarrDType? Find()
        {
            if (typeof(T) == typeof(string) || typeof(T) == typeof(byte[])) return ZarrDType.Object;
            foreach (var candidate in s_defaultCandidates)
            {
                if (NaturalType(candidate) == typeof(T)) return candidate;
            }
            return null;
        }
    }

    private readonly struct TypeOf : IElementTypeVisitor<Type>
    {
        public Type Visit<T>() => typeof(T);
    }
}
