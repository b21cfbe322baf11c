using Zarr.Metadata.V3;
using System.Globalization;
using System.Text;
using Zarr.Metadata;
using Zarr.Stores;
using Zarr.Synchronization;

namespace Zarr;

/// <summary>A Zarr group (zarr-python's <c>zarr.hierarchy.Group</c>): a folder of arrays and groups.</summary>
public sealed partial class ZarrGroup : ZarrNode
{
    private ZarrGroup(ZarrStore store, string path, bool readOnly, ISynchronizer? synchronizer, int zarrFormat)
        : base(store, path, readOnly, synchronizer, zarrFormat)
    {
        Synchronizer = synchronizer;
        ZarrFormat = zarrFormat;
    }

    /// <summary>The group's format: 2 (.zgroup) or 3 (zarr.json). Arrays and groups created in it take the same format unless told otherwise.</summary>
    public int ZarrFormat { get; }

    // A group found in the store: its format is the document that is there.
    private static ZarrGroup Existing(ZarrStore store, string path, bool readOnly, ISynchronizer? synchronizer) =>
        new(store, path, readOnly, synchronizer, NodeInit.GroupFormat(store, path) ?? 2);

    private static int CheckFormat(int? format) =>
        format switch
        {
            null or 2 => 2,
            3 => 3,
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "The zarr format must be 2 or 3."),
        };

    /// <summary>
    /// The synchronizer given to the arrays reached or created through this group (unless their
    /// options name another) and to its sub-groups, as in zarr-python.
    /// </summary>
    public ISynchronizer? Synchronizer { get; }

    // ---- entry points -------------------------------------------------------------------------

    /// <summary>
    /// zarr-python's <c>zarr.group</c>: opens the group at <paramref name="path"/>, creating it when
    /// missing (or replacing everything there with <paramref name="overwrite"/>). With no store the
    /// group lives in memory.
    /// </summary>
    /// <param name="store">The store; null for a new in-memory one.</param>
    /// <param name="overwrite">Replace whatever is at the path.</param>
    /// <param name="path">The group's path in the store.</param>
    /// <param name="synchronizer">The synchronizer given to arrays reached through the group.</param>
    /// <param name="zarrFormat">2 (the default: .zgroup) or 3 (zarr.json) for a new group; an existing group keeps its own.</param>
    public static ZarrGroup Create(ZarrStore? store = null, bool overwrite = false, string? path = null, ISynchronizer? synchronizer = null, int? zarrFormat = null)
    {
        store ??= new MemoryStore();
        var p = StoreKey.NormalizePath(path);
        var format = CheckFormat(zarrFormat);
        if (!overwrite && NodeInit.GroupFormat(store, p) is { } existing) return new ZarrGroup(store, p, false, synchronizer, existing);
        NodeInit.InitGroup(store, p, overwrite, format);
        return new ZarrGroup(store, p, false, synchronizer, format);
    }

    /// <summary>zarr.group on a path: a ".zip" file or a directory.</summary>
    public static ZarrGroup Create(string storePath, bool overwrite = false, string? path = null, ISynchronizer? synchronizer = null, int? zarrFormat = null) =>
        Create(ZarrStore.FromPath(storePath), overwrite, path, synchronizer, zarrFormat);

    /// <summary>
    /// zarr-python's <c>open_group</c>: 'r'/'r+' need an existing group, 'a' opens or creates,
    /// 'w' creates (replacing anything), 'w-' creates only when nothing exists.
    /// </summary>
    public static new ZarrGroup Open(ZarrStore store, string mode = "a", string? path = null) => Open(store, mode, path, null);

    /// <summary><see cref="Open(ZarrStore, string, string)"/> with a synchronizer for the arrays reached through the group.</summary>
    public static ZarrGroup Open(ZarrStore store, string mode, string? path, ISynchronizer? synchronizer)
    {
        var p = StoreKey.NormalizePath(path);
        switch (AccessModes.Parse(mode))
        {
            case AccessMode.Read:
            case AccessMode.ReadWrite:
                var format = NodeInit.GroupFormat(store, p);
                if (format is null)
                {
                    if (NodeInit.ContainsArray(store, p)) throw new ZarrNodeException(p, "an array exists here, not a group.");
                    throw NodeInit.Missing(store, p, "no group found (no .zgroup or zarr.json)");
                }
                if (format == 2) GroupMetadata.Validate(store.Get(StoreKey.Join(p, MetadataKeys.Group))!, StoreKey.Join(p, MetadataKeys.Group));
                return new ZarrGroup(store, p, mode == "r", synchronizer, format.Value);
            case AccessMode.Append:
                if (NodeInit.ContainsArray(store, p)) throw new ZarrNodeException(p, "an array exists here, not a group.");
                if (!NodeInit.ContainsGroup(store, p)) NodeInit.InitGroup(store, p, overwrite: false);
                return Existing(store, p, false, synchronizer);
            case AccessMode.Write:
                NodeInit.InitGroup(store, p, overwrite: true);
                return new ZarrGroup(store, p, false, synchronizer, 2);
            default:
                NodeInit.InitGroup(store, p, overwrite: false);
                return new ZarrGroup(store, p, false, synchronizer, 2);
        }
    }

    /// <summary>open_group on a path: a ".zip" file or a directory.</summary>
    public static new ZarrGroup Open(string storePath, string mode = "a", string? path = null) =>
        Open(ZarrStore.FromPath(storePath, mode == "r"), mode, path);

    // ---- children -----------------------------------------------------------------------------

    private string ChildPath(string name)
    {
        var rel = StoreKey.NormalizePath(name);
        if (rel.Length == 0) throw new ArgumentException("A child name must not be empty.", nameof(name));
        return StoreKey.Join(Path, rel);
    }

    /// <summary>Creates a sub-group (and any missing groups on the way).</summary>
    public ZarrGroup CreateGroup(string name, bool overwrite = false)
    {
        EnsureWritable();
        var p = ChildPath(name);
        NodeInit.InitGroup(Store, p, overwrite, ZarrFormat);
        return new ZarrGroup(Store, p, false, Synchronizer, ZarrFormat);
    }

    /// <summary>Opens a sub-group, creating it when missing.</summary>
    public ZarrGroup RequireGroup(string name, bool overwrite = false)
    {
        var p = ChildPath(name);
        if (!overwrite && NodeInit.GroupFormat(Store, p) is { } existing) return new ZarrGroup(Store, p, ReadOnly, Synchronizer, existing);
        EnsureWritable();
        if (!overwrite && NodeInit.ContainsArray(Store, p)) throw new ZarrNodeException(p, "an array exists here, not a group.");
        NodeInit.InitGroup(Store, p, overwrite, ZarrFormat);
        return new ZarrGroup(Store, p, false, Synchronizer, ZarrFormat);
    }

    /// <summary>Creates an array of <typeparamref name="T"/> (h5py-style name for <see cref="Create{T}"/>).</summary>
    public ZarrArray<T> CreateDataset<T>(string name, long[] shape, int[]? chunks = null, ArrayOptions? options = null)
    {
        EnsureWritable();
        options = WithSynchronizer(options);
        return ZarrArray.CreateIn<T>(Store, ChildPath(name), shape, chunks, options, options.Overwrite);
    }

    /// <summary>Creates an array with an explicit dtype string (e.g. "i4", "&lt;f8", "|S10"); returns the untyped handle.</summary>
    public ZarrArray CreateDataset(string name, long[] shape, string dtype, int[]? chunks = null, ArrayOptions? options = null)
    {
        options = options?.Clone() ?? new ArrayOptions();
        options.DType = dtype;
        options.Synchronizer ??= Synchronizer;
        options.ZarrFormat ??= ZarrFormat;
        var meta = ZarrArray.BuildMetadata<byte>(shape, chunks, options);
        EnsureWritable();
        var p = ChildPath(name);
        NodeInit.InitArray(Store, p, meta, options.Overwrite);
        return ZarrArray.Load(Store, p, false, ArraySettings.From(options));
    }

    /// <summary>Opens an existing array after checking its shape and dtype, or creates it.</summary>
    public ZarrArray<T> RequireDataset<T>(string name, long[] shape, int[]? chunks = null, ArrayOptions? options = null)
    {
        var p = ChildPath(name);
        if (NodeInit.ContainsArray(Store, p))
        {
            var a = ZarrArray.Load(Store, p, ReadOnly, ArraySettings.From(WithSynchronizer(options)));
            if (!a.Metadata.Shape.AsSpan().SequenceEqual(shape))
                throw new ZarrNodeException(p, $"the existing array has shape {InfoReport.Tuple(a.Metadata.Shape)}, not {InfoReport.Tuple(shape)}.");
            if (options?.DType is { } dt && DataTypes.ZarrDType.Parse(dt) != a.DType)
                throw new ZarrNodeException(p, $"the existing array has dtype {a.DType}, not {DataTypes.ZarrDType.Parse(dt)}.");
            if (!a.CanReadAs<T>())
                throw new ZarrNodeException(p, $"the existing array has dtype {a.DType}, which cannot be read as {typeof(T).Name}.");
            return a.As<T>();
        }
        return CreateDataset<T>(name, shape, chunks, options);
    }

    /// <summary>Creates an array (zarr-python's <c>Group.create</c>).</summary>
    public ZarrArray<T> Create<T>(string name, long[] shape, int[]? chunks = null, ArrayOptions? options = null) => CreateDataset<T>(name, shape, chunks, options);

    /// <summary>Creates an array filled with zeros.</summary>
    public ZarrArray<T> Zeros<T>(string name, long[] shape, int[]? chunks = null, ArrayOptions? options = null)
    {
        options = options?.Clone() ?? new ArrayOptions();
        options.FillValue = 0;
        return CreateDataset<T>(name, shape, chunks, options);
    }

    /// <summary>Creates an array filled with ones.</summary>
    public ZarrArray<T> Ones<T>(string name, long[] shape, int[]? chunks = null, ArrayOptions? options = null)
    {
        options = options?.Clone() ?? new ArrayOptions();
        options.FillValue = 1;
        return CreateDataset<T>(name, shape, chunks, options);
    }

    /// <summary>Creates an array without a fill value.</summary>
    public ZarrArray<T> Empty<T>(string name, long[] shape, int[]? chunks = null, ArrayOptions? options = null)
    {
        options = options?.Clone() ?? new ArrayOptions();
        options.FillValue = null;
        return CreateDataset<T>(name, shape, chunks, options);
    }

    /// <summary>Creates an array filled with <paramref name="fillValue"/>.</summary>
    public ZarrArray<T> Full<T>(string name, long[] shape, T fillValue, int[]? chunks = null, ArrayOptions? options = null)
    {
        options = options?.Clone() ?? new ArrayOptions();
        options.FillValue = fillValue;
        return CreateDataset<T>(name, shape, chunks, options);
    }

    /// <summary>Creates an array holding a copy of <paramref name="data"/> (zarr-python's <c>Group.array</c>).</summary>
    public ZarrArray<T> Array<T>(string name, NDArray<T> data, int[]? chunks = null, ArrayOptions? options = null)
    {
        var z = CreateDataset<T>(name, data.Shape.Select(s => (long)s).ToArray(), chunks, options);
        z.Set([Selector.Ellipsis], data);
        return z;
    }

    /// <summary>The array or group at a relative path (e.g. <c>root["foo/bar/baz"]</c>).</summary>
    public ZarrNode this[string path]
    {
        get
        {
            var p = ChildPath(path);
            return NodeInit.Probe(Store, p) switch
            {
                { IsArray: true } => ZarrArray.Load(Store, p, ReadOnly, new ArraySettings { Synchronizer = Synchronizer }),
                { } group => new ZarrGroup(Store, p, ReadOnly, Synchronizer, group.Format),
                null => throw new KeyNotFoundException($"No array or group at '{path}' in group '{Name}'."),
            };
        }
    }

    /// <summary>The sub-group at a relative path.</summary>
    public ZarrGroup GetGroup(string path) => this[path] as ZarrGroup ?? throw new ZarrNodeException(ChildPath(path), "this is an array, not a group.");

    /// <summary>The array at a relative path.</summary>
    public ZarrArray GetArray(string path) => this[path] as ZarrArray ?? throw new ZarrNodeException(ChildPath(path), "this is a group, not an array.");

    /// <summary>The array at a relative path, typed.</summary>
    public ZarrArray<T> GetArray<T>(string path) => GetArray(path).As<T>();

    /// <summary>True when an array or group exists at the relative path.</summary>
    public bool Contains(string path) => NodeInit.Probe(Store, ChildPath(path)) is not null;

    /// <summary>The names of the direct children that are arrays or groups, sorted.</summary>
    public IReadOnlyList<string> Keys() =>
        Store.ListDir(Path).Where(n => NodeInit.Probe(Store, StoreKey.Join(Path, n)) is not null).ToList();

    /// <summary>The direct children, arrays and groups, sorted by name.</summary>
    public IReadOnlyList<(string Name, ZarrNode Node)> Members()
    {
        // One metadata read per array child (and one stat per group child), not a stat per kind per child.
        var members = new List<(string, ZarrNode)>();
        foreach (var name in Store.ListDir(Path))
        {
            var p = StoreKey.Join(Path, name);
            if (ZarrArray.TryLoad(Store, p, ReadOnly, new ArraySettings { Synchronizer = Synchronizer }) is { } array) members.Add((name, array));
            else if (NodeInit.GroupFormat(Store, p) is { } format) members.Add((name, new ZarrGroup(Store, p, ReadOnly, Synchronizer, format)));
        }
        return members;
    }

    /// <summary>The direct child arrays, sorted by name.</summary>
    public IReadOnlyList<(string Name, ZarrArray Array)> Arrays() =>
        Members().Where(m => m.Node is ZarrArray).Select(m => (m.Name, (ZarrArray)m.Node)).ToList();

    /// <summary>The direct child groups, sorted by name.</summary>
    public IReadOnlyList<(string Name, ZarrGroup Group)> Groups() =>
        Members().Where(m => m.Node is ZarrGroup).Select(m => (m.Name, (ZarrGroup)m.Node)).ToList();

    /// <summary>The names of the direct child arrays.</summary>
    public IReadOnlyList<string> ArrayKeys() => Store.ListDir(Path).Where(n => NodeInit.ContainsArray(Store, StoreKey.Join(Path, n))).ToList();

    /// <summary>The names of the direct child groups.</summary>
    public IReadOnlyList<string> GroupKeys() =>
        Store.ListDir(Path).Where(n => !NodeInit.ContainsArray(Store, StoreKey.Join(Path, n)) && NodeInit.ContainsGroup(Store, StoreKey.Join(Path, n))).ToList();

    // Arrays created in the group take its synchronizer and its format unless the options name others.
    private ArrayOptions WithSynchronizer(ArrayOptions? options)
    {
        if ((Synchronizer is null || options?.Synchronizer is not null) && (ZarrFormat == 2 || options?.ZarrFormat is not null)) return options ?? new ArrayOptions();
        var o = options?.Clone() ?? new ArrayOptions();
        o.Synchronizer ??= Synchronizer;
        o.ZarrFormat ??= ZarrFormat;
        return o;
    }

    // ---- reports ------------------------------------------------------------------------------

    /// <summary>The zarr-python info report.</summary>
    public override string Info
    {
        get
        {
            var arrays = ArrayKeys();
            var groups = GroupKeys();
            var rows = new List<(string, string)>
            {
                ("Name", Name),
                ("Type", ZarrFormat == 3 ? "Group" : "zarr.hierarchy.Group"),
            };
            if (ZarrFormat == 3) rows.Add(("Zarr format", "3"));
            rows.Add(("Read-only", ReadOnly ? "True" : "False"));
            // zarr-python lists the synchronizer between the read-only flag and the store type.
            if (Synchronizer is not null) rows.Add(("Synchronizer type", Synchronizer.TypeName));
            rows.AddRange(
            [
                ("Store type", Store.StoreTypeName),
                ("No. members", (arrays.Count + groups.Count).ToString(CultureInfo.InvariantCulture)),
                ("No. arrays", arrays.Count.ToString(CultureInfo.InvariantCulture)),
                ("No. groups", groups.Count.ToString(CultureInfo.InvariantCulture)),
            ]);
            if (arrays.Count > 0) rows.Add(("Arrays", string.Join(", ", arrays)));
            if (groups.Count > 0) rows.Add(("Groups", string.Join(", ", groups)));
            return InfoReport.Format(rows);
        }
    }

    /// <summary>
    /// zarr-python's <c>tree()</c> as text: the group, then its children sorted by name, arrays with
    /// their shape and dtype. <paramref name="level"/> limits the depth; <paramref name="ascii"/>
    /// draws with ASCII instead of box-drawing characters.
    /// </summary>
    public string Tree(int? level = null, bool ascii = false)
    {
        var sb = new StringBuilder(Path.Length == 0 ? "/" : BaseName);
        AppendChildren(sb, this, "", 0, level, ascii);
        return sb.ToString();
    }

    private static void AppendChildren(StringBuilder sb, ZarrGroup group, string prefix, int depth, int? level, bool ascii)
    {
        if (level is { } l && depth >= l) return;
        var members = group.Members();
        for (var i = 0; i < members.Count; i++)
        {
            var last = i == members.Count - 1;
            var (name, node) = members[i];
            sb.Append('\n').Append(' ').Append(prefix).Append(ascii ? "+-- " : last ? "└── " : "├── ").Append(name);
            if (node is ZarrArray a) sb.Append(' ').Append(InfoReport.Tuple(a.Metadata.Shape)).Append(' ').Append(a.DType);
            if (node is ZarrGroup g) AppendChildren(sb, g, prefix + (last ? "    " : ascii ? "|   " : "│   "), depth + 1, level, ascii);
        }
    }

    /// <summary>zarr-python's repr: <c>&lt;zarr.hierarchy.Group '/foo'&gt;</c>.</summary>
    public override string ToString() => "<zarr.hierarchy.Group '" + Name + "'" + (ReadOnly ? " read-only" : "") + ">";
}
