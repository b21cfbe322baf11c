using System.Globalization;
using System.Text;

namespace Zarr.Codecs;

/// <summary>The text encodings pickle uses: UTF-8 with surrogates passed through, raw-unicode-escape, and Python 2 string literals.</summary>
internal static class PickleText
{
    /// <summary>
    /// CPython's shared bytes objects: the empty one, and the one-byte ones that most ways of making
    /// bytes return (a literal, <c>_codecs.encode</c>, msgpack). The unpickler's BINBYTES opcodes make
    /// new objects instead, and reading keeps that difference, because pickle writes a shared object
    /// once and refers back to it.
    /// </summary>
    public static readonly byte[][] SharedBytes = Enumerable.Range(0, 256).Select(b => new[] { (byte)b }).ToArray();

    /// <summary>The shared empty bytes.</summary>
    public static readonly byte[] EmptyBytes = [];

    /// <summary>Bytes as CPython would make them from data: shared when empty or of one byte.</summary>
    public static byte[] Shared(byte[] bytes) => bytes.Length switch { 0 => EmptyBytes, 1 => SharedBytes[bytes[0]], _ => bytes };

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>Python's <c>s.encode('utf-8', 'surrogatepass')</c>: a lone surrogate becomes its 3-byte form.</summary>
    public static byte[] EncodeUtf8SurrogatePass(string s)
    {
        if (!s.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF')) return Encoding.UTF8.GetBytes(s);
        var bytes = new List<byte>(s.Length * 3);
        for (var i = 0; i < s.Length; i++)
        {
            int c = s[i];
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                c = char.ConvertToUtf32(s[i], s[i + 1]);
                i++;
            }
            if (c < 0x80) bytes.Add((byte)c);
            else if (c < 0x800) bytes.AddRange([(byte)(0xC0 | (c >> 6)), (byte)(0x80 | (c & 0x3F))]);
            else if (c < 0x10000) bytes.AddRange([(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))]);
            else bytes.AddRange([(byte)(0xF0 | (c >> 18)), (byte)(0x80 | ((c >> 12) & 0x3F)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))]);
        }
        return bytes.ToArray();
    }

    /// <summary>Python's <c>bytes.decode('utf-8', 'surrogatepass')</c>; null when the bytes are not valid.</summary>
    public static string? DecodeUtf8SurrogatePass(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Only encoded surrogates (ED A0..BF xx) may make strict UTF-8 fail on a valid pickle.
        }
        var sb = new StringBuilder(bytes.Length);
        var i = 0;
        while (i < bytes.Length)
        {
            var n = bytes[i] switch { < 0x80 => 1, >= 0xC2 and < 0xE0 => 2, >= 0xE0 and < 0xF0 => 3, >= 0xF0 and < 0xF5 => 4, _ => 0 };
            if (n == 0 || i + n > bytes.Length) return null;
            var seq = bytes.Slice(i, n);
            if (n == 3 && seq[0] == 0xED && seq[1] >= 0xA0 && seq[1] <= 0xBF && seq[2] is >= 0x80 and <= 0xBF)
                sb.Append((char)(0xD000 | ((seq[1] & 0x3F) << 6) | (seq[2] & 0x3F)));
            else
            {
                try { sb.Append(StrictUtf8.GetString(seq)); }
                catch (DecoderFallbackException) { return null; }
            }
            i += n;
        }
        return sb.ToString();
    }

    /// <summary>Bytes as Latin-1 text (one character per byte).</summary>
    public static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>Protocol 0's text of a str: backslash, NUL, CR, LF and ^Z as <c>\uXXXX</c>, then raw-unicode-escape.</summary>
    public static string RawUnicodeEscape(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (var rune in EnumerateCodePoints(s))
        {
            if (rune is '\\' or '\0' or '\n' or '\r' or '\x1a' or >= 0x100 and < 0x10000) sb.Append("\\u").Append(rune.ToString("x4", CultureInfo.InvariantCulture));
            else if (rune >= 0x10000) sb.Append("\\U").Append(rune.ToString("x8", CultureInfo.InvariantCulture));
            else sb.Append((char)rune);
        }
        return sb.ToString();
    }

    // Code points as Python sees them: a surrogate pair is one, a lone surrogate is itself.
    private static IEnumerable<int> EnumerateCodePoints(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                yield return char.ConvertToUtf32(s[i], s[i + 1]);
                i++;
            }
            else yield return s[i];
        }
    }

    /// <summary>Decodes raw-unicode-escape: <c>\uXXXX</c> and <c>\UXXXXXXXX</c> after an odd run of backslashes, every other byte as Latin-1; null when malformed.</summary>
    public static string? RawUnicodeUnescape(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        var backslashes = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b is (byte)'u' or (byte)'U' && backslashes % 2 == 1)
            {
                var digits = b == 'u' ? 4 : 8;
                if (i + digits >= bytes.Length
                    || !uint.TryParse(Latin1(bytes.Slice(i + 1, digits)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var cp)
                    || cp > 0x10FFFF)
                    return null;
                sb.Length--; // the backslash that introduced the escape
                if (cp >= 0x10000) sb.Append(char.ConvertFromUtf32((int)cp));
                else sb.Append((char)cp);
                i += digits;
                backslashes = 0;
                continue;
            }
            backslashes = b == '\\' ? backslashes + 1 : 0;
            sb.Append((char)b);
        }
        return sb.ToString();
    }

    /// <summary>
    /// A Python 2 string literal of protocol 0 (<c>'it\'s'</c>): quotes removed, escapes decoded as
    /// <c>codecs.escape_decode</c> does, then read as ASCII as Python 3's unpickler does by default.
    /// Null when malformed or not ASCII.
    /// </summary>
    public static string? Python2Literal(ReadOnlySpan<byte> text)
    {
        if (text.Length < 2 || text[0] != text[^1] || text[0] is not ((byte)'\'' or (byte)'"')) return null;
        var body = text[1..^1];
        var sb = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var b = body[i];
            if (b != '\\' || i + 1 == body.Length)
            {
                if (b > 0x7f) return null;
                sb.Append((char)b);
                continue;
            }
            var e = body[++i];
            switch (e)
            {
                case (byte)'\n': break;
                case (byte)'\\': sb.Append('\\'); break;
                case (byte)'\'': sb.Append('\''); break;
                case (byte)'"': sb.Append('"'); break;
                case (byte)'a': sb.Append('\a'); break;
                case (byte)'b': sb.Append('\b'); break;
                case (byte)'f': sb.Append('\f'); break;
                case (byte)'n': sb.Append('\n'); break;
                case (byte)'r': sb.Append('\r'); break;
                case (byte)'t': sb.Append('\t'); break;
                case (byte)'v': sb.Append('\v'); break;
                case (byte)'x':
                    if (i + 2 >= body.Length || !byte.TryParse(Latin1(body.Slice(i + 1, 2)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var x)) return null;
                    if (x > 0x7f) return null;
                    sb.Append((char)x);
                    i += 2;
                    break;
                case >= (byte)'0' and <= (byte)'7':
                    var value = e - '0';
                    for (var k = 0; k < 2 && i + 1 < body.Length && body[i + 1] is >= (byte)'0' and <= (byte)'7'; k++) value = value * 8 + (body[++i] - '0');
                    if ((value & 0xff) > 0x7f) return null;
                    sb.Append((char)(value & 0xff));
                    break;
                default:
                    if (e > 0x7f) return null;
                    sb.Append('\\').Append((char)e);
                    break;
            }
        }
        return sb.ToString();
    }
}
