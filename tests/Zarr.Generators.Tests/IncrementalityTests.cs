using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests;

/// <summary>
/// The pipeline reuses its cache: an unrelated edit re-runs nothing, an edit to one metadata file
/// re-parses that file and re-emits only its group, and no step's model holds a symbol, a
/// compilation or a syntax node.
/// </summary>
public class IncrementalityTests
{
    private static readonly string[] AllSteps =
    [
        ZarrGenerator.Steps.SchemaGroups, ZarrGenerator.Steps.MetadataInputs, ZarrGenerator.Steps.MetadataFiles,
        ZarrGenerator.Steps.MetadataCollected, ZarrGenerator.Steps.Hierarchies, ZarrGenerator.Steps.MetadataGroups, ZarrGenerator.Steps.Runtime,
    ];

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun(StoreFixture store)
    {
        var compilation = GeneratorHarness.Compilation(Inputs.SchemaFirst, "namespace Other { public class Unrelated { } }");
        var driver = GeneratorHarness.Driver([store]).RunGenerators(compilation);
        return (driver, compilation);
    }

    [Fact]
    public void UnrelatedEditReusesEveryOutput()
    {
        var (driver, compilation) = FirstRun(Inputs.MetadataFirst());
        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("namespace Other { public class Unrelated { public int X; } }", GeneratorHarness.ParseOptions, path: "/src/File1.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results[0];

        foreach (var step in AllSteps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), "missing step " + step);
            foreach (var run in result.TrackedSteps[step])
                Assert.All(run.Outputs, o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        }
        Assert.NotEmpty(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void EditingOneMetadataFileReemitsOnlyItsGroup()
    {
        var store = Inputs.MetadataFirst();
        var (driver, compilation) = FirstRun(store);
        var first = driver.GetRunResult();
        var path = store.PathOf("stations/2024-archive/spectrum/.zarray");
        var oldText = FindAdditionalText(first, path);
        var newText = new InMemoryAdditionalText(path, oldText.GetText()!.ToString().Replace("\"shape\": [10]", "\"shape\": [20]"));
        var result = driver.ReplaceAdditionalText(oldText, newText).RunGenerators(compilation).GetRunResult().Results[0];

        // One file re-parsed; every other parse reused.
        var parses = result.TrackedSteps[ZarrGenerator.Steps.MetadataFiles].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(1, parses.Count(o => o.Reason == IncrementalStepRunReason.Modified));
        Assert.Equal(store.Files.Count() - 1, parses.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));

        // Only the group holding the array is emitted again.
        var groups = result.TrackedSteps[ZarrGenerator.Steps.MetadataGroups].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(3, groups.Count);
        Assert.Equal(1, groups.Count(o => o.Reason == IncrementalStepRunReason.Modified));
        Assert.Equal(2, groups.Count(o => o.Reason == IncrementalStepRunReason.Unchanged));

        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.Equal(1, outputs.Count(o => o.Reason == IncrementalStepRunReason.Modified));
        Assert.All(outputs.Where(o => o.Reason != IncrementalStepRunReason.Modified),
            o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.Contains(result.GeneratedSources, s => s.HintName.EndsWith("_2024ArchiveGroup.zarr.g.cs", StringComparison.Ordinal) && s.SourceText.ToString().Contains("new long[] { 20 }"));
    }

    [Fact]
    public void EditingOneZarrJsonReemitsOnlyItsGroup()
    {
        var store = Inputs.MetadataFirstV3();
        var (driver, compilation) = FirstRun(store);
        var path = store.PathOf("stations/when/zarr.json");
        var oldText = FindAdditionalText(driver.GetRunResult(), path);
        var newText = new InMemoryAdditionalText(path, oldText.GetText()!.ToString().Replace("\"shape\": [4]", "\"shape\": [9]"));
        var result = driver.ReplaceAdditionalText(oldText, newText).RunGenerators(compilation).GetRunResult().Results[0];

        var parses = result.TrackedSteps[ZarrGenerator.Steps.MetadataFiles].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(1, parses.Count(o => o.Reason == IncrementalStepRunReason.Modified));
        var groups = result.TrackedSteps[ZarrGenerator.Steps.MetadataGroups].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(2, groups.Count);
        Assert.Equal(1, groups.Count(o => o.Reason == IncrementalStepRunReason.Modified));
        Assert.Contains(result.GeneratedSources, s => s.HintName.EndsWith("StationsGroup.zarr.g.cs", StringComparison.Ordinal) && s.SourceText.ToString().Contains("new long[] { 9 }"));
    }

    [Fact]
    public void V3ModelsHoldNoSymbolsCompilationsOrSyntax()
    {
        var compilation = GeneratorHarness.Compilation(Inputs.SchemaFirstV3);
        var result = GeneratorHarness.Driver([Inputs.MetadataFirstV3()]).RunGenerators(compilation).GetRunResult().Results[0];
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var step in AllSteps)
        {
            foreach (var run in result.TrackedSteps[step])
            {
                foreach (var (value, _) in run.Outputs) Walk(value, step, visited);
            }
        }
        Assert.True(visited.Count > 50, "the walk should have visited the models");
    }

    [Fact]
    public void EditingOneSchemaClassLeavesTheOtherCached()
    {
        var (driver, compilation) = FirstRun(Inputs.MetadataFirst());
        var tree = compilation.SyntaxTrees.First();
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
            Inputs.SchemaFirst.Replace("Shape = [50, 2], Chunks = [25, 2]", "Shape = [60, 2], Chunks = [30, 2]"))));
        var result = driver.RunGenerators(edited).GetRunResult().Results[0];
        var schema = result.TrackedSteps[ZarrGenerator.Steps.SchemaGroups].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(2, schema.Count);
        Assert.Equal(1, schema.Count(o => o.Reason == IncrementalStepRunReason.Modified));
        Assert.Equal(1, schema.Count(o => o.Reason == IncrementalStepRunReason.Unchanged));
        Assert.All(result.TrackedSteps[ZarrGenerator.Steps.MetadataGroups].SelectMany(s => s.Outputs),
            o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
    }

    [Fact]
    public void ModelsHoldNoSymbolsCompilationsOrSyntax()
    {
        var (driver, _) = FirstRun(Inputs.MetadataFirst());
        var result = driver.GetRunResult().Results[0];
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var step in AllSteps)
        {
            foreach (var run in result.TrackedSteps[step])
            {
                foreach (var (value, _) in run.Outputs) Walk(value, step, visited);
            }
        }
        Assert.True(visited.Count > 50, "the walk should have visited the models");
    }

    private static void Walk(object? node, string path, HashSet<object> visited)
    {
        if (node is null || node is string || node.GetType().IsPrimitive || node is Enum) return;
        if (!node.GetType().IsValueType && !visited.Add(node)) return;
        Assert.False(node is ISymbol, $"{path} holds a symbol");
        Assert.False(node is Compilation, $"{path} holds a compilation");
        Assert.False(node is SyntaxNode, $"{path} holds a syntax node");
        Assert.False(node is SyntaxTree, $"{path} holds a syntax tree");
        Assert.False(node is Location, $"{path} holds a Location");
        if (node is AdditionalText) return; // compared by reference; replaced by the driver when the file changes
        if (node is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items) Walk(item, $"{path}[{i++}]", visited);
            if (node is Array || node.GetType().IsGenericType && node.GetType().GetGenericTypeDefinition() == typeof(ImmutableArray<>)) return;
        }
        foreach (var f in node.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (f.FieldType.IsPointer) continue;
            Walk(f.GetValue(node), path + "." + f.Name, visited);
        }
    }

    private static AdditionalText FindAdditionalText(GeneratorDriverRunResult run, string path) =>
        run.Results[0].TrackedSteps[ZarrGenerator.Steps.MetadataInputs]
            .SelectMany(s => s.Outputs)
            .Select(o => o.Value)
            .Select(v => (AdditionalText)v.GetType().GetProperty("File")!.GetValue(v)!)
            .Single(t => t.Path == path);
}
