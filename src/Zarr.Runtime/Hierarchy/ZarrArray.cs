using Zarr.Metadata.V3;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Zarr.Codecs;
using Zarr.DataTypes;
using Zarr.Metadata;
using Zarr.Stores;
using Zarr.Synchronization;

namespace Zarr;

/// <summary>
/// A Zarr array (zarr-python's <c>zarr.core.Array</c>) without a static element type: metadata,
/// sizes, resizing and the info report. <see cref="As{T}"/> gives the typed view that reads and writes.
/// </summary>
public class ZarrArray : ZarrNode
{
    private ArrayMetadata _metadata;

    private protected ZarrArray(ZarrStore store, string path, bool readOnly, ArrayMetadata metadata, ArraySettings settings)
        : base(store, path, readOnly, settings.Synchronizer, metadata.ZarrFormat)
    {
        _metadata = metadata;
        Settings = settings;
        var key = MetadataKey;
        if (metadata.V3 is { } v3)
        {
            // Of a sharded array, the codecs shown are those of its inner chunks (as zarr-python 3's info does).
            var chain = v3.Chain.Sharding?.Inner ?? v3.Chain;
            Compressors = chain.BytesCodecs;
            Compressor = chain.BytesCodecs.Count == 1 ? chain.BytesCodecs[0] : null;
            Filters = chain.PipelineFilters;
            return;
        }
        Compressor = metadata.Compressor is null ? null : CodecRegistry.Default.Create(metadata.Compressor, key) as BytesCodec
            ?? throw new ZarrCodecException(metadata.Compressor["id"]!.GetValue<string>(), null, $"is not a compressor (array '{key}').");
        Compressors = Compressor is null ? [] : [Compressor];
        Filters = metadata.Filters?.Select(f => CodecRegistry.Default.Create(f, key)).ToArray() ?? [];
    }

    internal ArraySettings Settings { get; }

    /// <summary>The parsed .zarray document.</summary>
    public ArrayMetadata Metadata => _metadata;

    /// <summary>The store key of the metadata document (.zarray, or zarr.json for zarr v3).</summary>
    public string MetadataKey => StoreKey.Join(Path, _metadata.ZarrFormat == 3 ? V3Document.Key : MetadataKeys.Array);

    /// <summary>The array's extent per dimension.</summary>
    public long[] Shape => (long[])_metadata.Shape.Clone();

    /// <summary>The chunk extent per dimension: of a sharded array, the inner chunks (as zarr-python 3's <c>chunks</c>).</summary>
    public int[] Chunks => (int[])ChunkGrid.Clone();

    /// <summary>Zarr v3: the shard shape of a sharded array (each stored object holds one shard); null when unsharded.</summary>
    public int[]? Shards => _metadata.V3?.Chain.Sharding is null ? null : (int[])_metadata.Chunks.Clone();

    /// <summary>The format of the array: 2 or 3.</summary>
    public int ZarrFormat => _metadata.ZarrFormat;

    /// <summary>Zarr v3: the dimension names (entries may be null), or null when the array has none.</summary>
    public IReadOnlyList<string?>? DimensionNames => _metadata.DimensionNames;

    // The chunks selections are planned over: the stored chunks, or the inner chunks of a sharded array.
    internal int[] ChunkGrid => _metadata.V3?.Chain.Sharding?.InnerChunks ?? _metadata.Chunks;

    internal ShardingSpec? Sharding => _metadata.V3?.Chain.Sharding;

    /// <summary>The stored data type.</summary>
    public ZarrDType DType => _metadata.DType;

    /// <summary>'C' or 'F'.</summary>
    public char Order => _metadata.Order;

    /// <summary>The fill value as written in .zarray (null for none).</summary>
    public JsonNode? FillValue => _metadata.FillValue?.DeepClone();

    /// <summary>The compressor, or null (for zarr v3: the one bytes→bytes codec, null when there are none or several).</summary>
    public BytesCodec? Compressor { get; }

    /// <summary>The bytes→bytes codecs in encode order: v2's compressor, or zarr v3's compressors (inner chunks' when sharded).</summary>
    public IReadOnlyList<BytesCodec> Compressors { get; }

    /// <summary>The filters, in encode order (for object arrays the object codec is first).</summary>
    public IReadOnlyList<IZarrCodec> Filters { get; }

    /// <summary>The chunk key separator.</summary>
    public char DimensionSeparator => _metadata.Separator;

    /// <summary>The synchronizer, if any.</summary>
    public ISynchronizer? Synchronizer => Settings.Synchronizer;

    /// <summary>Number of dimensions.</summary>
    public int NDim => _metadata.Rank;

    /// <summary>Number of elements. Throws <see cref="ZarrException"/> when it exceeds <see cref="long.MaxValue"/> (see <see cref="SizeExact"/>).</summary>
    public long Size => ToInt64(SizeExact, "elements");

    /// <summary>Number of elements, exact for any shape (a shape such as [1e9, 1e9, 1e9] has 10^27).</summary>
    public BigInteger SizeExact => Product(_metadata.Shape);

    /// <summary>Bytes of the uncompressed data (elements × item size). Throws <see cref="ZarrException"/> when it exceeds <see cref="long.MaxValue"/>.</summary>
    public long NBytes => ToInt64(NBytesExact, "bytes");

    /// <summary>Bytes of the uncompressed data, exact for any shape.</summary>
    public BigInteger NBytesExact => SizeExact * DType.ItemSize;

    /// <summary>The number of chunks along each dimension.</summary>
    public long[] CDataShape => _metadata.Shape.Select((s, d) => (s + _metadata.Chunks[d] - 1) / _metadata.Chunks[d]).ToArray();

    /// <summary>Total number of chunks in the grid. Throws <see cref="ZarrException"/> when it exceeds <see cref="long.MaxValue"/>.</summary>
    public long NChunks => ToInt64(NChunksExact, "chunks");

    /// <summary>Total number of chunks in the grid, exact for any shape.</summary>
    public BigInteger NChunksExact => NDim == 0 ? BigInteger.One : Product(CDataShape);

    private static BigInteger Product(long[] values)
    {
        var product = BigInteger.One;
        foreach (var v in values) product *= v;
        return product;
    }

    private long ToInt64(BigInteger value, string what) =>
        value <= long.MaxValue
            ? (long)value
            : throw new ZarrException($"Array '{MetadataKey}' has {value} {what}, more than a 64-bit count holds; use the *Exact property.");

    /// <summary>Number of chunks present in the store (counted as zarr-python does: children of the array's folder whose name starts with a digit).</summary>
    public long NChunksInitialized
    {
        get
        {
            if (ZarrFormat == 3) return CountStoredChunks();
            if (NDim == 0) return Store.ListDir(Path).Count; // zarr-python counts every key of a 0-d array
            return Store.ListDir(Path).Count(n => n.Length > 0 && char.IsAsciiDigit(n[0]));
        }
    }

    /// <summary>Bytes stored under the array's folder (metadata included; nested folders not), as zarr-python counts them.</summary>
    public long NBytesStored
    {
        get
        {
            long total = 0;
            if (ZarrFormat == 3)
            {
                // zarr-python 3 counts every object under the array's prefix (its chunk keys nest: c/0/1).
                foreach (var key in Store.ListPrefix(Path.Length == 0 ? "" : Path + "/"))
                {
                    var size = Store.GetSize(key);
                    if (size > 0) total += size;
                }
                return total;
            }
            foreach (var name in Store.ListDir(Path))
            {
                var size = Store.GetSize(StoreKey.Join(Path, name));
                if (size > 0) total += size;
            }
            return total;
        }
    }

    // Zarr v3: every stored object under the array's folder except its zarr.json (chunk keys may nest).
    private long CountStoredChunks()
    {
        var prefix = Path.Length == 0 ? "" : Path + "/";
        long n = 0;
        foreach (var key in Store.ListPrefix(prefix))
        {
            var rest = key.AsSpan(prefix.Length);
            if (rest.SequenceEqual(V3Document.Key)) continue;
            if (_metadata.ChunkKeyEncoding == "default" ? rest.StartsWith("c") : rest.Length > 0 && char.IsAsciiDigit(rest[0])) n++;
        }
        return n;
    }

    /// <summary>
    /// The store key of the chunk (the shard, when sharded) at grid coordinates <paramref name="coords"/>:
    /// v2 and the v3 "v2" encoding join the coordinates with the separator (<c>1.2</c>; a 0-d array's
    /// chunk is <c>0</c>), the v3 "default" encoding prefixes them with <c>c</c> (<c>c/1/2</c>; 0-d: <c>c</c>).
    /// </summary>
    public string ChunkKey(ReadOnlySpan<long> coords)
    {
        // Once per chunk of every read and write: formatted in place, no LINQ, one string.
        var sep = _metadata.Separator;
        var prefixed = _metadata.ZarrFormat == 3 && _metadata.ChunkKeyEncoding == "default";
        if (coords.Length == 0) return StoreKey.Join(Path, prefixed ? "c" : "0");
        Span<char> name = stackalloc char[2 + coords.Length * 21]; // a long takes at most 20 characters, then a separator
        var n = 0;
        if (prefixed)
        {
            name[n++] = 'c';
            name[n++] = sep;
        }
        for (var i = 0; i < coords.Length; i++)
        {
            if (i > 0) name[n++] = sep;
            coords[i].TryFormat(name[n..], out var written, default, CultureInfo.InvariantCulture);
            n += written;
        }
        return StoreKey.Join(Path, new string(name[..n]));
    }

    /// <summary>The typed view; throws when <typeparamref name="T"/> cannot hold this dtype.</summary>
    public ZarrArray<T> As<T>() => this as ZarrArray<T> ?? new ZarrArray<T>(Store, Path, ReadOnly, _metadata, Settings);

    /// <summary>True when elements of this array can be read as <typeparamref name="T"/>.</summary>
    public bool CanReadAs<T>() =>
        DType.Kind == DTypeKind.Object
            ? Filters.Count > 0 && Filters[0] is ObjectCodec oc && oc.Supports<T>()
            : ElementConverters.IsSupported<T>(DType);

    /// <summary>
    /// Calls <paramref name="visitor"/> with this array typed by its dtype: the natural element type
    /// of <see cref="ElementTypes.Dispatch{TVisitor, TResult}"/>, or for an object dtype the first item
    /// type its object codec supports (<c>object</c> for json2/msgpack2, <c>string</c>, <c>byte[]</c>,
    /// then arrays of numbers for vlen-array). For code that handles arrays of any dtype without
    /// reflection, such as the <c>zarr</c> tool.
    /// </summary>
    /// <exception cref="ZarrException">An object array has no object codec, or one whose items have no .NET type here.</exception>
    public TResult Accept<TResult>(IZarrArrayVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return DType.Kind == DTypeKind.Object ? AcceptObject(visitor) : ElementTypes.Dispatch<TypedView<TResult>, TResult>(DType, new(this, visitor));
    }

    private readonly struct TypedView<TResult>(ZarrArray array, IZarrArrayVisitor<TResult> visitor) : IElementTypeVisitor<TResult>
    {
        public TResult Visit<T>() => visitor.Visit(array.As<T>());
    }

    private TResult AcceptObject<TResult>(IZarrArrayVisitor<TResult> visitor)
    {
        if (Filters.Count == 0 || Filters[0] is not ObjectCodec codec)
            throw new ZarrException($"object array '{Name}' has no object codec as its first filter.");
        // json2/msgpack2 hold any Python scalar, so they read as object; vlen-utf8 and categorize as string.
        if (codec.Supports<object>()) return visitor.Visit(As<object>());
        if (codec.Supports<string>()) return visitor.Visit(As<string>());
        if (codec.Supports<byte[]>()) return visitor.Visit(As<byte[]>());
        if (codec.Supports<bool[]>()) return visitor.Visit(As<bool[]>());
        if (codec.Supports<sbyte[]>()) return visitor.Visit(As<sbyte[]>());
        if (codec.Supports<short[]>()) return visitor.Visit(As<short[]>());
        if (codec.Supports<ushort[]>()) return visitor.Visit(As<ushort[]>());
        if (codec.Supports<int[]>()) return visitor.Visit(As<int[]>());
        if (codec.Supports<uint[]>()) return visitor.Visit(As<uint[]>());
        if (codec.Supports<long[]>()) return visitor.Visit(As<long[]>());
        if (codec.Supports<ulong[]>()) return visitor.Visit(As<ulong[]>());
        if (codec.Supports<Half[]>()) return visitor.Visit(As<Half[]>());
        if (codec.Supports<float[]>()) return visitor.Visit(As<float[]>());
        if (codec.Supports<double[]>()) return visitor.Visit(As<double[]>());
        throw new ZarrException($"object array '{Name}' uses the object codec {codec}, whose items have no .NET element type here.");
    }

    /// <summary>The zarr-python info report.</summary>
    public override string Info
    {
        get
        {
            if (ZarrFormat == 3) return InfoV3();
            var rows = new List<(string, string)>();
            if (Path.Length > 0) rows.Add(("Name", Name));
            rows.Add(("Type", "zarr.core.Array"));
            rows.Add(("Data type", DType.ToString()));
            rows.Add(("Shape", InfoReport.Tuple(_metadata.Shape)));
            rows.Add(("Chunk shape", InfoReport.Tuple(_metadata.Chunks)));
            rows.Add(("Order", Order.ToString()));
            rows.Add(("Read-only", ReadOnly ? "True" : "False"));
            for (var i = 0; i < Filters.Count; i++) rows.Add(($"Filter [{i}]", Filters[i].ToString() ?? ""));
            rows.Add(("Compressor", Compressor?.ToString() ?? "None"));
            if (Synchronizer is not null) rows.Add(("Synchronizer type", Synchronizer.TypeName));
            rows.Add(("Store type", Store.StoreTypeName));
            var nbytes = NBytesExact;
            rows.Add(("No. bytes", InfoReport.Bytes(nbytes)));
            var stored = NBytesStored;
            if (stored > 0)
            {
                rows.Add(("No. bytes stored", InfoReport.Bytes(stored)));
                rows.Add(("Storage ratio", InfoReport.OneDecimal((double)nbytes / stored)));
            }
            rows.Add(("Chunks initialized", $"{NChunksInitialized}/{NChunksExact.ToString(CultureInfo.InvariantCulture)}"));
            return InfoReport.Format(rows);
        }
    }

    // zarr-python 3's Array.info rows, with the shard shape beside the inner chunk shape.
    private string InfoV3()
    {
        var rows = new List<(string, string)>();
        if (Path.Length > 0) rows.Add(("Name", Name));
        rows.Add(("Type", "Array"));
        rows.Add(("Zarr format", "3"));
        rows.Add(("Data type", DType.ToString()));
        rows.Add(("Fill value", _metadata.FillValue?.ToJsonString() ?? "None"));
        rows.Add(("Shape", InfoReport.Tuple(_metadata.Shape)));
        if (Shards is { } shards) rows.Add(("Shard shape", InfoReport.Tuple(shards)));
        rows.Add(("Chunk shape", InfoReport.Tuple(ChunkGrid)));
        if (DimensionNames is { } names) rows.Add(("Dimension names", "(" + string.Join(", ", names.Select(n => n is null ? "None" : "'" + n + "'")) + (names.Count == 1 ? ",)" : ")")));
        rows.Add(("Order", "C"));
        rows.Add(("Read-only", ReadOnly ? "True" : "False"));
        rows.Add(("Store type", Store.StoreTypeName));
        rows.Add(("Filters", Sequence(Filters.Where(f => f is not ObjectCodec).Select(f => f.ToString() ?? ""))));
        var chain = Sharding?.Inner ?? _metadata.V3!.Chain;
        var serializer = chain.ObjectSerializer?.ToString() ?? $"BytesCodec(endian='{(chain.BigEndian ? "big" : "little")}')";
        rows.Add(("Serializer", Sharding is null ? serializer : $"ShardingCodec(chunk_shape={InfoReport.Tuple(ChunkGrid)}, serializer={serializer})"));
        rows.Add(("Compressors", Sequence(Compressors.Select(c => c.ToString()))));
        if (Synchronizer is not null) rows.Add(("Synchronizer type", Synchronizer.TypeName));
        var nbytes = NBytesExact;
        rows.Add(("No. bytes", InfoReport.Bytes(nbytes)));
        var stored = NBytesStored;
        if (stored > 0)
        {
            rows.Add(("No. bytes stored", InfoReport.Bytes(stored)));
            rows.Add(("Storage ratio", InfoReport.OneDecimal((double)nbytes / stored)));
        }
        rows.Add((Shards is null ? "Chunks Initialized" : "Shards Initialized", $"{NChunksInitialized}/{NChunksExact.ToString(CultureInfo.InvariantCulture)}"));
        return InfoReport.Format(rows);
    }

    private static string Sequence(IEnumerable<string> items)
    {
        var list = items.ToList();
        return "(" + string.Join(", ", list) + (list.Count == 1 ? ",)" : ")");
    }

    /// <summary>zarr-python's repr: <c>&lt;zarr.core.Array '/bar' (10, 20) int32&gt;</c>.</summary>
    public override string ToString() =>
        "<zarr.core.Array" + (Path.Length > 0 ? " '" + Name + "'" : "") + " " + InfoReport.Tuple(_metadata.Shape) + " " + DType + (ReadOnly ? " read-only" : "") + ">";

    /// <summary>
    /// Changes the shape; chunks wholly outside the new shape are deleted (data inside is kept). With a
    /// synchronizer, runs under the lock of the array's metadata key after reloading the metadata, as
    /// zarr-python does, so concurrent resizes and appends from several handles or processes compose.
    /// </summary>
    public void Resize(params long[] newShape)
    {
        EnsureWritable();
        using var arrayLock = AcquireArrayLock();
        ResizeCore(newShape);
    }

    /// <summary>Takes the synchronizer's lock on the metadata key and reloads the metadata; null without a synchronizer.</summary>
    private protected IDisposable? AcquireArrayLock()
    {
        if (Synchronizer is not { } sync) return null;
        var held = sync.Acquire(MetadataKey);
        try
        {
            ReloadMetadata();
        }
        catch
        {
            held.Dispose();
            throw;
        }
        return held;
    }

    private protected void ResizeCore(long[] newShape)
    {
        if (newShape.Length != NDim) throw new ArgumentException($"The new shape has {newShape.Length} dimensions; the array has {NDim}.", nameof(newShape));
        if (newShape.Any(s => s < 0)) throw new ArgumentException("Shape dimensions must be non-negative.", nameof(newShape));
        var oldGrid = CDataShape;
        // zarr-python rewrites .zarray from its decoded state, so the fill value goes back as it was
        // decoded (0.1 in <f4 becomes 0.10000000149011612; a complex [1.0, "NaN"] becomes ["NaN", "NaN"]).
        var fill = DType.Kind == DTypeKind.Object ? _metadata.FillValue
            : FillValueCodec.ToBytes(DType, _metadata.FillValue, MetadataKey) is { } item ? FillValueCodec.ToJson(DType, item, false) : null;
        var newMeta = _metadata with { Shape = (long[])newShape.Clone(), FillValue = ZarrFormat == 3 ? _metadata.FillValue : fill };
        if (newMeta.V3 is { } v3)
        {
            // Attributes live in zarr.json: keep those stored now (another handle may have changed them).
            var current = Store.Get(MetadataKey) is { } doc ? V3Document.ParseNode(doc, MetadataKey).Document["attributes"] as JsonObject : null;
            newMeta = newMeta with { V3 = v3 with { Attributes = (JsonObject?)current?.DeepClone() ?? v3.Attributes } };
        }
        Store.Set(MetadataKey, newMeta.ToBytes());
        _metadata = newMeta;
        var newGrid = CDataShape;
        if (NDim == 0) return;
        // delete chunks outside the new grid
        var coords = new long[NDim];
        if (oldGrid.Any(g => g == 0)) return;
        while (true)
        {
            var outside = false;
            for (var d = 0; d < NDim; d++) if (coords[d] >= newGrid[d]) outside = true;
            if (outside) Store.Delete(ChunkKey(coords));
            var k = NDim - 1;
            while (k >= 0 && ++coords[k] == oldGrid[k]) coords[k--] = 0;
            if (k < 0) break;
        }
    }

    internal void ReloadMetadata() => _metadata = ArrayMetadata.Parse(Store.Get(MetadataKey) ?? throw new ZarrNodeException(Path, $"the array's {MetadataKey} disappeared."), MetadataKey);

    internal void SetMetadata(ArrayMetadata meta) => _metadata = meta;

    // ---- opening and creating ---------------------------------------------------------------

    /// <summary>Opens an existing array (zarr-python's <c>open_array</c> in modes 'r' and 'r+'; 'a' also opens an existing one).</summary>
    public static ZarrArray Open(ZarrStore store, string mode = "a", string? path = null, ISynchronizer? synchronizer = null)
    {
        var p = StoreKey.NormalizePath(path);
        var m = AccessModes.Parse(mode);
        if (m is AccessMode.Write or AccessMode.WriteNew)
            throw new ArgumentException($"Mode '{mode}' creates an array: use ZarrArray.Open<T>(store, mode, shape, …) with a shape.", nameof(mode));
        return Load(store, p, m == AccessMode.Read, new ArraySettings { Synchronizer = synchronizer });
    }

    /// <summary>Opens an array from a path: a ".zip" file or a directory.</summary>
    public static ZarrArray Open(string storePath, string mode = "a", string? path = null, ISynchronizer? synchronizer = null) =>
        Open(ZarrStore.FromPath(storePath, mode == "r"), mode, path, synchronizer);

    /// <summary>
    /// zarr-python's <c>open_array</c> with creation arguments: 'r'/'r+' open an existing array,
    /// 'a' opens or creates, 'w' creates (replacing anything), 'w-' creates only when nothing exists.
    /// </summary>
    public static ZarrArray<T> Open<T>(ZarrStore store, string mode, long[] shape, int[]? chunks = null, ArrayOptions? options = null, string? path = null)
    {
        var p = StoreKey.NormalizePath(path);
        var m = AccessModes.Parse(mode);
        options ??= new ArrayOptions();
        var settings = ArraySettings.From(options);
        switch (m)
        {
            case AccessMode.Read:
            case AccessMode.ReadWrite:
                return Load(store, p, m == AccessMode.Read, settings).As<T>();
            case AccessMode.Append:
                if (NodeInit.ContainsArray(store, p)) return Load(store, p, false, settings).As<T>();
                if (NodeInit.ContainsGroup(store, p)) throw new ZarrNodeException(p, "a group exists here, not an array.");
                return CreateIn<T>(store, p, shape, chunks, options, overwrite: false);
            case AccessMode.Write:
                return CreateIn<T>(store, p, shape, chunks, options, overwrite: true);
            default:
                return CreateIn<T>(store, p, shape, chunks, options, overwrite: false);
        }
    }

    /// <summary><see cref="Open{T}(ZarrStore, string, long[], int[], ArrayOptions, string)"/> on a path (a ".zip" file or a directory).</summary>
    public static ZarrArray<T> Open<T>(string storePath, string mode, long[] shape, int[]? chunks = null, ArrayOptions? options = null, string? path = null) =>
        Open<T>(ZarrStore.FromPath(storePath, mode == "r"), mode, shape, chunks, options, path);

    /// <summary>Loads the array at <paramref name="path"/>, or returns null when there is no .zarray (one store read).</summary>
    internal static ZarrArray? TryLoad(ZarrStore store, string path, bool readOnly, ArraySettings settings)
    {
        var key = StoreKey.Join(path, MetadataKeys.Array);
        var bytes = store.Get(key);
        if (bytes is not null) return new ZarrArray(store, path, readOnly, ArrayMetadata.Parse(bytes, key), settings);
        var v3Key = StoreKey.Join(path, V3Document.Key);
        if (store.Get(v3Key) is not { } v3) return null;
        var (nodeType, doc) = V3Document.ParseNode(v3, v3Key);
        return nodeType == "array" ? new ZarrArray(store, path, readOnly, V3Document.ReadArray(doc, v3Key), settings) : null;
    }

    internal static ZarrArray Load(ZarrStore store, string path, bool readOnly, ArraySettings settings) =>
        TryLoad(store, path, readOnly, settings)
        ?? throw (NodeInit.ContainsGroup(store, path) ? new ZarrNodeException(path, "a group exists here, not an array.") : NodeInit.Missing(store, path, "no array found (no .zarray or zarr.json)"));

    /// <summary>Creates an array (zarr-python's <c>zarr.create</c>); with no store it lives in memory.</summary>
    public static ZarrArray<T> Create<T>(long[] shape, int[]? chunks = null, ArrayOptions? options = null, ZarrStore? store = null, string? path = null) =>
        CreateIn<T>(store ?? new KVStore(), StoreKey.NormalizePath(path), shape, chunks, options ?? new ArrayOptions(), (options?.Overwrite) ?? false);

    /// <summary>zarr-python's <c>zeros</c>: fill value 0.</summary>
    public static ZarrArray<T> Zeros<T>(long[] shape, int[]? chunks = null, ArrayOptions? options = null, ZarrStore? store = null, string? path = null)
    {
        options = options?.Clone() ?? new ArrayOptions();
        options.FillValue = 0;
        return Create<T>(shape, chunks, options, store, path);
    }

    /// <summary>zarr-python's <c>ones</c>: fill value 1.</summary>
    public static ZarrArray<T> Ones<T>(long[] shape, int[]? chunks = null, ArrayOptions? options = null, ZarrStore? store = null, string? path = null)
    {
        options = options?.Clone() ?? new ArrayOptions();
        options.FillValue = 1;
        return Create<T>(shape, chunks, options, store, path);
    }

    /// <summary>zarr-python's <c>empty</c>: no fill value (missing chunks read as zeros).</summary>
    public static ZarrArray<T> Empty<T>(long[] shape, int[]? chunks = null, ArrayOptions? options = null, ZarrStore? store = null, string? path = null)
    {
        options = options?.Clone() ?? new ArrayOptions();
        options.FillValue = null;
        return Create<T>(shape, chunks, options, store, path);
    }

    /// <summary>zarr-python's <c>full</c>: the given fill value.</summary>
    public static ZarrArray<T> Full<T>(long[] shape, T fillValue, int[]? chunks = null, ArrayOptions? options = null, ZarrStore? store = null, string? path = null)
    {
        options = options?.Clone() ?? new ArrayOptions();
        options.FillValue = fillValue;
        return Create<T>(shape, chunks, options, store, path);
    }

    /// <summary>zarr-python's <c>zarr.array</c>: a new array holding a copy of <paramref name="data"/>.</summary>
    public static ZarrArray<T> FromArray<T>(NDArray<T> data, int[]? chunks = null, ArrayOptions? options = null, ZarrStore? store = null, string? path = null)
    {
        var z = Create<T>(data.Shape.Select(s => (long)s).ToArray(), chunks, options, store, path);
        z.Set([Selector.Ellipsis], data);
        return z;
    }

    internal static ZarrArray<T> CreateIn<T>(ZarrStore store, string path, long[] shape, int[]? chunks, ArrayOptions options, bool overwrite)
    {
        var meta = BuildMetadata<T>(shape, chunks, options);
        NodeInit.InitArray(store, path, meta, overwrite || options.Overwrite);
        return new ZarrArray<T>(store, path, false, meta, ArraySettings.From(options));
    }

    internal static ArrayMetadata BuildMetadata<T>(long[] shape, int[]? chunks, ArrayOptions options)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Any(s => s < 0)) throw new ArgumentException("Shape dimensions must be non-negative.", nameof(shape));
        var dtype = options.DType is null ? DTypeInference.For<T>() : ZarrDType.Parse(options.DType);
        var filters = options.Filters?.ToList() ?? [];
        if (dtype.Kind == DTypeKind.Object && (filters.Count == 0 || filters[0] is not ObjectCodec))
        {
            var oc = DTypeInference.ObjectCodecFor<T>() ?? throw new ArgumentException($"An object dtype needs an object codec for {typeof(T).Name} elements; pass one as the first filter.");
            filters.Insert(0, oc);
        }
        var chunkShape = ChunkGuess.Normalize(chunks, shape, dtype.ItemSize);
        if (options.Order is not ('C' or 'F')) throw new ArgumentException("Order must be 'C' or 'F'.", nameof(options));
        if (options.DimensionSeparator is { } sep && sep is not ('.' or '/')) throw new ArgumentException("The dimension separator must be '.' or '/'.", nameof(options));
        switch (options.ZarrFormat)
        {
            case null or 2:
                if (options.Shards is not null || options.DimensionNames is not null || options.Compressors is not null || options.ChunkKeyEncoding is not null)
                    throw new ArgumentException("Shards, DimensionNames, Compressors and ChunkKeyEncoding need ZarrFormat = 3.", nameof(options));
                break;
            case 3:
                return V3ArrayBuilder.Build<T>(shape, chunkShape, dtype, filters, options);
            default:
                throw new ArgumentException($"ZarrFormat must be 2 or 3, not {options.ZarrFormat}.", nameof(options));
        }
        // zarr-python stores a 0-d array uncompressed whatever compressor is asked for (storage.py _init_array_metadata).
        var compressor = shape.Length == 0 ? null : options.CompressorIsSet ? options.Compressor : ArrayOptions.DefaultCompressor();
        JsonNode? fill = dtype.Kind == DTypeKind.Object
            ? (options.FillValue is null ? null : FillValueCodec.Normalize(dtype, options.FillValue))
            : options.FillValue is T typed && !IsKnownScalar(typed)
                ? FillValueCodec.ToJson(dtype, ElementConverters.Create<T>(dtype).EncodeOne(typed), false)
                : FillValueCodec.Normalize(dtype, options.FillValue);
        var meta = new ArrayMetadata
        {
            Shape = (long[])shape.Clone(),
            Chunks = chunkShape,
            DType = dtype,
            Compressor = compressor?.GetConfig(),
            Filters = filters.Count == 0 ? null : filters.Select(f => f.GetConfig()).ToArray(),
            FillValue = fill,
            Order = options.Order,
            DimensionSeparator = options.DimensionSeparator,
        };
        // Validate the whole document the way a reader will (sizes, fill value, codecs).
        return ArrayMetadata.FromJson(meta.ToJson(), ".zarray");
    }

    internal static bool IsKnownScalar(object? v) =>
        v is JsonNode or bool or string or byte[] or sbyte or byte or short or ushort or int or uint or long or ulong
            or float or double or decimal or Half or System.Numerics.Complex or Complex64 or DateTime64 or TimeDelta64;
}

/// <summary>Per-handle settings that are not stored in metadata.</summary>
internal sealed record ArraySettings
{
    public ISynchronizer? Synchronizer { get; init; }

    public bool WriteEmptyChunks { get; init; } = true;

    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    public int MaxObjectChunkExpansion { get; init; } = ChunkCodecPipeline<object>.DefaultObjectChunkExpansion;

    public static ArraySettings From(ArrayOptions o) => new()
    {
        Synchronizer = o.Synchronizer,
        WriteEmptyChunks = o.WriteEmptyChunks,
        MaxDegreeOfParallelism = o.MaxDegreeOfParallelism ?? Environment.ProcessorCount,
        MaxObjectChunkExpansion = o.MaxObjectChunkExpansion,
    };
}
