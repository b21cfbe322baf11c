using System.Collections.Generic;
using System.Globalization;
#if ROSLYN
using Microsoft.CodeAnalysis;
#endif
using Zarr.Generators.Diagnostics;
using Zarr.Generators.Model;

namespace Zarr.Generators.Parsing;

/// <summary>
/// Parses one metadata document (v2's .zgroup, .zarray, .zattrs, .zmetadata; v3's zarr.json, in
/// MetadataFileParser.V3.cs) into node models and diagnostics that point into the file.
/// </summary>
internal sealed partial class MetadataFileParser
{
    /// <summary>
    /// The codec ids the runtime registers (its CodecRegistry.Default; a test keeps the two in step).
    /// The generator cannot load the runtime, so the list is written here.
    /// </summary>
    internal static readonly HashSet<string> KnownCodecs = new()
    {
        "blosc", "zlib", "gzip", "zstd", "lz4", "bz2", "lzma", "zfpy",
        "delta", "fixedscaleoffset", "quantize", "bitround", "packbits", "categorize", "astype", "shuffle",
        "base64", "crc32", "adler32", "crc32c", "fletcher32", "jenkins_lookup3",
        "vlen-utf8", "vlen-bytes", "vlen-array", "json2", "msgpack2", "pickle",
    };

    private readonly string _path;
    private readonly string _text;
    private readonly LineIndex _lines;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly List<NodeMetadataModel> _nodes = new();

    private MetadataFileParser(string path, string text)
    {
        _path = path;
        _text = text;
        _lines = new LineIndex(text);
    }

    /// <summary>The file names the generator reads.</summary>
    public static bool IsMetadataFile(string fileName) =>
        fileName is ".zgroup" or ".zarray" or ".zattrs" or ".zmetadata" or ZarrJson;

    /// <summary>Parses <paramref name="text"/>, the document at store path <paramref name="nodePath"/> named <paramref name="fileName"/>.</summary>
    public static MetadataFileModel Parse(string root, string className, string filePath, string nodePath, string fileName, string text)
    {
        var parser = new MetadataFileParser(filePath, text);
        parser.ParseDocument(nodePath, fileName);
        return new MetadataFileModel(root, className, filePath, parser._nodes.ToEquatableArray(), parser._diagnostics.ToEquatableArray());
    }

    private void ParseDocument(string nodePath, string fileName)
    {
        JsonElement json;
        try
        {
            json = JsonReader.Parse(_text);
        }
        catch (JsonSyntaxException e)
        {
            var (line, column) = _lines.Position(System.Math.Min(e.Offset, _text.Length));
            var message = e.Message + " at line " + (line + 1).ToString(CultureInfo.InvariantCulture)
                + ", column " + (column + 1).ToString(CultureInfo.InvariantCulture);
            Report(DiagnosticDescriptors.MalformedJson, e.Offset, 0, _path, message);
            return;
        }
        if (fileName == ".zmetadata") ParseConsolidated(json);
        else if (fileName == ZarrJson) ParseV3Node(nodePath, json, DocumentLocation(json), consolidated: false);
        else ParseNode(nodePath, fileName, json, DocumentLocation(json));
    }

    private void ParseConsolidated(JsonElement json)
    {
        var metadata = json.Kind == JsonKind.Object ? json["metadata"] : null;
        if (metadata is null || metadata.Kind != JsonKind.Object)
        {
            Report(DiagnosticDescriptors.InvalidMetadata, json, _path, "consolidated metadata needs a 'metadata' object");
            return;
        }
        foreach (var member in metadata.Members!)
        {
            var key = member.Key.Trim('/');
            var slash = key.LastIndexOf('/');
            var name = slash < 0 ? key : key.Substring(slash + 1);
            var path = slash < 0 ? "" : key.Substring(0, slash);
            if (IsMetadataFile(name) && name is not (".zmetadata" or ZarrJson))
                ParseNode(path, name, member.Value, DocumentLocation(member.Value), consolidated: true);
        }
    }

    private void ParseNode(string path, string fileName, JsonElement json, LocationInfo where, bool consolidated = false)
    {
        var display = path.Length == 0 ? fileName : path + "/" + fileName;
        if (json.Kind != JsonKind.Object)
        {
            Report(DiagnosticDescriptors.InvalidMetadata, json, display, "the document must be a JSON object");
            return;
        }
        switch (fileName)
        {
            case ".zgroup":
                if (CheckFormat(json, display)) _nodes.Add(new NodeMetadataModel(path, NodeDocumentKind.Group, null, EquatableArray<AttributeMemberModel>.Empty, where, consolidated));
                break;
            case ".zattrs":
                _nodes.Add(new NodeMetadataModel(path, NodeDocumentKind.Attributes, null, ParseAttributes(json), where, consolidated));
                break;
            case ".zarray":
                var array = ParseArray(path, display, json);
                if (array is not null) _nodes.Add(new NodeMetadataModel(path, NodeDocumentKind.Array, array, EquatableArray<AttributeMemberModel>.Empty, where, consolidated));
                break;
        }
    }

    private bool CheckFormat(JsonElement json, string display)
    {
        var format = json["zarr_format"];
        if (format is null || !format.TryGetInt64(out var f))
        {
            Report(DiagnosticDescriptors.InvalidMetadata, format ?? json, display, "'zarr_format' is missing or not an integer");
            return false;
        }
        if (f != 2)
        {
            Report(DiagnosticDescriptors.InvalidMetadata, format, display, "zarr_format " + f.ToString(CultureInfo.InvariantCulture) + " is not supported here; a .zgroup, .zarray or .zmetadata is format 2 (zarr v3 metadata is in zarr.json)");
            return false;
        }
        return true;
    }

    private ArrayMetadataModel? ParseArray(string path, string display, JsonElement json)
    {
        if (!CheckFormat(json, display)) return null;
        var arrayName = path.Length == 0 ? "/" : path;
        var shape = ReadInts(json, "shape", display, long.MaxValue);
        var chunks = ReadInts(json, "chunks", display, int.MaxValue);
        if (shape is null || chunks is null) return null;
        if (shape.Count != chunks.Count)
        {
            Report(DiagnosticDescriptors.MetadataShapeChunksMismatch, json["chunks"]!, arrayName,
                shape.Count.ToString(CultureInfo.InvariantCulture), chunks.Count.ToString(CultureInfo.InvariantCulture));
            return null;
        }
        var dtypeJson = json["dtype"];
        if (dtypeJson is null)
        {
            Report(DiagnosticDescriptors.InvalidMetadata, json, display, "'dtype' is missing");
            return null;
        }

        var compressorJson = ArrayFieldReader.NoCompressorJson;
        var compressorDisplay = ArrayFieldReader.NoCompressorDisplay;
        var compressor = json["compressor"];
        if (compressor is not null && compressor.Kind != JsonKind.Null)
        {
            if (ArrayFieldReader.CodecId(compressor) is not { } id)
            {
                Report(DiagnosticDescriptors.InvalidMetadata, compressor, display, "'compressor' must be null or an object with a string 'id'");
                return null;
            }
            CheckCodec(id, arrayName);
            compressorJson = compressor.ToJson();
            compressorDisplay = ArrayFieldReader.CodecDisplay(compressor);
        }

        string? filtersJson = null;
        string? objectCodec = null;
        var filters = json["filters"];
        if (filters is not null && filters.Kind != JsonKind.Null)
        {
            if (filters.Kind != JsonKind.Array)
            {
                Report(DiagnosticDescriptors.InvalidMetadata, filters, display, "'filters' must be null or a list of codec objects");
                return null;
            }
            foreach (var f in filters.Items!)
            {
                if (ArrayFieldReader.CodecId(f) is not { } id)
                {
                    Report(DiagnosticDescriptors.InvalidMetadata, f, display, "every filter must be an object with a string 'id'");
                    return null;
                }
                objectCodec ??= id.Text;
                CheckCodec(id, arrayName);
            }
            if (filters.Items.Count > 0) filtersJson = filters.ToJson();
        }

        var dtype = DTypeParser.FromJson(dtypeJson, out var dtypeError);
        string? elementType = null;
        if (dtype is null)
        {
            Report(DiagnosticDescriptors.UnsupportedDType, dtypeJson, arrayName, dtypeJson.Kind == JsonKind.String ? dtypeJson.Text! : dtypeJson.ToJson(), dtypeError ?? "");
            dtype = new DTypeModel('?', '|', 0, dtypeJson.ToJson(), null, dtypeJson.ToJson(), EquatableArray<FieldModel>.Empty);
        }
        else if (!dtype.IsStructured)
        {
            elementType = TypeMapper.ElementType(dtype, dtype.Kind == 'O' ? objectCodec : null, out var reason);
            if (elementType is null) Report(DiagnosticDescriptors.UnsupportedDType, dtypeJson, arrayName, dtype.TypeStr, reason ?? "");
        }

        var order = json["order"];
        var orderChar = order is { Kind: JsonKind.String, Text: "F" } ? 'F' : 'C';
        var separator = json["dimension_separator"];
        var fill = json["fill_value"];
        return new ArrayMetadataModel(
            shape.ToEquatableArray(),
            chunks.ConvertAll(c => (int)c).ToEquatableArray(),
            dtype,
            elementType,
            compressorJson,
            compressorDisplay,
            filtersJson,
            dtype.Kind == 'O' ? objectCodec : null,
            fill is null ? null : ArrayFieldReader.FillValueJson(fill),
            orderChar,
            separator is { Kind: JsonKind.String } ? separator.Text : null);
    }

    private void CheckCodec(JsonElement id, string arrayName)
    {
        if (!KnownCodecs.Contains(id.Text!)) Report(DiagnosticDescriptors.UnsupportedCodec, id, arrayName, id.Text!);
    }

    private List<long>? ReadInts(JsonElement json, string field, string display, long max) =>
        ReadInts(json[field], json, field, display, max, positive: field == "chunks");

    /// <summary>A list of integers, each at most <paramref name="max"/> (and above 0 when <paramref name="positive"/>); <paramref name="owner"/> is where a missing one is reported.</summary>
    private List<long>? ReadInts(JsonElement? value, JsonElement owner, string field, string display, long max, bool positive)
    {
        if (value is null || value.Kind != JsonKind.Array)
        {
            Report(DiagnosticDescriptors.InvalidMetadata, value ?? owner, display, "'" + field + "' must be a list of integers");
            return null;
        }
        var list = new List<long>();
        foreach (var item in value.Items!)
        {
            if (!item.TryGetInt64(out var n) || n < 0 || n > max || (positive && n == 0))
            {
                Report(DiagnosticDescriptors.InvalidMetadata, item, display, "'" + field + "' must hold " + (positive ? "positive 32-bit" : "non-negative") + " integers");
                return null;
            }
            list.Add(n);
        }
        return list;
    }

    private EquatableArray<AttributeMemberModel> ParseAttributes(JsonElement json)
    {
        var list = new List<AttributeMemberModel>();
        foreach (var m in json.Members!)
            list.Add(new AttributeMemberModel("", m.Key, AttributeKind(m.Value), m.Value.ToJson(), LocationAt(m.Value.Start, m.Value.End - m.Value.Start)));
        return list.ToEquatableArray();
    }

    private static string AttributeKind(JsonElement v)
    {
        switch (v.Kind)
        {
            case JsonKind.String: return "string";
            case JsonKind.True:
            case JsonKind.False: return "bool";
            case JsonKind.Number: return v.TryGetInt64(out _) ? "long" : "double";
            case JsonKind.Array:
                if (v.Items!.Count == 0) return "json";
                string? kind = null;
                foreach (var item in v.Items)
                {
                    var k = AttributeKind(item);
                    if (kind is null) kind = k;
                    else if (kind != k)
                    {
                        if ((kind == "long" && k == "double") || (kind == "double" && k == "long")) kind = "double";
                        else return "json";
                    }
                }
                return kind is "string" or "long" or "double" or "bool" ? kind + "[]" : "json";
            default: return "json";
        }
    }

    private void Report(DiagnosticDescriptor descriptor, JsonElement at, params string[] args) =>
        Report(descriptor, at.Start, at.End - at.Start, args);

    private void Report(DiagnosticDescriptor descriptor, int start, int length, params string[] args) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, LocationAt(start, length), args));

    private LocationInfo LocationAt(int start, int length)
    {
        start = System.Math.Max(0, System.Math.Min(start, _text.Length));
        length = System.Math.Max(0, System.Math.Min(length, _text.Length - start));
        var (startLine, startColumn) = _lines.Position(start);
        var (endLine, endColumn) = _lines.Position(start + length);
        return new LocationInfo(_path, start, length, startLine, startColumn, endLine, endColumn);
    }

    /// <summary>The location of a whole document (its first token), for diagnostics about the node it describes.</summary>
    private LocationInfo DocumentLocation(JsonElement json) => LocationAt(json.Start, 1);
}
