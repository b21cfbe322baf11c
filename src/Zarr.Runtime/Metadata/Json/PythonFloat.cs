using System.Globalization;
using System.Text;

namespace Zarr.Metadata.Json;

/// <summary>Formats doubles exactly as Python's <c>repr(float)</c> does (shortest round-trip digits).</summary>
public static class PythonFloat
{
    /// <summary>
    /// Python repr of <paramref name="value"/>: <c>0.0</c>, <c>2.5</c>, <c>1e-05</c>, <c>1.5e+20</c>.
    /// With <paramref name="json"/>, NaN and infinities are written as the bare tokens Python's json
    /// module emits (NaN, Infinity, -Infinity); otherwise as Python repr (nan, inf, -inf).
    /// </summary>
    public static string Repr(double value, bool json = false)
    {
        if (double.IsNaN(value)) return json ? "NaN" : "nan";
        if (double.IsPositiveInfinity(value)) return json ? "Infinity" : "inf";
        if (double.IsNegativeInfinity(value)) return json ? "-Infinity" : "-inf";
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";

        // "R" gives the shortest round-trip digits; re-layout them by Python's rules.
        var (negative, digits, decpt) = PythonParity.DecimalDigits.Parse(value.ToString("R", CultureInfo.InvariantCulture));

        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        if (decpt > -4 && decpt <= 16)
        {
            if (decpt <= 0)
            {
                sb.Append("0.").Append('0', -decpt).Append(digits);
            }
            else if (decpt >= digits.Length)
            {
                sb.Append(digits).Append('0', decpt - digits.Length).Append(".0");
            }
            else
            {
                sb.Append(digits, 0, decpt).Append('.').Append(digits, decpt, digits.Length - decpt);
            }
        }
        else
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            var x = decpt - 1;
            sb.Append('e').Append(x < 0 ? '-' : '+').Append(Math.Abs(x).ToString("00", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
