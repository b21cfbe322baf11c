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

        // The hierarchy's format: 2 unless the class asks for zarr v3.
        var format = ZarrFormat(context.Attributes.FirstOrDefault());
        if (format is not (2 or 3))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidZarrFormat, LocationInfo.From(syntax.Identifier.GetLocation()), type.ToDisplayString(),
                "ZarrFormat must be 2 or 3, not " + format.ToString(CultureInfo.InvariantCulture)));
            format = 2;
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
                var array = ArrayAttributeReader.Read(property, arrayAttribute, location, format, diagnostics);
                if (array is not null) arrays.Add(array with { UserDoc = UserDoc(property, cancellationToken) });
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
                // One hierarchy, one format: a child group is created in its parent's.
                var childFormat = ZarrFormat(groupType.GetAttributes().First(a => a.AttributeClass?.ToDisplayString() == GroupAttributeName));
                if (childFormat != format && childFormat is 2 or 3)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidZarrFormat, location, type.ToDisplayString(),
                        "its group property '" + property.Name + "' is of class '" + groupType.ToDisplayString() + "', of zarr format "
                        + childFormat.ToString(CultureInfo.InvariantCulture) + ", but '" + type.Name + "' is of format " + format.ToString(CultureInfo.InvariantCulture)
                        + "; give both the same ZarrFormat"));
                }
                var key = NamedString(groupAttribute, "Name") ?? IdentifierSanitizer.ToSnakeCase(property.Name);
                groups.Add(new GroupMemberModel(property.Name, key, groupType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                    Accessibility(property.DeclaredAccessibility), true, UserDoc(property, cancellationToken)));
            }
        }

        var ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
        var full = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var hint = full.Replace("global::", "").Replace('<', '{').Replace('>', '}') + ".g.cs";
        var model = new GroupClassModel(hint, ns, containers.ToEquatableArray(), type.Name,
            Accessibility(type.DeclaredAccessibility), SchemaFirst: true, "", type.Name,
            arrays.ToEquatableArray(), groups.ToEquatableArray(), EquatableArray<AttributeMemberModel>.Empty,
            UserDocumented: type.DeclaringSyntaxReferences.Any(r => !DocCommentReader.Lines(r.GetSyntax(cancellationToken)).IsEmpty),
            ZarrFormat: format);
        return new SchemaGroupResult(model, diagnostics.ToEquatableArray());
    }

    /// <summary>The doc comment on the user's declaration of <paramref name="property"/>.</summary>
    private static EquatableArray<string> UserDoc(IPropertySymbol property, CancellationToken cancellationToken) =>
        DocCommentReader.Lines(property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken));

    /// <summary>A named argument of primitive type as text, or null when absent.</summary>
    internal static string? NamedString(AttributeData? attribute, string name)
    {
        if (attribute is null) return null;
        foreach (var a in attribute.NamedArguments)
        {
            if (a.Key == name) return a.Value.Kind == TypedConstantKind.Primitive ? a.Value.Value?.ToString() : null;
        }
        return null;
    }

    /// <summary>The ZarrFormat of a [ZarrGroup] attribute on a class; 2 when unset.</summary>
    private static int ZarrFormat(AttributeData? attribute)
    {
        foreach (var a in attribute?.NamedArguments ?? ImmutableArray<KeyValuePair<string, TypedConstant>>.Empty)
        {
            if (a.Key == "ZarrFormat" && a.Value.Value is int f) return f == 0 ? 2 : f;
        }
        return 2;
    }

    private static string Keyword(INamedTypeSymbol t) => t switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    internal static string Accessibility(Microsoft.CodeAnalysis.Accessibility a) => a switch
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
