using System.Text.Json.Nodes;
using Zarr.Codecs;
using Zarr.Metadata.Json;
using Zarr.Runtime.Tests.Interop;
using Zarr.Stores;

namespace Zarr.Runtime.Tests.Conformance;

/// <summary>
/// The two batched zarr-python runs every conformance test shares: one builds the corpus and its
/// manifest (<see cref="Corpus"/>); one checks everything C# wrote (<see cref="Output"/>). Each runs at
/// most once per test process, so the whole matrix costs two Python start-ups.
/// </summary>
public static class ConformanceRun
{
    private static readonly Lazy<string> RootDir = new(() =>
    {
        var root = Path.Combine(Path.GetTempPath(), "zarr-conformance-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        if (Environment.GetEnvironmentVariable("ZARR_CONFORMANCE_KEEP") is null)
            AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(root, true); } catch (IOException) { } };
        return root;
    });

    private static readonly Lazy<CorpusResult> CorpusLazy = new(MakeCorpus);
    private static readonly Lazy<OutputResult> OutputLazy = new(WriteAndVerify);

    public static string Root => RootDir.Value;

    public static string Script => Path.Combine(AppContext.BaseDirectory, "Conformance", "conformance.py");

    /// <summary>The zarr-python corpus and its manifest.</summary>
    public static CorpusResult Corpus => CorpusLazy.Value;

    /// <summary>What C# wrote and what zarr-python said about it.</summary>
    public static OutputResult Output => OutputLazy.Value;

    public static string PyPath(string name) => Path.Combine(Root, "py", name);

    public static string CsPath(string name) => Path.Combine(Root, "cs", name);

    public static string MixedPath(string name) => Path.Combine(Root, "mixed", name);

    /// <summary>The cases C# can run now (every codec they need is registered).</summary>
    public static IEnumerable<ConformanceCase> Runnable => ConformanceMatrix.Cases.Where(c => c.MissingCodecs.Count == 0);

    private static CorpusResult MakeCorpus()
    {
        // zarr-python builds every case, also those C# cannot run yet, so the corpus never depends on the branch.
        // The request is kept beside the corpus, so "conformance.py make ROOT < ROOT/cases.json" reproduces a run.
        var request = ConformanceMatrix.RequestJson(ConformanceMatrix.Cases);
        File.WriteAllText(Path.Combine(Root, "cases.json"), request);
        Python.RunFile(Script, ["make", Root], request);
        var manifest = ZarrJson.Parse(File.ReadAllBytes(Path.Combine(Root, "manifest.json")), "manifest.json")!.AsObject();
        return new CorpusResult(manifest["cases"]!.AsObject());
    }

    public static ZarrStore OpenStore(ConformanceCase c, string location, bool write) =>
        c.IsZip
            ? new ZipStore(location + ".zip", write ? ZipStoreMode.Write : ZipStoreMode.Read)
            : new DirectoryStore(location, readOnly: !write);

    private static OutputResult WriteAndVerify()
    {
        var corpus = Corpus;
        var written = new List<string>();
        var mixed = new List<string>();
        var writeErrors = new Dictionary<string, string>();
        var csInfo = new Dictionary<string, (Dictionary<string, string> Info, Dictionary<string, string> Tree)>();
        foreach (var c in Runnable)
        {
            var entry = corpus.Entry(c.Name);
            if (entry.ContainsKey("error")) continue;
            try
            {
                using (var store = OpenStore(c, CsPath(c.Name), write: true))
                    CaseIO.Write(c, store, entry);
                using (var store = OpenStore(c, CsPath(c.Name), write: false))
                    csInfo[c.Name] = CaseIO.Reports(c, store);
                written.Add(c.Name);
            }
            catch (Exception e)
            {
                writeErrors[c.Name] = e.ToString();
            }
            if (!c.IsMixed) continue;
            try
            {
                // Mixed, zarr-python first: C# overwrites part of a copy of the corpus.
                CopyStore(c, PyPath(c.Name), MixedPath(c.Name));
                using (ZarrStore store = c.IsZip ? new ZipStore(MixedPath(c.Name) + ".zip", ZipStoreMode.Append) : new DirectoryStore(MixedPath(c.Name)))
                    CaseIO.Patch(c, store, entry);
                mixed.Add(c.Name);
            }
            catch (Exception e)
            {
                writeErrors["mixed:" + c.Name] = e.ToString();
            }
        }
        var request = ConformanceMatrix.RequestJson(Runnable, r =>
        {
            r["written"] = new JsonArray(written.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());
            r["mixed"] = new JsonArray(mixed.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());
        });
        File.WriteAllText(Path.Combine(Root, "verify.json"), request);
        var stdout = Python.RunFile(Script, ["verify", Root], request);
        var verdict = ZarrJson.Parse(stdout, "verify output")!.AsObject();
        return new OutputResult(verdict["cases"]!.AsObject(), verdict["mixed"]!.AsObject(), writeErrors, csInfo);
    }

    private static void CopyStore(ConformanceCase c, string from, string to)
    {
        if (c.IsZip)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from + ".zip", to + ".zip", overwrite: true);
            return;
        }
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}

public sealed record CorpusResult(JsonObject Cases)
{
    public JsonObject Entry(string name) =>
        Cases[name] as JsonObject ?? throw new InvalidOperationException($"the manifest has no case '{name}'");
}

public sealed record OutputResult(
    JsonObject Cases,
    JsonObject Mixed,
    IReadOnlyDictionary<string, string> WriteErrors,
    IReadOnlyDictionary<string, (Dictionary<string, string> Info, Dictionary<string, string> Tree)> CSharpReports);
