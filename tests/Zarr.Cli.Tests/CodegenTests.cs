using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Zarr.Cli.Commands;
using Zarr.Generators;

namespace Zarr.Cli.Tests;

/// <summary>zarr codegen prints exactly what the source generator emits for the store, and it compiles.</summary>
public sealed class CodegenTests
{
    private static readonly Samples S = Samples.Shared;

    [Fact]
    public void PrintsWhatTheGeneratorEmitsForTheSameMetadataFiles()
    {
        var output = Cli.Ok(S.Root, "codegen", "data.zarr", "--namespace", "Demo.Stores", "--class", "Data");

        // The generator as a build runs it: every metadata document as an AdditionalFile with
        // ZarrRoot and ZarrClass item metadata.
        var texts = Directory.EnumerateFiles(S.DirPath, ".z*", SearchOption.AllDirectories)
            .Select(f => (AdditionalText)new FileText(f.Replace('\\', '/'))).ToImmutableArray();
        var options = new Options(new Dictionary<string, string>
        {
            ["build_metadata.AdditionalFiles.ZarrRoot"] = S.DirPath,
            ["build_metadata.AdditionalFiles.ZarrClass"] = "Demo.Stores.Data",
        });
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new ZarrGenerator().AsSourceGenerator()], texts, new CSharpParseOptions(LanguageVersion.Latest), options);
        var compilation = CSharpCompilation.Create("User", [], References(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        var sources = driver.GetRunResult().Results.Single().GeneratedSources;
        Assert.True(sources.Length >= 3, "expected the root, foo and foo/bar classes");
        var expected = string.Join("\n", CodegenCommand.InPrintOrder(sources, s => s.HintName).Select(s => "// " + s.HintName + "\n" + s.SourceText));
        Assert.Equal(expected, output);

        var errors = generated.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void WritesOneFilePerClassWithOutput()
    {
        var folder = S.NewFolder();
        var line = Cli.Ok(S.Root, "codegen", S.ZipPath, "--class", "Data", "-o", Path.Combine(folder, "gen"));
        Assert.StartsWith("wrote 3 files to ", line);
        Assert.Equal(["Data.FooGroup.BarGroup.zarr.g.cs", "Data.FooGroup.zarr.g.cs", "Data.zarr.g.cs"],
            Directory.GetFiles(Path.Combine(folder, "gen")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AStoreWhoseRootIsAnArrayBindsAsThatArray()
    {
        var folder = S.NewFolder();
        var path = Path.Combine(folder, "root.zarr");
        var written = ZarrArray.Create<int>([6], [3], new ArrayOptions(), path);
        written[2] = 5;
        written.Attrs["units"] = "m";

        var output = Cli.Ok(folder, "codegen", "root.zarr", "--namespace", "Demo", "--class", "Depths");
        Assert.StartsWith("// Demo.Depths.zarr.g.cs\n", output);
        Assert.Contains("public sealed partial class Depths : global::Zarr.ZarrArray1D<int>", output);
        Assert.Contains("public string Units => ", output);

        var compilation = CSharpCompilation.Create("User", [CSharpSyntaxTree.ParseText(output, new CSharpParseOptions(LanguageVersion.Latest))], References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void ProblemsFailInOneLineEach()
    {
        Assert.Contains("--class", Cli.Fails(S.Root, 2, "codegen", "data.zarr"));
        Assert.Contains("whole store", Cli.Fails(S.Root, 1, "codegen", "data.zarr/foo", "--class", "C"));
        Assert.Contains("not a valid C# type name", Cli.Fails(S.Root, 1, "codegen", "data.zarr", "--class", "not a name"));
        Assert.Contains("not a valid C# type name", Cli.Fails(S.Root, 1, "codegen", "data.zarr", "--namespace", "1x", "--class", "C"));

        // Metadata the generator rejects: its diagnostics, one line each, and exit 1.
        var folder = S.NewFolder();
        Directory.CreateDirectory(Path.Combine(folder, "bad.zarr", "a"));
        File.WriteAllText(Path.Combine(folder, "bad.zarr", ".zgroup"), "{\"zarr_format\": 2}");
        File.WriteAllText(Path.Combine(folder, "bad.zarr", "a", ".zarray"), "{\"zarr_format\": 2, \"shape\": [3");
        var r = Cli.Run(folder, "codegen", "bad.zarr", "--class", "C");
        Assert.Equal(1, r.ExitCode);
        Assert.All(r.Err.TrimEnd('\n').Split('\n'), l => Assert.StartsWith("zarr: ", l));
        Assert.Contains("error ZARR1", r.Err);
    }

    [Fact]
    public void The_tool_carries_the_generators_code_but_not_the_compiler()
    {
        var deps = File.ReadAllText(Path.ChangeExtension(Cli.Dll, ".deps.json"));
        Assert.DoesNotContain("Microsoft.CodeAnalysis", deps);
        Assert.DoesNotContain("Zarr.Generators", deps);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(Cli.Dll)!, "Microsoft.CodeAnalysis.dll")));
    }

    private static IEnumerable<MetadataReference> References() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(ZarrGroup).Assembly.Location)
            .Distinct()
            .Select(p => MetadataReference.CreateFromFile(p));

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path));
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly FileOptions _file = new(values);
        private readonly FileOptions _none = new([]);

        public override AnalyzerConfigOptions GlobalOptions => _none;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _none;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _file;

        private sealed class FileOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
