using System.Runtime.CompilerServices;

namespace Zarr.Generators.Tests.Infrastructure;

/// <summary>
/// Approved snapshots of generated source: <c>Snapshots/&lt;Case&gt;/&lt;Hint&gt;.txt</c> beside the tests,
/// compared verbatim. Set <c>ZARR_UPDATE_SNAPSHOTS=1</c> to rewrite them from the current output.
/// </summary>
public static class Snapshot
{
    public const string UpdateVariable = "ZARR_UPDATE_SNAPSHOTS";

    public static void Verify(string caseName, GeneratorHarness.Result result, [CallerFilePath] string callerFile = "")
    {
        var folder = Path.Combine(FindTestsFolder(callerFile), "Snapshots", caseName);
        var actual = result.Sources.ToDictionary(s => s.HintName + ".txt", s => Normalize(s.SourceText.ToString()));
        var update = Environment.GetEnvironmentVariable(UpdateVariable) is "1" or "true";
        if (update)
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
            foreach (var (name, text) in actual) File.WriteAllText(Path.Combine(folder, name), text);
            return;
        }
        Assert.True(Directory.Exists(folder), $"No approved snapshots in {folder}; run the tests with {UpdateVariable}=1 to create them, then review them.");
        var expectedFiles = Directory.GetFiles(folder, "*.txt").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedFiles, actual.Keys.Order(StringComparer.Ordinal).ToList());
        foreach (var name in expectedFiles)
        {
            var expected = Normalize(File.ReadAllText(Path.Combine(folder, name)));
            if (expected != actual[name])
                Assert.Fail($"Generated {name} differs from the approved snapshot (set {UpdateVariable}=1 to accept):\n{FirstDifference(expected, actual[name])}");
        }
    }

    private static string FindTestsFolder(string callerFile)
    {
        var dir = Path.GetDirectoryName(callerFile)!;
        while (!File.Exists(Path.Combine(dir, "Zarr.Generators.Tests.csproj"))) dir = Path.GetDirectoryName(dir)!;
        return dir;
    }

    private static string Normalize(string s) => s.Replace("\r\n", "\n");

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end>";
            var al = i < a.Length ? a[i] : "<end>";
            if (el != al) return $"line {i + 1}:\n- {el}\n+ {al}";
        }
        return "(line endings)";
    }
}
