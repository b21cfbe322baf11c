using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Zarr.Generators.Model;

/// <summary>The compiler's side of <see cref="LocationInfo"/>; only the generator compiles it.</summary>
internal sealed partial record LocationInfo
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
