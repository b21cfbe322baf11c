using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Zarr.Generators.Tests.Infrastructure;

/// <summary>An AdditionalFile held in memory.</summary>
public sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
