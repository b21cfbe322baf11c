using System.Globalization;

namespace Zarr.PythonParity;

/// <summary>
/// A decimal number's text (.NET's "R", "F8" or "E8" output: <c>-1.25E-05</c>, <c>123.4</c>) as its
/// significant digits, without leading or trailing zeros ("0" for zero), and the position of the
/// decimal point relative to the first digit (Python's <c>decpt</c>: 1 for 1.25, -4 for 0.0000125).
/// Python's float repr and NumPy's float formatting lay these out each by its own rules.
/// </summary>
internal readonly record struct DecimalDigits(bool Negative, string Digits, int DecimalPoint)
{
    public static DecimalDigits Parse(string text)
    {
        var negative = text.StartsWith('-');
        if (negative) text = text[1..];
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var dot = text.IndexOf('.');
        var intLength = dot < 0 ? text.Length : dot;
        var all = text.Replace(".", "", StringComparison.Ordinal);
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        return digits.Length == 0 ? new(negative, "0", 1) : new(negative, digits, intLength - leadingZeros + exponent);
    }
}
