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

/// <summary>The kind of metadata a <see cref="NodeMetadataModel"/> gives: a node's kind, or its attributes.</summary>
internal enum NodeDocumentKind
{
    /// <summary>A .zgroup, or a zarr.json of node_type group: the node is a group.</summary>
    Group,
    /// <summary>A .zarray, or a zarr.json of node_type array: the node is an array.</summary>
    Array,
    /// <summary>A .zattrs, or the attributes inside a zarr.json: the node's attributes.</summary>
    Attributes,
}

/// <summary>
/// What one document says about one node. <see cref="Location"/> points at the document, for
/// diagnostics about the node. <see cref="Consolidated"/> is true for an entry of consolidated
/// metadata (.zmetadata, or a root zarr.json's consolidated_metadata), which a node's own document
/// overrides. <see cref="ZarrFormat"/> is 3 for what a zarr.json says.
/// </summary>
internal sealed record NodeMetadataModel(
    string Path,
    NodeDocumentKind Kind,
    ArrayMetadataModel? Array,
    EquatableArray<AttributeMemberModel> Attributes,
    LocationInfo? Location,
    bool Consolidated = false,
    int ZarrFormat = 2);

/// <summary>
/// The fields of a .zarray or a zarr.json the generator uses, also built from a [ZarrArray] attribute.
/// An unsupported dtype has <see cref="DTypeModel.Kind"/> '?'. <see cref="ElementType"/> is the C#
/// type the dtype maps to, if any. <see cref="CompressorJson"/> is null for the runtime's default
/// compressor. <see cref="ObjectCodec"/> is the id of an object array's first filter, or of a v3
/// array's vlen codec (vlen-utf8, vlen-bytes), else null.
/// </summary>
/// <remarks>
/// Zarr v3 (<see cref="ZarrFormat"/> 3): <see cref="DType"/> is the NumPy dtype the runtime reads the
/// data_type as (its byte order from the bytes codec), <see cref="Chunks"/> are the inner chunks of a
/// sharded array and <see cref="Shards"/> its shard shape (null: unsharded). <see cref="DimensionNames"/>
/// is null when the array has none. <see cref="CodecsJson"/> is the codecs list, for documentation;
/// <see cref="DocumentJson"/> the zarr.json without its attributes, which a metadata-first binding
/// creates the array from (null for a schema class, whose arrays are built from their fields).
/// </remarks>
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
    string? DimensionSeparator,
    int ZarrFormat = 2,
    EquatableArray<int>? Shards = null,
    EquatableArray<string?>? DimensionNames = null,
    string? CodecsJson = null,
    string? DocumentJson = null);
