using System.Collections.Generic;
using System.Linq;
using System.Reflection;
#if ROSLYN
using Microsoft.CodeAnalysis;
#endif

namespace Zarr.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. ZARR0xx: schema classes and the project's setup; ZARR1xx: metadata files;
/// ZARR2xx: type mapping. Each id is documented in docs/diagnostics/ZARRnnn.md. The zarr tool
/// compiles this file too, against its stand-in for Roslyn's descriptor (Zarr.Cli/Generators).
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Schema = "Zarr.Schema";
    private const string Metadata = "Zarr.Metadata";
    private const string Types = "Zarr.TypeMapping";
    private const string Setup = "Zarr.Setup";

    /// <summary>
    /// Where the pages of docs/diagnostics are published: the repository's URL (the SDK writes the
    /// project's RepositoryUrl into the assembly), so the links follow the one place it is set.
    /// </summary>
    internal static readonly string? DocsUrl = typeof(DiagnosticDescriptors).Assembly
        .GetCustomAttributes(typeof(AssemblyMetadataAttribute), inherit: false).Cast<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "RepositoryUrl" && !string.IsNullOrEmpty(a.Value)) is { } url
        ? url.Value!.TrimEnd('/') + "/blob/main/docs/diagnostics/"
        : null;

    /// <summary>The page that documents <paramref name="id"/>, docs/diagnostics/ZARRnnn.md in the repository.</summary>
    internal static string? HelpLink(string id) => DocsUrl is null ? null : DocsUrl + id + ".md";

    private static DiagnosticDescriptor Make(string id, string title, string message, string category, DiagnosticSeverity severity) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    public static readonly DiagnosticDescriptor GroupClassNotPartial = Make(
        "ZARR001", "A [ZarrGroup] class must be partial",
        "The [ZarrGroup] class '{0}' must be declared partial (and so must every type that contains it)",
        Schema, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ArrayPropertyNotPartial = Make(
        "ZARR002", "A [ZarrArray] property must be partial",
        "The [ZarrArray] property '{0}' must be a partial property declaration with a get accessor only, so the generator can implement it",
        Schema, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ArrayPropertyTypeMismatch = Make(
        "ZARR003", "The property type contradicts its [ZarrArray] attribute",
        "The type of [ZarrArray] property '{0}' contradicts its attribute: {1}",
        Schema, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ShapeChunksRankMismatch = Make(
        "ZARR004", "Shape and Chunks have different ranks",
        "Array '{0}': Shape has {1} dimension(s) but Chunks has {2}",
        Schema, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NestedGroupNotAnnotated = Make(
        "ZARR005", "A nested group's type must be a [ZarrGroup] class",
        "The partial property '{0}' of [ZarrGroup] class '{1}' has type '{2}', which is neither a [ZarrGroup] class nor a typed array; mark the class [ZarrGroup] or the property [ZarrArray]",
        Schema, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidArrayAttribute = Make(
        "ZARR006", "Invalid [ZarrArray] attribute",
        "The [ZarrArray] attribute of '{0}' is invalid: {1}",
        Schema, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor RuntimeNotReferenced = Make(
        "ZARR007", "Zarr.Typed.Runtime is not referenced",
        "The typed bindings {0} need Zarr.Typed.Runtime, which this project does not reference; add <PackageReference Include=\"Zarr.Typed.Runtime\" /> (the package carries this generator too). Nothing is generated until then.",
        Setup, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor V3OptionWithoutV3 = Make(
        "ZARR008", "A zarr v3 option in a class of zarr format 2",
        "The [ZarrArray] property '{0}' sets {1}, which only zarr format 3 stores; mark its class [ZarrGroup(ZarrFormat = 3)]",
        Schema, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidShards = Make(
        "ZARR009", "Shards that are not multiples of the chunks",
        "Array '{0}': {1}",
        Schema, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidZarrFormat = Make(
        "ZARR010", "Invalid zarr format",
        "[ZarrGroup] class '{0}': {1}",
        Schema, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MalformedJson = Make(
        "ZARR101", "Malformed JSON in a metadata file",
        "'{0}' is not valid JSON: {1}",
        Metadata, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidMetadata = Make(
        "ZARR102", "Invalid Zarr metadata",
        "'{0}': {1}",
        Metadata, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MetadataShapeChunksMismatch = Make(
        "ZARR103", "shape and chunks of different rank",
        "Array '{0}': shape has {1} dimension(s) but chunks has {2}",
        Metadata, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedCodec = Make(
        "ZARR104", "Unsupported codec id",
        "Array '{0}' uses the codec id '{1}', which Zarr.Typed cannot decode; reading it will fail at run time",
        Metadata, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor IdentifierCollision = Make(
        "ZARR105", "Two keys map to the same C# identifier",
        "The keys '{0}' and '{1}' in '{2}' both give the identifier '{3}'; '{1}' is generated as '{4}'",
        Metadata, DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor MissingClassName = Make(
        "ZARR106", "Metadata file without a class to generate",
        "'{0}' has ZarrRoot metadata but no valid ZarrClass (got '{1}'); set ZarrClass to a C# type name such as MyApp.Data.Store",
        Metadata, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor FileOutsideRoot = Make(
        "ZARR107", "Metadata file outside its root",
        "'{0}' is not inside its ZarrRoot '{1}'; the file is ignored",
        Metadata, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor DuplicateRootClass = Make(
        "ZARR108", "Two hierarchies generate the same class",
        "The ZarrClass '{0}' is given to two roots, '{1}' and '{2}'; only the first is generated",
        Metadata, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedDType = Make(
        "ZARR201", "Unsupported dtype",
        "Array '{0}' has the dtype {1}, which has no C# element type: {2}; its accessor is an untyped ZarrArray",
        Types, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor RankNotTyped = Make(
        "ZARR202", "Rank without a rank-typed accessor",
        "Array '{0}' has rank {1}; rank-typed accessors exist for ranks 0 to {2}, so its property is a ZarrArray<{3}> without rank checks",
        Types, DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor StructuredAsBytes = Make(
        "ZARR203", "Structured dtype read as raw bytes",
        "Array '{0}' has a structured dtype that cannot be laid out as a C# struct ({1}); its elements are byte[]",
        Types, DiagnosticSeverity.Info);

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = Index(
        GroupClassNotPartial, ArrayPropertyNotPartial, ArrayPropertyTypeMismatch, ShapeChunksRankMismatch,
        NestedGroupNotAnnotated, InvalidArrayAttribute, RuntimeNotReferenced, V3OptionWithoutV3, InvalidShards, InvalidZarrFormat, MalformedJson, InvalidMetadata, MetadataShapeChunksMismatch,
        UnsupportedCodec, IdentifierCollision, MissingClassName, FileOutsideRoot, DuplicateRootClass, UnsupportedDType, RankNotTyped,
        StructuredAsBytes);

    public static DiagnosticDescriptor ById(string id) => s_byId[id];

    public static IEnumerable<DiagnosticDescriptor> All => s_byId.Values;

    private static Dictionary<string, DiagnosticDescriptor> Index(params DiagnosticDescriptor[] descriptors)
    {
        var map = new Dictionary<string, DiagnosticDescriptor>();
        foreach (var d in descriptors) map.Add(d.Id, d);
        return map;
    }
}
