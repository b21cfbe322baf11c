using Zarr.Metadata;
using Zarr.Stores;

namespace Zarr;

/// <summary>Creating nodes in a store as zarr-python 2.13 does (init_array, init_group, parent groups).</summary>
internal static class NodeInit
{
    public static bool ContainsArray(ZarrStore store, string path) => store.Contains(StoreKey.Join(path, MetadataKeys.Array));

    public static bool ContainsGroup(ZarrStore store, string path) => store.Contains(StoreKey.Join(path, MetadataKeys.Group));

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

    /// <summary>Writes .zgroup at every ancestor of <paramref name="path"/> that has none; an ancestor array is an error.</summary>
    public static void RequireParentGroups(ZarrStore store, string path)
    {
        if (path.Length == 0) return;
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var p = string.Join('/', segments.Take(i));
            if (ContainsArray(store, p)) throw new ZarrNodeException(p, "an array exists here, so it cannot hold child nodes.");
            if (!ContainsGroup(store, p)) store.Set(StoreKey.Join(p, MetadataKeys.Group), GroupMetadata.ToBytes());
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
                foreach (var k in new[] { MetadataKeys.Array, MetadataKeys.Group, MetadataKeys.Attributes }) store.Delete(k);
            }
        }
        else if (ContainsArray(store, path)) throw new ZarrNodeException(path, "an array already exists here (use overwrite to replace it).");
        else if (ContainsGroup(store, path)) throw new ZarrNodeException(path, "a group already exists here (use overwrite to replace it).");
    }

    public static void InitArray(ZarrStore store, string path, ArrayMetadata meta, bool overwrite)
    {
        ClearOrCheck(store, path, overwrite);
        RequireParentGroups(store, path);
        store.Set(StoreKey.Join(path, MetadataKeys.Array), meta.ToBytes());
    }

    public static void InitGroup(ZarrStore store, string path, bool overwrite)
    {
        ClearOrCheck(store, path, overwrite);
        RequireParentGroups(store, path);
        store.Set(StoreKey.Join(path, MetadataKeys.Group), GroupMetadata.ToBytes());
    }
}
