namespace Zarr.Generators.Model;

/// <summary>
/// One metadata file (.zgroup, .zarray, .zattrs or .zmetadata) parsed on its own: the nodes it
/// describes and the problems found in it. Built by a per-file step, so an edit re-parses one file.
/// </summary>
/// <param name="Root">The normalised ZarrRoot of the hierarchy the file belongs to.</param>
/// <param name="ClassName">The fully qualified name of the root class to generate.</param>
/// <param name="FilePath">The file's path, as diagnostics name it.</param>
/// <param name="Nodes">What the file says about each node it describes.</param>
/// <param name="Diagnostics">The problems found in the file.</param>
internal sealed record MetadataFileModel(
    string Root,
    string ClassName,
    string FilePath,
    EquatableArray<NodeMetadataModel> Nodes,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// What one document says about one node. <see cref="Kind"/> is 'g' (.zgroup), 'a' (.zarray) or
/// 't' (.zattrs). <see cref="Location"/> points at the document, for diagnostics about the node.
/// </summary>
internal sealed record NodeMetadataModel(
    string Path,
    char Kind,
    ArrayMetadataModel? Array,
    EquatableArray<AttributeMemberModel> Attributes,
    LocationInfo? Location);

/// <summary>The fields of a .zarray the generator uses. <see cref="DType"/> is null when unsupported.</summary>
internal sealed record ArrayMetadataModel(
    EquatableArray<long> Shape,
    EquatableArray<int> Chunks,
    DTypeModel DType,
    string? ElementType,
    string? CompressorJson,
    string CompressorDisplay,
    string? FiltersJson,
    string? ObjectCodec,
    string? FillValueJson,
    char Order,
    string? DimensionSeparator);
