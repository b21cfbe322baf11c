using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Zarr.Generators.Diagnostics;
using Zarr.Generators.Model;

namespace Zarr.Generators.Parsing;

/// <summary>
/// Reads one [ZarrArray] property of a schema class into an <see cref="ArrayMemberModel"/>, one
/// field at a time. The first problem found is reported and ends the read: the member is left out
/// and the rest of the class is still generated.
/// </summary>
internal sealed class ArrayAttributeReader
{
    private readonly IPropertySymbol _property;
    private readonly AttributeData _attribute;
    private readonly LocationInfo? _location;
    private readonly LocationInfo? _attributeLocation;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly int _zarrFormat;

    private ArrayAttributeReader(IPropertySymbol property, AttributeData attribute, LocationInfo? location, int zarrFormat, List<DiagnosticInfo> diagnostics)
    {
        _property = property;
        _attribute = attribute;
        _location = location;
        _attributeLocation = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation()) ?? location;
        _zarrFormat = zarrFormat;
        _diagnostics = diagnostics;
    }

    /// <summary>
    /// The member for <paramref name="property"/> of a class of <paramref name="zarrFormat"/>, or null
    /// after reporting why it cannot be generated.
    /// </summary>
    public static ArrayMemberModel? Read(IPropertySymbol property, AttributeData attribute, LocationInfo? location, int zarrFormat, List<DiagnosticInfo> diagnostics) =>
        new ArrayAttributeReader(property, attribute, location, zarrFormat, diagnostics).Read();

    private string Name => _property.Name;

    /// <summary>The accessor class generated for an array with dimension names, which the property may be declared as.</summary>
    private string GeneratedAccessor => Name + "Array";

    private ArrayMemberModel? Read()
    {
        if (!TryReadShapeAndChunks(out var shape, out var chunks) || !TryReadPropertyType(shape.Count, out var element, out var typeRank)) return null;
        // A property declared as the generated accessor takes its element type from DType.
        var generated = element is null;
        DTypeModel? dtype;
        string? objectCodec;
        string? elementName;
        if (generated)
        {
            if (!TryReadGeneratedElement(shape.Count, out elementName, out dtype, out objectCodec)) return null;
        }
        else
        {
            if (!TryReadDType(element!, out dtype, out objectCodec)) return null;
            elementName = CSharpName(element!);
        }
        if (!TryReadCompressor(out var compressorJson, out var compressorDisplay)
            || !TryReadFillValue(out var fill)
            || !TryReadOrder(out var order)
            || !TryReadDimensionSeparator(out var separator)
            || !TryReadV3(shape, chunks, dtype, generated, out var shards, out var names))
        {
            return null;
        }

        // The runtime gives a new zarr v3 array Zstd(level=0) (zarr-python 3's default), and a 0-d v2 array no compressor, unless one is named.
        if (compressorJson is null && _zarrFormat == 3) compressorDisplay = ArrayFieldReader.DefaultV3CompressorDisplay;
        else if (compressorJson is null && shape.Count == 0) compressorDisplay = ArrayFieldReader.NoCompressorDisplay;
        var metadata = new ArrayMetadataModel(
            shape.ToEquatableArray(),
            chunks.ToEquatableArray(),
            dtype,
            elementName,
            compressorJson,
            compressorDisplay,
            objectCodec is null ? null : "[{\"id\":\"" + objectCodec + "\"}]",
            objectCodec,
            fill,
            order,
            separator,
            _zarrFormat,
            shards?.ToEquatableArray(),
            names?.ToEquatableArray());
        var parameters = generated ? HierarchyBuilder.DimensionParameters(metadata, Name, _attributeLocation, _diagnostics) : EquatableArray<string>.Empty;
        return new ArrayMemberModel(
            _property.Name,
            SchemaClassParser.NamedString(_attribute, "Name") ?? IdentifierSanitizer.ToSnakeCase(_property.Name),
            SchemaClassParser.Accessibility(_property.DeclaredAccessibility),
            ImplementsPartial: true,
            generated ? GeneratedAccessor : _property.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            elementName,
            typeRank is not null || generated,
            metadata,
            Resizable: _attribute.NamedArguments.FirstOrDefault(a => a.Key == "Resizable").Value.Value is true,
            Record: null,
            EquatableArray<AttributeMemberModel>.Empty,
            UserDoc: EquatableArray<string>.Empty,
            OwnClass: generated,
            DimensionParameters: parameters);
    }

    /// <summary>Shape (required, non-negative) and Chunks (default: the shape, at least 1; positive; same rank).</summary>
    private bool TryReadShapeAndChunks([NotNullWhen(true)] out List<long>? shape, [NotNullWhen(true)] out List<int>? chunks)
    {
        shape = NamedArray("Shape")?.Select(v => System.Convert.ToInt64(v, CultureInfo.InvariantCulture)).ToList();
        var chunkValues = NamedArray("Chunks")?.Select(v => System.Convert.ToInt32(v, CultureInfo.InvariantCulture)).ToList();
        chunks = null;
        if (shape is null) return Invalid("Shape is required (for a 0-d array write Shape = new long[0])");
        if (shape.Any(s => s < 0)) return Invalid("Shape holds a negative length");
        chunks = chunkValues ?? shape.Select(s => (int)System.Math.Max(1, System.Math.Min(s, int.MaxValue))).ToList();
        if (chunks.Count != shape.Count)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ShapeChunksRankMismatch, _attributeLocation, Name,
                shape.Count.ToString(CultureInfo.InvariantCulture), chunks.Count.ToString(CultureInfo.InvariantCulture)));
            return false;
        }
        if (chunks.Any(c => c <= 0)) return Invalid("Chunks must be positive");
        return true;
    }

    /// <summary>
    /// The property type: ZarrArrayND&lt;T&gt; (rank N, which must be the shape's), ZarrArray&lt;T&gt; (any
    /// rank), or the accessor class generated for it (<c>&lt;Property&gt;Array</c>, which the compiler
    /// cannot see yet: <paramref name="element"/> is then null).
    /// </summary>
    private bool TryReadPropertyType(int rank, out ITypeSymbol? element, out int? typeRank)
    {
        if (_property.Type is IErrorTypeSymbol { Arity: 0 } unresolved && unresolved.Name == GeneratedAccessor)
        {
            element = null;
            typeRank = rank;
            return true;
        }
        var propertyType = _property.Type as INamedTypeSymbol;
        typeRank = null;
        element = null;
        if (propertyType is { IsGenericType: true, TypeArguments.Length: 1 } && propertyType.ContainingNamespace?.ToDisplayString() == "Zarr")
        {
            element = propertyType.TypeArguments[0];
            var n = propertyType.Name;
            if (n == "ZarrArray") typeRank = null;
            else if (n.Length == "ZarrArray0D".Length && n.StartsWith("ZarrArray", System.StringComparison.Ordinal) && n.EndsWith("D", System.StringComparison.Ordinal)
                && char.IsDigit(n["ZarrArray".Length])) typeRank = n["ZarrArray".Length] - '0';
            else element = null;
        }
        if (element is null)
        {
            return TypeMismatch("it must be ZarrArray0D<T> … ZarrArray" + TypeMapper.MaxTypedRank.ToString(CultureInfo.InvariantCulture)
                + "D<T> (or ZarrArray<T>, or " + GeneratedAccessor + ", generated for an array with DimensionNames), not " + _property.Type.ToDisplayString());
        }
        if (typeRank is { } r && r != rank)
        {
            return TypeMismatch("the type has rank " + r.ToString(CultureInfo.InvariantCulture) + " but Shape has "
                + rank.ToString(CultureInfo.InvariantCulture) + " dimension(s)");
        }
        return true;
    }

    /// <summary>
    /// DType, or the element type's default one (strings and byte[] are object arrays with a vlen
    /// codec); a DType given must hold the element type.
    /// </summary>
    private bool TryReadDType(ITypeSymbol element, [NotNullWhen(true)] out DTypeModel? dtype, out string? objectCodec)
    {
        var elementName = CSharpName(element);
        var dtypeText = SchemaClassParser.NamedString(_attribute, "DType");
        objectCodec = null;
        dtype = null;
        if (dtypeText is null)
        {
            var defaultDType = TypeMapper.DefaultDType(elementName);
            if (elementName is "string" or "byte[]")
            {
                defaultDType = "|O";
                objectCodec = elementName == "string" ? "vlen-utf8" : "vlen-bytes";
            }
            if (defaultDType is null)
            {
                return Invalid("the element type " + element.ToDisplayString()
                    + " has no default dtype; set DType (for example \"<M8[ns]\" or a structured descr)");
            }
            dtype = DTypeParser.Parse(defaultDType, out _)!;
            return true;
        }

        dtype = DTypeParser.ParseText(dtypeText, out var error);
        if (dtype is null) return Invalid("DType '" + dtypeText + "' is not supported: " + error);
        if (dtype.Kind == 'O') objectCodec = elementName == "byte[]" ? "vlen-bytes" : "vlen-utf8";
        var expected = dtype.IsStructured || dtype.Kind == 'V' ? null : TypeMapper.ElementType(dtype, objectCodec, out _);
        var matches = expected is not null
            ? expected == elementName || (dtype.Kind is 'S' && elementName == "string")
            : elementName == "byte[]" || (element.IsValueType && element.SpecialType == SpecialType.None && element.TypeKind == TypeKind.Struct);
        if (!matches)
        {
            return TypeMismatch("DType " + dtype.TypeStr + " holds "
                + (expected ?? "byte[] or a blittable struct of " + dtype.ItemSize.ToString(CultureInfo.InvariantCulture) + " bytes")
                + ", not " + element.ToDisplayString());
        }
        if (expected is null && elementName != "byte[]")
        {
            // Elements are read by copying their bytes: the struct must be exactly one item.
            var size = StructSizer.SizeOf(element, out var reference);
            var itemSize = dtype.ItemSize.ToString(CultureInfo.InvariantCulture);
            if (reference is not null)
                return TypeMismatch("DType " + dtype.TypeStr + " holds blittable structs of " + itemSize + " bytes, but " + reference + " is a reference");
            if (size is { } n && n != dtype.ItemSize)
            {
                return TypeMismatch("DType " + dtype.TypeStr + " has " + itemSize + " bytes per element, but " + element.ToDisplayString() + " is "
                    + n.ToString(CultureInfo.InvariantCulture) + " bytes (padding counts; [StructLayout(LayoutKind.Explicit, Size = " + itemSize + ")] with [FieldOffset] lays it out byte for byte)");
            }
        }
        return true;
    }

    /// <summary>
    /// The element type of the generated accessor: the one DType maps to (required, as the property type
    /// names none; a structured dtype needs the user's own struct, so a ZarrArrayND&lt;T&gt; property).
    /// </summary>
    private bool TryReadGeneratedElement(int rank, [NotNullWhen(true)] out string? elementName, [NotNullWhen(true)] out DTypeModel? dtype, out string? objectCodec)
    {
        elementName = null;
        objectCodec = null;
        var rankType = "ZarrArray" + rank.ToString(CultureInfo.InvariantCulture) + "D";
        var dtypeText = SchemaClassParser.NamedString(_attribute, "DType");
        dtype = null;
        if (dtypeText is null) return Invalid("the generated accessor " + GeneratedAccessor + " takes its element type from DType; set DType (for example \"float32\")");
        dtype = DTypeParser.ParseText(dtypeText, out var error);
        if (dtype is null) return Invalid("DType '" + dtypeText + "' is not supported: " + error);
        if (rank > TypeMapper.MaxTypedRank)
            return Invalid("the generated accessor " + GeneratedAccessor + " exists for ranks 0 to " + TypeMapper.MaxTypedRank.ToString(CultureInfo.InvariantCulture) + "; declare the property as ZarrArray<T>");
        if (dtype.IsStructured) return Invalid("a structured DType needs a struct of your own: declare the property as " + rankType + "<YourStruct>");
        if (dtype.Kind == 'O') objectCodec = "vlen-utf8";
        elementName = TypeMapper.ElementType(dtype, objectCodec, out var reason);
        return elementName is not null || Invalid("DType " + dtype.TypeStr + " has no C# element type: " + reason);
    }

    /// <summary>
    /// The zarr v3 options: Shards (each a positive multiple of its chunk) and DimensionNames (one per
    /// dimension), both only in a class of zarr format 3; the generated accessor needs DimensionNames.
    /// </summary>
    private bool TryReadV3(List<long> shape, List<int> chunks, DTypeModel dtype, bool generated, out List<int>? shards, out List<string?>? names)
    {
        shards = NamedArray("Shards")?.Select(v => System.Convert.ToInt32(v, CultureInfo.InvariantCulture)).ToList();
        names = NamedArray("DimensionNames")?.Select(v => (string?)v).ToList();
        if (_zarrFormat != 3 && (shards is not null || names is not null))
        {
            var what = shards is not null && names is not null ? "Shards and DimensionNames" : shards is not null ? "Shards" : "DimensionNames";
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.V3OptionWithoutV3, _attributeLocation, Name, what));
            return false;
        }
        if (generated && names is null)
            return TypeMismatch(GeneratedAccessor + " is generated only for an array with DimensionNames; declare the property as ZarrArray"
                + shape.Count.ToString(CultureInfo.InvariantCulture) + "D<T>, or set DimensionNames");
        if (shards is not null)
        {
            if (shards.Count != shape.Count)
                return BadShards("Shards has " + shards.Count.ToString(CultureInfo.InvariantCulture) + " dimension(s) but Shape has " + shape.Count.ToString(CultureInfo.InvariantCulture));
            for (var d = 0; d < shards.Count; d++)
            {
                if (shards[d] <= 0 || shards[d] % chunks[d] != 0)
                {
                    return BadShards("shard dimension " + d.ToString(CultureInfo.InvariantCulture) + " (" + shards[d].ToString(CultureInfo.InvariantCulture)
                        + ") is not a positive multiple of the chunk dimension (" + chunks[d].ToString(CultureInfo.InvariantCulture) + "): Shards "
                        + Tuple(shards) + ", Chunks " + Tuple(chunks));
                }
            }
        }
        if (names is not null && names.Count != shape.Count)
            return Invalid("DimensionNames has " + names.Count.ToString(CultureInfo.InvariantCulture) + " name(s) but Shape has " + shape.Count.ToString(CultureInfo.InvariantCulture) + " dimension(s)");
        if (_zarrFormat == 3 && FieldWithShape(dtype) is { } field)
            return Invalid("zarr v3 struct fields cannot have a shape, but field '" + field + "' of DType has one");
        return true;
    }

    private static string? FieldWithShape(DTypeModel dtype)
    {
        foreach (var f in dtype.Fields)
        {
            if (f.Shape.Count > 0) return f.Name;
            if (FieldWithShape(f.DType) is { } inner) return f.Name + "." + inner;
        }
        return null;
    }

    private static string Tuple(List<int> values) => "(" + string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + (values.Count == 1 ? ",)" : ")");

    private bool BadShards(string reason)
    {
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidShards, _attributeLocation, Name, reason));
        return false;
    }

    /// <summary>
    /// Compressor: absent is the runtime's default; "", "none" or "null" is none; a JSON codec
    /// object; or a bare codec id.
    /// </summary>
    private bool TryReadCompressor(out string? json, out string display)
    {
        json = null;
        display = ArrayFieldReader.DefaultCompressorDisplay;
        var text = SchemaClassParser.NamedString(_attribute, "Compressor");
        if (text is null) return true;
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed == "none" || trimmed == "null")
        {
            json = ArrayFieldReader.NoCompressorJson;
            display = ArrayFieldReader.NoCompressorDisplay;
        }
        else if (trimmed.StartsWith("{", System.StringComparison.Ordinal))
        {
            JsonElement codec;
            try
            {
                codec = JsonReader.Parse(trimmed);
            }
            catch (JsonSyntaxException e)
            {
                return Invalid("Compressor is not valid JSON: " + e.Message);
            }
            if (ArrayFieldReader.CodecId(codec) is not { } id) return Invalid("Compressor JSON needs a string \"id\"");
            if (ArrayFieldReader.CompressorProblem(id.Text!) is { } problem) return Invalid("Compressor " + problem);
            json = codec.ToJson();
            display = id.Text!;
        }
        else
        {
            if (trimmed.IndexOf(':') > 0) return Invalid("Compressor '" + trimmed + "' is the zarr tool's spelling; write a codec id or its JSON configuration: " + SpecAsJson(trimmed));
            if (ArrayFieldReader.CompressorProblem(trimmed) is { } problem) return Invalid("Compressor " + problem);
            var sb = new System.Text.StringBuilder("{\"id\":");
            JsonElement.WriteString(sb, trimmed);
            json = sb.Append('}').ToString();
            display = trimmed;
        }
        return true;
    }

    /// <summary>The JSON form of a <c>zstd:level=3</c> spec, for the message that asks for it.</summary>
    private static string SpecAsJson(string spec)
    {
        var colon = spec.IndexOf(':');
        var sb = new System.Text.StringBuilder("{\"id\": ");
        JsonElement.WriteString(sb, spec.Substring(0, colon).Trim());
        foreach (var part in spec.Substring(colon + 1).Split(','))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) continue;
            var value = part.Substring(eq + 1).Trim();
            sb.Append(", ");
            JsonElement.WriteString(sb, part.Substring(0, eq).Trim());
            sb.Append(": ");
            if (value is "true" or "false" || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) sb.Append(value);
            else JsonElement.WriteString(sb, value);
        }
        return sb.Append('}').ToString();
    }

    /// <summary>FillValue: JSON text, kept as compact JSON; absent is the runtime's default.</summary>
    private bool TryReadFillValue(out string? fill)
    {
        fill = SchemaClassParser.NamedString(_attribute, "FillValue");
        if (fill is null) return true;
        try
        {
            fill = ArrayFieldReader.FillValueJson(JsonReader.Parse(fill));
            return true;
        }
        catch (JsonSyntaxException e)
        {
            return Invalid("FillValue must be JSON text (for example \"0\", \"\\\"NaN\\\"\" or \"null\"): " + e.Message);
        }
    }

    private bool TryReadOrder(out char order)
    {
        var text = SchemaClassParser.NamedString(_attribute, "Order") ?? "C";
        order = text.Length == 1 ? text[0] : '\0';
        return text is "C" or "F" || Invalid("Order must be \"C\" or \"F\"");
    }

    private bool TryReadDimensionSeparator(out string? separator)
    {
        separator = SchemaClassParser.NamedString(_attribute, "DimensionSeparator");
        return separator is null or "." or "/" || Invalid("DimensionSeparator must be \".\" or \"/\"");
    }

    private bool Invalid(string reason)
    {
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArrayAttribute, _attributeLocation, Name, reason));
        return false;
    }

    private bool TypeMismatch(string reason)
    {
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ArrayPropertyTypeMismatch, _location, Name, reason));
        return false;
    }

    /// <summary>The element type as the type mapper spells it (keywords for primitives, global:: otherwise).</summary>
    private static string CSharpName(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(
        SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers));

    private ImmutableArray<object?>? NamedArray(string name)
    {
        foreach (var a in _attribute.NamedArguments)
        {
            if (a.Key == name && a.Value.Kind == TypedConstantKind.Array && !a.Value.IsNull) return a.Value.Values.Select(v => v.Value).ToImmutableArray();
        }
        return null;
    }
}
