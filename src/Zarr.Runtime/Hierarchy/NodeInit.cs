using Zarr.Metadata.V3;
using Zarr.Metadata;
using Zarr.Stores;

namespace Zarr;

/// <summary>Creating nodes in a store as zarr-python 2.13 does (init_array, init_group, parent groups).</summary>
internal static class NodeInit
{
    public static bool ContainsArray(ZarrStore store, string path) =>
        store.Contains(StoreKey.Join(path, MetadataKeys.Array)) || V3NodeType(store, path) == "array";

    public static bool ContainsGroup(ZarrStore store, string path) =>
        store.Contains(StoreKey.Join(path, MetadataKeys.Group)) || V3NodeType(store, path) == "group";

    /// <summary>The format of the group at <paramref name="path"/>: 2 (.zgroup), 3 (zarr.json), or null when there is none.</summary>
    public static int? GroupFormat(ZarrStore store, string path) =>
        store.Contains(StoreKey.Join(path, MetadataKeys.Group)) ? 2 : V3NodeType(store, path) == "group" ? 3 : null;

    /// <summary>
    /// What is stored at <paramref name="path"/>, in one pass: an array or a group and its format, or
    /// null when neither. zarr v2's documents are looked for first, so a v2 hierarchy (where every
    /// ancestor is a .zgroup) costs no zarr.json probe but at the new node itself.
    /// </summary>
    public static NodeProbe? Probe(ZarrStore store, string path)
    {
        if (store.Contains(StoreKey.Join(path, MetadataKeys.Array))) return new NodeProbe(IsArray: true, Format: 2);
        if (store.Contains(StoreKey.Join(path, MetadataKeys.Group))) return new NodeProbe(IsArray: false, Format: 2);
        return V3NodeType(store, path) switch
        {
            "array" => new NodeProbe(IsArray: true, Format: 3),
            "group" => new NodeProbe(IsArray: false, Format: 3),
            _ => null,
        };
    }

    /// <summary>The node_type of the zarr.json at <paramref name="path"/>, or null when there is none.</summary>
    public static string? V3NodeType(ZarrStore store, string path)
    {
        var key = StoreKey.Join(path, V3Document.Key);
        return store.Get(key) is { } bytes ? V3Document.ParseNode(bytes, key).NodeType : null;
    }

    private static byte[] GroupDocument(int format) => format == 3 ? V3Document.GroupBytes() : GroupMetadata.ToBytes();

    private static string GroupKey(string path, int format) => StoreKey.Join(path, format == 3 ? V3Document.Key : MetadataKeys.Group);

    /// <summary>
    /// The error for a node that is not there: <paramref name="what"/> followed by the folder, zip file
    /// or URL of the store (when it can say), and whether that folder or file exists at all, so that a
    /// mistyped path is named rather than reported as a missing root group.
    /// </summary>
    public static ZarrNodeException Missing(ZarrStore store, string path, string what)
    {
        var where = store.Describe() switch
        {
            { Kind: "directory" } d => $" in the folder '{d.Location}'" + (Directory.Exists(d.Location) ? "" : ", which does not exist"),
            { Kind: "zip" } d => $" in the zip file '{d.Location}'" + (File.Exists(d.Location) ? "" : ", which does not exist"),
            { } d => $" at '{d.Location}'",
            null => "",
        };
        return new ZarrNodeException(path, what + where + ".");
    }

    /// <summary>Writes a group document at every ancestor of <paramref name="path"/> that has none; an ancestor array is an error.</summary>
    public static void RequireParentGroups(ZarrStore store, string path, int format = 2)
    {
        if (path.Length == 0) return;
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var p = string.Join('/', segments.Take(i));
            switch (Probe(store, p))
            {
                case { IsArray: true }: throw new ZarrNodeException(p, "an array exists here, so it cannot hold child nodes.");
                case null: store.Set(GroupKey(p, format), GroupDocument(format)); break;
            }
        }
    }

    public static void ClearOrCheck(ZarrStore store, string path, bool overwrite)
    {
        if (overwrite)
        {
            store.DeletePrefix(path);
            // DeletePrefix removes keys below the folder; root-level metadata of a root node too.
            if (path.Length == 0)
            {
                foreach (var k in new[] { MetadataKeys.Array, MetadataKeys.Group, MetadataKeys.Attributes, V3Document.Key }) store.Delete(k);
            }
        }
        else if (Probe(store, path) is { } existing)
        {
            throw new ZarrNodeException(path, existing.IsArray
                ? "an array already exists here (use overwrite to replace it)."
                : "a group already exists here (use overwrite to replace it).");
        }
    }

    public static void InitArray(ZarrStore store, string path, ArrayMetadata meta, bool overwrite)
    {
        ClearOrCheck(store, path, overwrite);
        RequireParentGroups(store, path, meta.ZarrFormat);
        store.Set(StoreKey.Join(path, meta.ZarrFormat == 3 ? V3Document.Key : MetadataKeys.Array), meta.ToBytes());
    }

    public static void InitGroup(ZarrStore store, string path, bool overwrite, int format = 2)
    {
        ClearOrCheck(store, path, overwrite);
        RequireParentGroups(store, path, format);
        store.Set(GroupKey(path, format), GroupDocument(format));
    }
}

/// <summary>What <see cref="NodeInit.Probe"/> found at a path: an array or a group, and its zarr format.</summary>
internal readonly record struct NodeProbe(bool IsArray, int Format);
