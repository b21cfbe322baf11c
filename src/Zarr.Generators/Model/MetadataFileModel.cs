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

/// <summary>The kind of metadata document a <see cref="NodeMetadataModel"/> comes from.</summary>
internal enum NodeDocumentKind
{
    /// <summary>A .zgroup: the node is a group.</summary>
    Group,
    /// <summary>A .zarray: the node is an array.</summary>
    Array,
    /// <summary>A .zattrs: the node's attributes.</summary>
    Attributes,
}

/// <summary>
/// What one document says about one node. <see cref="Location"/> points at the document, for
/// diagnostics about the node.
/// </summary>
internal sealed record NodeMetadataModel(
    string Path,
    NodeDocumentKind Kind,
    ArrayMetadataModel? Array,
    EquatableArray<AttributeMemberModel> Attributes,
    LocationInfo? Location);

/// <summary>
/// The fields of a .zarray the generator uses, also built from a [ZarrArray] attribute. An
/// unsupported dtype has <see cref="DTypeModel.Kind"/> '?'. <see cref="ElementType"/> is the C# type
/// the dtype maps to, if any. <see cref="CompressorJson"/> is null for the runtime's default
/// compressor. <see cref="ObjectCodec"/> is the id of an object array's first filter (vlen-utf8,
/// vlen-bytes), else null.
/// </summary>
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
