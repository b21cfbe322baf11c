using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Zarr.Generators.Diagnostics;
using Zarr.Generators.Model;
using Zarr.Generators.Parsing;

namespace Zarr.Generators.Tests;

/// <summary>
/// The zarr tool compiles the generator's parser and emitter without Roslyn, so the few rules they
/// took from Roslyn are written out; these tests hold each one to Roslyn's own.
/// </summary>
public class CompilerFreeRulesTests
{
    [Fact]
    public void ReservedKeywordsAreTheOnesSyntaxFactsKnows()
    {
        var roslyn = Enum.GetValues<SyntaxKind>()
            .Select(SyntaxFacts.GetText)
            .Where(t => t.Length > 0 && SyntaxFacts.GetKeywordKind(t) != SyntaxKind.None)
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(roslyn.Order(StringComparer.Ordinal), IdentifierSanitizer.ReservedKeywords.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void IdentifierCharactersAreTheOnesSyntaxFactsAllows()
    {
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            Assert.True(SyntaxFacts.IsIdentifierStartCharacter(c) == IdentifierSanitizer.IsIdentifierStartCharacter(c), $"start U+{i:X4}");
            Assert.True(SyntaxFacts.IsIdentifierPartCharacter(c) == IdentifierSanitizer.IsIdentifierPartCharacter(c), $"part U+{i:X4}");
        }
        foreach (var name in new[] { "", "a", "_", "1a", "a1", "a-b", "dé", "a\u200Db", "\u0660x" })
            Assert.Equal(SyntaxFacts.IsValidIdentifier(name), IdentifierSanitizer.IsValidIdentifier(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("one line")]
    [InlineData("a\nb\r\nc\rd\u0085e\u2028f\u2029g")]
    [InlineData("\r\n\r\n\n\r")]
    public void LinesAndColumnsAreSourceTexts(string text)
    {
        var index = new LineIndex(text);
        var source = SourceText.From(text);
        for (var offset = 0; offset <= text.Length; offset++)
        {
            var expected = source.Lines.GetLinePosition(offset);
            Assert.Equal((expected.Line, expected.Character), index.Position(offset));
        }
    }

    [Fact]
    public void DiagnosticsPrintAsTheCompilerPrintsThem()
    {
        var at = new LocationInfo("/stores/data.zarr/a/.zarray", 12, 3, 1, 4, 1, 7);
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            var arguments = Enumerable.Range(0, 5).Select(i => "arg" + i).ToArray();
            foreach (var location in new[] { at, null })
            {
                var info = DiagnosticInfo.Create(descriptor, location, arguments);
                Assert.Equal(info.ToDiagnostic().ToString(), info.Format());
            }
        }
    }
}
