using System.Text;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Zarr.Generators.Tests.Infrastructure;

/// <summary>
/// A diagnostics test in the Microsoft.CodeAnalysis.Testing style: markup such as
/// <c>{|ZARR002:Name|}</c> in sources, or explicit locations in metadata files. Reference assemblies
/// come from Basic.Reference.Assemblies, so nothing is downloaded at test time.
/// </summary>
public sealed class ZarrGeneratorTest : CSharpSourceGeneratorTest<ZarrGenerator, DefaultVerifier>
{
    private readonly StringBuilder _config = new("is_global = true\n");

    public ZarrGeneratorTest()
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(Net100.References.All);
        TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(ZarrGroup).Assembly.Location));
        // Only the generator's diagnostics are under test; generated files are covered by the snapshots.
        CompilerDiagnostics = CompilerDiagnostics.None;
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }

    /// <summary>Adds the files of a metadata-first store with their ZarrRoot/ZarrClass settings.</summary>
    public ZarrGeneratorTest WithStore(StoreFixture store)
    {
        if (TestState.Sources.Count == 0) TestState.Sources.Add("// user code\n");
        foreach (var (path, text) in store.Files)
        {
            TestState.AdditionalFiles.Add((path, text));
            _config.Append('[').Append(path).Append("]\n");
            foreach (var (k, v) in store.Options) _config.Append(k).Append(" = ").Append(v).Append('\n');
        }
        // One global config for every store added.
        TestState.AnalyzerConfigFiles.RemoveAll(f => f.filename == "/.globalconfig");
        TestState.AnalyzerConfigFiles.Add(("/.globalconfig", _config.ToString()));
        return this;
    }

    /// <summary>Expects <paramref name="id"/> at 1-based <paramref name="line"/>/<paramref name="column"/> of <paramref name="path"/>.</summary>
    public ZarrGeneratorTest Expect(string id, string path, int line, int column, params object[] arguments)
    {
        var descriptor = Zarr.Generators.Tests.Infrastructure.Descriptors.Get(id);
        var result = new DiagnosticResult(descriptor).WithLocation(path, line, column);
        if (arguments.Length > 0) result = result.WithArguments(arguments);
        ExpectedDiagnostics.Add(result);
        return this;
    }
}

/// <summary>The generator's descriptors, reached through its assembly (they are internal).</summary>
public static class Descriptors
{
    private static readonly Dictionary<string, DiagnosticDescriptor> ById = typeof(ZarrGenerator).Assembly
        .GetType("Zarr.Generators.Diagnostics.DiagnosticDescriptors")!
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToDictionary(d => d.Id);

    public static DiagnosticDescriptor Get(string id) => ById[id];

    public static IEnumerable<string> Ids => ById.Keys;
}
