using Microsoft.CodeAnalysis;

namespace Zarr.Generators;

/// <summary>Emits typed Zarr group and array accessors (pipeline filled in by the generator issue).</summary>
[Generator(LanguageNames.CSharp)]
public sealed class ZarrGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
