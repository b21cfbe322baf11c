using System.Globalization;
using System.Text;

namespace Zarr;

/// <summary>Python's <c>repr()</c> of <c>str</c> and <c>bytes</c> values, as NumPy prints array elements.</summary>
internal static class PyRepr
{
    /// <summary><c>repr(str)</c>: single quotes unless the text holds ' and no ", escapes for control characters.</summary>
    public static string Str(string s)
    {
        var quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        var sb = new StringBuilder(s.Length + 2).Append(quote);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c == quote) sb.Append('\\').Append(c);
                    else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append(quote).ToString();
    }

    /// <summary><c>repr(bytes)</c>: <c>b'ab\x00'</c>, printable ASCII as is, everything else escaped.</summary>
    public static string Bytes(byte[]? b)
    {
        if (b is null) return "None";
        var quote = Array.IndexOf(b, (byte)'\'') >= 0 && Array.IndexOf(b, (byte)'"') < 0 ? '"' : '\'';
        var sb = new StringBuilder(b.Length + 3).Append('b').Append(quote);
        foreach (var x in b)
        {
            switch (x)
            {
                case (byte)'\\': sb.Append("\\\\"); break;
                case (byte)'\n': sb.Append("\\n"); break;
                case (byte)'\r': sb.Append("\\r"); break;
                case (byte)'\t': sb.Append("\\t"); break;
                default:
                    if (x == quote) sb.Append('\\').Append((char)x);
                    else if (x < 0x20 || x >= 0x7F) sb.Append("\\x").Append(x.ToString("x2", CultureInfo.InvariantCulture));
                    else sb.Append((char)x);
                    break;
            }
        }
        return sb.Append(quote).ToString();
    }
}
