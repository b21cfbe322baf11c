using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Zarr.Generators.Diagnostics;
using Zarr.Generators.Model;

namespace Zarr.Generators.Parsing;

/// <summary>
/// zarr v3: a <c>zarr.json</c> describes one node, its attributes inside it, and a group's may carry
/// zarr-python 3's consolidated metadata (<c>consolidated_metadata.metadata</c>: every node below it,
/// by path relative to the group).
/// </summary>
internal sealed partial class MetadataFileParser
{
    /// <summary>The metadata document of a zarr v3 node.</summary>
    public const string ZarrJson = "zarr.json";

    /// <summary>
    /// The codec names the runtime reads in a v3 codecs list (its V3CodecChain), besides
    /// <c>numcodecs.&lt;id&gt;</c> for the ids in <see cref="KnownCodecs"/>; <c>endian</c> is the
    /// bytes codec's name before it was renamed.
    /// </summary>
    internal static readonly HashSet<string> KnownV3Codecs = new()
    {
        "bytes", "endian", "transpose", "vlen-utf8", "vlen-bytes", "sharding_indexed", "blosc", "gzip", "zstd", "crc32c",
    };

    private const string NumcodecsPrefix = "numcodecs.";

    private void ParseV3Node(string path, JsonElement json, LocationInfo where, bool consolidated)
    {
        var display = path.Length == 0 ? ZarrJson : path + "/" + ZarrJson;
        if (json.Kind != JsonKind.Object)
        {
            Report(DiagnosticDescriptors.InvalidMetadata, json, display, "the document must be a JSON object");
            return;
        }
        var format = json["zarr_format"];
        if (format is null || !format.TryGetInt64(out var f) || f != 3)
        {
            Report(DiagnosticDescriptors.InvalidMetadata, format ?? json, display, "a zarr.json must say \"zarr_format\": 3");
            return;
        }
        var nodeType = json["node_type"];
        var isArray = nodeType is { Kind: JsonKind.String, Text: "array" };
        if (!isArray && nodeType is not { Kind: JsonKind.String, Text: "group" })
        {
            Report(DiagnosticDescriptors.InvalidMetadata, nodeType ?? json, display, "'node_type' must be \"array\" or \"group\"");
            return;
        }
        var attributes = json["attributes"];
        if (attributes is not (null or { Kind: JsonKind.Object or JsonKind.Null }))
        {
            Report(DiagnosticDescriptors.InvalidMetadata, attributes, display, "'attributes' must be an object");
            return;
        }
        if (isArray)
        {
            var array = ParseV3Array(path, display, json);
            if (array is null) return;
            _nodes.Add(new NodeMetadataModel(path, NodeDocumentKind.Array, array, EquatableArray<AttributeMemberModel>.Empty, where, consolidated, ZarrFormat: 3));
        }
        else
        {
            _nodes.Add(new NodeMetadataModel(path, NodeDocumentKind.Group, null, EquatableArray<AttributeMemberModel>.Empty, where, consolidated, ZarrFormat: 3));
            // Entries of consolidated metadata are whole documents; their own consolidated_metadata (null, or a nested copy) adds nothing.
            if (!consolidated && json["consolidated_metadata"] is { Kind: JsonKind.Object } inline) ParseV3Consolidated(path, inline, display);
        }
        var attrs = attributes is { Kind: JsonKind.Object } ? ParseAttributes(attributes) : EquatableArray<AttributeMemberModel>.Empty;
        _nodes.Add(new NodeMetadataModel(path, NodeDocumentKind.Attributes, null, attrs, where, consolidated, ZarrFormat: 3));
    }

    private void ParseV3Consolidated(string path, JsonElement inline, string display)
    {
        if (inline["metadata"] is not { Kind: JsonKind.Object } metadata)
        {
            Report(DiagnosticDescriptors.InvalidMetadata, inline, display, "'consolidated_metadata' needs a 'metadata' object");
            return;
        }
        foreach (var member in metadata.Members!)
        {
            var key = member.Key.Trim('/');
            if (key.Length == 0) continue;
            ParseV3Node(path.Length == 0 ? key : path + "/" + key, member.Value, DocumentLocation(member.Value), consolidated: true);
        }
    }

    /// <summary>What a walk of a codecs list (and of the lists inside shards) finds.</summary>
    private sealed class CodecFacts
    {
        public bool BigEndian;
        public string? ObjectCodec;
        public List<long>? InnerChunks;
        public readonly List<string> Compressors = new();
    }

    private ArrayMetadataModel? ParseV3Array(string path, string display, JsonElement json)
    {
        var arrayName = path.Length == 0 ? "/" : path;
        var shape = ReadInts(json["shape"], json, "shape", display, long.MaxValue, positive: false);
        if (shape is null) return null;

        var gridElement = json["chunk_grid"];
        var gridName = gridElement is null ? null : V3DataTypeParser.NameOf(gridElement, out _);
        if (gridName != "regular")
        {
            Report(DiagnosticDescriptors.InvalidMetadata, gridElement ?? json, display, gridName is null
                ? "'chunk_grid' must be {\"name\": \"regular\", \"configuration\": {\"chunk_shape\": [...]}}"
                : "the chunk grid '" + gridName + "' is not supported; Zarr.Typed reads 'regular'");
            return null;
        }
        var gridConfig = gridElement!["configuration"];
        var grid = ReadInts(gridConfig?["chunk_shape"], gridConfig ?? gridElement, "chunk_grid.configuration.chunk_shape", display, int.MaxValue, positive: true);
        if (grid is null) return null;
        if (grid.Count != shape.Count)
        {
            Report(DiagnosticDescriptors.MetadataShapeChunksMismatch, gridConfig!["chunk_shape"]!, arrayName,
                shape.Count.ToString(CultureInfo.InvariantCulture), grid.Count.ToString(CultureInfo.InvariantCulture));
            return null;
        }
        if (json["storage_transformers"] is { Kind: JsonKind.Array } transformers && transformers.Items!.Count > 0)
        {
            Report(DiagnosticDescriptors.InvalidMetadata, transformers, display, "storage transformers are not supported");
            return null;
        }
        var dataType = json["data_type"];
        if (dataType is null)
        {
            Report(DiagnosticDescriptors.InvalidMetadata, json, display, "'data_type' is missing");
            return null;
        }
        var codecs = json["codecs"];
        if (codecs is not { Kind: JsonKind.Array } || codecs.Items!.Count == 0)
        {
            Report(DiagnosticDescriptors.InvalidMetadata, codecs ?? json, display, "'codecs' must be a non-empty list of codecs");
            return null;
        }
        var facts = new CodecFacts();
        if (!WalkCodecs(codecs, arrayName, display, shape.Count, facts, depth: 0)) return null;

        var dtype = V3DataTypeParser.Parse(dataType, out var typeObjectCodec, out var dtypeError);
        var objectCodec = facts.ObjectCodec ?? typeObjectCodec;
        string? elementType = null;
        var typeText = dataType.Kind == JsonKind.String ? dataType.Text! : dataType.ToJson();
        if (dtype is null)
        {
            Report(DiagnosticDescriptors.UnsupportedDType, dataType, arrayName, typeText, dtypeError ?? "");
            dtype = new DTypeModel('?', '|', 0, typeText, null, dataType.ToJson(), EquatableArray<FieldModel>.Empty);
        }
        else
        {
            // The bytes codec gives the byte order, as the runtime reads it (structured types keep their fields').
            if (facts.BigEndian && dtype.ByteOrder == '<') dtype = DTypeParser.Parse(">" + dtype.TypeStr.Substring(1), out _)!;
            if (!dtype.IsStructured)
            {
                elementType = TypeMapper.ElementType(dtype, dtype.Kind == 'O' ? objectCodec : null, out var reason);
                if (elementType is null) Report(DiagnosticDescriptors.UnsupportedDType, dataType, arrayName, typeText, reason ?? "");
            }
        }

        EquatableArray<string?>? names = null;
        var namesElement = json["dimension_names"];
        if (namesElement is not null && namesElement.Kind != JsonKind.Null)
        {
            if (namesElement.Kind != JsonKind.Array || namesElement.Items!.Count != shape.Count
                || namesElement.Items.Any(n => n.Kind is not (JsonKind.String or JsonKind.Null)))
            {
                Report(DiagnosticDescriptors.InvalidMetadata, namesElement, display, "'dimension_names' must be a list of one string or null per dimension");
                return null;
            }
            names = namesElement.Items.Select(n => n.Kind == JsonKind.String ? n.Text : null).ToEquatableArray();
        }

        var fill = json["fill_value"];
        var sharded = facts.InnerChunks is not null;
        var document = JsonElement.Object(json.Start, json.End,
            json.Members!.Where(m => m.Key is not ("attributes" or "consolidated_metadata")).ToList());
        return new ArrayMetadataModel(
            shape.ToEquatableArray(),
            (facts.InnerChunks ?? grid).ConvertAll(c => (int)c).ToEquatableArray(),
            dtype,
            elementType,
            CompressorJson: null,
            facts.Compressors.Count == 0 ? ArrayFieldReader.NoCompressorDisplay : string.Join(", ", facts.Compressors),
            FiltersJson: null,
            dtype.Kind == 'O' ? objectCodec : null,
            fill is null ? null : ArrayFieldReader.FillValueJson(fill),
            'C',
            DimensionSeparator: null,
            ZarrFormat: 3,
            Shards: sharded ? grid.ConvertAll(c => (int)c).ToEquatableArray() : null,
            DimensionNames: names,
            CodecsJson: codecs.ToJson(),
            DocumentJson: document.ToJson());
    }

    /// <summary>
    /// Walks a codecs list: unknown codecs are ZARR104 (reading them fails at run time); the facts the
    /// model needs are collected. False after reporting a list the runtime could not read at all.
    /// </summary>
    private bool WalkCodecs(JsonElement codecs, string arrayName, string display, int rank, CodecFacts facts, int depth)
    {
        var serialized = false;
        foreach (var codec in codecs.Items!)
        {
            var name = V3DataTypeParser.NameOf(codec, out var config);
            if (name is null)
            {
                Report(DiagnosticDescriptors.InvalidMetadata, codec, display, "every codec must be a name or an object with a string 'name'");
                return false;
            }
            var bare = name.StartsWith(NumcodecsPrefix, System.StringComparison.Ordinal) ? name.Substring(NumcodecsPrefix.Length) : null;
            if (!KnownV3Codecs.Contains(name) && (bare is null || !KnownCodecs.Contains(bare)))
            {
                Report(DiagnosticDescriptors.UnsupportedCodec, codec.Kind == JsonKind.String ? codec : codec["name"]!, arrayName, name);
                continue;
            }
            if (serialized)
            {
                facts.Compressors.Add(ArrayFieldReader.CodecDisplay(name, config));
                continue;
            }
            switch (bare ?? name)
            {
                case "bytes":
                case "endian":
                    facts.BigEndian = config?["endian"] is { Kind: JsonKind.String, Text: "big" };
                    serialized = true;
                    break;
                case "vlen-utf8":
                case "vlen-bytes":
                    facts.ObjectCodec = bare ?? name;
                    serialized = true;
                    break;
                case "sharding_indexed":
                    serialized = true;
                    if (config is null)
                    {
                        Report(DiagnosticDescriptors.InvalidMetadata, codec, display, "'sharding_indexed' needs a configuration");
                        return false;
                    }
                    var inner = ReadInts(config["chunk_shape"], config, "sharding_indexed.chunk_shape", display, int.MaxValue, positive: true);
                    if (inner is null) return false;
                    if (inner.Count != rank)
                    {
                        Report(DiagnosticDescriptors.MetadataShapeChunksMismatch, config["chunk_shape"]!, arrayName,
                            rank.ToString(CultureInfo.InvariantCulture), inner.Count.ToString(CultureInfo.InvariantCulture));
                        return false;
                    }
                    // The array's chunks are the inner chunks of its shards (of the outer ones, when shards nest).
                    if (depth == 0) facts.InnerChunks = inner;
                    if (config["codecs"] is not { Kind: JsonKind.Array } innerCodecs || innerCodecs.Items!.Count == 0)
                    {
                        Report(DiagnosticDescriptors.InvalidMetadata, config["codecs"] ?? config, display, "'sharding_indexed' needs a non-empty 'codecs' list");
                        return false;
                    }
                    if (!WalkCodecs(innerCodecs, arrayName, display, rank, facts, depth + 1)) return false;
                    if (config["index_codecs"] is { Kind: JsonKind.Array } indexCodecs) CheckIndexCodecs(indexCodecs, arrayName);
                    break;
            }
        }
        return true;
    }

    private void CheckIndexCodecs(JsonElement codecs, string arrayName)
    {
        foreach (var codec in codecs.Items!)
        {
            var name = V3DataTypeParser.NameOf(codec, out _);
            if (name is not null && !KnownV3Codecs.Contains(name)) Report(DiagnosticDescriptors.UnsupportedCodec, codec.Kind == JsonKind.String ? codec : codec["name"]!, arrayName, name);
        }
    }
}
