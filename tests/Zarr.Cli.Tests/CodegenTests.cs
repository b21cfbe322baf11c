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
        var (expected, count) = GeneratorOutput(S.DirPath, "Demo.Stores.Data");
        Assert.True(count >= 3, "expected the root, foo and foo/bar classes");
        Assert.Equal(expected, output);
    }

    [Fact]
    public void AV3StorePrintsWhatTheGeneratorEmits()
    {
        var folder = S.NewFolder();
        var path = Path.Combine(folder, "sea.zarr");
        using (var store = new Zarr.Stores.DirectoryStore(path))
        {
            var root = ZarrGroup.Create(store, zarrFormat: 3);
            root.Attrs["title"] = "sea";
            root.Create<float>("sst", [8, 6, 10], [2, 3, 5], new ArrayOptions { Shards = [4, 6, 10], DimensionNames = ["time", "lat", "lon"] });
            root.CreateGroup("stations").Create<string>("name", [4], [4], new ArrayOptions { DimensionNames = ["station"] });
            ZarrGroup.ConsolidateMetadata(store);
        }

        var output = Cli.Ok(folder, "codegen", "sea.zarr", "--namespace", "Demo", "--class", "Sea");
        var (expected, count) = GeneratorOutput(path.Replace('\\', '/'), "Demo.Sea");
        Assert.Equal(2, count);
        Assert.Equal(expected, output);
        Assert.Contains("CreateIn(global::Zarr.ZarrGroup.Create(store, overwrite, path, zarrFormat: 3), overwrite);", output);
        Assert.Contains("public new float this[global::Zarr.AxisIndex time, global::Zarr.AxisIndex lat, global::Zarr.AxisIndex lon]", output);
        Assert.Contains("public new string this[global::Zarr.AxisIndex station]", output);
    }

    [Fact]
    public void AV3StoreWhoseRootIsAnArrayBindsAsThatArray()
    {
        var folder = S.NewFolder();
        using (var store = new Zarr.Stores.DirectoryStore(Path.Combine(folder, "root.zarr")))
            ZarrArray.Create<int>([6], [3], new ArrayOptions { ZarrFormat = 3, DimensionNames = ["depth"] }, store).Attrs["units"] = "m";

        var output = Cli.Ok(folder, "codegen", "root.zarr", "--namespace", "Demo", "--class", "Depths");
        Assert.StartsWith("// Demo.Depths.zarr.g.cs\n", output);
        Assert.Contains("public sealed partial class Depths : global::Zarr.ZarrArray1D<int>", output);
        Assert.Contains("public new int this[global::Zarr.AxisIndex depth]", output);
        Assert.Contains("public string Units => ", output);
        AssertCompiles(output);
    }

    /// <summary>
    /// What the generator emits when a build passes every metadata document under <paramref name="storeFolder"/>
    /// as an AdditionalFile with ZarrRoot and ZarrClass item metadata, in the tool's print order (after
    /// checking that it compiles), and how many classes that is.
    /// </summary>
    private static (string Text, int Classes) GeneratorOutput(string storeFolder, string className)
    {
        var texts = Directory.EnumerateFiles(storeFolder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is ".zgroup" or ".zarray" or ".zattrs" or ".zmetadata" or "zarr.json")
            .Select(f => (AdditionalText)new FileText(f.Replace('\\', '/'))).ToImmutableArray();
        var options = new Options(new Dictionary<string, string>
        {
            ["build_metadata.AdditionalFiles.ZarrRoot"] = storeFolder,
            ["build_metadata.AdditionalFiles.ZarrClass"] = className,
        });
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new ZarrGenerator().AsSourceGenerator()], texts, new CSharpParseOptions(LanguageVersion.Latest), options);
        var compilation = CSharpCompilation.Create("User", [], References(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        var errors = generated.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var sources = driver.GetRunResult().Results.Single().GeneratedSources;
        return (string.Join("\n", CodegenCommand.InPrintOrder(sources, s => s.HintName).Select(s => "// " + s.HintName + "\n" + s.SourceText)), sources.Length);
    }

    private static void AssertCompiles(string source)
    {
        var compilation = CSharpCompilation.Create("User", [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))], References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
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
        AssertCompiles(output);
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
    public void TheToolCarriesTheGeneratorsCodeButNotTheCompiler()
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
