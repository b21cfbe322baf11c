using System.Text.Json.Nodes;
using Zarr.DataTypes;
using Zarr.Metadata;
using Zarr.Stores;

namespace Zarr.Cli.Copying;

/// <summary>What to change while copying; anything unset keeps the source's value.</summary>
internal sealed class CopySettings
{
    /// <summary>True when <see cref="Compressor"/> replaces every array's compressor (null = none).</summary>
    public bool ReplaceCompressor { get; init; }

    /// <summary>The new compressor configuration (when <see cref="ReplaceCompressor"/>).</summary>
    public JsonObject? Compressor { get; init; }

    /// <summary>The new chunk shapes, or null to keep each array's.</summary>
    public ChunkSpec? Chunks { get; init; }

    /// <summary>The format every copied node gets (2 or 3), or null to keep each node's.</summary>
    public int? Format { get; init; }

    /// <summary>The shard shape for every array (zarr v3), or null to keep each array's.</summary>
    public ChunkSpec? Shards { get; init; }

    /// <summary>How many chunks are copied at once.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>Progress of a copy: called from worker threads.</summary>
internal interface ICopyProgress
{
    /// <summary>The copy of one array begins.</summary>
    void ArrayStarted(string name, long chunks);

    /// <summary>One destination chunk is done (written, or skipped because the source had no data there).</summary>
    void ChunkDone(long bytes);
}

/// <summary>One array to copy: its source and the metadata it gets at the destination.</summary>
internal sealed record ArrayCopy(ZarrArray Source, string DestPath, ArrayMetadata DestMetadata)
{
    /// <summary>Chunks in the destination grid.</summary>
    public long Chunks => DestMetadata.Rank == 0 ? 1 : DestMetadata.Shape.Select((s, d) => (s + DestMetadata.Chunks[d] - 1) / DestMetadata.Chunks[d]).Aggregate(1L, (a, b) => a * b);

    /// <summary>Bytes of data (product of the shape × item size).</summary>
    public long Bytes => DestMetadata.Shape.Aggregate(1L, (a, b) => a * b) * DestMetadata.DType.ItemSize;
}

/// <summary>
/// Copies a group with everything under it, or one array, between stores (zarr-python's
/// <c>copy_all</c>/<c>copy</c>): groups with their attributes, arrays with their dtype, shape, chunks,
/// order, fill value, filters, compressor, key separator and attributes unless <see cref="CopySettings"/>
/// overrides them. Data goes through the library chunk by chunk: each destination chunk is read from
/// the source and written, so memory holds a few chunks, never a whole array. Destination chunks whose
/// source chunks are all missing are left missing, as <c>copy_store</c> leaves them.
/// </summary>
internal sealed class HierarchyCopier
{
    private readonly ZarrStore _destination;
    private readonly CopySettings _settings;

    /// <summary>Creates a copier writing into <paramref name="destination"/>.</summary>
    public HierarchyCopier(ZarrStore destination, CopySettings settings)
    {
        _destination = destination;
        _settings = settings;
    }

    /// <summary>The groups (source, destination path) to create, in creation order.</summary>
    public List<(ZarrGroup Source, string DestPath)> Groups { get; } = [];

    /// <summary>The arrays to copy.</summary>
    public List<ArrayCopy> Arrays { get; } = [];

    /// <summary>Total destination chunks.</summary>
    public long TotalChunks => Arrays.Sum(a => a.Chunks);

    /// <summary>Total bytes of data.</summary>
    public long TotalBytes => Arrays.Sum(a => a.Bytes);

    /// <summary>Collects everything under <paramref name="source"/>, to be written at <paramref name="destPath"/>; validates every new .zarray before anything is written.</summary>
    public void Plan(ZarrNode source, string destPath)
    {
        switch (source)
        {
            case ZarrArray a:
                Arrays.Add(new ArrayCopy(a, destPath, DestMetadata(a, destPath)));
                break;
            case ZarrGroup g:
                Groups.Add((g, destPath));
                foreach (var (name, child) in g.Members()) Plan(child, Join(destPath, name));
                break;
        }
    }

    private ArrayMetadata DestMetadata(ZarrArray a, string destPath)
    {
        var meta = a.Metadata;
        if (_settings.Format is not null || _settings.Shards is not null || meta.ZarrFormat == 3)
        {
            // Re-described through the format-independent parts (v2 ↔ v3, into or out of shards); a v3
            // array copied as it is keeps its zarr.json (codecs, sharding, chunk key encoding, dimension names).
            var format = _settings.Format ?? meta.ZarrFormat;
            if (format == meta.ZarrFormat && meta.ZarrFormat == 3 && _settings.Chunks is null && _settings.Shards is null && !_settings.ReplaceCompressor) return meta;
            try
            {
                var compressors = !_settings.ReplaceCompressor ? null
                    : _settings.Compressor is null ? Array.Empty<Codecs.BytesCodec>()
                    : [(Codecs.BytesCodec)Codecs.CodecRegistry.Default.Create(_settings.Compressor, a.Name)];
                var newChunks = _settings.Chunks?.For(meta.Shape, a.Name);
                int[]? shards = null;
                if (_settings.Shards?.For(meta.Shape, a.Name) is { } wanted)
                {
                    // A shard holds whole inner chunks: each dimension is rounded up to a multiple of the chunk.
                    var inner = newChunks ?? a.Chunks;
                    shards = wanted.Select((s, d) => (int)Math.Min(int.MaxValue, (s + inner[d] - 1L) / inner[d] * inner[d])).ToArray();
                }
                return ArrayConversion.Convert(meta, format, newChunks, shards, compressors);
            }
            catch (Exception e) when (e is ArgumentException or ZarrException)
            {
                throw new CliException($"cannot copy '{a.Name}': {e.Message}", e);
            }
        }
        if (_settings.Chunks is { } chunks) meta = meta with { Chunks = chunks.For(meta.Shape, a.Name) };
        if (_settings.ReplaceCompressor) meta = meta with { Compressor = (JsonObject?)_settings.Compressor?.DeepClone() };
        var key = Join(destPath, ".zarray");
        try
        {
            // Validate the document (and that every codec can be built) the way a reader will.
            var checkedMeta = ArrayMetadata.FromJson(meta.ToJson(), key);
            if (checkedMeta.Compressor is { } c) Codecs.CodecRegistry.Default.Create(c, key);
            return checkedMeta;
        }
        catch (ZarrException e)
        {
            throw new CliException($"cannot copy '{a.Name}': {e.Message}", e);
        }
    }

    /// <summary>Writes the planned groups and arrays.</summary>
    public void Run(ICopyProgress? progress)
    {
        foreach (var (group, path) in Groups)
        {
            var dest = ZarrGroup.Create(_destination, path: path, zarrFormat: _settings.Format ?? group.ZarrFormat);
            CopyAttributes(group, dest.Store, path);
        }
        foreach (var copy in Arrays)
        {
            var parent = copy.DestPath.Contains('/') ? copy.DestPath[..copy.DestPath.LastIndexOf('/')] : "";
            if (copy.DestPath.Length > 0) ZarrGroup.Create(_destination, path: parent, zarrFormat: copy.DestMetadata.ZarrFormat);
            _destination.Set(Join(copy.DestPath, copy.DestMetadata.ZarrFormat == 3 ? "zarr.json" : ".zarray"), copy.DestMetadata.ToBytes());
            CopyAttributes(copy.Source, _destination, copy.DestPath);
            var dest = ZarrArray.Open(_destination, "r+", copy.DestPath);
            progress?.ArrayStarted(copy.Source.Name, copy.Chunks);
            copy.Source.Accept(new ChunkCopier(dest, _settings.MaxDegreeOfParallelism, progress));
        }
    }

    // Attributes are copied only when the source has a .zattrs, so an absent document stays absent.
    private static void CopyAttributes(ZarrNode source, ZarrStore destination, string destPath)
    {
        if (!source.Store.Contains(source.Attrs.Key)) return;
        var dest = (ZarrNode)(source is ZarrArray ? ZarrArray.Open(destination, "r+", destPath) : ZarrGroup.Open(destination, "r+", destPath));
        dest.Attrs.Put(source.Attrs.AsJsonObject());
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a + "/" + b;

    /// <summary>Copies the chunks of one array once its element type is known.</summary>
    private sealed class ChunkCopier(ZarrArray destination, int parallelism, ICopyProgress? progress) : IZarrArrayVisitor<bool>
    {
        public bool Visit<T>(ZarrArray<T> source)
        {
            var dest = destination.As<T>();
            var shape = source.Shape;
            var itemSize = (long)source.DType.ItemSize;
            if (shape.Length == 0)
            {
                if (source.Store.Contains(source.ChunkKey([]))) dest.Set([Selector.Ellipsis], source.Get(Selector.Ellipsis));
                progress?.ChunkDone(itemSize);
                return true;
            }
            var destChunks = dest.Metadata.Chunks;
            var srcChunks = source.Metadata.Chunks;
            var grid = dest.CDataShape;
            var total = grid.Aggregate(1L, (a, b) => a * b);
            if (total == 0) return true;
            var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) };
            Parallel.For(0L, total, options, linear =>
            {
                var lo = new long[shape.Length];
                var hi = new long[shape.Length];
                var rest = linear;
                for (var d = shape.Length - 1; d >= 0; d--)
                {
                    var c = rest % grid[d];
                    rest /= grid[d];
                    lo[d] = c * destChunks[d];
                    hi[d] = Math.Min(lo[d] + destChunks[d], shape[d]);
                }
                long elements = 1;
                for (var d = 0; d < shape.Length; d++) elements *= hi[d] - lo[d];
                if (AnySourceChunk(source, srcChunks, lo, hi))
                {
                    var selection = new Selector[shape.Length];
                    for (var d = 0; d < shape.Length; d++) selection[d] = Selector.Slice(lo[d], hi[d]);
                    dest.Set(selection, source.Get(selection));
                }
                progress?.ChunkDone(elements * itemSize);
            });
            return true;
        }

        // True when any source chunk overlapping [lo, hi) is stored.
        private static bool AnySourceChunk(ZarrArray source, int[] srcChunks, long[] lo, long[] hi)
        {
            var n = lo.Length;
            var first = new long[n];
            var last = new long[n];
            for (var d = 0; d < n; d++)
            {
                first[d] = lo[d] / srcChunks[d];
                last[d] = (hi[d] - 1) / srcChunks[d];
            }
            var coords = (long[])first.Clone();
            while (true)
            {
                if (source.Store.Contains(source.ChunkKey(coords))) return true;
                var k = n - 1;
                while (k >= 0)
                {
                    if (++coords[k] <= last[k]) break;
                    coords[k] = first[k];
                    k--;
                }
                if (k < 0) return false;
            }
        }
    }
}
