using Zarr.Metadata;
using Zarr.Stores;

namespace Zarr;

/// <summary>A group or an array at a path inside a store.</summary>
public abstract class ZarrNode : IEquatable<ZarrNode>
{
    private protected ZarrNode(ZarrStore store, string path, bool readOnly)
    {
        Store = store;
        Path = path;
        ReadOnly = readOnly || store.IsReadOnly;
        Attrs = new ZarrAttributes(store, path, ReadOnly);
    }

    /// <summary>The store holding the node.</summary>
    public ZarrStore Store { get; }

    /// <summary>The path inside the store ("" for the root, "foo/bar" otherwise).</summary>
    public string Path { get; }

    /// <summary>The absolute name, as zarr-python shows it: "/" or "/foo/bar".</summary>
    public string Name => "/" + Path;

    /// <summary>The last path segment ("" for the root).</summary>
    public string BaseName => Path.Length == 0 ? "" : Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>True when writes are refused.</summary>
    public bool ReadOnly { get; }

    /// <summary>The user attributes (.zattrs).</summary>
    public ZarrAttributes Attrs { get; }

    /// <summary>The zarr-python text report of this node.</summary>
    public abstract string Info { get; }

    /// <summary>
    /// Opens the array or group at <paramref name="path"/> (zarr-python's <c>zarr.open</c>): in modes
    /// 'r'/'r+' whichever exists; in 'a' whichever exists or else a new group; in 'w'/'w-' a new group.
    /// </summary>
    public static ZarrNode Open(ZarrStore store, string mode = "a", string? path = null)
    {
        var p = StoreKey.NormalizePath(path);
        var m = AccessModes.Parse(mode);
        if (m is AccessMode.Read or AccessMode.ReadWrite or AccessMode.Append)
        {
            if (store.Contains(StoreKey.Join(p, MetadataKeys.Array))) return ZarrArray.Open(store, mode, p);
            if (store.Contains(StoreKey.Join(p, MetadataKeys.Group)) || m == AccessMode.Append) return ZarrGroup.Open(store, mode, p);
            throw new ZarrNodeException(p, "no array or group found (no .zarray or .zgroup).");
        }
        return ZarrGroup.Open(store, mode, p);
    }

    /// <summary>Opens a node from a path: a ".zip" file or a directory.</summary>
    public static ZarrNode Open(string storePath, string mode = "a", string? path = null) =>
        Open(ZarrStore.FromPath(storePath, mode == "r"), mode, path);

    private protected void EnsureWritable()
    {
        if (ReadOnly) throw new ZarrReadOnlyException($"'{Name}'");
    }

    /// <summary>A descriptor that reopens this node elsewhere (store kind and location, path, mode), or null for in-memory stores.</summary>
    public NodeDescriptor? Describe() => Store.Describe() is { } s ? new NodeDescriptor(s, Path, this is ZarrArray, ReadOnly ? "r" : "r+") : null;

    /// <summary>Two handles are equal when they name the same path in the same store.</summary>
    public bool Equals(ZarrNode? other) =>
        other is not null && other.GetType() == GetType() && other.Path == Path &&
        (ReferenceEquals(other.Store, Store) || (Store.Describe() is { } a && a == other.Store.Describe()));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ZarrNode n && Equals(n);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Path, Store.Describe()?.GetHashCode() ?? Store.GetHashCode());
}

/// <summary>A serialisable description of a node: its store, path and mode. Never the data.</summary>
/// <param name="Store">Where the store lives.</param>
/// <param name="Path">The node's path in the store.</param>
/// <param name="IsArray">True for an array, false for a group.</param>
/// <param name="Mode">The access mode to reopen with.</param>
public sealed record NodeDescriptor(StoreDescriptor Store, string Path, bool IsArray, string Mode)
{
    /// <summary>Opens the node again.</summary>
    public ZarrNode Open()
    {
        var store = Store.Open(Mode == "r");
        return IsArray ? ZarrArray.Open(store, Mode, Path) : ZarrGroup.Open(store, Mode, Path);
    }
}
