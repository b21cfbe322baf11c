using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests.Diagnostics;

/// <summary>ZARR007: bindings asked for without the runtime give one error and no generated files, not a cascade.</summary>
public class ZARR007Tests
{
    [Fact]
    public void WithoutTheRuntimeOneErrorAndNothingGenerated()
    {
        var compilation = CSharpCompilation.Create("NoRuntime",
            [CSharpSyntaxTree.ParseText("public static class Program { }", GeneratorHarness.ParseOptions, path: "/src/File0.cs")],
            Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var second = new StoreFixture("/repo/other.zarr", "Demo.Other").Group("").Array("x", "[2]", "[2]", "\"<i4\"");
        GeneratorHarness.Driver([Inputs.MetadataFirst(), second]).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);

        var error = Assert.Single(diagnostics);
        Assert.Equal("ZARR007", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("Demo.Data.Ocean, Demo.Other", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Single(output.SyntaxTrees);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public Task WithTheRuntimeNothingIsReported() =>
        new ZarrGeneratorTest().WithStore(new StoreFixture("/repo/ok.zarr", "Demo.Ok").Group("").Array("x", "[2]", "[2]", "\"<i4\"")).RunAsync();

    [Fact]
    public void NoMetadataAndNoRuntimeIsNotAnError()
    {
        var compilation = CSharpCompilation.Create("Plain", [CSharpSyntaxTree.ParseText("class C { }", GeneratorHarness.ParseOptions)], Net100.References.All);
        GeneratorHarness.Driver([]).RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        Assert.Empty(diagnostics);
    }
}
