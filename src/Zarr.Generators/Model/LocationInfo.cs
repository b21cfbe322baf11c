using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Zarr.Generators.Model;

/// <summary>
/// Where a diagnostic points, as plain values (a <see cref="Location"/> holds a syntax tree and
/// would pin a compilation in the incremental cache).
/// </summary>
internal sealed record LocationInfo(string FilePath, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public Location ToLocation() => Location.Create(
        FilePath,
        new TextSpan(Start, Length),
        new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn)));

    public static LocationInfo? From(Location? location)
    {
        if (location is null || location == Location.None) return null;
        var span = location.GetLineSpan();
        return new LocationInfo(
            span.Path ?? "",
            location.SourceSpan.Start,
            location.SourceSpan.Length,
            span.StartLinePosition.Line,
            span.StartLinePosition.Character,
            span.EndLinePosition.Line,
            span.EndLinePosition.Character);
    }
}
