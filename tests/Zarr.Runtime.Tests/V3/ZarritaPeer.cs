using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Zarr.Runtime.Tests.V3;

/// <summary>
/// The independent v3 implementations the interop tests run: zarrita 0.7.5 under node
/// (tests/peers/zarrita/write.mjs and read.mjs, with the packages scripts/test.sh installs into
/// tests/servers/node_modules) and the hand-built sharded stores of tests/peers/spec/make_sharded.py
/// (Debian's /usr/bin/python3 with numpy). A missing peer is a failure that says how to install it,
/// never a skip: these tests are the proof of the v3 format.
/// </summary>
internal static class ZarritaPeer
{
    private static string Metadata(string key) =>
        typeof(ZarritaPeer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>tests/peers in the repository.</summary>
    public static string PeersDirectory => Metadata("PeersDirectory");

    private static string ZarritaScript(string name) => Path.Combine(PeersDirectory, "zarrita", name);

    private static void RequireZarrita()
    {
        var modules = Path.Combine(Metadata("ServersDirectory"), "node_modules");
        if (!File.Exists(Path.Combine(modules, "zarrita", "dist", "src", "index.js")))
            throw new InvalidOperationException($"zarrita is not installed in {modules}: run 'npm ci' in tests/servers (scripts/test.sh does).");
    }

    /// <summary>Runs write.mjs into <paramref name="dir"/>: zarrita's hierarchy and its manifest.</summary>
    public static PeerManifest WriteWithZarrita(string dir)
    {
        RequireZarrita();
        var (code, stdout, stderr) = Run("node", [ZarritaScript("write.mjs"), dir]);
        if (code != 0) throw new InvalidOperationException($"node write.mjs exited with {code}:\n{stderr}\n{stdout}");
        return PeerManifest.Load(dir);
    }

    /// <summary>Runs make_sharded.py into <paramref name="dir"/>: the hand-built sharded stores and their manifest.</summary>
    public static PeerManifest MakeShardedStores(string dir)
    {
        const string python = "/usr/bin/python3";
        var (code, stdout, stderr) = Run(python, [Path.Combine(PeersDirectory, "spec", "make_sharded.py"), dir]);
        if (code != 0) throw new InvalidOperationException($"{python} make_sharded.py exited with {code}:\n{stderr}\n{stdout}");
        return PeerManifest.Load(dir);
    }

    /// <summary>Runs read.mjs on <paramref name="dir"/> (which holds manifest.json) and returns zarrita's report.</summary>
    public static ZarritaReport ReadWithZarrita(string dir)
    {
        RequireZarrita();
        var (code, stdout, stderr) = Run("node", [ZarritaScript("read.mjs"), dir]);
        JsonObject? report = null;
        try
        {
            report = JsonNode.Parse(stdout) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        if (report is null || code is not (0 or 1))
            throw new InvalidOperationException($"node read.mjs exited with {code} without a report:\n{stderr}\n{stdout}");
        return new ZarritaReport(report, code == 0);
    }

    private static (int Code, string Out, string Err) Run(string program, IReadOnlyList<string> args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"'{program}' could not be started ({e.Message}); scripts/test.sh installs node and Debian's python3.", e);
        }
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within 120 s");
            }
            return (p.ExitCode, stdout.Result, stderr.Result);
        }
    }
}

/// <summary>What read.mjs printed: the arrays zarrita checked, could not check (with why) and got wrong.</summary>
internal sealed class ZarritaReport(JsonObject json, bool ok)
{
    public JsonObject Json { get; } = json;

    public bool Ok { get; } = ok;

    public IEnumerable<(string Path, string Message)> Failures =>
        Json["failures"]!.AsArray().Select(f => ((string)f!["path"]!, (string)f["message"]!));

    public IEnumerable<(string Path, string Reasons)> Unsupported =>
        Json["unsupported"]!.AsArray().Select(u => ((string)u!["path"]!, string.Join("; ", u["reasons"]!.AsArray().Select(r => (string)r!))));

    public ISet<string> Checked => Json["checked"]!.AsArray().Select(c => (string)c!["path"]!).ToHashSet();
}
