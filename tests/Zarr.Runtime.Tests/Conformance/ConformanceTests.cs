using System.Text.Json.Nodes;
using Zarr.Runtime.Tests.Interop;

namespace Zarr.Runtime.Tests.Conformance;

/// <summary>
/// zarr-python 2.13 is the judge, both ways (issue 7). Every case of <see cref="ConformanceMatrix"/>
/// is written by zarr-python and read by C#, written by C# and read by zarr-python (whose own output
/// for the same calls must match byte for byte in every metadata document and in every chunk after
/// the compressor), and, for the mixed cases, partly overwritten by the other side in both orders.
/// A case is skipped only while CodecRegistry.Default lacks a codec it needs, and never under CI (it fails there).
/// To look at the stores, set ZARR_CONFORMANCE_KEEP=1: the temp folder (py/, cs/, mixed/, the
/// manifest and the requests) stays, and "conformance.py make ROOT &lt; ROOT/cases.json" rebuilds it.
/// </summary>
public class ConformanceTests
{
    public static TheoryData<string> AllCases => new(ConformanceMatrix.Cases.Select(c => c.Name));

    public static TheoryData<string> MixedCases => new(ConformanceMatrix.Cases.Where(c => c.IsMixed).Select(c => c.Name));

    private static ConformanceCase Prepare(string name)
    {
        var c = ConformanceMatrix.Get(name);
        var missing = c.MissingCodecs;
        if (missing.Count > 0 && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            Assert.Fail($"{name} needs codec id(s) {string.Join(", ", missing)}, not in CodecRegistry.Default; no case may be skipped in CI");
        Skip.If(missing.Count > 0, $"needs codec id(s) {string.Join(", ", missing)}, not yet in CodecRegistry.Default");
        Python.Require();
        return c;
    }

    private static JsonObject CorpusEntry(ConformanceCase c)
    {
        var entry = ConformanceRun.Corpus.Entry(c.Name);
        if (entry["error"] is JsonNode error) Assert.Fail($"{c.Name}: zarr-python could not build the case:\n{(string)error!}");
        return entry;
    }

    private static void Report(string name, string direction, List<string> errors)
    {
        if (errors.Count > 0) Assert.Fail($"{name} ({direction}): {errors.Count} problem(s)\n- " + string.Join("\n- ", errors));
    }

    [SkippableTheory]
    [MemberData(nameof(AllCases))]
    public void PythonWritesCSharpReads(string name)
    {
        var c = Prepare(name);
        var entry = CorpusEntry(c);
        var errors = new List<string>();
        using (var store = ConformanceRun.OpenStore(c, ConformanceRun.PyPath(name), write: false))
        {
            CaseIO.CheckRead(c, store, entry, errors);
            var (info, tree) = CaseIO.Reports(c, store);
            CaseIO.CompareTexts("info", entry["info"] as JsonObject, info, errors);
            CaseIO.CompareTexts("tree", entry["tree"] as JsonObject, tree, errors);
        }
        Report(name, "zarr-python wrote, C# read", errors);
    }

    [SkippableTheory]
    [MemberData(nameof(AllCases))]
    public void CSharpWritesPythonReads(string name)
    {
        var c = Prepare(name);
        CorpusEntry(c);
        var output = ConformanceRun.Output;
        if (output.WriteErrors.TryGetValue(name, out var writeError)) Assert.Fail($"{name}: C# could not write the case:\n{writeError}");
        var result = output.Cases[name]?.AsObject() ?? throw new InvalidOperationException($"{name}: the verifier returned no result");
        var errors = result["errors"]!.AsArray().Select(e => (string)e!).ToList();
        var (info, tree) = output.CSharpReports[name];
        CaseIO.CompareTexts("info", result["info"] as JsonObject, info, errors);
        CaseIO.CompareTexts("tree", result["tree"] as JsonObject, tree, errors);
        Report(name, "C# wrote, zarr-python read", errors);
    }

    [SkippableTheory]
    [MemberData(nameof(MixedCases))]
    public void MixedBothOrders(string name)
    {
        var c = Prepare(name);
        CorpusEntry(c);
        var output = ConformanceRun.Output;
        var errors = new List<string>();

        // zarr-python created and wrote it, C# overwrote a region, zarr-python compared with its own result.
        if (output.WriteErrors.TryGetValue("mixed:" + name, out var patchError)) errors.Add("C# could not overwrite zarr-python's array: " + patchError);
        else if (output.Mixed[name] is JsonObject m) errors.AddRange(m["errors"]!.AsArray().Select(e => "zarr-python first, C# second: " + (string)e!));
        else errors.Add("the verifier returned no result for the zarr-python-first order");

        // C# created and wrote it, zarr-python overwrote a region, C# reads the result.
        if (output.WriteErrors.TryGetValue(name, out var writeError)) errors.Add("C# could not write the case: " + writeError);
        else if (output.Cases[name]?["after_patch"] is not JsonObject after) errors.Add("the verifier did not overwrite C#'s array: " + output.Cases[name]?["errors"]?.ToJsonString());
        else
        {
            var entry = ConformanceRun.Corpus.Entry(name);
            using var store = ConformanceRun.OpenStore(c, ConformanceRun.CsPath(name), write: false);
            var readErrors = new List<string>();
            CaseIO.CheckRead(c, store, OnlyArrays(entry), readErrors, after);
            errors.AddRange(readErrors.Select(e => "C# first, zarr-python second: " + e));
        }
        Report(name, "mixed writers", errors);
    }

    // After zarr-python's overwrite only the data changed; metadata documents were checked already.
    private static JsonObject OnlyArrays(JsonObject entry) => new() { ["meta"] = new JsonObject(), ["arrays"] = entry["arrays"]!.DeepClone() };
}
