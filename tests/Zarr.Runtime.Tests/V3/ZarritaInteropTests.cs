using System.Text.Json.Nodes;

namespace Zarr.Runtime.Tests.V3;

/// <summary>
/// Byte compatibility of Zarr v3 with an independent implementation, both ways (issue 18).
/// Read direction: zarrita 0.7.5 writes a hierarchy (tests/peers/zarrita/write.mjs) and
/// tests/peers/spec/make_sharded.py builds sharded stores by hand from the sharding specification
/// (zarrita cannot write shards), each with a manifest of the exact contents; the runtime must read
/// every array, attribute and group exactly, and refuse the corrupt shards with a ZarrException naming
/// the shard. Write direction: the runtime writes the same matrix plus sharded arrays, and zarrita
/// (tests/peers/zarrita/read.mjs) must read them exactly. zarrita's own limits (it ignores
/// index_location and has no nested sharding) are listed in its report and checked here instead by
/// the hand-built stores. One node process per direction; set ZARR_PEER_KEEP=1 to keep the stores.
/// </summary>
public sealed class ZarritaInteropTests(ZarritaInteropTests.Stores stores) : IClassFixture<ZarritaInteropTests.Stores>
{
    /// <summary>The three stores, each made once for the class, lazily, in a temporary folder.</summary>
    public sealed class Stores : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "zarr-v3-peers-" + Guid.NewGuid().ToString("N"));
        private readonly Lazy<PeerManifest> _zarrita;
        private readonly Lazy<PeerManifest> _sharded;
        private readonly Lazy<(RuntimeWriter.Outcome Written, ZarritaReport Report)> _runtime;

        public Stores()
        {
            _zarrita = new(() => ZarritaPeer.WriteWithZarrita(Path.Combine(_root, "zarrita")));
            _sharded = new(() => ZarritaPeer.MakeShardedStores(Path.Combine(_root, "sharded")));
            _runtime = new(() =>
            {
                var written = RuntimeWriter.WriteAll(Path.Combine(_root, "runtime"));
                return (written, ZarritaPeer.ReadWithZarrita(written.Manifest.Directory));
            });
        }

        internal PeerManifest Zarrita => _zarrita.Value;

        internal PeerManifest Sharded => _sharded.Value;

        internal (RuntimeWriter.Outcome Written, ZarritaReport Report) Runtime => _runtime.Value;

        public void Dispose()
        {
            if (Environment.GetEnvironmentVariable("ZARR_PEER_KEEP") == "1") return;
            try
            {
                Directory.Delete(_root, true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }

    private static void Report(string what, IReadOnlyCollection<string> errors)
    {
        if (errors.Count > 0) Assert.Fail($"{what}: {errors.Count} problem(s)\n- " + string.Join("\n- ", errors));
    }

    private static bool Under(string path, string prefix) =>
        prefix.Length == 0 ? !path.Contains('/') : path.StartsWith(prefix + "/", StringComparison.Ordinal) || path == prefix;

    // --- zarrita writes, the runtime reads ------------------------------------------------------

    [Theory]
    [InlineData("dtypes")]
    [InlineData("codecs")]
    [InlineData("keys")]
    [InlineData("fills")]
    [InlineData("nested")]
    [InlineData("")]
    public void ReadsWhatZarritaWrote(string group)
    {
        var manifest = stores.Zarrita;
        var arrays = manifest.Arrays.Where(a => Under(a.Path, group)).ToList();
        Assert.NotEmpty(arrays);
        Report($"zarrita wrote '{group}', the runtime read", ManifestChecker.CheckArrays(manifest, a => Under(a.Path, group)));
    }

    [Fact]
    public void WalksTheHierarchyZarritaWrote()
    {
        Report("zarrita's hierarchy", ManifestChecker.CheckHierarchy(stores.Zarrita));
    }

    // --- hand-built shards, the runtime reads ---------------------------------------------------

    [Fact]
    public void ReadsHandBuiltShardsWithTheIndexAtTheEnd() =>
        Report("hand-built shards, index at the end", ManifestChecker.CheckArrays(stores.Sharded, a => !a.Path.Contains("nested") && !IndexAtStart(a.Path)));

    [Fact]
    public void ReadsHandBuiltShardsWithTheIndexAtTheStart() =>
        Report("hand-built shards, index at the start", ManifestChecker.CheckArrays(stores.Sharded, a => !a.Path.Contains("nested") && IndexAtStart(a.Path)));

    [Fact]
    public void ReadsHandBuiltShardsInShards() =>
        Report("hand-built shards in shards", ManifestChecker.CheckArrays(stores.Sharded, a => a.Path.Contains("nested")));

    [Fact]
    public void WalksTheHandBuiltShardedHierarchy()
    {
        Report("hand-built sharded hierarchy", ManifestChecker.CheckHierarchy(stores.Sharded));
    }

    [Fact]
    public void RefusesCorruptShardsNamingTheShard()
    {
        var manifest = stores.Sharded;
        Assert.Equal(7, manifest.Corrupt.Count);
        Report("corrupt shards", ManifestChecker.CheckCorrupt(manifest));
    }

    private bool IndexAtStart(string path)
    {
        var meta = JsonNode.Parse(File.ReadAllText(Path.Combine(stores.Sharded.Directory, path, "zarr.json")))!;
        return (string?)meta["codecs"]![0]!["configuration"]!["index_location"] == "start";
    }

    // --- the runtime writes, zarrita reads ------------------------------------------------------

    [Theory]
    [InlineData("dtypes")]
    [InlineData("codecs")]
    [InlineData("keys")]
    [InlineData("fills")]
    [InlineData("sharded")]
    [InlineData("nested")]
    [InlineData("made_in_group")]
    [InlineData("")]
    public void ZarritaReadsWhatTheRuntimeWrote(string group)
    {
        var (written, report) = stores.Runtime;
        var groupPaths = written.Manifest.Groups.Select(g => g.Path).ToHashSet();
        var errors = new List<string>();
        foreach (var (path, error) in written.CreateErrors.Where(e => !e.Key.StartsWith("group ", StringComparison.Ordinal) && Under(e.Key, group)))
            errors.Add($"{path}: the runtime could not write it: {error}");
        foreach (var (path, message) in report.Failures.Where(f => !groupPaths.Contains(f.Path) && Under(f.Path, group)))
            errors.Add($"{path}: zarrita: {message}");
        foreach (var (path, reasons) in report.Unsupported.Where(u => Under(u.Path, group)))
            errors.Add($"{path}: zarrita could not check it: {reasons}");
        var checkedPaths = report.Checked;
        foreach (var a in written.Manifest.Arrays.Where(a => Under(a.Path, group)))
        {
            if (!checkedPaths.Contains(a.Path) && !report.Failures.Any(f => f.Path == a.Path) && !report.Unsupported.Any(u => u.Path == a.Path))
                errors.Add($"{a.Path}: not in zarrita's report");
        }
        Report($"the runtime wrote '{group}', zarrita read", errors);
    }

    [Fact]
    public void ZarritaReadsTheGroupsTheRuntimeWrote()
    {
        var (written, report) = stores.Runtime;
        var errors = written.CreateErrors.Where(e => e.Key.StartsWith("group ", StringComparison.Ordinal)).Select(e => $"{e.Key}: {e.Value}").ToList();
        var groupPaths = written.Manifest.Groups.Select(g => g.Path).ToHashSet();
        errors.AddRange(report.Failures.Where(f => groupPaths.Contains(f.Path)).Select(f => $"group '{f.Path}': zarrita: {f.Message}"));
        if (written.Manifest.Groups.Count == 0) errors.Add("the runtime wrote no group");
        Report("the runtime's groups, read by zarrita", errors);
    }

    // The runtime's own output read back by the runtime with the same checks: a v3 round trip of the
    // whole matrix. zarrita judges the format; this catches what the reader cannot read of the writer's.
    [Fact]
    public void TheRuntimeReadsBackWhatItWroteAsV3()
    {
        var (written, _) = stores.Runtime;
        var manifest = written.Manifest;
        var errors = manifest.Arrays.Select(a => a.Path).Concat(manifest.Groups.Select(g => g.Path))
            .Where(p => !File.Exists(Path.Combine(manifest.Directory, p, "zarr.json")))
            .Select(p => $"'{p}': no zarr.json (not written as Zarr v3)")
            .ToList();
        errors.AddRange(ManifestChecker.CheckArrays(manifest, _ => true));
        errors.AddRange(ManifestChecker.CheckHierarchy(manifest));
        Report("the runtime wrote v3, the runtime read", errors);
    }
}
