using System.Buffers.Binary;
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
        // A frame that states its size (numcodecs always writes it) decodes in one call of the same
        // decoder as DecodeInto, so whole-chunk reads and filtered or object reads judge a corrupt frame
        // alike; the bounded output refuses a stated size beyond the chunk before allocating it.
        if (NativeZstd.Uses(Backend) && TryReadContentSize(input, out var size) && size <= (ulong)Array.MaxLength)
        {
            var span = output.GetSpan(Math.Max(1, (int)size))[..(int)size];
            int n;
            try { n = NativeZstd.Decompress(input, span); }
            catch (InvalidDataException e) { throw Error("invalid zstd stream or wrong size: " + e.Message, e); }
            if ((ulong)n != size) throw Error($"the frame decoded to {n} bytes, not the {size} its header states");
            output.Advance(n);
            return;
        }
        try
        {
            // Streaming decode: the output grows with the real data, never by an untrusted header size,
            // and frames without a content size (tensorstore, cramjam) decode too.
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
    /// Reads Frame_Content_Size from a zstd frame header (RFC 8878 §3.1.1.1); false when the input is
    /// not a zstd frame or the frame does not state its size.
    /// </summary>
    internal static bool TryReadContentSize(ReadOnlySpan<byte> frame, out ulong size)
    {
        size = 0;
        if (frame.Length < 5 || BinaryPrimitives.ReadUInt32LittleEndian(frame) != 0xFD2FB528) return false;
        var descriptor = frame[4];
        var fcsFlag = descriptor >> 6;
        var singleSegment = (descriptor & 0x20) != 0;
        var fcsBytes = fcsFlag switch { 0 => singleSegment ? 1 : 0, 1 => 2, 2 => 4, _ => 8 };
        if (fcsBytes == 0) return false;
        var position = 5 + (singleSegment ? 0 : 1) + (descriptor & 3) switch { 0 => 0, 1 => 1, 2 => 2, _ => 4 };
        if (frame.Length < position + fcsBytes) return false;
        var field = frame.Slice(position, fcsBytes);
        size = fcsBytes switch
        {
            1 => field[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(field) + 256u,
            4 => BinaryPrimitives.ReadUInt32LittleEndian(field),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(field),
        };
        return true;
    }

    /// <inheritdoc />
    public override int DecodeInto(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        try
        {
            if (NativeZstd.Uses(Backend)) return NativeZstd.Decompress(input, destination);
            return RentDecompressor().Unwrap(input, destination);
        }
        catch (ZstdException e) { throw Error("invalid zstd stream or wrong size: " + e.Message, e); }
        catch (InvalidDataException e) { throw Error("invalid zstd stream or wrong size: " + e.Message, e); }
    }

    /// <inheritdoc />
    public override string ToString() => $"Zstd(level={Level})";
}
