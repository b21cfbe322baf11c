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
            Assert.EndsWith(id + ".md", Descriptors.Get(id).HelpLinkUri);
        }
    }

    [Fact]
    public void RankTypedAccessorsExistForEveryRankTheGeneratorUses()
    {
        for (var rank = 0; rank <= TypeMapper.MaxTypedRank; rank++)
            Assert.NotNull(typeof(ZarrGroup).Assembly.GetType($"Zarr.ZarrArray{rank}D`1"));
        Assert.Null(typeof(ZarrGroup).Assembly.GetType($"Zarr.ZarrArray{TypeMapper.MaxTypedRank + 1}D`1"));
    }
}
