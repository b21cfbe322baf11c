using System.Text;

namespace Zarr.DataTypes;

/// <summary>
/// The text view of a fixed-size NumPy <c>S&lt;n&gt;</c> value (a record field the generator binds to
/// an inline byte buffer): Latin-1, one character per byte, trailing NULs dropped as NumPy's
/// <c>bytes_</c> drops them; text is stored NUL-padded.
/// </summary>
public static class FixedBytes
{
    /// <summary>The bytes as text, up to the trailing NULs (<c>b'ab\0\0'</c> is <c>"ab"</c>).</summary>
    public static string ToText(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes[..(bytes.LastIndexOfAnyExcept((byte)0) + 1)]);

    /// <summary>Writes <paramref name="text"/> as Latin-1 into <paramref name="destination"/>, padding with NULs.</summary>
    /// <exception cref="ArgumentException">The text is longer than the field or has a character beyond U+00FF.</exception>
    public static void FromText(string? text, Span<byte> destination)
    {
        text ??= "";
        if (text.Length > destination.Length)
            throw new ArgumentException($"\"{text}\" has {text.Length} characters, more than the {destination.Length} bytes of the field.", nameof(text));
        foreach (var c in text)
            if (c > 0xFF) throw new ArgumentException($"\"{text}\" has a character outside Latin-1 ('{c}'); an S field holds bytes.", nameof(text));
        destination.Clear();
        Encoding.Latin1.GetBytes(text, destination);
    }
}
