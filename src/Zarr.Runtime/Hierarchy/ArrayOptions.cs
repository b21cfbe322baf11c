using System.Text.Json.Nodes;
using Zarr.Codecs;
using Zarr.Synchronization;

namespace Zarr;

/// <summary>
/// The keyword arguments of zarr-python's array creation functions. Anything left unset takes
/// zarr-python 2.13's default: Blosc(lz4, 5, SHUFFLE) compression, fill value 0, C order,
/// '.' key separator, and empty chunks written.
/// </summary>
public sealed class ArrayOptions
{
    private BytesCodec? _compressor;
    private object? _fillValue = 0;

    /// <summary>The dtype as a NumPy typestr (<c>&lt;i4</c>, <c>|S5</c>, <c>&lt;M8[ns]</c>); by default inferred from the element type.</summary>
    public string? DType { get; set; }

    /// <summary>The compressor; set null for none. Unset means zarr-python's default (Blosc lz4, level 5, byte shuffle).</summary>
    public BytesCodec? Compressor
    {
        get => _compressor;
        set
        {
            _compressor = value;
            CompressorIsSet = true;
        }
    }

    /// <summary>True once <see cref="Compressor"/> has been assigned (even to null).</summary>
    public bool CompressorIsSet { get; private set; }

    /// <summary>Filters applied before the compressor (for object arrays, the object codec comes first).</summary>
    public IReadOnlyList<IZarrCodec>? Filters { get; set; }

    /// <summary>The fill value (0 unless set; null for none). Numbers, bools, strings, byte arrays, complex values or a JsonNode.</summary>
    public object? FillValue
    {
        get => _fillValue;
        set => _fillValue = value;
    }

    /// <summary>'C' or 'F': the element layout inside each chunk.</summary>
    public char Order { get; set; } = 'C';

    /// <summary>'.' or '/': the chunk key separator; null writes no <c>dimension_separator</c> (zarr-python's default).</summary>
    public char? DimensionSeparator { get; set; }

    /// <summary>
    /// The format of the new array: 2 (<c>.zarray</c>) or 3 (<c>zarr.json</c>), zarr-python 3's
    /// <c>zarr_format</c>. Unset: the format of the group it is created in, and 2 at the root of a store.
    /// </summary>
    public int? ZarrFormat { get; set; }

    /// <summary>
    /// Zarr v3 only: the shard shape (zarr-python 3's <c>shards=</c>). Each stored object then holds a
    /// shard of this shape made of inner chunks of the chunk shape (the <c>sharding_indexed</c> codec);
    /// every shard dimension must be a multiple of the chunk dimension. Null: no sharding.
    /// </summary>
    public int[]? Shards { get; set; }

    /// <summary>
    /// Zarr v3 only: the bytes→bytes codecs after serialisation, in encode order (zarr-python 3's
    /// <c>compressors=</c>, e.g. Blosc then Crc32c). When set it replaces <see cref="Compressor"/>;
    /// an empty list stores the serialised bytes as they are.
    /// </summary>
    public IReadOnlyList<BytesCodec>? Compressors { get; set; }

    /// <summary>
    /// Zarr v3 only: the chunk key encoding, <c>"default"</c> (keys <c>c/0/1</c>, or <c>c.0.1</c> with
    /// <see cref="DimensionSeparator"/> '.') or <c>"v2"</c> (keys <c>0.1</c>, or <c>0/1</c> with '/').
    /// Null: <c>"default"</c>.
    /// </summary>
    public string? ChunkKeyEncoding { get; set; }

    /// <summary>Zarr v3 only: a name per dimension (<c>dimension_names</c>); null entries leave a dimension unnamed.</summary>
    public IReadOnlyList<string?>? DimensionNames { get; set; }

    /// <summary>When false, chunks that hold only the fill value are deleted instead of written.</summary>
    public bool WriteEmptyChunks { get; set; } = true;

    /// <summary>Replace whatever exists at the path.</summary>
    public bool Overwrite { get; set; }

    /// <summary>Chunk-level locking for concurrent writers.</summary>
    public ISynchronizer? Synchronizer { get; set; }

    /// <summary>How many chunks one read or write processes at once (default: the machine's cores).</summary>
    public int? MaxDegreeOfParallelism { get; set; }

    /// <summary>
    /// For object (<c>|O</c>) arrays, whose decoded chunk size the metadata cannot tell: how many times
    /// its stored size a chunk may decode to (never less than 16 MiB) before the read fails as a
    /// decompression bomb. Default 1024; chunks of fixed-size items are always bounded by their shape.
    /// </summary>
    public int MaxObjectChunkExpansion { get; set; } = ChunkCodecPipeline<object>.DefaultObjectChunkExpansion;

    /// <summary>zarr-python's default compressor: Blosc(lz4, 5, SHUFFLE) when Blosc is available, else Zlib(level=1).</summary>
    public static BytesCodec DefaultCompressor()
    {
        var registry = CodecRegistry.Default;
        if (registry.IsRegistered("blosc"))
        {
            var config = new JsonObject { ["id"] = "blosc", ["cname"] = "lz4", ["clevel"] = 5, ["shuffle"] = 1, ["blocksize"] = 0 };
            return (BytesCodec)registry.Create(config, "<default compressor>");
        }
        return new ZlibCodec(1);
    }

    internal ArrayOptions Clone() => (ArrayOptions)MemberwiseClone();
}
