using System.Buffers;
using System.Text.Json.Nodes;
using ZstdSharp;

namespace Zarr.Codecs;

/// <summary>numcodecs <c>zstd</c>: one Zstandard frame, written with its content size.</summary>
public sealed class ZstdCodec : BytesCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "zstd";

    /// <summary>Creates the codec. Level 0 means zstd's default (3).</summary>
    public ZstdCodec(int level = 1, bool checksum = false, CodecBackend backend = CodecBackend.Default)
    {
        Backend = backend;
        if (level is < -131072 or > 22) throw new ArgumentOutOfRangeException(nameof(level), level, "zstd level must be -131072..22");
        Level = level;
        Checksum = checksum;
    }

    /// <summary>libzstd or the managed ZstdSharp code; not part of the stored configuration.</summary>
    public CodecBackend Backend { get; }

    /// <summary>The compression level.</summary>
    public int Level { get; }

    /// <summary>Whether frames carry a content checksum (numcodecs ≥ 0.13 writes this parameter).</summary>
    public bool Checksum { get; }

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    public override JsonObject GetConfig()
    {
        var o = new JsonObject { ["id"] = Id, ["level"] = Level };
        if (Checksum) o["checksum"] = true; // numcodecs 0.11 (zarr 2.13) rejects unknown keys: write it only when set
        return o;
    }

    // Compression and decompression contexts hold megabytes of tables: build one per thread and level, not per chunk.
    [ThreadStatic] private static Compressor? t_compressor;
    [ThreadStatic] private static int t_compressorLevel;
    [ThreadStatic] private static bool t_compressorChecksum;
    [ThreadStatic] private static Decompressor? t_decompressor;

    private Compressor RentCompressor()
    {
        var level = Level == 0 ? 3 : Level;
        if (t_compressor is null || t_compressorLevel != level || t_compressorChecksum != Checksum)
        {
            t_compressor?.Dispose();
            t_compressor = new Compressor(level);
            if (Checksum) t_compressor.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
            t_compressorLevel = level;
            t_compressorChecksum = Checksum;
        }
        return t_compressor;
    }

    private static Decompressor RentDecompressor() => t_decompressor ??= new Decompressor();

    /// <inheritdoc />
    public override void Encode(ReadOnlySpan<byte> input, int itemSize, IBufferWriter<byte> output)
    {
        if (NativeZstd.Uses(Backend))
        {
            var span0 = output.GetSpan(NativeZstd.CompressBound(input.Length));
            output.Advance(NativeZstd.Compress(input, span0, Level == 0 ? 3 : Level, Checksum));
            return;
        }
        var c = RentCompressor();
        var bound = Compressor.GetCompressBound(input.Length);
        var span = output.GetSpan(bound);
        var n = c.Wrap(input, span);
        output.Advance(n);
    }

    /// <inheritdoc />
    public override void Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        var size = CheckFrames(input, out var maxDecoded);
        if (size != ZstdFrameRules.UnknownSize)
        {
            // Frames that state their sizes (numcodecs always writes it) decode in one call of the same
            // decoder as DecodeInto, on either backend, so every read path judges a corrupt frame alike;
            // the bounded output refuses a stated size beyond the chunk before allocating it.
            if (size > (ulong)Array.MaxLength) throw Error($"the frames state {size} bytes, more than an array holds");
            var span = output.GetSpan(Math.Max(1, (int)size))[..(int)size];
            var n = DecompressFrames(input, span, maxDecoded);
            if ((ulong)n != size) throw Error($"the frames decoded to {n} bytes, not the {size} their headers state");
            output.Advance(n);
            return;
        }
        try
        {
            // Streaming decode: the output grows with the real data, never by an untrusted header size,
            // and frames without a content size (tensorstore, cramjam) decode too. Both backends stream
            // through ZstdSharp here.
            var src = StreamCodecHelper.OverSpan(input, out var pin, out var rented);
            try
            {
                using var z = new DecompressionStream(src);
                StreamCodecHelper.Drain(z, output);
            }
            finally { src.Dispose(); pin.Free(); ArrayPool<byte>.Shared.Return(rented); }
        }
        catch (ZstdException e) { throw Error("invalid zstd stream: " + e.Message, e); }
        catch (IOException e) { throw Error("invalid zstd stream: " + e.Message, e); }
    }

    /// <summary>
    /// Refuses input whose frame structure RFC 8878 forbids (<see cref="ZstdFrameRules"/>), before
    /// either decoder sees it; returns the frames' total content size or <see cref="ZstdFrameRules.UnknownSize"/>.
    /// </summary>
    private ulong CheckFrames(ReadOnlySpan<byte> input, out ulong maxDecoded)
    {
        var broken = ZstdFrameRules.Check(input, out var size, out maxDecoded);
        if (broken is not null) throw Error("invalid zstd frame: " + broken);
        return size;
    }

    private int DecompressFrames(ReadOnlySpan<byte> input, Span<byte> destination, ulong maxDecoded)
    {
        int n;
        try
        {
            n = NativeZstd.Uses(Backend) ? NativeZstd.Decompress(input, destination) : RentDecompressor().Unwrap(input, destination);
        }
        catch (ZstdException e) { throw Error("invalid zstd stream or wrong size: " + e.Message, e); }
        catch (InvalidDataException e) { throw Error("invalid zstd stream or wrong size: " + e.Message, e); }
        // ZstdSharp refuses a compressed block that decodes beyond Block_Maximum_Size; libzstd 1.5.4 does not.
        if ((ulong)n > maxDecoded) throw Error("invalid zstd frame: a block decoded to more than Block_Maximum_Size");
        return n;
    }

    /// <inheritdoc />
    public override int DecodeInto(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        CheckFrames(input, out var maxDecoded);
        return DecompressFrames(input, destination, maxDecoded);
    }

    /// <inheritdoc />
    public override string ToString() => $"Zstd(level={Level})";
}
