using System.Globalization;
using System.Text;
using Zarr.DataTypes;
using Zarr.Metadata.Json;

namespace Zarr;

/// <summary>Prints arrays the way NumPy's <c>repr</c> does (default print options, no summarisation).</summary>
internal static class NDArrayFormatter
{
    private const int LineWidth = 75;

    public static string Repr<T>(NDArray<T> a)
    {
        var words = FormatElements(a.Data, out var typeName);
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

    private static string[] FormatElements<T>(T[] data, out string? typeName)
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
                var anyFalse = b.Any(x => !x);
                return b.Select(x => x ? (anyFalse ? " True" : "True") : "False").ToArray();
            case double[] d: return FormatFloats(d.Select(x => x).ToArray());
            case float[] f: return FormatFloats(f.Select(x => (double)x).ToArray(), single: true);
            case Half[] h: return FormatFloats(h.Select(x => (double)x).ToArray(), half: true);
            case string[] s: return PadLeft(s.Select(x => "'" + x + "'").ToArray(), left: true);
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

    private static string[] FormatFloats(double[] values, bool single = false, bool half = false)
    {
        // NumPy's default: up to 8 significant fractional digits, unique repr, decimal points aligned.
        var finite = values.Where(double.IsFinite).Select(Math.Abs).ToArray();
        var useSci = finite.Length > 0 && (finite.Max() >= 1e16 || (finite.Min(x => x == 0 ? double.MaxValue : x) < 1e-4 && finite.Any(x => x != 0)));
        var parts = values.Select(v =>
        {
            if (double.IsNaN(v)) return ("nan", "");
            if (double.IsInfinity(v)) return (v > 0 ? "inf" : "-inf", "");
            var r = single ? ((float)v).ToString("R", CultureInfo.InvariantCulture) : half ? ((Half)v).ToString(CultureInfo.InvariantCulture) : PythonFloat.Repr(v);
            if (useSci) return (v.ToString("0.########e+00", CultureInfo.InvariantCulture), "");
            if (r.Contains('E') || r.Contains('e')) r = v.ToString("0.########", CultureInfo.InvariantCulture);
            var rounded = Math.Round(v, 8);
            r = rounded.ToString("0.########", CultureInfo.InvariantCulture);
            var dot = r.IndexOf('.');
            return dot < 0 ? (r + ".", "") : (r[..(dot + 1)], r[(dot + 1)..]);
        }).ToArray();
        var intW = parts.Max(p => p.Item1.Length);
        var fracW = parts.Max(p => p.Item2.Length);
        return parts.Select(p => p.Item1.PadLeft(intW) + (p.Item1.EndsWith('.') ? p.Item2.PadRight(fracW) : new string(' ', fracW))).ToArray();
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
