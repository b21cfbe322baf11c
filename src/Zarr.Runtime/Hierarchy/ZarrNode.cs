using Zarr.Metadata.V3;
using Zarr.Metadata;
using Zarr.Stores;

namespace Zarr;

/// <summary>A group or an array at a path inside a store.</summary>
/// <remarks>
/// Who disposes the store: a node opened or created from a path (<c>ZarrGroup.Create("data.zip")</c>,
/// <c>ZarrArray.Open("a.zarr")</c>, or any store made by <see cref="ZarrStore.FromPath"/> or converted
/// from a string) owns the store made for it; dispose the node when done (<c>using var root = …</c>),
/// which for a zip file writes the archive. Nodes reached from it (children, <c>As&lt;T&gt;()</c>)
/// share that store, and disposing any of them closes it for all. A store you made and passed in is
/// yours: disposing a node leaves it open.
/// </remarks>
public abstract class ZarrNode : IEquatable<ZarrNode>, IDisposable
{
    private protected ZarrNode(ZarrStore store, string path, bool readOnly, Synchronization.ISynchronizer? synchronizer = null, int zarrFormat = 2)
    {
        Store = store;
        Path = path;
        ReadOnly = readOnly || store.IsReadOnly;
        Attrs = new ZarrAttributes(store, path, ReadOnly, synchronizer, zarrFormat == 3);
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
            if (NodeInit.ContainsArray(store, p)) return ZarrArray.Open(store, mode, p);
            if (NodeInit.ContainsGroup(store, p) || m == AccessMode.Append) return ZarrGroup.Open(store, mode, p);
            throw NodeInit.Missing(store, p, "no array or group found (no .zarray, .zgroup or zarr.json)");
        }
        return ZarrGroup.Open(store, mode, p);
    }

    /// <summary>Opens a node from a path: a ".zip" file or a directory.</summary>
    public static ZarrNode Open(string storePath, string mode = "a", string? path = null) =>
        Open(ZarrStore.FromPath(storePath, mode == "r"), mode, path);

    /// <summary>
    /// Disposes the store when it was made from a path for this hierarchy (see the remarks on
    /// <see cref="ZarrNode"/>); does nothing for a store the caller passed in.
    /// </summary>
    public void Dispose()
    {
        PathStores.Release(Store);
        GC.SuppressFinalize(this);
    }

    private protected void EnsureWritable()
    {
        if (ReadOnly) throw new ZarrReadOnlyException($"'{Name}'");
    }

    /// <summary>
    /// A small serialisable descriptor that reopens this node in another process (zarr-python's pickling
    /// of arrays and groups): the store's kind and location, the path, the mode ('r' or 'r+') and the
    /// synchronizer — never the data. Null when the node cannot be reopened elsewhere: its store lives
    /// only in this process (a <see cref="MemoryStore"/>), or its synchronizer is a custom one that
    /// does not describe itself. See <see cref="NodeDescriptor.ToJson"/>.
    /// </summary>
    public NodeDescriptor? Describe()
    {
        if (Store.Describe() is not { } store) return null;
        var sync = this switch
        {
            ZarrArray a => a.Synchronizer,
            ZarrGroup g => g.Synchronizer,
            _ => null,
        };
        Synchronization.SynchronizerDescriptor? syncDescriptor = null;
        if (sync is not null && (syncDescriptor = sync.Describe()) is null) return null;
        return new NodeDescriptor(store, Path, this is ZarrArray, ReadOnly ? "r" : "r+", syncDescriptor);
    }

    /// <summary>
    /// Two handles are equal when they are both arrays or both groups, at the same path of the same
    /// store (the same instance, or stores with equal descriptors, such as two <see cref="DirectoryStore"/>s
    /// on one folder), with the same read-only flag — zarr-python's <c>__eq__</c>. Typed views of one
    /// array (<c>ZarrArray&lt;int&gt;</c> and the untyped <see cref="ZarrArray"/>) are equal.
    /// </summary>
    public bool Equals(ZarrNode? other) =>
        other is not null && (other is ZarrArray) == (this is ZarrArray) && other.Path == Path && other.ReadOnly == ReadOnly &&
        (ReferenceEquals(other.Store, Store) || (Store.Describe() is { } a && a == other.Store.Describe()));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ZarrNode n && Equals(n);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Path, Store.Describe()?.GetHashCode() ?? Store.GetHashCode());

    /// <summary>Handle equality (see <see cref="Equals(ZarrNode)"/>), so that <c>z3 == z4</c> reads as in zarr-python.</summary>
    public static bool operator ==(ZarrNode? left, ZarrNode? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Handle inequality (see <see cref="Equals(ZarrNode)"/>).</summary>
    public static bool operator !=(ZarrNode? left, ZarrNode? right) => !(left == right);
}
