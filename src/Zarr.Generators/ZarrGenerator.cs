using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Zarr.Generators.Diagnostics;
using Zarr.Generators.Emit;
using Zarr.Generators.Model;
using Zarr.Generators.Parsing;

namespace Zarr.Generators;

/// <summary>
/// Gives every array of a Zarr hierarchy a C# accessor whose rank and element type the compiler
/// checks. Two inputs: [ZarrGroup] classes (schema first) and metadata files passed as
/// AdditionalFiles with <c>ZarrRoot</c>/<c>ZarrClass</c> item metadata (metadata first).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ZarrGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for incrementality tests.</summary>
    public static class Steps
    {
        /// <summary>[ZarrGroup] classes read into models.</summary>
        public const string SchemaGroups = "Zarr.SchemaGroups";
        /// <summary>Each AdditionalFile with its ZarrRoot/ZarrClass settings.</summary>
        public const string MetadataInputs = "Zarr.MetadataInputs";
        /// <summary>Each metadata file parsed on its own.</summary>
        public const string MetadataFiles = "Zarr.MetadataFiles";
        /// <summary>All parsed files, gathered.</summary>
        public const string MetadataCollected = "Zarr.MetadataCollected";
        /// <summary>The hierarchies assembled from the files.</summary>
        public const string Hierarchies = "Zarr.Hierarchies";
        /// <summary>One group class of a metadata-first hierarchy.</summary>
        public const string MetadataGroups = "Zarr.MetadataGroups";
        /// <summary>Whether the compilation references the runtime the generated code is written against.</summary>
        public const string Runtime = "Zarr.Runtime";
    }

    /// <summary>A type of Zarr.Typed.Runtime that every generated class uses.</summary>
    internal const string RuntimeMarkerType = "Zarr.ZarrGroup";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Generated code without the runtime fails with dozens of CS0246 errors in files the user never
        // wrote; one ZARR007 says what is missing instead, and nothing is generated.
        var runtime = context.CompilationProvider
            .Select(static (c, _) => c.GetTypeByMetadataName(RuntimeMarkerType) is not null)
            .WithTrackingName(Steps.Runtime);

        var schema = context.SyntaxProvider.ForAttributeWithMetadataName(
                SchemaClassParser.GroupAttributeName,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, ct) => SchemaClassParser.Parse(ctx, ct))
            .WithTrackingName(Steps.SchemaGroups);

        context.RegisterSourceOutput(schema, static (spc, result) =>
        {
            foreach (var d in result.Diagnostics) spc.ReportDiagnostic(d.ToDiagnostic());
            // A member with an error is left out; the rest of the class is still generated.
            if (result.Group is { } group)
                spc.AddSource(group.HintName, SourceText.From(GroupEmitter.Emit(group), System.Text.Encoding.UTF8));
        });

        var inputs = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, _) => MetadataInput.From(pair.Left, pair.Right))
            .Where(static input => input is not null)
            .WithTrackingName(Steps.MetadataInputs);

        var files = inputs
            .Select(static (input, ct) => input!.Parse(ct))
            .WithTrackingName(Steps.MetadataFiles);

        context.RegisterSourceOutput(files.Select(static (f, _) => f.Diagnostics), static (spc, diagnostics) =>
        {
            foreach (var d in diagnostics) spc.ReportDiagnostic(d.ToDiagnostic());
        });

        var hierarchies = files
            .Where(static f => f.ClassName.Length > 0)
            .Collect()
            .WithTrackingName(Steps.MetadataCollected)
            .Select(static (all, _) => BuildHierarchies(all))
            .WithTrackingName(Steps.Hierarchies);

        context.RegisterSourceOutput(hierarchies.Select(static (h, _) => h.Diagnostics), static (spc, diagnostics) =>
        {
            foreach (var d in diagnostics) spc.ReportDiagnostic(d.ToDiagnostic());
        });

        context.RegisterSourceOutput(hierarchies.Combine(runtime), static (spc, pair) =>
        {
            var (h, hasRuntime) = pair;
            if (hasRuntime || h.Groups.IsEmpty) return;
            var roots = h.Groups.Where(g => g.Containers.IsEmpty).Select(g => (g.Namespace is null ? "" : g.Namespace + ".") + g.ClassName);
            spc.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.RuntimeNotReferenced, null, string.Join(", ", roots)).ToDiagnostic());
        });

        var groups = hierarchies
            .SelectMany(static (h, _) => h.Groups.AsImmutableArray())
            .WithTrackingName(Steps.MetadataGroups);

        context.RegisterSourceOutput(groups.Combine(runtime), static (spc, pair) =>
        {
            if (pair.Right) spc.AddSource(pair.Left.HintName, SourceText.From(GroupEmitter.Emit(pair.Left), System.Text.Encoding.UTF8));
        });
    }

    private static HierarchyResult BuildHierarchies(ImmutableArray<MetadataFileModel> files)
    {
        var groups = ImmutableArray.CreateBuilder<GroupClassModel>();
        var diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>();
        foreach (var byClass in files.GroupBy(f => f.ClassName).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // One class, one hierarchy: a second root claiming the class is an error, not a merge.
            var roots = byClass.GroupBy(f => f.Root).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
            foreach (var extra in roots.Skip(1))
            {
                var first = extra.OrderBy(f => f.FilePath, StringComparer.Ordinal).First();
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateRootClass, new LocationInfo(first.FilePath, 0, 0, 0, 0, 0, 0),
                    byClass.Key, roots[0].Key, extra.Key));
            }
            var (models, problems) = HierarchyBuilder.Build(byClass.Key, roots[0]);
            groups.AddRange(models);
            diagnostics.AddRange(problems);
        }
        return new HierarchyResult(groups.ToImmutable().ToEquatableArray(), diagnostics.ToImmutable().ToEquatableArray());
    }

    /// <summary>Why a metadata file is reported instead of parsed.</summary>
    private enum MetadataInputProblem
    {
        None,
        /// <summary>The file is not below its ZarrRoot (ZARR107).</summary>
        OutsideRoot,
        /// <summary>ZarrClass is missing or not a C# type name (ZARR106).</summary>
        InvalidClassName,
    }

    private sealed record HierarchyResult(EquatableArray<GroupClassModel> Groups, EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>
    /// One AdditionalFile with its settings. Holds the <see cref="AdditionalText"/> (compared by
    /// reference, which changes only when the file does) until the parse step reads it.
    /// </summary>
    private sealed record MetadataInput(AdditionalText File, string Root, string ClassName, string NodePath, string FileName, MetadataInputProblem Problem)
    {
        public static MetadataInput? From(AdditionalText file, AnalyzerConfigOptionsProvider options)
        {
            var path = file.Path.Replace('\\', '/');
            var fileName = path.Substring(path.LastIndexOf('/') + 1);
            if (!MetadataFileParser.IsMetadataFile(fileName)) return null;
            var o = options.GetOptions(file);
            if (!o.TryGetValue("build_metadata.AdditionalFiles.ZarrRoot", out var root) || string.IsNullOrWhiteSpace(root)) return null;
            o.TryGetValue("build_metadata.AdditionalFiles.ZarrClass", out var className);
            className = (className ?? "").Trim();
            root = root.Trim().Replace('\\', '/').TrimEnd('/');
            if (root.StartsWith("./", StringComparison.Ordinal)) root = root.Substring(2);
            var dir = path.Substring(0, path.LastIndexOf('/') + 1);
            string? nodePath = null;
            if (root.Length == 0 || (dir + "/").StartsWith(root + "/", StringComparison.Ordinal) && dir.Length >= root.Length)
                nodePath = dir.Length > root.Length ? dir.Substring(root.Length) : "";
            else
            {
                var marker = "/" + root.TrimStart('/') + "/";
                var at = dir.IndexOf(marker, StringComparison.Ordinal);
                if (at >= 0) nodePath = dir.Substring(at + marker.Length);
            }
            if (nodePath is null) return new MetadataInput(file, root, className, "", fileName, MetadataInputProblem.OutsideRoot);
            nodePath = nodePath.Trim('/');
            var problem = IdentifierSanitizer.IsValidTypeName(className) ? MetadataInputProblem.None : MetadataInputProblem.InvalidClassName;
            return new MetadataInput(file, root, className, nodePath, fileName, problem);
        }

        public MetadataFileModel Parse(System.Threading.CancellationToken ct)
        {
            var path = File.Path;
            switch (Problem)
            {
                case MetadataInputProblem.OutsideRoot:
                    return Single(DiagnosticInfo.Create(DiagnosticDescriptors.FileOutsideRoot, new LocationInfo(path, 0, 0, 0, 0, 0, 0), path, Root));
                case MetadataInputProblem.InvalidClassName:
                    return Single(DiagnosticInfo.Create(DiagnosticDescriptors.MissingClassName, new LocationInfo(path, 0, 0, 0, 0, 0, 0), path, ClassName));
            }
            var text = File.GetText(ct);
            if (text is null)
                return Single(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidMetadata, new LocationInfo(path, 0, 0, 0, 0, 0, 0), path, "the file could not be read"));
            return MetadataFileParser.Parse(Root, ClassName, path, NodePath, FileName, text.ToString());
        }

        private MetadataFileModel Single(DiagnosticInfo diagnostic) =>
            new("", "", File.Path, EquatableArray<NodeMetadataModel>.Empty, new[] { diagnostic }.ToEquatableArray());
    }
}
