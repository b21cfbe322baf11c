using System.Buffers;
using System.Text.Json.Nodes;
using Zarr.Codecs.Blosc;

namespace Zarr.Codecs;

/// <summary>
/// numcodecs <c>blosc</c>: the c-blosc 1.x container. The buffer is cut into blocks; each block is
/// byte- or bit-shuffled, optionally split into one stream per item byte, and compressed with an
/// inner codec (blosclz, lz4, lz4hc, snappy, zlib or zstd). Frames are byte-compatible with
/// numcodecs 0.11 in both directions, and headers match what it writes for the same settings.
/// </summary>
/// <remarks>
/// The item size handed to <see cref="Encode"/> is Blosc's typesize (numcodecs uses the item size of
/// the buffer it is given; items over 255 bytes count as 1). Large buffers encode and decode their
/// blocks on several threads: see <see cref="Threads"/> and <see cref="ParallelThreshold"/>.
/// </remarks>
public sealed class BloscCodec : BytesCodec, IPartialDecoder
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "blosc";

    /// <summary>
    /// The automatic parallel threshold for encoding, and for decoding zstd and zlib frames: 1 MiB.
    /// </summary>
    public const int SlowCodecParallelThreshold = 1 << 20;

    /// <summary>
    /// The automatic parallel threshold for decoding blosclz, lz4, lz4hc and snappy frames: 16 MiB.
    /// These decode at several GB/s on one thread, so smaller frames lose more to scheduling than
    /// they gain (measured with benchmarks/blosc_compare.sh).
    /// </summary>
    public const int FastCodecParallelThreshold = 16 << 20;

    private readonly BloscCompressorKind _kind;

    /// <summary>zarr-python 2's default compressor: <c>Blosc(cname='lz4', clevel=5, shuffle=SHUFFLE, blocksize=0)</c>.</summary>
    public static BloscCodec Default { get; } = new();

    /// <summary>The inner codec names, as <c>numcodecs.blosc.list_compressors()</c> gives them.</summary>
    public static IReadOnlyList<string> CompressorNames { get; } = Array.AsReadOnly(BloscCompressorKinds.Names);

    /// <summary>Creates the codec with numcodecs' parameters and defaults.</summary>
    /// <param name="cname">Inner codec: <c>blosclz</c>, <c>lz4</c>, <c>lz4hc</c>, <c>snappy</c>, <c>zlib</c> or <c>zstd</c>.</param>
    /// <param name="clevel">Compression level 0–9; 0 stores the data uncompressed.</param>
    /// <param name="shuffle">The shuffle filter.</param>
    /// <param name="blocksize">Block size in bytes, or 0 to let Blosc choose as c-blosc does.</param>
    public BloscCodec(string cname = "lz4", int clevel = 5, BloscShuffle shuffle = BloscShuffle.Shuffle, int blocksize = 0)
    {
        ArgumentNullException.ThrowIfNull(cname);
        if (!BloscCompressorKinds.TryParse(cname, out _kind))
            throw new ArgumentException($"unknown Blosc compressor '{cname}'; expected one of {string.Join(", ", BloscCompressorKinds.Names)}", nameof(cname));
        if (clevel is < 0 or > 9) throw new ArgumentOutOfRangeException(nameof(clevel), clevel, "clevel must be 0..9");
        if (shuffle is < BloscShuffle.AutoShuffle or > BloscShuffle.BitShuffle)
            throw new ArgumentOutOfRangeException(nameof(shuffle), shuffle, "shuffle must be -1 (auto), 0 (none), 1 (byte) or 2 (bit)");
        if (blocksize < 0) throw new ArgumentOutOfRangeException(nameof(blocksize), blocksize, "blocksize must be 0 (automatic) or positive");
        Cname = cname;
        Clevel = clevel;
        Shuffle = shuffle;
        Blocksize = blocksize;
    }

    /// <summary>The inner codec name.</summary>
    public string Cname { get; }

    /// <summary>The compression level 0–9.</summary>
    public int Clevel { get; }

    /// <summary>The shuffle filter.</summary>
    public BloscShuffle Shuffle { get; }

    /// <summary>The requested block size; 0 = automatic.</summary>
    public int Blocksize { get; }

    /// <summary>
    /// Most threads one encode or decode uses: 0 (the default) = one per processor, 1 = always
    /// single-threaded. Block order in the frame never depends on it.
    /// </summary>
    public int Threads { get; init; }

    /// <summary>
    /// Buffers of at least this many bytes (and more than one block) are processed in parallel.
    /// 0 (the default) is automatic: <see cref="SlowCodecParallelThreshold"/> to encode and to decode
    /// zstd or zlib, <see cref="FastCodecParallelThreshold"/> to decode the faster inner codecs.
    /// </summary>
    public int ParallelThreshold { get; init; }

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <summary>Builds the codec from its <c>.zarray</c> JSON; absent parameters take numcodecs' defaults.</summary>
    public static BloscCodec FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var shuffle = CodecConfig.GetInt(config, "shuffle", (int)BloscShuffle.Shuffle);
        if (shuffle is < -1 or > 2) throw new ArgumentException($"parameter 'shuffle' must be -1, 0, 1 or 2, not {shuffle}");
        return new BloscCodec(
            CodecConfig.GetString(config, "cname", "lz4") ?? "lz4",
            CodecConfig.GetInt(config, "clevel", 5),
            (BloscShuffle)shuffle,
            CodecConfig.GetInt(config, "blocksize", 0));
    }

    /// <inheritdoc />
    /// <remarks>No <c>typesize</c>: numcodecs 0.11 rejects keys it does not know.</remarks>
    public override JsonObject GetConfig() => new()
    {
        ["id"] = Id,
        ["cname"] = Cname,
        ["clevel"] = Clevel,
        ["shuffle"] = (int)Shuffle,
        ["blocksize"] = Blocksize,
    };

    /// <inheritdoc />
    public override void Encode(ReadOnlySpan<byte> input, int itemSize, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        // numcodecs picks auto shuffle from the buffer's item size; c-blosc then treats items over 255 bytes as bytes.
        var shuffle = Shuffle == BloscShuffle.AutoShuffle
            ? itemSize == 1 ? BloscShuffle.BitShuffle : BloscShuffle.Shuffle
            : Shuffle;
        var typeSize = itemSize is < 1 or > 255 ? 1 : itemSize;
        var threshold = ParallelThreshold > 0 ? ParallelThreshold : SlowCodecParallelThreshold;
        BloscEncoder.Encode(input, typeSize, new BloscEncoder.Settings(_kind, Clevel, shuffle, Blocksize, Threads, threshold), output);
    }

    /// <summary>Reads the decoded size from a frame's header (checking the header against the frame).</summary>
    public static int GetDecodedLength(ReadOnlySpan<byte> input) => BloscHeader.Read(input).NBytes;

    /// <inheritdoc />
    public override void Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var header = BloscHeader.Read(input);
        if (header.NBytes == 0) return;
        var destination = output.GetSpan(header.NBytes)[..header.NBytes];
        BloscDecoder.Decode(input, header, destination, DecodeThreads(header));
        output.Advance(header.NBytes);
    }

    /// <inheritdoc />
    /// <remarks>The frame must decode to exactly <c>destination.Length</c> bytes.</remarks>
    public override int DecodeInto(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        var header = ReadHeader(input, destination.Length);
        BloscDecoder.Decode(input, header, destination, DecodeThreads(header));
        return header.NBytes;
    }

    /// <summary>
    /// Reads and checks a frame's header, and that it decodes to exactly <paramref name="decodedLength"/>
    /// bytes (the chunk's size): every partial and whole decode starts here, so none of them runs on a
    /// header that disagrees with the array's metadata.
    /// </summary>
    private BloscHeader ReadHeader(ReadOnlySpan<byte> input, int decodedLength)
    {
        var header = BloscHeader.Read(input);
        if (header.NBytes != decodedLength)
            throw Error($"the frame holds {header.NBytes} bytes but the chunk has {decodedLength}");
        return header;
    }

    /// <summary>Decodes only the blocks that hold the bytes [<paramref name="start"/>, <paramref name="end"/>): blocks are compressed independently.</summary>
    public void DecodeRangeInto(ReadOnlySpan<byte> input, Span<byte> destination, int start, int end)
    {
        var header = ReadHeader(input, destination.Length);
        var bytes = Math.Min(end, header.NBytes) - Math.Max(start, 0);
        BloscDecoder.Decode(input, header, destination, DecodeThreads(header, bytes), start, end);
    }

    /// <summary>Gathers single items straight from the shuffled blocks (no unshuffle of whole blocks); false for bit-shuffled frames.</summary>
    public bool TryGatherItems(ReadOnlySpan<byte> input, int decodedLength, int itemSize, ReadOnlySpan<int> items, Span<byte> values)
    {
        var header = ReadHeader(input, decodedLength);
        foreach (var item in items)
        {
            if ((uint)item >= (uint)(header.NBytes / itemSize))
                throw Error($"item {item} is outside the frame's {header.NBytes} bytes");
        }
        return BloscDecoder.TryGatherItems(input, header, itemSize, items, values);
    }

    /// <summary>
    /// Decodes only the blocks the runs touch and unshuffles only their items, straight into
    /// <paramref name="output"/>; false for bit-shuffled frames. Blocks decode in parallel (at most
    /// <paramref name="threads"/> and <see cref="Threads"/>) once there is a mebibyte of them.
    /// </summary>
    public bool TryDecodeRuns(ReadOnlySpan<byte> input, int decodedLength, int itemSize, ReadOnlySpan<ItemRun> runs, Span<byte> output, int threads)
    {
        var header = ReadHeader(input, decodedLength);
        var max = Threads <= 0 ? threads : Math.Min(Threads, threads);
        var threshold = ParallelThreshold > 0 ? ParallelThreshold : RunsParallelThreshold;
        return BloscDecoder.TryDecodeRuns(input, header, itemSize, runs, output, max, threshold);
    }

    /// <summary>
    /// The automatic parallel threshold of <see cref="TryDecodeRuns"/>: 1 MiB of blocks to decode.
    /// </summary>
    public const int RunsParallelThreshold = 1 << 20;

    private int DecodeThreads(BloscHeader header) => DecodeThreads(header, header.NBytes);

    private int DecodeThreads(BloscHeader header, int bytes)
    {
        var threshold = ParallelThreshold;
        if (threshold <= 0)
        {
            BloscCompressorKinds.TryFromFormatCode(header.FormatCode, out var kind);
            threshold = kind is BloscCompressorKind.Zstd or BloscCompressorKind.Zlib ? SlowCodecParallelThreshold : FastCodecParallelThreshold;
        }
        return header.IsMemcpyed || bytes < threshold ? 1 : Threads <= 0 ? Environment.ProcessorCount : Threads;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Blosc(cname={CodecConfig.Repr(Cname)}, clevel={Clevel}, shuffle={ShuffleName(Shuffle)}, blocksize={Blocksize})";

    private static string ShuffleName(BloscShuffle shuffle) => shuffle switch
    {
        BloscShuffle.AutoShuffle => "AUTOSHUFFLE",
        BloscShuffle.NoShuffle => "NOSHUFFLE",
        BloscShuffle.Shuffle => "SHUFFLE",
        _ => "BITSHUFFLE",
    };
}
