using System.CommandLine;
using System.Text;
using Zarr.Generators.Diagnostics;
using Zarr.Generators.Emit;
using Zarr.Generators.Model;
using Zarr.Generators.Parsing;
using Zarr.Stores;

namespace Zarr.Cli.Commands;

/// <summary>
/// <c>zarr codegen PATH --namespace N --class C</c>: the typed bindings the source generator emits for a
/// store, printed (or written to files). It runs the generator's own metadata parser, hierarchy
/// builder and emitter, so the output is what a build with the store's metadata as AdditionalFiles
/// (ZarrRoot, ZarrClass = N.C) would compile.
/// </summary>
internal static class CodegenCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The store (directory or .zip file) whose hierarchy the bindings describe." };
        var ns = new Option<string?>("--namespace", "-n") { Description = "The namespace of the generated classes (none: the global namespace)." };
        var cls = new Option<string>("--class") { Description = "The name of the root's class (a group's, or the array's when the root is an array).", Required = true };
        var output = new Option<string?>("--output", "-o") { Description = "Write one .g.cs file per class into this folder instead of printing." };
        var command = new Command("codegen", "Print the typed C# bindings the Zarr source generator emits for a store's hierarchy.") { path, ns, cls, output };
        command.SetAction(r => Run(r.GetValue(path)!, r.GetValue(ns), r.GetValue(cls)!, r.GetValue(output)));
        return command;
    }

    /// <summary>The root class first, then nested classes, each level by name.</summary>
    internal static IEnumerable<T> InPrintOrder<T>(IEnumerable<T> items, Func<T, string> hintName) =>
        items.OrderBy(i => hintName(i).Count(c => c == '.')).ThenBy(hintName, StringComparer.Ordinal);

    private static IEnumerable<GroupClassModel> InPrintOrder(IEnumerable<GroupClassModel> groups) => InPrintOrder(groups, g => g.HintName);

    private static int Run(string argument, string? ns, string className, string? outputFolder)
    {
        var fullName = string.IsNullOrWhiteSpace(ns) ? className.Trim() : ns.Trim() + "." + className.Trim();
        if (!IdentifierSanitizer.IsValidTypeName(fullName))
            throw new CliException($"'{fullName}' is not a valid C# type name (--namespace A.B --class C gives A.B.C).");
        var location = StoreLocation.Parse(argument);
        if (location.NodePath.Length > 0)
            throw new CliException($"codegen describes a whole store: give the store's root ('{location.StorePath}'), not '{location.NodePath}' inside it.");
        using var store = location.Open(writable: false);
        if (!store.Contains(".zgroup") && !store.Contains(".zarray") && !store.Contains(MetadataFileParser.ZarrJson))
            throw new CliException($"'{argument}' has no group or array at its root (no .zgroup, .zarray or zarr.json); the bindings start from the root.");

        // Every metadata document, as the build would pass them in AdditionalFiles (separate documents
        // win over .zmetadata and a root zarr.json's consolidated_metadata, as in the generator).
        var root = location.StorePath.Replace('\\', '/').TrimEnd('/');
        var files = new List<MetadataFileModel>();
        foreach (var key in store.ListPrefix("").Order(StringComparer.Ordinal))
        {
            var slash = key.LastIndexOf('/');
            var fileName = slash < 0 ? key : key[(slash + 1)..];
            if (!MetadataFileParser.IsMetadataFile(fileName)) continue;
            var bytes = store.Get(key);
            if (bytes is null) continue;
            var nodePath = slash < 0 ? "" : key[..slash];
            files.Add(MetadataFileParser.Parse(root, fullName, root + "/" + key, nodePath, fileName, Encoding.UTF8.GetString(bytes)));
        }

        var diagnostics = files.SelectMany(f => f.Diagnostics).ToList();
        var (groups, problems) = HierarchyBuilder.Build(fullName, files);
        diagnostics.AddRange(problems);
        var errors = 0;
        foreach (var d in diagnostics)
        {
            if (d.Severity == DiagnosticSeverity.Error) errors++;
            Console.Error.WriteLine("zarr: " + d.Format().ReplaceLineEndings(" "));
        }
        if (errors > 0) return ZarrCli.Failure;
        if (groups.Length == 0) throw new CliException($"'{argument}' produced no classes (is '{fullName}' a valid C# type name?).");

        if (outputFolder is null)
        {
            var first = true;
            foreach (var g in InPrintOrder(groups))
            {
                if (!first) Console.Out.Write("\n");
                first = false;
                Console.Out.Write("// " + g.HintName + "\n" + GroupEmitter.Emit(g));
            }
        }
        else
        {
            Directory.CreateDirectory(outputFolder);
            foreach (var g in groups)
                File.WriteAllText(Path.Combine(outputFolder, g.HintName), GroupEmitter.Emit(g), new UTF8Encoding(false));
            Console.Out.Write($"wrote {groups.Length} file{(groups.Length == 1 ? "" : "s")} to {outputFolder}\n");
        }
        return 0;
    }
}
