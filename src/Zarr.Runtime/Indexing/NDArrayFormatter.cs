using System.Globalization;
using System.Text;
using Zarr.DataTypes;
using Zarr.Metadata.Json;
using Zarr.PythonParity;

namespace Zarr;

/// <summary>Prints arrays the way NumPy's <c>repr</c> does (default print options, no summarisation).</summary>
internal static class NDArrayFormatter
{
    private const int LineWidth = 75;

    public static string Repr<T>(NDArray<T> a)
    {
        // Times read from an array know their unit: print them as NumPy prints an array of that dtype.
        if (a.Data is DateTime64[] { Length: > 0 } dates && dates[0].Unit is not null && dates.All(x => x.TimeUnit == dates[0].TimeUnit))
            return Repr(a, ZarrDType.Parse("<M8[" + dates[0].TimeUnit + "]"));
        if (a.Data is TimeDelta64[] { Length: > 0 } deltas && deltas[0].Unit is not null && deltas.All(x => x.TimeUnit == deltas[0].TimeUnit))
            return Repr(a, ZarrDType.Parse("<m8[" + deltas[0].TimeUnit + "]"));
        var words = FormatElements(a.Data, a.Rank == 0, out var typeName);
        return Layout(a, words, typeName);
    }

    /// <summary>
    /// The repr NumPy prints for an array of <paramref name="dtype"/> holding these elements: byte
    /// strings as <c>b'..'</c>, datetimes as ISO text in the dtype's unit, and the dtype named as NumPy
    /// names it (<c>dtype='|S3'</c>, <c>dtype='&lt;U5'</c>, <c>dtype='datetime64[ns]'</c>, <c>dtype=object</c>).
    /// Other dtypes print as <see cref="Repr{T}(NDArray{T})"/>.
    /// </summary>
    public static string Repr<T>(NDArray<T> a, ZarrDType dtype)
    {
        var words = Words(a.Data, dtype, a.Rank == 0, out var typeName);
        return words is null ? Repr(a) : Layout(a, words, typeName);
    }

    /// <summary>
    /// The text NumPy prints for each element of an array of <paramref name="dtype"/> (padded alike, as
    /// one column), and the dtype as its repr names it; null when the elements print as their .NET type
    /// does (<see cref="FormatElements{T}(T[], bool, out string?)"/>).
    /// </summary>
    internal static string[]? Words<T>(T[] data, ZarrDType dtype, bool zeroD, out string? typeName)
    {
        string[]? words = null;
        typeName = null;
        switch (data)
        {
            case byte[][] r when dtype.IsStructured:
                words = StructuredFormatter.Words(r, dtype, zeroD);
                typeName = dtype.TypeStr;
                break;
            case byte[][] b when dtype.Kind is DTypeKind.Bytes or DTypeKind.Object or DTypeKind.Raw:
                words = b.Select(PythonRepr.Bytes).ToArray();
                typeName = dtype.Kind == DTypeKind.Object ? "object" : "'" + dtype.TypeStr + "'";
                break;
            case string[] s when dtype.Kind is DTypeKind.Unicode or DTypeKind.Bytes or DTypeKind.Object:
                words = s.Select(x => x is null ? "None" : PythonRepr.Of(x)).ToArray();
                typeName = dtype.Kind == DTypeKind.Object ? "object" : "'" + dtype.TypeStr + "'";
                break;
            case object?[] objects when dtype.Kind == DTypeKind.Object && typeof(T) == typeof(object):
                // Python scalars (json2, msgpack2): each printed as Python's repr.
                words = objects.Select(ObjectRepr).ToArray();
                typeName = "object";
                break;
            case Array[] nested when dtype.Kind == DTypeKind.Object:
                // vlen-array items: each one an array, printed as NumPy prints it inside an object array.
                words = nested.Select(NestedRepr).ToArray();
                typeName = "object";
                break;
            case DateTime64[] d when dtype.Kind == DTypeKind.DateTime:
                words = PadLeft(d.Select(x => "'" + x.ToUnit(TimeUnit.Of(dtype)) + "'").ToArray(), left: false);
                typeName = "'" + dtype + "'";
                break;
            case TimeDelta64[] t when dtype.Kind == DTypeKind.TimeDelta:
                words = PadLeft(t.Select(x => x.IsNaT ? "'NaT'" : x.ToUnit(TimeUnit.Of(dtype)).Value.ToString(CultureInfo.InvariantCulture)).ToArray(), left: false);
                typeName = "'" + dtype + "'";
                break;
        }
        return words;
    }

    // NumPy's _object_format: a list item prints as list([...]) so that it is not taken for a dimension.
    private static string ObjectRepr(object? item) => item switch
    {
        Array x and not byte[] => NestedRepr(x),
        PythonList x => "list(" + PythonRepr.Item(x) + ")",
        _ => PythonRepr.Item(item),
    };

    private static string NestedRepr(Array? item) => item switch
    {
        null => "None",
        bool[] x => Repr(NDArray<bool>.From(x, x.Length)),
        sbyte[] x => Repr(NDArray<sbyte>.From(x, x.Length)),
        byte[] x => Repr(NDArray<byte>.From(x, x.Length)),
        short[] x => Repr(NDArray<short>.From(x, x.Length)),
        ushort[] x => Repr(NDArray<ushort>.From(x, x.Length)),
        int[] x => Repr(NDArray<int>.From(x, x.Length)),
        uint[] x => Repr(NDArray<uint>.From(x, x.Length)),
        long[] x => Repr(NDArray<long>.From(x, x.Length)),
        ulong[] x => Repr(NDArray<ulong>.From(x, x.Length)),
        Half[] x => Repr(NDArray<Half>.From(x, x.Length)),
        float[] x => Repr(NDArray<float>.From(x, x.Length)),
        double[] x => Repr(NDArray<double>.From(x, x.Length)),
        _ => item.ToString() ?? "",
    };

    private static string Layout<T>(NDArray<T> a, string[] words, string? typeName)
    {
        string body;
        if (a.Rank == 0)
        {
            body = words.Length > 0 ? words[0] : "";
        }
        else if (a.Data.Length == 0)
        {
            body = new string('[', 1) + "]";
            if (a.Rank > 1) body = "[]"; // NumPy shows empty arrays as [] plus the shape
        }
        else
        {
            var k = 0;
            body = Recurse(a.Shape, 0, words, ref k, "       ", LineWidth - 1);
        }
        var sb = new StringBuilder("array(").Append(body);
        if (a.Data.Length == 0 && a.Rank > 1) sb.Append(", shape=(").Append(string.Join(", ", a.Shape)).Append(a.Rank == 1 ? ",)" : ")");
        if (typeName is not null)
        {
            var lastLine = sb.ToString().Split('\n')[^1];
            var suffix = "dtype=" + typeName;
            if (lastLine.Length + 2 + suffix.Length + 1 > LineWidth) sb.Append(",\n      ").Append(suffix);
            else sb.Append(", ").Append(suffix);
        }
        return sb.Append(')').ToString();
    }

    private static string Recurse(int[] shape, int axis, string[] words, ref int k, string hangingIndent, int currWidth)
    {
        var axesLeft = shape.Length - axis;
        var nextIndent = hangingIndent + " ";
        var nextWidth = currWidth - 1;
        var n = shape[axis];
        var s = new StringBuilder();
        if (axesLeft == 1)
        {
            var elemWidth = currWidth - 1;
            var line = new StringBuilder(hangingIndent);
            for (var i = 0; i < n; i++)
            {
                var word = words[k++];
                var needsWrap = line.Length + word.Length > elemWidth && line.Length > hangingIndent.Length;
                if (needsWrap)
                {
                    s.Append(line.ToString().TrimEnd()).Append('\n');
                    line.Clear().Append(hangingIndent);
                }
                line.Append(word);
                if (i < n - 1) line.Append(", ");
            }
            s.Append(line);
        }
        else
        {
            var lineSep = "," + new string('\n', axesLeft - 1);
            for (var i = 0; i < n; i++)
            {
                s.Append(hangingIndent).Append(Recurse(shape, axis + 1, words, ref k, nextIndent, nextWidth));
                if (i < n - 1) s.Append(lineSep);
            }
        }
        return "[" + s.ToString()[hangingIndent.Length..] + "]";
    }

    /// <summary>The text of each element as NumPy prints the natural dtype of <typeparamref name="T"/> (padded alike), and that dtype's name when NumPy shows it.</summary>
    internal static string[] FormatElements<T>(T[] data, bool zeroD, out string? typeName)
    {
        typeName = DefaultTypeName<T>(data);
        if (data.Length == 0)
        {
            // NumPy names the dtype of every empty array, the default ones (int64, float64, bool) included.
            typeName ??= EmptyTypeName<T>();
            return [];
        }
        switch (data)
        {
            case bool[] b:
                // NumPy's BoolFormat: " True" lines up with "False", except in a 0-d array.
                return b.Select(x => x ? (zeroD ? "True" : " True") : "False").ToArray();
            case double[] d: return NumpyFloatFormat.Format(d, 64);
            case float[] f: return NumpyFloatFormat.Format(f.Select(x => (double)x).ToArray(), 32);
            case Half[] h: return NumpyFloatFormat.Format(h.Select(x => (double)x).ToArray(), 16);
            // NumPy does not pad strings to a common width.
            case string[] s: return s.Select(x => x is null ? "None" : PythonRepr.Of(x)).ToArray();
        }
        var raw = data.Select(x => x switch
        {
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            null => "None",
            _ => x.ToString() ?? "",
        }).ToArray();
        return PadLeft(raw, left: false);
    }

    private static string[] PadLeft(string[] words, bool left)
    {
        var w = words.Length == 0 ? 0 : words.Max(x => x.Length);
        return words.Select(x => left ? x.PadRight(w) : x.PadLeft(w)).ToArray();
    }

    private static string? EmptyTypeName<T>()
    {
        var t = typeof(T);
        if (t == typeof(long)) return "int64";
        if (t == typeof(double)) return "float64";
        if (t == typeof(bool)) return "bool";
        if (t == typeof(System.Numerics.Complex)) return "complex128";
        return null;
    }

    private static string? DefaultTypeName<T>(T[] data)
    {
        var t = typeof(T);
        if (t == typeof(long) || t == typeof(double) || t == typeof(bool) || t == typeof(System.Numerics.Complex)) return null;
        if (t == typeof(int)) return "int32";
        if (t == typeof(short)) return "int16";
        if (t == typeof(sbyte)) return "int8";
        if (t == typeof(byte)) return "uint8";
        if (t == typeof(ushort)) return "uint16";
        if (t == typeof(uint)) return "uint32";
        if (t == typeof(ulong)) return "uint64";
        if (t == typeof(float)) return "float32";
        if (t == typeof(Half)) return "float16";
        if (t == typeof(Complex64)) return "complex64";
        if (t == typeof(string)) return "'<U" + Math.Max(1, (data as string[])!.Select(s => s?.Length ?? 0).DefaultIfEmpty(1).Max()) + "'";
        return null;
    }
}
