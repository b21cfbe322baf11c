using System.Linq;
using Microsoft.CodeAnalysis;

namespace Zarr.Generators.Model;

/// <summary>The compiler's side of <see cref="DiagnosticInfo"/>; only the generator compiles it.</summary>
internal sealed partial record DiagnosticInfo
{
    public Diagnostic ToDiagnostic() => Diagnostic.Create(
        Diagnostics.DiagnosticDescriptors.ById(Id),
        Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None,
        Arguments.Cast<object>().ToArray());
}
