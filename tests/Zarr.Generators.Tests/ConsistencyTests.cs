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

    [Fact]
    public void TheDefaultV3CompressorNamedInDocsIsTheRuntimes()
    {
        var store = new Zarr.Stores.MemoryStore();
        var array = ZarrGroup.Create(store, zarrFormat: 3).Create<int>("a", [4], [2]);
        Assert.Equal(ArrayFieldReader.DefaultV3CompressorDisplay, array.Compressors.Single().ToString());
    }

    [Theory]
    [InlineData("\"bool\"", "false")]
    [InlineData("\"int8\"", "0")]
    [InlineData("\"int16\"", "0")]
    [InlineData("\"int32\"", "0")]
    [InlineData("\"int64\"", "0")]
    [InlineData("\"uint8\"", "0")]
    [InlineData("\"uint16\"", "0")]
    [InlineData("\"uint32\"", "0")]
    [InlineData("\"uint64\"", "0")]
    [InlineData("\"float16\"", "0")]
    [InlineData("\"float32\"", "\"NaN\"")]
    [InlineData("\"float64\"", "0")]
    [InlineData("\"complex64\"", "[0, 0]")]
    [InlineData("\"complex128\"", "[0, 0]")]
    [InlineData("\"string\"", "\"\"", "vlen-utf8")]
    [InlineData("\"variable_length_bytes\"", "\"\"", "vlen-bytes")]
    [InlineData("{\"name\": \"fixed_length_utf32\", \"configuration\": {\"length_bytes\": 12}}", "\"\"")]
    [InlineData("{\"name\": \"null_terminated_bytes\", \"configuration\": {\"length_bytes\": 5}}", "\"\"")]
    [InlineData("{\"name\": \"raw_bytes\", \"configuration\": {\"length_bytes\": 3}}", "\"AAAA\"")]
    [InlineData("\"r16\"", "[0, 0]")]
    [InlineData("{\"name\": \"numpy.datetime64\", \"configuration\": {\"unit\": \"ns\", \"scale_factor\": 1}}", "\"NaT\"")]
    [InlineData("{\"name\": \"numpy.timedelta64\", \"configuration\": {\"unit\": \"s\", \"scale_factor\": 10}}", "0")]
    [InlineData("{\"name\": \"struct\", \"configuration\": {\"fields\": [{\"name\": \"a\", \"data_type\": \"int32\"}, {\"name\": \"b\", \"data_type\": \"float64\"}]}}", "\"AAAAAAAAAAAAAAAA\"")]
    [InlineData("{\"name\": \"structured\", \"configuration\": {\"fields\": [[\"a\", \"uint8\"], [\"b\", \"int16\"]]}}", "\"AAAA\"")]
    public void EveryV3DataTypeIsTheDtypeTheRuntimeReads(string dataType, string fill, string? serializer = null)
    {
        foreach (var endian in serializer is null ? new string?[] { "little", "big" } : [null])
        {
            var codec = serializer is null ? "{\"name\": \"bytes\", \"configuration\": {\"endian\": \"" + endian + "\"}}" : "{\"name\": \"" + serializer + "\"}";
            var document = "{\"zarr_format\": 3, \"node_type\": \"array\", \"shape\": [2], \"data_type\": " + dataType
                + ", \"chunk_grid\": {\"name\": \"regular\", \"configuration\": {\"chunk_shape\": [2]}}, \"chunk_key_encoding\": {\"name\": \"default\"}, \"fill_value\": "
                + fill + ", \"codecs\": [" + codec + "]}";
            var store = new Zarr.Stores.MemoryStore();
            store.Set("zarr.json", System.Text.Encoding.UTF8.GetBytes(document));
            var runtime = ZarrArray.Open(store, "r");
            var parsed = MetadataFileParser.Parse("/r", "Demo.R", "/r/zarr.json", "", "zarr.json", document);
            Assert.Empty(parsed.Diagnostics);
            var model = Assert.Single(parsed.Nodes, n => n.Kind == Zarr.Generators.Model.NodeDocumentKind.Array).Array!;
            if (!model.DType.IsStructured) Assert.Equal(runtime.DType.TypeStr, model.DType.TypeStr);
            Assert.Equal(runtime.DType, Zarr.DataTypes.ZarrDType.FromJson(System.Text.Json.Nodes.JsonNode.Parse(model.DType.Json), "dtype"));
            if (model.ElementType is { } element) Assert.True(IsSupported(element, runtime.DType), $"the generator maps {dataType} to {element}, which the runtime cannot read it as");
        }
    }

    private static bool IsSupported(string element, Zarr.DataTypes.ZarrDType dtype)
    {
        var type = element switch
        {
            "bool" => typeof(bool), "sbyte" => typeof(sbyte), "short" => typeof(short), "int" => typeof(int), "long" => typeof(long),
            "byte" => typeof(byte), "ushort" => typeof(ushort), "uint" => typeof(uint), "ulong" => typeof(ulong),
            "float" => typeof(float), "double" => typeof(double), "string" => typeof(string), "byte[]" => typeof(byte[]),
            "global::System.Half" => typeof(Half), "global::System.Numerics.Complex" => typeof(System.Numerics.Complex),
            _ => typeof(ZarrGroup).Assembly.GetType(element.Replace("global::", "")),
        };
        Assert.NotNull(type);
        return dtype.Kind == Zarr.DataTypes.DTypeKind.Object
            || (bool)typeof(Zarr.DataTypes.ElementConverters).GetMethod(nameof(Zarr.DataTypes.ElementConverters.IsSupported))!.MakeGenericMethod(type!).Invoke(null, [dtype])!;
    }

    [Theory]
    [InlineData("{\"name\": \"bytes\", \"configuration\": {\"endian\": \"little\"}}")]
    [InlineData("{\"name\": \"endian\", \"configuration\": {\"endian\": \"little\"}}")]
    [InlineData("{\"name\": \"transpose\", \"configuration\": {\"order\": [1, 0]}}, {\"name\": \"bytes\", \"configuration\": {\"endian\": \"little\"}}")]
    [InlineData("{\"name\": \"bytes\", \"configuration\": {\"endian\": \"little\"}}, {\"name\": \"blosc\", \"configuration\": {\"cname\": \"lz4\", \"clevel\": 5, \"shuffle\": \"shuffle\", \"typesize\": 4}}")]
    [InlineData("{\"name\": \"bytes\", \"configuration\": {\"endian\": \"little\"}}, {\"name\": \"gzip\", \"configuration\": {\"level\": 1}}")]
    [InlineData("{\"name\": \"bytes\", \"configuration\": {\"endian\": \"little\"}}, {\"name\": \"zstd\", \"configuration\": {\"level\": 0, \"checksum\": false}}")]
    [InlineData("{\"name\": \"bytes\", \"configuration\": {\"endian\": \"little\"}}, {\"name\": \"crc32c\"}")]
    [InlineData("{\"name\": \"sharding_indexed\", \"configuration\": {\"chunk_shape\": [2, 2], \"codecs\": [{\"name\": \"bytes\", \"configuration\": {\"endian\": \"little\"}}], \"index_codecs\": [{\"name\": \"bytes\", \"configuration\": {\"endian\": \"little\"}}, {\"name\": \"crc32c\"}]}}")]
    [InlineData("{\"name\": \"numcodecs.delta\", \"configuration\": {\"dtype\": \"<i4\"}}, {\"name\": \"bytes\", \"configuration\": {\"endian\": \"little\"}}, {\"name\": \"numcodecs.zlib\", \"configuration\": {\"level\": 1}}")]
    public void EveryV3CodecNameTheGeneratorAcceptsOpensInTheRuntime(string codecs)
    {
        var document = "{\"zarr_format\": 3, \"node_type\": \"array\", \"shape\": [4, 4], \"data_type\": \"int32\", \"chunk_grid\": {\"name\": \"regular\", \"configuration\": {\"chunk_shape\": [4, 4]}}, "
            + "\"chunk_key_encoding\": {\"name\": \"default\"}, \"fill_value\": 0, \"codecs\": [" + codecs + "]}";
        var store = new Zarr.Stores.MemoryStore();
        store.Set("zarr.json", System.Text.Encoding.UTF8.GetBytes(document));
        Assert.Equal(3, ZarrArray.Open(store, "r").ZarrFormat);
        Assert.Empty(MetadataFileParser.Parse("/r", "Demo.R", "/r/zarr.json", "", "zarr.json", document).Diagnostics);
    }

    [Fact]
    public void TheV3CodecCasesCoverEveryNameTheGeneratorAccepts()
    {
        var cases = typeof(ConsistencyTests).GetMethod(nameof(EveryV3CodecNameTheGeneratorAcceptsOpensInTheRuntime))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>().Select(a => (string)a.GetData(null!).Single()[0]).ToList();
        foreach (var name in MetadataFileParser.KnownV3Codecs.Where(n => n is not ("vlen-utf8" or "vlen-bytes")))
            Assert.Contains(cases, c => c.Contains("\"name\": \"" + name + "\"", StringComparison.Ordinal));
    }
}
