using Zarr.Generators.Parsing;
using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests;

/// <summary>The generator's hand-kept facts agree with the runtime and the docs.</summary>
public class ConsistencyTests
{
    [Fact]
    public void KnownCodecIdsAreTheRuntimesRegisteredIds() =>
        Assert.Equal(Zarr.Codecs.CodecRegistry.Default.Ids.Order(StringComparer.Ordinal), MetadataFileParser.KnownCodecs.Order(StringComparer.Ordinal));

    [Fact]
    public void TheDefaultCompressorNamedInDocsIsTheRuntimes() =>
        Assert.Equal(ArrayFieldReader.DefaultCompressorDisplay, Zarr.ArrayOptions.DefaultCompressor().ToString());

    [Fact]
    public void TheObjectCodecsAreTheRuntimesObjectCodecs()
    {
        // Every object codec class names its id in CodecId (categorize, a bytes codec that switches
        // to an object codec for object arrays, has no object codec id of its own).
        var runtimeObjectCodecs = typeof(Zarr.Codecs.ObjectCodec).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Zarr.Codecs.ObjectCodec)))
            .Select(t => t.GetField("CodecId")?.GetRawConstantValue() as string)
            .OfType<string>();
        Assert.Equal(runtimeObjectCodecs.Order(StringComparer.Ordinal), ArrayFieldReader.ObjectCodecs.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryDiagnosticHasATestClassADocAndAReleaseEntry()
    {
        var root = Repository.Root;
        var releases = File.ReadAllText(Path.Combine(root, "src", "Zarr.Generators", "AnalyzerReleases.Unshipped.md"));
        var testClasses = typeof(ConsistencyTests).Assembly.GetTypes().Select(t => t.Name).ToHashSet();
        foreach (var id in Descriptors.Ids)
        {
            Assert.True(testClasses.Contains(id + "Tests"), $"no test class {id}Tests");
            Assert.True(File.Exists(Path.Combine(root, "docs", "diagnostics", id + ".md")), $"no docs/diagnostics/{id}.md");
            Assert.Contains(id + " |", releases);
        }
    }

    [Fact]
    public void EveryPackageHasAReadme()
    {
        var packages = Directory.GetFiles(Path.Combine(Repository.Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => (Path: p, Project: System.Xml.Linq.XDocument.Load(p)))
            .Where(p => p.Project.Descendants("IsPackable").All(e => e.Value != "false"))
            .ToList();
        Assert.Equal(["Zarr.Cli", "Zarr.Runtime", "Zarr.Stores.Azure", "Zarr.Stores.S3"], packages.Select(p => Path.GetFileNameWithoutExtension(p.Path)).Order(StringComparer.Ordinal));
        foreach (var (path, project) in packages)
        {
            Assert.Equal("README.md", project.Descendants("PackageReadmeFile").Single().Value);
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(path)!, "README.md")), path);
        }
    }

    [Fact]
    public void EveryHelpLinkIsTheDiagnosticsPageInTheRepository()
    {
        // The repository's URL is set once, in Directory.Build.props; the links are built from it.
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(Repository.Root, "Directory.Build.props"));
        var repositoryUrl = props.Descendants("RepositoryUrl").Single().Value.TrimEnd('/');
        foreach (var id in Descriptors.Ids)
        {
            Assert.Equal(repositoryUrl + "/blob/main/docs/diagnostics/" + id + ".md", Descriptors.Get(id).HelpLinkUri);
            Assert.True(File.Exists(Path.Combine(Repository.Root, "docs", "diagnostics", id + ".md")));
        }
    }

    [Fact]
    public void RankTypedAccessorsExistForEveryRankTheGeneratorUses()
    {
        for (var rank = 0; rank <= TypeMapper.MaxTypedRank; rank++)
            Assert.NotNull(typeof(ZarrGroup).Assembly.GetType($"Zarr.ZarrArray{rank}D`1"));
        Assert.Null(typeof(ZarrGroup).Assembly.GetType($"Zarr.ZarrArray{TypeMapper.MaxTypedRank + 1}D`1"));
    }

    [Theory]
    [InlineData("|b1")]
    [InlineData("|i1")]
    [InlineData("<i2")]
    [InlineData("<i4")]
    [InlineData(">i8")]
    [InlineData("|u1")]
    [InlineData("<u2")]
    [InlineData("<u4")]
    [InlineData("<u8")]
    [InlineData("<f2")]
    [InlineData("<f4")]
    [InlineData(">f8")]
    [InlineData("<c8")]
    [InlineData("<c16")]
    [InlineData("<M8[ns]")]
    [InlineData("<m8[s]")]
    [InlineData("|S5")]
    [InlineData("<U3")]
    [InlineData("|V4")]
    public void EveryGeneratedElementTypeIsOneTheRuntimeReadsTheDtypeAs(string typestr)
    {
        var model = DTypeParser.Parse(typestr, out var error)!;
        Assert.Null(error);
        var name = TypeMapper.ElementType(model, null, out _)!;
        var type = name switch
        {
            "bool" => typeof(bool), "sbyte" => typeof(sbyte), "short" => typeof(short), "int" => typeof(int), "long" => typeof(long),
            "byte" => typeof(byte), "ushort" => typeof(ushort), "uint" => typeof(uint), "ulong" => typeof(ulong),
            "float" => typeof(float), "double" => typeof(double), "string" => typeof(string), "byte[]" => typeof(byte[]),
            "global::System.Half" => typeof(Half), "global::System.Numerics.Complex" => typeof(System.Numerics.Complex),
            _ => typeof(ZarrGroup).Assembly.GetType(name.Replace("global::", "")) ?? Type.GetType(name.Replace("global::", "")),
        };
        Assert.NotNull(type);
        var supported = typeof(Zarr.DataTypes.ElementConverters).GetMethod(nameof(Zarr.DataTypes.ElementConverters.IsSupported))!
            .MakeGenericMethod(type!).Invoke(null, [Zarr.DataTypes.ZarrDType.Parse(typestr)]);
        Assert.True((bool)supported!, $"the generator maps {typestr} to {name}, which the runtime cannot read it as");
    }
}
