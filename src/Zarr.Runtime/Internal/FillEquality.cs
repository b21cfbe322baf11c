using Zarr.DataTypes;

namespace Zarr.Internal;

/// <summary>
/// Whether an element equals the fill value in the sense of zarr-python 2.13's <c>all_equal</c>
/// (util.py), which decides the chunks that <c>write_empty_chunks=False</c> deletes: NumPy's
/// <c>==</c> (so NaN, complex NaN and NaT never match, and -0.0 matches 0), except that a NaN fill
/// of a real float type matches NaN; fixed-size bytes (S, V, structured) compare by value. For
/// vlen-array items zarr-python compares the fill with every element of every item (np.equal), so
/// an item matches when all its elements equal the fill, an empty item vacuously.
/// </summary>
internal static class FillEquality
{
    public static Func<T, bool> For<T>(ZarrDType dtype, T fill)
    {
        object? f = fill;
        if (dtype.Kind is DTypeKind.DateTime or DTypeKind.TimeDelta && f is long l)
            return (Func<T, bool>)(object)new Func<long, bool>(x => l != long.MinValue && x == l); // NaT never equals
        if (dtype.Kind == DTypeKind.Object && f is Array { Length: 1 } one && f is not byte[])
        {
            var element = one.GetValue(0);
            return x => x is Array items && AllEqual(items, element);
        }
        return f switch
        {
            double d => (Func<T, bool>)(object)(double.IsNaN(d) ? new Func<double, bool>(double.IsNaN) : x => x == d),
            float s => (Func<T, bool>)(object)(float.IsNaN(s) ? new Func<float, bool>(float.IsNaN) : x => x == s),
            Half h => (Func<T, bool>)(object)(Half.IsNaN(h) ? new Func<Half, bool>(Half.IsNaN) : x => x == h),
            System.Numerics.Complex c => (Func<T, bool>)(object)new Func<System.Numerics.Complex, bool>(x => x.Real == c.Real && x.Imaginary == c.Imaginary),
            Complex64 c => (Func<T, bool>)(object)new Func<Complex64, bool>(x => x.Real == c.Real && x.Imaginary == c.Imaginary),
            DateTime64 t => (Func<T, bool>)(object)new Func<DateTime64, bool>(x => !t.IsNaT && x.Value == t.Value),
            TimeDelta64 t => (Func<T, bool>)(object)new Func<TimeDelta64, bool>(x => !t.IsNaT && x.Value == t.Value),
            byte[] b => (Func<T, bool>)(object)new Func<byte[], bool>(x => x is not null && x.AsSpan().SequenceEqual(b)),
            _ => x => EqualityComparer<T>.Default.Equals(x, fill),
        };
    }

    private static bool AllEqual(Array items, object? element)
    {
        foreach (var item in items)
            if (!Equals(item, element)) return false;
        return true;
    }
}
