using System.Buffers.Binary;
using Zarr.PythonParity;

namespace Zarr.Codecs;

/// <summary>
/// The few pieces of NumPy 1.x arithmetic that numcodecs' numeric filters rely on, reproduced bit for
/// bit: element loads and stores in either byte order, <c>astype</c> casts (integer wrapping, and the
/// x86-64 results of float→integer casts that C leaves undefined), type promotion including the
/// legacy value-based rules for Python scalars, and arithmetic rounded to the loop's type.
/// </summary>
internal static class NumpyMath
{
    private const double TwoPow31 = 2147483648.0;
    private const double TwoPow63 = 9223372036854775808.0;

    public static int SizeOf(NumpyType t) => t switch
    {
        NumpyType.Bool or NumpyType.Int8 or NumpyType.UInt8 => 1,
        NumpyType.Int16 or NumpyType.UInt16 or NumpyType.Float16 => 2,
        NumpyType.Int32 or NumpyType.UInt32 or NumpyType.Float32 => 4,
        _ => 8,
    };

    public static bool IsFloat(NumpyType t) => t >= NumpyType.Float16;

    private static bool IsUnsigned(NumpyType t) => t is NumpyType.UInt8 or NumpyType.UInt16 or NumpyType.UInt32 or NumpyType.UInt64;

    // 0 bool, 1 integer, 2 float: NumPy's "kind" ordering used by value-based casting.
    private static int Category(NumpyType t) => t == NumpyType.Bool ? 0 : IsFloat(t) ? 2 : 1;

    // ---- loads and stores ---------------------------------------------------------------------

    /// <summary>Reads element <paramref name="index"/> of <paramref name="src"/>.</summary>
    public static NumpyValue Read(ReadOnlySpan<byte> src, int index, NumpyElement e)
    {
        var s = src.Slice(index * e.Size, e.Size);
        var big = e.BigEndian;
        return e.Type switch
        {
            NumpyType.Bool => NumpyValue.OfInt(s[0] != 0 ? 1 : 0),
            NumpyType.Int8 => NumpyValue.OfInt((sbyte)s[0]),
            NumpyType.UInt8 => NumpyValue.OfInt(s[0]),
            NumpyType.Int16 => NumpyValue.OfInt(big ? BinaryPrimitives.ReadInt16BigEndian(s) : BinaryPrimitives.ReadInt16LittleEndian(s)),
            NumpyType.UInt16 => NumpyValue.OfInt(big ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s)),
            NumpyType.Int32 => NumpyValue.OfInt(big ? BinaryPrimitives.ReadInt32BigEndian(s) : BinaryPrimitives.ReadInt32LittleEndian(s)),
            NumpyType.UInt32 => NumpyValue.OfInt(big ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s)),
            NumpyType.Int64 or NumpyType.UInt64 => NumpyValue.OfInt(big ? BinaryPrimitives.ReadInt64BigEndian(s) : BinaryPrimitives.ReadInt64LittleEndian(s)),
            NumpyType.Float16 => NumpyValue.OfFloat((double)(big ? BinaryPrimitives.ReadHalfBigEndian(s) : BinaryPrimitives.ReadHalfLittleEndian(s))),
            NumpyType.Float32 => NumpyValue.OfFloat(big ? BinaryPrimitives.ReadSingleBigEndian(s) : BinaryPrimitives.ReadSingleLittleEndian(s)),
            _ => NumpyValue.OfFloat(big ? BinaryPrimitives.ReadDoubleBigEndian(s) : BinaryPrimitives.ReadDoubleLittleEndian(s)),
        };
    }

    /// <summary>Writes <paramref name="v"/> (already of type <c>e.Type</c>) as element <paramref name="index"/>.</summary>
    public static void Write(Span<byte> dst, int index, NumpyElement e, NumpyValue v)
    {
        var s = dst.Slice(index * e.Size, e.Size);
        var big = e.BigEndian;
        switch (e.Type)
        {
            case NumpyType.Bool:
            case NumpyType.Int8:
            case NumpyType.UInt8:
                s[0] = (byte)v.Int;
                break;
            case NumpyType.Int16:
            case NumpyType.UInt16:
                if (big) BinaryPrimitives.WriteUInt16BigEndian(s, (ushort)v.Int); else BinaryPrimitives.WriteUInt16LittleEndian(s, (ushort)v.Int);
                break;
            case NumpyType.Int32:
            case NumpyType.UInt32:
                if (big) BinaryPrimitives.WriteUInt32BigEndian(s, (uint)v.Int); else BinaryPrimitives.WriteUInt32LittleEndian(s, (uint)v.Int);
                break;
            case NumpyType.Int64:
            case NumpyType.UInt64:
                if (big) BinaryPrimitives.WriteInt64BigEndian(s, v.Int); else BinaryPrimitives.WriteInt64LittleEndian(s, v.Int);
                break;
            case NumpyType.Float16:
                if (big) BinaryPrimitives.WriteHalfBigEndian(s, (Half)v.Float); else BinaryPrimitives.WriteHalfLittleEndian(s, (Half)v.Float);
                break;
            case NumpyType.Float32:
                if (big) BinaryPrimitives.WriteSingleBigEndian(s, (float)v.Float); else BinaryPrimitives.WriteSingleLittleEndian(s, (float)v.Float);
                break;
            default:
                if (big) BinaryPrimitives.WriteDoubleBigEndian(s, v.Float); else BinaryPrimitives.WriteDoubleLittleEndian(s, v.Float);
                break;
        }
    }

    // ---- casts --------------------------------------------------------------------------------

    /// <summary>Wraps an integer to the width and signedness of <paramref name="t"/> (NumPy integer overflow).</summary>
    public static long Wrap(long x, NumpyType t) => t switch
    {
        NumpyType.Bool => x != 0 ? 1 : 0,
        NumpyType.Int8 => (sbyte)x,
        NumpyType.UInt8 => (byte)x,
        NumpyType.Int16 => (short)x,
        NumpyType.UInt16 => (ushort)x,
        NumpyType.Int32 => (int)x,
        NumpyType.UInt32 => (uint)x,
        _ => x,
    };

    /// <summary>Rounds a double to the precision of the float type <paramref name="t"/>.</summary>
    public static double RoundTo(double x, NumpyType t) => t switch
    {
        NumpyType.Float16 => (double)(Half)x,
        NumpyType.Float32 => (float)x,
        _ => x,
    };

    // cvttsd2si with a 32-bit destination: NaN and out-of-range values give int.MinValue.
    private static int TruncateToInt32(double x) => x >= -TwoPow31 && x < TwoPow31 ? (int)x : int.MinValue;

    // cvttsd2si with a 64-bit destination.
    private static long TruncateToInt64(double x) => x >= -TwoPow63 && x < TwoPow63 ? (long)x : long.MinValue;

    /// <summary>NumPy's <c>astype</c> of one element from <paramref name="from"/> to <paramref name="to"/> on x86-64.</summary>
    public static NumpyValue Cast(NumpyValue v, NumpyType from, NumpyType to)
    {
        if (from == to) return v;
        if (!IsFloat(from))
        {
            if (!IsFloat(to)) return NumpyValue.OfInt(Wrap(v.Int, to));
            if (from == NumpyType.UInt64)
            {
                var u = (ulong)v.Int;
                return NumpyValue.OfFloat(to switch { NumpyType.Float64 => (double)u, NumpyType.Float32 => (float)u, _ => (double)(Half)(float)u });
            }
            return NumpyValue.OfFloat(to switch { NumpyType.Float64 => (double)v.Int, NumpyType.Float32 => (float)v.Int, _ => (double)(Half)(float)v.Int });
        }
        var x = v.Float;
        if (IsFloat(to)) return NumpyValue.OfFloat(RoundTo(x, to));
        // Float → integer: C leaves out-of-range results undefined; these are what NumPy 1.24 built
        // for x86-64 produces (checked against Debian's numpy): small types go through int32, uint32
        // and uint64 through the usual "subtract 2^31 / 2^63" sequence, float16 → uint32 via int64.
        return NumpyValue.OfInt(to switch
        {
            NumpyType.Bool => double.IsNaN(x) || x != 0 ? 1 : 0,
            NumpyType.Int8 or NumpyType.UInt8 or NumpyType.Int16 or NumpyType.UInt16 => Wrap(TruncateToInt32(x), to),
            NumpyType.Int32 => TruncateToInt32(x),
            NumpyType.UInt32 when from == NumpyType.Float16 => (uint)TruncateToInt64(x),
            NumpyType.UInt32 => x >= TwoPow31 ? (uint)(TruncateToInt32(x - TwoPow31) ^ int.MinValue) : (uint)TruncateToInt32(x),
            NumpyType.Int64 => TruncateToInt64(x),
            _ => x >= TwoPow63 ? TruncateToInt64(x - TwoPow63) ^ long.MinValue : TruncateToInt64(x),
        });
    }

    /// <summary>A Python scalar converted to the loop type <paramref name="to"/>.</summary>
    public static NumpyValue FromPython(PythonNumber n, NumpyType to) =>
        n.IsInt ? Cast(NumpyValue.OfInt(n.Int), NumpyType.Int64, to) : Cast(NumpyValue.OfFloat(n.Float), NumpyType.Float64, to);

    // ---- promotion ----------------------------------------------------------------------------

    /// <summary><c>numpy.promote_types</c> for the types above.</summary>
    public static NumpyType Promote(NumpyType a, NumpyType b)
    {
        if (a == b) return a;
        if (a == NumpyType.Bool) return b;
        if (b == NumpyType.Bool) return a;
        if (IsFloat(a) && IsFloat(b)) return a > b ? a : b;
        if (IsFloat(a) || IsFloat(b))
        {
            var f = IsFloat(a) ? a : b;
            var i = IsFloat(a) ? b : a;
            var needed = SizeOf(i) switch { 1 => NumpyType.Float16, 2 => NumpyType.Float32, _ => NumpyType.Float64 };
            return f > needed ? f : needed;
        }
        if (IsUnsigned(a) == IsUnsigned(b)) return SizeOf(a) >= SizeOf(b) ? a : b;
        var unsigned = IsUnsigned(a) ? a : b;
        var signed = IsUnsigned(a) ? b : a;
        if (SizeOf(signed) > SizeOf(unsigned)) return signed;
        return SizeOf(unsigned) switch { 1 => NumpyType.Int16, 2 => NumpyType.Int32, 4 => NumpyType.Int64, _ => NumpyType.Float64 };
    }

    /// <summary><c>numpy.min_scalar_type</c> of a Python scalar.</summary>
    public static NumpyType MinScalarType(PythonNumber n)
    {
        if (n.IsInt)
        {
            var v = n.Int;
            if (v >= 0) return v <= byte.MaxValue ? NumpyType.UInt8 : v <= ushort.MaxValue ? NumpyType.UInt16 : v <= uint.MaxValue ? NumpyType.UInt32 : NumpyType.UInt64;
            return v >= sbyte.MinValue ? NumpyType.Int8 : v >= short.MinValue ? NumpyType.Int16 : v >= int.MinValue ? NumpyType.Int32 : NumpyType.Int64;
        }
        var d = n.Float;
        if (!double.IsFinite(d) || (d > -65000 && d < 65000)) return NumpyType.Float16;
        return d > -3.4e38 && d < 3.4e38 ? NumpyType.Float32 : NumpyType.Float64;
    }

    /// <summary>
    /// The loop type of <c>array (op) scalar</c> under NumPy 1.x value-based casting: a scalar of the
    /// same or a lower kind only counts with its smallest type, a scalar of a higher kind with its
    /// default type (int64, float64).
    /// </summary>
    public static NumpyType ResultType(NumpyType array, PythonNumber scalar)
    {
        var scalarCategory = scalar.IsInt ? 1 : 2;
        if (scalarCategory <= Category(array))
        {
            var min = MinScalarType(scalar);
            // NumPy's "small unsigned" rule: a non-negative int that also fits the signed type of the
            // same size counts as that signed type next to a signed array (int16 + 1000 stays int16).
            if (IsUnsigned(min) && !IsFloat(array) && array != NumpyType.Bool && !IsUnsigned(array) && FitsSigned(scalar.Int, SizeOf(min)))
                min = SizeOf(min) switch { 1 => NumpyType.Int8, 2 => NumpyType.Int16, 4 => NumpyType.Int32, _ => NumpyType.Int64 };
            return Promote(array, min);
        }
        return Promote(array, scalar.IsInt ? NumpyType.Int64 : NumpyType.Float64);
    }

    private static bool FitsSigned(long v, int size) => size switch
    {
        1 => v <= sbyte.MaxValue,
        2 => v <= short.MaxValue,
        4 => v <= int.MaxValue,
        _ => true,
    };

    /// <summary>The loop type of <c>array / scalar</c> (true division: integers divide as float64).</summary>
    public static NumpyType TrueDivideType(NumpyType array, PythonNumber scalar)
    {
        if (!IsFloat(array) && scalar.IsInt) return NumpyType.Float64;
        var t = ResultType(array, scalar);
        return IsFloat(t) ? t : NumpyType.Float64;
    }

    // ---- arithmetic in a loop type ------------------------------------------------------------

    public static NumpyValue Add(NumpyValue a, NumpyValue b, NumpyType t) =>
        IsFloat(t) ? NumpyValue.OfFloat(RoundTo(a.Float + b.Float, t)) : NumpyValue.OfInt(Wrap(unchecked(a.Int + b.Int), t));

    public static NumpyValue Subtract(NumpyValue a, NumpyValue b, NumpyType t) =>
        IsFloat(t) ? NumpyValue.OfFloat(RoundTo(a.Float - b.Float, t)) : NumpyValue.OfInt(Wrap(unchecked(a.Int - b.Int), t));

    public static NumpyValue Multiply(NumpyValue a, NumpyValue b, NumpyType t) =>
        IsFloat(t) ? NumpyValue.OfFloat(RoundTo(a.Float * b.Float, t)) : NumpyValue.OfInt(Wrap(unchecked(a.Int * b.Int), t));

    /// <summary>Division in a float loop type.</summary>
    public static NumpyValue Divide(NumpyValue a, NumpyValue b, NumpyType t) => NumpyValue.OfFloat(RoundTo(a.Float / b.Float, t));

    /// <summary><c>numpy.around(x)</c>: round half to even for floats, the identity for integers.</summary>
    public static NumpyValue Around(NumpyValue a, NumpyType t) =>
        IsFloat(t) ? NumpyValue.OfFloat(Math.Round(a.Float, MidpointRounding.ToEven)) : a;
}
