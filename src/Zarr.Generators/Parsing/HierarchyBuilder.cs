using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Zarr.Generators.Diagnostics;
using Zarr.Generators.Model;

namespace Zarr.Generators.Parsing;

/// <summary>
/// Assembles the parsed metadata files of one root into group class models, one per group, nested as
/// the hierarchy is. Runs after the per-file parse, on the files of a single root.
/// </summary>
internal static class HierarchyBuilder
{
    /// <summary>Member names every generated group class already uses (its own and object's).</summary>
    internal static readonly string[] ReservedMembers =
    {
        "Group", "Open", "Create", "CreateIn", "Bind", "CheckSchema", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize",
        "ReferenceEquals",
    };

    // Names never clash with the members a generated class already has: a key whose name is taken by
    // one (an array called "open", an attribute called "fill_value" on an array, which has FillValue)
    // gets the suffix of its kind, silently, by rule. Only two keys giving the same name (foo-bar and
    // foo_bar) are left, which a numeric suffix and ZARR105 resolve.
    private const string ArraySuffix = "Array";
    private const string GroupSuffix = "Group";
    private const string AttributeSuffix = "Attribute";

    private sealed class Node
    {
        public Node(string path) => Path = path;

        public string Path { get; }
        public bool IsGroup { get; set; }
        public ArrayMetadataModel? Array { get; set; }
        public EquatableArray<AttributeMemberModel> Attributes { get; set; } = EquatableArray<AttributeMemberModel>.Empty;
        public LocationInfo? Location { get; set; }
        /// <summary>The format of the node's own document (2 or 3); null for an implicit group.</summary>
        public int? ZarrFormat { get; set; }
        public List<Node> Children { get; } = new();
        public string Key => Path.Length == 0 ? "" : Path.Substring(Path.LastIndexOf('/') + 1);
    }

    public static (ImmutableArray<GroupClassModel> Groups, ImmutableArray<DiagnosticInfo> Diagnostics) Build(string className, IEnumerable<MetadataFileModel> files)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        Node Get(string path)
        {
            if (!nodes.TryGetValue(path, out var n)) nodes[path] = n = new Node(path);
            return n;
        }

        // Consolidated metadata first, so separate documents of the same key win.
        var ordered = files.OrderBy(f => f.FilePath, StringComparer.Ordinal).SelectMany(f => f.Nodes).ToList();
        foreach (var m in ordered.Where(m => m.Consolidated).Concat(ordered.Where(m => !m.Consolidated)))
        {
            var node = Get(m.Path);
            switch (m.Kind)
            {
                case NodeDocumentKind.Group: node.IsGroup = true; node.Location = m.Location; node.ZarrFormat = m.ZarrFormat; break;
                case NodeDocumentKind.Array: node.Array = m.Array; node.Location = m.Location; node.ZarrFormat = m.ZarrFormat; break;
                case NodeDocumentKind.Attributes: node.Attributes = m.Attributes; node.Location ??= m.Location; break;
            }
        }
        var root = Get("");
        // The hierarchy is created in its root's format; a root without a document of its own takes v3 when any node has it.
        var format = root.ZarrFormat ?? (nodes.Values.Any(n => n.ZarrFormat == 3) ? 3 : 2);
        // A store whose root is an array (zarr.open_array at the root) binds as that array; a root with
        // a .zgroup, or with no document of its own, is a group.
        var rootIsArray = root.Array is not null && !root.IsGroup;
        root.IsGroup = !rootIsArray;
        if (!rootIsArray) root.Array = null;
        foreach (var node in nodes.Values.ToList())
        {
            // Attach every node to its parent, creating implicit groups on the way up.
            var child = node;
            while (child.Path.Length > 0)
            {
                var slash = child.Path.LastIndexOf('/');
                var parent = Get(slash < 0 ? "" : child.Path.Substring(0, slash));
                if (!parent.Children.Contains(child)) parent.Children.Add(child);
                if (parent.IsGroup || parent.Array is null) parent.IsGroup = true;
                child = parent;
            }
        }

        var dot = className.LastIndexOf('.');
        var ns = dot < 0 ? null : className.Substring(0, dot);
        var rootName = dot < 0 ? className : className.Substring(dot + 1);
        var result = new List<GroupClassModel>();
        if (rootIsArray)
        {
            result.Add(RootArray(root, ns, rootName, "global::" + className, className, diagnostics) with { ZarrFormat = format });
            return (result.ToImmutableArray(), diagnostics.ToImmutableArray());
        }
        EmitGroup(root, ns, ImmutableArray<ContainerModel>.Empty, rootName, "global::" + className, "public", className, format, result, diagnostics);
        return (result.ToImmutableArray(), diagnostics.ToImmutableArray());
    }

    private static void EmitGroup(Node group, string? ns, ImmutableArray<ContainerModel> containers, string name, string fullName, string accessibility, string hintBase,
        int format, List<GroupClassModel> output, List<DiagnosticInfo> diagnostics)
    {
        var scope = new MemberNameScope(ReservedMembers.Concat(new[] { name }));
        var arrays = new List<ArrayMemberModel>();
        var groups = new List<(GroupMemberModel Member, Node Node, string ClassName)>();
        foreach (var child in group.Children.Where(c => c.IsGroup || c.Array is not null).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var key = child.Key;
            var candidate = IdentifierSanitizer.ToPascalCase(key);
            if (scope.OwnerOf(candidate) == "") candidate += child.Array is null ? GroupSuffix : ArraySuffix;
            var property = Claim(scope, candidate, key, group.Path, child.Location, diagnostics);
            if (child.Array is { } a)
            {
                arrays.Add(ArrayMember(property, key, child, a, scope, diagnostics));
            }
            else
            {
                var cls = scope.Claim(property + "Group", key, out _);
                groups.Add((new GroupMemberModel(property, key, fullName + "." + cls, "public", false, EquatableArray<string>.Empty), child, cls));
            }
        }

        // Attributes come last: an array or a group of the same name keeps the plain one.
        var groupAttrs = ClaimAttributes(group.Attributes, scope, group.Path, diagnostics);
        var hint = BuildHint(hintBase, containers, name);
        output.Add(new GroupClassModel(
            hint + ".zarr.g.cs",
            ns,
            containers.ToEquatableArray(),
            name,
            accessibility,
            SchemaFirst: false,
            group.Path,
            group.Location?.FilePath ?? "",
            arrays.ToEquatableArray(),
            groups.Select(g => g.Member).ToEquatableArray(),
            groupAttrs,
            ZarrFormat: format));

        var inner = containers.Add(new ContainerModel("class", name));
        foreach (var (member, node, cls) in groups)
            EmitGroup(node, ns, inner, cls, member.TypeName, "public", hintBase, format, output, diagnostics);
    }

    private static string BuildHint(string hintBase, ImmutableArray<ContainerModel> containers, string name)
    {
        if (containers.IsEmpty) return hintBase;
        return hintBase + "." + string.Join(".", containers.Skip(1).Select(c => c.Name).Concat(new[] { name }));
    }

    private static string Claim(MemberNameScope scope, string name, string key, string groupPath, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var claimed = scope.Claim(name, key, out var other);
        if (other is not null)
        {
            // An empty owner is a reserved name: the class's own name or a member every group class has.
            if (other.Length == 0) other = "(the class name or a generated member)";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.IdentifierCollision, location,
                other, key, groupPath.Length == 0 ? "/" : "/" + groupPath, name, claimed));
        }
        return claimed;
    }

    private static EquatableArray<AttributeMemberModel> ClaimAttributes(EquatableArray<AttributeMemberModel> attributes, MemberNameScope scope, string path,
        List<DiagnosticInfo> diagnostics)
    {
        var list = new List<AttributeMemberModel>();
        var attributeNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var candidate = IdentifierSanitizer.ToPascalCase(a.Key);
            if (scope.OwnerOf(candidate) is not null && !attributeNames.Contains(candidate)) candidate += AttributeSuffix;
            var property = Claim(scope, candidate, a.Key, path, a.Location, diagnostics);
            attributeNames.Add(property);
            list.Add(a with { PropertyName = property });
        }
        return list.ToEquatableArray();
    }

    private static ArrayMemberModel ArrayMember(string property, string key, Node node, ArrayMetadataModel a, MemberNameScope scope, List<DiagnosticInfo> diagnostics)
    {
        var name = node.Path;
        var (elementType, record) = ElementType(property, key, node, a, scope, diagnostics);
        var rank = a.Shape.Count;
        var rankTyped = elementType is not null && rank <= TypeMapper.MaxTypedRank;

        // Arrays with attributes or dimension names get a class of their own (derived from the rank-typed
        // accessor) to hold the attributes and the named indexers.
        var attrs = EquatableArray<AttributeMemberModel>.Empty;
        var propertyType = TypeMapper.AccessorType(rank, elementType);
        var dimensions = rankTyped ? DimensionParameters(a, name, node.Location, diagnostics) : EquatableArray<string>.Empty;
        var ownClass = rankTyped && (!node.Attributes.IsEmpty || !dimensions.IsEmpty);
        if (ownClass)
        {
            var cls = scope.Claim(property + "Array", key, out _);
            var attrScope = new MemberNameScope(ArrayReservedMembers.Concat(new[] { cls }));
            attrs = ClaimAttributes(node.Attributes, attrScope, name, diagnostics);
            propertyType = cls;
        }
        return new ArrayMemberModel(property, key, "public", false, propertyType, elementType, rankTyped,
            a, Resizable: true, record, attrs, EquatableArray<string>.Empty, ownClass, dimensions);
    }

    /// <summary>
    /// The parameter names of the named indexers of an array with dimension names (empty without them, or
    /// when one is missing or repeated); names that clash as identifiers are ZARR105, as keys are.
    /// </summary>
    internal static EquatableArray<string> DimensionParameters(ArrayMetadataModel a, string arrayPath, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        if (a.DimensionNames is not { } names || names.Count == 0) return EquatableArray<string>.Empty;
        var collisions = new List<(string Other, string Name, string Wanted, string Given)>();
        var parameters = IdentifierSanitizer.ToParameterNames(names, collisions);
        foreach (var (other, dimension, wanted, given) in collisions)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.IdentifierCollision, location,
                other, dimension, (arrayPath.StartsWith("/", StringComparison.Ordinal) ? arrayPath : "/" + arrayPath) + " dimension_names", wanted, given));
        }
        return parameters is null ? EquatableArray<string>.Empty : parameters.ToEquatableArray();
    }

    /// <summary>Members a root array's class adds to its accessor's.</summary>
    internal static readonly string[] RootArrayMembers = { "Open", "Create", "Bind", "CheckSchema" };

    /// <summary>
    /// The class of a hierarchy that is one array: it derives from the array's rank-typed accessor (or,
    /// without one, holds the array in <c>Array</c>) and carries the factories and the attributes.
    /// </summary>
    private static GroupClassModel RootArray(Node root, string? ns, string name, string fullName, string hintBase, List<DiagnosticInfo> diagnostics)
    {
        var a = root.Array!;
        var scope = new MemberNameScope(ArrayReservedMembers.Concat(RootArrayMembers).Concat(new[] { name }));
        var (elementType, record) = ElementType(name, "", root, a, scope, diagnostics);
        // The base class names the record from outside the class, so it is qualified.
        if (record is not null) elementType = fullName + "." + record.Name;
        var rank = a.Shape.Count;
        var rankTyped = elementType is not null && rank <= TypeMapper.MaxTypedRank;
        var member = new ArrayMemberModel(name, "", "public", false, TypeMapper.AccessorType(rank, elementType), elementType,
            rankTyped, a, Resizable: true, record,
            ClaimAttributes(root.Attributes, scope, "/", diagnostics), EquatableArray<string>.Empty,
            DimensionParameters: rankTyped ? DimensionParameters(a, "/", root.Location, diagnostics) : EquatableArray<string>.Empty);
        return new GroupClassModel(hintBase + ".zarr.g.cs", ns, EquatableArray<ContainerModel>.Empty, name, "public", SchemaFirst: false, "",
            root.Location?.FilePath ?? "", EquatableArray<ArrayMemberModel>.Empty, EquatableArray<GroupMemberModel>.Empty,
            EquatableArray<AttributeMemberModel>.Empty, RootArray: member);
    }

    /// <summary>
    /// The element type of an array's accessor: the dtype's, or a record struct generated for a
    /// structured dtype (byte[] when it cannot be laid out), with the diagnostics that explain a fallback.
    /// </summary>
    private static (string? ElementType, StructModel? Record) ElementType(string property, string key, Node node, ArrayMetadataModel a, MemberNameScope scope,
        List<DiagnosticInfo> diagnostics)
    {
        var name = node.Path.Length == 0 ? "/" : node.Path;
        var elementType = a.ElementType;
        StructModel? record = null;
        if (a.DType.IsStructured)
        {
            var structName = scope.Claim(property + "Record", key, out _);
            record = TypeMapper.Struct(structName, a.DType, out var reason);
            if (record is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StructuredAsBytes, node.Location, name, reason ?? ""));
                elementType = "byte[]";
            }
            else
            {
                elementType = structName;
            }
        }
        var rank = a.Shape.Count;
        if (elementType is not null && rank > TypeMapper.MaxTypedRank)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RankNotTyped, node.Location, name,
                rank.ToString(System.Globalization.CultureInfo.InvariantCulture),
                TypeMapper.MaxTypedRank.ToString(System.Globalization.CultureInfo.InvariantCulture), elementType));
        }
        return (elementType, record);
    }

    /// <summary>
    /// Members of the rank-typed accessors (and object) an attribute property must not hide; a test
    /// holds the list to the runtime's accessor types.
    /// </summary>
    internal static readonly string[] ArrayReservedMembers =
    {
        "Array", "Attrs", "Chunks", "DType", "Fill", "FillValue", "FromMultidimensional", "Info", "Item", "Name", "Path", "Read", "Shape", "Value", "Write",
        "GetOrthogonalSelection", "SetOrthogonalSelection", "GetCoordinateSelection", "SetCoordinateSelection",
        "GetMaskSelection", "SetMaskSelection", "GetBlockSelection", "SetBlockSelection",
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
    };
}
