using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Zarr.Generators.Tests.Infrastructure;

/// <summary>Runs the generator on sources and metadata files and compiles the result as a user's build would.</summary>
public static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
        [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(ZarrGroup).Assembly.Location)];

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create(
            "UserAssembly",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"/src/File{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error));

    public static GeneratorDriver Driver(IEnumerable<StoreFixture> stores, bool track = true)
    {
        var texts = new List<AdditionalText>();
        var options = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        foreach (var store in stores)
        {
            foreach (var (path, text) in store.Files)
            {
                texts.Add(new InMemoryAdditionalText(path, text));
                options[path] = store.Options;
            }
        }
        return CSharpGeneratorDriver.Create(
            [new ZarrGenerator().AsSourceGenerator()],
            texts,
            ParseOptions,
            new TestOptionsProvider(options),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));
    }

    public sealed record Result(GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
    {
        public GeneratorDriverRunResult RunResult => Driver.GetRunResult();

        public IEnumerable<GeneratedSourceResult> Sources => RunResult.Results.SelectMany(r => r.GeneratedSources);

        /// <summary>Compiler diagnostics of the output (warnings count: the user builds with warnings as errors).</summary>
        public IEnumerable<Diagnostic> CompileDiagnostics =>
            Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning);

        public void AssertCompiles()
        {
            var problems = GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Concat(CompileDiagnostics).ToList();
            Assert.True(problems.Count == 0, "Expected a clean build, got:\n" + string.Join("\n", problems));
        }

        /// <summary>Emits the output and loads it into a collectible context.</summary>
        public Assembly Load()
        {
            using var pe = new MemoryStream();
            var emit = Output.Emit(pe);
            Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
            pe.Position = 0;
            var context = new AssemblyLoadContext("generated-" + Guid.NewGuid(), isCollectible: true);
            // The runtime must be the one the test itself uses, so exceptions and stores are shared.
            context.Resolving += (_, name) => name.Name == typeof(ZarrGroup).Assembly.GetName().Name ? typeof(ZarrGroup).Assembly : null;
            return context.LoadFromStream(pe);
        }
    }

    public static Result Run(string[] sources, params StoreFixture[] stores)
    {
        var compilation = Compilation(sources);
        var driver = Driver(stores).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new Result(driver, output, diagnostics);
    }

    public static Result Run(string source, params StoreFixture[] stores) => Run([source], stores);

    /// <summary>
    /// A schema class Root (of <paramref name="zarrFormat"/>, when given) with one [ZarrArray(<paramref name="arguments"/>)]
    /// property Values of <paramref name="type"/>, after <paramref name="declarations"/>.
    /// </summary>
    public static string OneArraySchema(string arguments, string type, string declarations = "", int? zarrFormat = null) => $$"""
        using Zarr;
        {{declarations}}
        [ZarrGroup{{(zarrFormat is { } f ? "(ZarrFormat = " + f + ")" : "")}}]
        public partial class Root
        {
            [ZarrArray({{arguments}})]
            public partial {{type}} Values { get; }
        }
        """;

    /// <summary>Runs the generator on <paramref name="source"/>, expects exactly one diagnostic, <paramref name="id"/>, and returns its message.</summary>
    public static string SingleDiagnostic(string source, string id)
    {
        var d = Assert.Single(Run(source).GeneratorDiagnostics);
        Assert.Equal(id, d.Id);
        return d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }
}
