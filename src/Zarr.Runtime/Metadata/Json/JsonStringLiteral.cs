using System.Globalization;
using System.Text;

namespace Zarr.Metadata.Json;

/// <summary>Reads one JSON string literal (the text after the opening quote), shared by the runtime's JSON readers.</summary>
internal static class JsonStringLiteral
{
    /// <summary>
    /// Reads from <paramref name="pos"/> (just past the opening quote) to the closing quote. On failure
    /// returns null with <paramref name="error"/> set and <paramref name="pos"/> at the offending character.
    /// Control characters are refused unless <paramref name="allowControl"/> (Python's <c>strict=False</c>).
    /// </summary>
    public static string? Read(string text, ref int pos, bool allowControl, out string? error)
    {
        var sb = new StringBuilder();
        error = null;
        while (true)
        {
            if (pos >= text.Length) { error = "unterminated string"; return null; }
            var c = text[pos++];
            if (c == '"') return sb.ToString();
            if (c == '\\')
            {
                if (pos >= text.Length) { error = "unterminated string"; return null; }
                var e = text[pos++];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (pos + 4 > text.Length || !ushort.TryParse(text.AsSpan(pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            error = "invalid \\uXXXX escape";
                            return null;
                        }
                        sb.Append((char)code);
                        pos += 4;
                        break;
                    default:
                        pos--;
                        error = $"invalid escape '\\{e}'";
                        return null;
                }
            }
            else if (c < 0x20 && !allowControl)
            {
                pos--;
                error = "control character in a string";
                return null;
            }
            else sb.Append(c);
        }
    }
}
