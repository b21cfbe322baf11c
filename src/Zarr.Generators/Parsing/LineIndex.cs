using System.Collections.Generic;

namespace Zarr.Generators.Parsing;

/// <summary>
/// Line and column (both from 0) of an offset in a text, with the line breaks Roslyn's
/// <c>SourceText</c> recognises (CR, LF, CRLF, NEL, LS, PS), so a diagnostic points at the same place
/// whether the generator or the zarr tool reports it.
/// </summary>
internal sealed class LineIndex
{
    private readonly List<int> _lineStarts = new() { 0 };

    public LineIndex(string text)
    {
        Length = text.Length;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\r':
                    if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                    _lineStarts.Add(i + 1);
                    break;
                case '\n':
                case '\u0085':
                case '\u2028':
                case '\u2029':
                    _lineStarts.Add(i + 1);
                    break;
            }
        }
    }

    public int Length { get; }

    /// <summary>The line and column of <paramref name="offset"/> (0 ≤ offset ≤ <see cref="Length"/>).</summary>
    public (int Line, int Column) Position(int offset)
    {
        var line = _lineStarts.BinarySearch(offset);
        if (line < 0) line = ~line - 1;
        return (line, offset - _lineStarts[line]);
    }
}
