using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests;

/// <summary>
/// The compiler keeps the doc comment of a partial property's implementation, which the generator
/// writes: the user's own comment on the declaration must be carried into it, with or without
/// GenerateDocumentationFile (without it doc comments are parsed as plain comments).
/// </summary>
public class DocCommentTests
{
    private const string Schema = """
        using Zarr;
        namespace Demo;

        /// <summary>The user's weather schema.</summary>
        [ZarrGroup]
        public partial class Weather
        {
            /// <summary>Daily mean temperature in kelvin.</summary>
            [ZarrArray(Shape = [365, 4])]
            public partial ZarrArray2D<float> Temperature { get; }

            /// <summary>Rain gauges.</summary>
            /// <remarks>Calibrated yearly.</remarks>
            [ZarrArray(Shape = [365], Compressor = "zlib")]
            public partial ZarrArray1D<double> Rain { get; }

            /** <summary>Where the stations are.</summary> */
            [ZarrGroup(Name = "stations")]
            public partial Stations Stations { get; }

            [ZarrArray(Shape = new long[0])]
            public partial ZarrArray0D<int> Count { get; }
        }

        [ZarrGroup]
        public partial class Stations { }
        """;

    [Theory]
    [InlineData(DocumentationMode.Diagnose)]
    [InlineData(DocumentationMode.None)]
    public void TheUsersDocCommentsAreKept(DocumentationMode mode)
    {
        var docs = Documentation(mode);

        var temperature = docs["P:Demo.Weather.Temperature"];
        Assert.Equal("Daily mean temperature in kelvin.", temperature.Element("summary")!.Value.Trim());
        var remarks = temperature.Element("remarks")!;
        Assert.StartsWith("Array temperature: shape (365, 4)", remarks.Element("para")!.Value);
        Assert.NotNull(remarks.Element("list"));

        // The user's remarks hold ours, after the user's text.
        var rain = docs["P:Demo.Weather.Rain"];
        Assert.Equal("Rain gauges.", rain.Element("summary")!.Value.Trim());
        var rainRemarks = Assert.Single(rain.Elements("remarks"));
        Assert.StartsWith("Calibrated yearly.", rainRemarks.Value.Trim());
        Assert.Contains("compressor zlib", rainRemarks.Element("para")!.Value);

        Assert.Equal("Where the stations are.", docs["P:Demo.Weather.Stations"].Element("summary")!.Value.Trim());

        // A documented class keeps its one summary; the generated one is not added beside it.
        Assert.Equal("The user's weather schema.", Assert.Single(docs["T:Demo.Weather"].Elements("summary")).Value.Trim());
        Assert.Contains("The Zarr group described by the schema class", docs["T:Demo.Stations"].Element("summary")!.Value);
    }

    [Fact]
    public void TheDefaultCompressorIsNamed()
    {
        var docs = Documentation(DocumentationMode.Diagnose);
        Assert.Contains("compressor Blosc(cname='lz4', clevel=5, shuffle=SHUFFLE, blocksize=0).", docs["P:Demo.Weather.Temperature"].Element("remarks")!.Element("para")!.Value);
        // zarr-python gives a 0-d array no compressor.
        Assert.Contains("compressor None.", docs["P:Demo.Weather.Count"].Element("summary")!.Value);
    }

    private static Dictionary<string, XElement> Documentation(DocumentationMode mode)
    {
        var options = GeneratorHarness.ParseOptions.WithDocumentationMode(mode);
        var compilation = CSharpCompilation.Create("UserAssembly",
            [CSharpSyntaxTree.ParseText(Schema, options, path: "/src/File0.cs")],
            GeneratorHarness.Compilation().References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create([new ZarrGenerator().AsSourceGenerator()], parseOptions: options);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        // Only a compilation that parses doc comments writes them out: read the generated files again so.
        var diagnose = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        output = output.RemoveAllSyntaxTrees().AddSyntaxTrees(output.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), diagnose, t.FilePath)));
        using var pe = new MemoryStream();
        using var xml = new MemoryStream();
        var emit = output.Emit(pe, xmlDocumentationStream: xml);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        Assert.Empty(emit.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        xml.Position = 0;
        return XDocument.Load(xml).Descendants("member").ToDictionary(m => m.Attribute("name")!.Value);
    }
}
