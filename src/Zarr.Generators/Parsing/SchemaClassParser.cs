using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Zarr.Generators.Diagnostics;
using Zarr.Generators.Model;

namespace Zarr.Generators.Parsing;

/// <summary>
/// Reads a user's [ZarrGroup] class (schema first) into a <see cref="GroupClassModel"/>. Symbols are
/// used only here, inside the transform; the model holds strings.
/// </summary>
internal static class SchemaClassParser
{
    public const string GroupAttributeName = "Zarr.ZarrGroupAttribute";
    public const string ArrayAttributeName = "Zarr.ZarrArrayAttribute";

    public static SchemaGroupResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var diagnostics = new List<DiagnosticInfo>();
        var syntax = (TypeDeclarationSyntax)context.TargetNode;

        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (!t.DeclaringSyntaxReferences.All(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax d && d.Modifiers.Any(SyntaxKind.PartialKeyword)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GroupClassNotPartial, LocationInfo.From(syntax.Identifier.GetLocation()), type.ToDisplayString()));
                return new SchemaGroupResult(null, diagnostics.ToEquatableArray());
            }
        }

        var containers = new List<ContainerModel>();
        for (var t = type.ContainingType; t is not null; t = t.ContainingType)
            containers.Insert(0, new ContainerModel(Keyword(t), t.Name));

        var arrays = new List<ArrayMemberModel>();
        var groups = new List<GroupMemberModel>();
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IPropertySymbol property || property.IsImplicitlyDeclared) continue;
            var arrayAttribute = property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ArrayAttributeName);
            var groupAttribute = property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == GroupAttributeName);
            var isPartialDefinition = property.IsPartialDefinition && property.PartialImplementationPart is null;
            var location = LocationInfo.From(property.Locations.FirstOrDefault());
            if (arrayAttribute is not null)
            {
                if (!isPartialDefinition || property.SetMethod is not null || property.GetMethod is null || property.IsStatic)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ArrayPropertyNotPartial, location, property.Name));
                    continue;
                }
                var array = ParseArray(property, arrayAttribute, location, diagnostics);
                if (array is not null) arrays.Add(array);
            }
            else if (isPartialDefinition)
            {
                if (property.Type is not INamedTypeSymbol groupType
                    || !groupType.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == GroupAttributeName))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NestedGroupNotAnnotated, location,
                        property.Name, type.Name, property.Type.ToDisplayString()));
                    continue;
                }
                var key = NamedString(groupAttribute, "Name") ?? property.Name;
                groups.Add(new GroupMemberModel(property.Name, key, groupType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                    Accessibility(property.DeclaredAccessibility), true));
            }
        }

        var ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
        var full = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var hint = full.Replace("global::", "").Replace('<', '{').Replace('>', '}') + ".g.cs";
        var model = new GroupClassModel(hint, ns, containers.ToEquatableArray(), type.Name,
            Accessibility(type.DeclaredAccessibility), SchemaFirst: true, "", type.Name,
            arrays.ToEquatableArray(), groups.ToEquatableArray(), EquatableArray<AttributeMemberModel>.Empty);
        return new SchemaGroupResult(model, diagnostics.ToEquatableArray());
    }

    private static ArrayMemberModel? ParseArray(IPropertySymbol property, AttributeData attribute, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var attributeLocation = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation()) ?? location;
        var name = property.Name;
        var shape = NamedArray(attribute, "Shape")?.Select(v => System.Convert.ToInt64(v, CultureInfo.InvariantCulture)).ToList();
        var chunkValues = NamedArray(attribute, "Chunks")?.Select(v => System.Convert.ToInt32(v, CultureInfo.InvariantCulture)).ToList();
        if (shape is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArrayAttribute, attributeLocation, name, "Shape is required (for a 0-d array write Shape = new long[0])"));
            return null;
        }
        if (shape.Any(s => s < 0))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArrayAttribute, attributeLocation, name, "Shape holds a negative length"));
            return null;
        }
        var chunks = chunkValues ?? shape.Select(s => (int)System.Math.Max(1, System.Math.Min(s, int.MaxValue))).ToList();
        if (chunks.Count != shape.Count)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ShapeChunksRankMismatch, attributeLocation, name,
                shape.Count.ToString(CultureInfo.InvariantCulture), chunks.Count.ToString(CultureInfo.InvariantCulture)));
            return null;
        }
        if (chunks.Any(c => c <= 0))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArrayAttribute, attributeLocation, name, "Chunks must be positive"));
            return null;
        }

        // The property type: ZarrArrayND<T> (rank N) or ZarrArray<T> (any rank).
        var propertyType = property.Type as INamedTypeSymbol;
        int? typeRank = null;
        ITypeSymbol? element = null;
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
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ArrayPropertyTypeMismatch, location, name,
                "it must be ZarrArray0D<T> … ZarrArray" + TypeMapper.MaxTypedRank.ToString(CultureInfo.InvariantCulture) + "D<T> (or ZarrArray<T>), not " + property.Type.ToDisplayString()));
            return null;
        }
        if (typeRank is { } r && r != shape.Count)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ArrayPropertyTypeMismatch, location, name,
                "the type has rank " + r.ToString(CultureInfo.InvariantCulture) + " but Shape has " + shape.Count.ToString(CultureInfo.InvariantCulture) + " dimension(s)"));
            return null;
        }

        var elementName = CSharpName(element);
        var dtypeText = NamedString(attribute, "DType");
        string? objectCodec = null;
        DTypeModel? dtype;
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
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArrayAttribute, attributeLocation, name,
                    "the element type " + element.ToDisplayString() + " has no default dtype; set DType (for example \"<M8[ns]\" or a structured descr)"));
                return null;
            }
            dtype = DTypeParser.Parse(defaultDType, out _)!;
        }
        else
        {
            dtype = DTypeParser.ParseText(dtypeText, out var error);
            if (dtype is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArrayAttribute, attributeLocation, name, "DType '" + dtypeText + "' is not supported: " + error));
                return null;
            }
            if (dtype.Kind == 'O') objectCodec = elementName == "byte[]" ? "vlen-bytes" : "vlen-utf8";
            var expected = dtype.IsStructured || dtype.Kind == 'V' ? null : TypeMapper.ElementType(dtype, objectCodec, out _);
            var matches = expected is not null
                ? expected == elementName || (dtype.Kind is 'S' && elementName == "string")
                : elementName == "byte[]" || (element.IsValueType && element.SpecialType == SpecialType.None && element.TypeKind == TypeKind.Struct);
            if (!matches)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ArrayPropertyTypeMismatch, location, name,
                    "DType " + dtype.TypeStr + " holds " + (expected ?? "byte[] or a blittable struct of " + dtype.ItemSize.ToString(CultureInfo.InvariantCulture) + " bytes")
                    + ", not " + element.ToDisplayString()));
                return null;
            }
        }

        var compressorText = NamedString(attribute, "Compressor");
        string? compressorJson = null;
        var compressorDisplay = "the runtime's default";
        if (compressorText is not null)
        {
            var trimmed = compressorText.Trim();
            if (trimmed.Length == 0 || trimmed == "none" || trimmed == "null")
            {
                compressorJson = "null";
                compressorDisplay = "None";
            }
            else if (trimmed.StartsWith("{", System.StringComparison.Ordinal))
            {
                JsonElement json;
                try
                {
                    json = JsonReader.Parse(trimmed);
                }
                catch (JsonSyntaxException e)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArrayAttribute, attributeLocation, name, "Compressor is not valid JSON: " + e.Message));
                    return null;
                }
                if (json["id"] is not { Kind: JsonKind.String } id)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArrayAttribute, attributeLocation, name, "Compressor JSON needs a string \"id\""));
                    return null;
                }
                compressorJson = json.ToJson();
                compressorDisplay = id.Text!;
            }
            else
            {
                var sb = new System.Text.StringBuilder("{\"id\":");
                JsonElement.WriteString(sb, trimmed);
                compressorJson = sb.Append('}').ToString();
                compressorDisplay = trimmed;
            }
        }

        var fill = NamedString(attribute, "FillValue");
        if (fill is not null)
        {
            try
            {
                fill = JsonReader.Parse(fill).ToJson();
            }
            catch (JsonSyntaxException e)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArrayAttribute, attributeLocation, name, "FillValue must be JSON text (for example \"0\", \"\\\"NaN\\\"\" or \"null\"): " + e.Message));
                return null;
            }
        }
        var order = NamedString(attribute, "Order") ?? "C";
        if (order is not ("C" or "F"))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArrayAttribute, attributeLocation, name, "Order must be \"C\" or \"F\""));
            return null;
        }
        var separator = NamedString(attribute, "DimensionSeparator");
        if (separator is not null and not ("." or "/"))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArrayAttribute, attributeLocation, name, "DimensionSeparator must be \".\" or \"/\""));
            return null;
        }
        var resizable = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Resizable").Value.Value is true;
        var key = NamedString(attribute, "Name") ?? property.Name;

        return new ArrayMemberModel(
            property.Name,
            key,
            Accessibility(property.DeclaredAccessibility),
            ImplementsPartial: true,
            property.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            elementName,
            typeRank is not null,
            new ArrayMetadataModel(
                shape.ToEquatableArray(),
                chunks.ToEquatableArray(),
                dtype,
                elementName,
                compressorJson,
                compressorDisplay,
                objectCodec is null ? null : "[{\"id\":\"" + objectCodec + "\"}]",
                objectCodec,
                fill,
                order[0],
                separator),
            resizable,
            Record: null,
            EquatableArray<AttributeMemberModel>.Empty);
    }

    /// <summary>The element type as the type mapper spells it (keywords for primitives, global:: otherwise).</summary>
    private static string CSharpName(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(
        SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers));

    private static string? NamedString(AttributeData? attribute, string name)
    {
        if (attribute is null) return null;
        foreach (var a in attribute.NamedArguments)
        {
            if (a.Key == name) return a.Value.Kind == TypedConstantKind.Primitive ? a.Value.Value?.ToString() : null;
        }
        return null;
    }

    private static ImmutableArray<object?>? NamedArray(AttributeData attribute, string name)
    {
        foreach (var a in attribute.NamedArguments)
        {
            if (a.Key == name && a.Value.Kind == TypedConstantKind.Array && !a.Value.IsNull) return a.Value.Values.Select(v => v.Value).ToImmutableArray();
        }
        return null;
    }

    private static string Keyword(INamedTypeSymbol t) => t switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private static string Accessibility(Microsoft.CodeAnalysis.Accessibility a) => a switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        Microsoft.CodeAnalysis.Accessibility.Private => "private",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        _ => "internal",
    };
}
