using System.Buffers;
using System.Text.Json.Nodes;

namespace Zarr.Codecs;

/// <summary>
/// numcodecs <c>pickle</c>: an object-array chunk as <c>pickle.dumps(chunk, protocol)</c> of the NumPy
/// array, read and written here without Python (<see cref="PickleReader"/>, <see cref="PickleWriter"/>).
/// Items are strings (T = string) or Python values (T = object: None, bool, int, float, str, bytes,
/// and lists, tuples and dicts of them). Reading never runs code or constructs a type: any global but
/// NumPy's array reconstruction is refused with a <see cref="ZarrCodecException"/>.
/// </summary>
public sealed class PickleCodec : ObjectCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "pickle";

    /// <summary>numcodecs' default protocol, <c>pickle.HIGHEST_PROTOCOL</c> on Python 3.8 and later.</summary>
    public const int DefaultProtocol = 5;

    private readonly bool _fortran;

    /// <summary>Creates the codec for a pickle protocol from 0 to 5 (a negative one means the highest, as in Python).</summary>
    public PickleCodec(int protocol = DefaultProtocol) : this(protocol, fortran: false) { }

    private PickleCodec(int protocol, bool fortran)
    {
        if (protocol > 5) throw new ArgumentException($"pickle protocol {protocol} is not supported (0 to 5)", nameof(protocol));
        Protocol = protocol;
        _fortran = fortran;
    }

    /// <summary>Creates the codec from its JSON configuration.</summary>
    public static PickleCodec FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new PickleCodec(CodecConfig.GetInt(config, "protocol", DefaultProtocol));
    }

    /// <summary>The pickle protocol as configured.</summary>
    public int Protocol { get; }

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    public override bool EncodesLogicalOrder => true;

    /// <inheritdoc />
    public override JsonObject GetConfig() => new() { ["id"] = Id, ["protocol"] = Protocol };

    /// <summary>
    /// The codec for chunks in <paramref name="order"/>: NumPy records whether the pickled array is
    /// Fortran-ordered (its items are listed in C order either way).
    /// </summary>
    public override ObjectCodec ForLayout(char order) => order == 'F' ? new PickleCodec(Protocol, fortran: true) : this;

    /// <inheritdoc />
    public override bool Supports<T>() => ObjectListFormat.Supports<T>();

    /// <inheritdoc />
    public override void Encode<T>(ReadOnlySpan<T> items, IBufferWriter<byte> output) => Encode(items, [items.Length], output);

    /// <inheritdoc />
    public override void Encode<T>(ReadOnlySpan<T> items, ReadOnlySpan<int> chunkShape, IBufferWriter<byte> output)
    {
        ObjectListFormat.Require<T>(Id);
        ArgumentNullException.ThrowIfNull(output);
        long n = 1;
        foreach (var d in chunkShape) n *= d;
        if (n != items.Length) throw new ZarrCodecException(Id, null, $"{items.Length} items do not fill a chunk of shape ({string.Join(", ", chunkShape.ToArray())})");
        // numpy's ISFORTRAN: Fortran-contiguous and not also C-contiguous (more than one dimension longer than 1).
        var fortran = _fortran && chunkShape.ToArray().Count(d => d > 1) > 1;
        var protocol = Protocol < 0 ? DefaultProtocol : Protocol;
        output.Write(PickleWriter.Write(items, chunkShape.ToArray(), fortran, protocol, Id));
    }

    /// <inheritdoc />
    public override void Decode<T>(ReadOnlySpan<byte> input, Span<T> items) => Decode(input, ReadOnlySpan<int>.Empty, items);

    /// <inheritdoc />
    public override void Decode<T>(ReadOnlySpan<byte> input, ReadOnlySpan<int> chunkShape, Span<T> items)
    {
        ObjectListFormat.Require<T>(Id);
        var limit = Math.Max(ChunkCodecPipeline<object>.MinObjectChunkLimit, (long)input.Length * ChunkCodecPipeline<object>.DefaultObjectChunkExpansion);
        var (shape, fortran, decoded) = PickleReader.Read(input, Id, limit);
        if (decoded.Count != items.Length)
        {
            var chunkText = chunkShape.Length == 0 ? "" : $" (the chunk shape is ({string.Join(", ", chunkShape.ToArray())}))";
            throw new ZarrCodecException(Id, null, $"the pickled array of shape ({string.Join(", ", shape)}) holds {decoded.Count} items, not the chunk's {items.Length}{chunkText}");
        }
        // The list is in C order; zarr-python flattens the unpickled array in its own memory order
        // (reshape(-1, order='A')) before laying it out as the chunk, so a Fortran array's items go F-first.
        var order = fortran && shape.Length > 1 ? FortranOrder(shape) : null;
        for (var i = 0; i < items.Length; i++) items[i] = ObjectListFormat.ToItem<T>(Id, decoded[order is null ? i : order[i]], i);
    }

    // For each position of the F-order flattening, the C-order index of the item there.
    private static int[] FortranOrder(long[] shape)
    {
        var count = (int)shape.Aggregate(1L, (a, b) => a * b);
        var result = new int[count];
        var index = new long[shape.Length];
        for (var f = 0; f < count; f++)
        {
            long c = 0;
            for (var d = 0; d < shape.Length; d++) c = c * shape[d] + index[d];
            result[f] = (int)c;
            for (var d = 0; d < shape.Length && ++index[d] == shape[d]; d++) index[d] = 0;
        }
        return result;
    }

    /// <inheritdoc />
    public override T EmptyValue<T>()
    {
        ObjectListFormat.Require<T>(Id);
        return typeof(T) == typeof(string) ? (T)(object)"" : default!;
    }

    /// <inheritdoc />
    /// <remarks>For T = object the fill itself (zarr-python pads new chunks with it, 0 by default).</remarks>
    public override T FillValue<T>(JsonNode? fill) =>
        typeof(T) == typeof(object) ? (T)ObjectListFormat.FillScalar(fill)! : EmptyValue<T>();

    /// <inheritdoc />
    public override string ToString() => $"Pickle(protocol={Protocol})";
}
