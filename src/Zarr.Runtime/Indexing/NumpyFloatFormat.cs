using System.Globalization;
using System.Text;

namespace Zarr;

/// <summary>
/// NumPy's <c>FloatingFormat</c> with the default print options (precision 8, floatmode 'maxprec'):
/// the shortest digits that identify each value (at most 8 after the point), then one layout for the
/// whole column. Scientific notation when a non-zero magnitude is 1e8 or more, below 1e-4, or the
/// largest is over 1000 times the smallest; every mantissa then has as many digits as the longest and
/// exponents as many digits as the widest (<c>1.5e-05</c>, <c>2. e+00</c> is <c>2.0e+00</c>).
/// Positional otherwise, points aligned and fractions padded with spaces (<c>( 1.5 , -3.25)</c>).
/// </summary>
internal static class NumpyFloatFormat
{
    private const int Precision = 8;

    /// <summary>Formats a column of values of <paramref name="bits"/> bits (16, 32 or 64; the shortest digits depend on it).</summary>
    public static string[] Format(double[] values, int bits)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        var nonZero = finite.Where(v => v != 0).Select(Math.Abs).ToArray();
        var exp = nonZero.Length > 0 && (nonZero.Max() >= 1e8 || nonZero.Min() < 1e-4 || nonZero.Max() / nonZero.Min() > 1000);
        var parts = values.Select(v => double.IsFinite(v) ? (exp ? Scientific(v, bits) : Positional(v, bits)) : default).ToArray();

        int padLeft, padRight, precision = 0, expDigits = 0;
        if (finite.Length == 0)
        {
            padLeft = padRight = 0;
        }
        else if (exp)
        {
            precision = parts.Where((_, i) => double.IsFinite(values[i])).Max(p => p.Frac.Length);
            expDigits = parts.Where((_, i) => double.IsFinite(values[i])).Max(p => p.Exp.Length - 1);
            padLeft = parts.Where((_, i) => double.IsFinite(values[i])).Max(p => p.Int.Length);
            padRight = expDigits + 2 + precision;
        }
        else
        {
            padLeft = parts.Where((_, i) => double.IsFinite(values[i])).Max(p => p.Int.Length);
            padRight = parts.Where((_, i) => double.IsFinite(values[i])).Max(p => p.Frac.Length);
        }
        if (finite.Length != values.Length)
        {
            var infLength = 3 + (values.Any(v => double.IsNegativeInfinity(v)) ? 1 : 0);
            padLeft = Math.Max(padLeft, Math.Max(3 - (padRight + 1), infLength - (padRight + 1)));
        }

        var result = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (!double.IsFinite(v))
            {
                var text = double.IsNaN(v) ? "nan" : v < 0 ? "-inf" : "inf";
                result[i] = text.PadLeft(padLeft + padRight + 1);
            }
            else if (exp)
            {
                var p = parts[i];
                var sign = p.Exp[0];
                result[i] = p.Int.PadLeft(padLeft) + "." + p.Frac.PadRight(precision, '0') + "e" + sign + p.Exp[1..].PadLeft(expDigits, '0');
            }
            else result[i] = parts[i].Int.PadLeft(padLeft) + "." + parts[i].Frac.PadRight(padRight);
        }
        return result;
    }

    // The shortest round-trip text of v as the given float type.
    private static string Shortest(double v, int bits) => bits switch
    {
        16 => ((Half)v).ToString(CultureInfo.InvariantCulture),
        32 => ((float)v).ToString("R", CultureInfo.InvariantCulture),
        _ => v.ToString("R", CultureInfo.InvariantCulture),
    };

    // Decimal digits (no leading or trailing zeros; "0" for zero) and the power of ten of the first one.
    private static (bool Negative, string Digits, int Exponent) Digits(string text)
    {
        var (negative, digits, point) = PythonParity.DecimalDigits.Parse(text);
        return (negative, digits, digits == "0" ? 0 : point - 1);
    }

    private static (string Int, string Frac, string Exp) Positional(double v, int bits)
    {
        var (negative, digits, e) = Digits(Shortest(v, bits));
        var fractional = digits == "0" ? 0 : Math.Max(0, digits.Length - 1 - e);
        if (fractional > Precision)
        {
            // More than 8 digits after the point: the value rounded there, trailing zeros trimmed.
            (negative, digits, e) = Digits(v.ToString("F" + Precision, CultureInfo.InvariantCulture));
        }
        string intPart, frac;
        if (digits == "0") (intPart, frac) = ("0", "");
        else if (e < 0) (intPart, frac) = ("0", new string('0', -e - 1) + digits);
        else if (digits.Length <= e + 1) (intPart, frac) = (digits + new string('0', e + 1 - digits.Length), "");
        else (intPart, frac) = (digits[..(e + 1)], digits[(e + 1)..]);
        return ((negative ? "-" : "") + intPart, frac, "");
    }

    private static (string Int, string Frac, string Exp) Scientific(double v, int bits)
    {
        var (negative, digits, e) = Digits(Shortest(v, bits));
        if (digits.Length - 1 > Precision)
        {
            var rounded = v.ToString("E" + Precision, CultureInfo.InvariantCulture);
            (negative, digits, e) = Digits(rounded);
        }
        var exponent = new StringBuilder().Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture).PadLeft(2, '0'));
        return ((negative ? "-" : "") + digits[0], digits[1..], exponent.ToString());
    }
}
