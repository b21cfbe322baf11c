using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Zarr.Generators;

namespace Zarr.Generators.Tests;

public class GeneratorSmokeTests
{
    [Fact]
    public void GeneratorRunsOnEmptyCompilation()
    {
        var compilation = CSharpCompilation.Create("t", [CSharpSyntaxTree.ParseText("class A {}")]);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new ZarrGenerator());
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        Assert.Empty(diagnostics);
        Assert.Empty(driver.GetRunResult().Results[0].GeneratedSources);
    }
}
