using System.Diagnostics;
using Zarr.Generators.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Zarr.Generators.Tests;

/// <summary>
/// A metadata-first hierarchy of 2,000 arrays (40 groups of 50) generates in well under a second.
/// Timings are reported, not asserted: CI machines vary.
/// </summary>
public class ScaleTests(ITestOutputHelper output)
{
    public static StoreFixture LargeStore(int groups = 40, int arraysPerGroup = 50)
    {
        var store = new StoreFixture("/repo/large.zarr", "Demo.Large").Group("", attrs: "{\"title\": \"large\"}");
        for (var g = 0; g < groups; g++)
        {
            var group = $"group_{g:D2}";
            store.Group(group);
            for (var a = 0; a < arraysPerGroup; a++)
            {
                var rank = 1 + (a % 3);
                var shape = "[" + string.Join(", ", Enumerable.Repeat("100", rank)) + "]";
                var chunks = "[" + string.Join(", ", Enumerable.Repeat("10", rank)) + "]";
                var dtype = (a % 4) switch { 0 => "\"<f4\"", 1 => "\"<i8\"", 2 => "\"|u1\"", _ => "\"<f8\"" };
                store.Array($"{group}/var_{a:D2}", shape, chunks, dtype, compressor: "{\"id\": \"zlib\", \"level\": 1}",
                    attrs: a % 10 == 0 ? "{\"units\": \"m\", \"scale\": 0.5}" : null);
            }
        }
        return store;
    }

    [Fact]
    public void TwoThousandArraysGenerateQuickly()
    {
        var store = LargeStore();
        var compilation = GeneratorHarness.Compilation("namespace Demo { }");

        // Cold: the first run in this process pays for JIT, as a command-line build without the compiler server does.
        var watch = Stopwatch.StartNew();
        GeneratorHarness.Driver([store], track: false).RunGenerators(compilation);
        var cold = watch.Elapsed;

        // Warm: a fresh driver (no cache) in a process that has run the generator, as in the compiler server or the IDE.
        var driver = GeneratorHarness.Driver([store], track: false);
        watch.Restart();
        driver = driver.RunGenerators(compilation);
        var warm = watch.Elapsed;
        var result = driver.GetRunResult();

        var arrays = result.Results[0].GeneratedSources.Sum(s => CountOccurrences(s.SourceText.ToString(), "check.Array("));
        Assert.Equal(2000, arrays);
        Assert.Equal(41, result.Results[0].GeneratedSources.Length);
        Assert.Empty(result.Diagnostics);

        // An unrelated edit: everything comes from the cache.
        watch.Restart();
        driver.RunGenerators(compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class X { }", GeneratorHarness.ParseOptions)));
        var cached = watch.Elapsed;

        var report = $"2,000 arrays in 41 groups ({store.Files.Count()} metadata files): cold {cold.TotalMilliseconds:F0} ms, warm {warm.TotalMilliseconds:F0} ms, after an unrelated edit {cached.TotalMilliseconds:F1} ms";
        output.WriteLine(report);
        Console.WriteLine("[scale] " + report);
    }

    private static int CountOccurrences(string text, string value)
    {
        var n = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
