using System.Globalization;
using System.Linq;
#if ROSLYN
using Microsoft.CodeAnalysis;
#endif
using Zarr.Generators.Diagnostics;

namespace Zarr.Generators.Model;

/// <summary>A diagnostic as plain values: the descriptor's id, its message arguments and where it points.</summary>
internal sealed partial record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor.Id, location, arguments.ToEquatableArray());

    public DiagnosticSeverity Severity => DiagnosticDescriptors.ById(Id).DefaultSeverity;

    /// <summary>
    /// The line the compiler prints for this diagnostic (<c>path(line,col): error ZARR101: message</c>),
    /// for the zarr tool, which reports the generator's diagnostics without loading the compiler.
    /// </summary>
    public string Format()
    {
        var format = DiagnosticDescriptors.ById(Id).MessageFormat.ToString(CultureInfo.InvariantCulture);
        var text = Severity.ToString().ToLowerInvariant() + " " + Id + ": "
            + string.Format(CultureInfo.InvariantCulture, format, Arguments.Cast<object>().ToArray());
        if (Location is null) return text;
        return Location.FilePath + "(" + (Location.StartLine + 1).ToString(CultureInfo.InvariantCulture) + ","
            + (Location.StartColumn + 1).ToString(CultureInfo.InvariantCulture) + "): " + text;
    }
}
