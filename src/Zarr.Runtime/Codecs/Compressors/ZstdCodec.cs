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
    public ZstdCodec(int level = 1, bool checksum = false)
    {
        if (level is < -131072 or > 22) throw new ArgumentOutOfRangeException(nameof(level), level, "zstd level must be -131072..22");
        Level = level;
        Checksum = checksum;
    }

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

    /// <inheritdoc />
    public override void Encode(ReadOnlySpan<byte> input, int itemSize, IBufferWriter<byte> output)
    {
        using var c = new Compressor(Level == 0 ? 3 : Level);
        if (Checksum) c.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
        var bound = Compressor.GetCompressBound(input.Length);
        var span = output.GetSpan(bound);
        var n = c.Wrap(input, span);
        output.Advance(n);
    }

    /// <inheritdoc />
    public override void Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        try
        {
            // Streaming decode: the output grows with the real data, never by an untrusted header size,
            // and frames without a content size (tensorstore, cramjam) decode too.
            using var d = new Decompressor();
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

    /// <inheritdoc />
    public override int DecodeInto(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        try
        {
            using var d = new Decompressor();
            return d.Unwrap(input, destination);
        }
        catch (ZstdException e) { throw Error("invalid zstd stream or wrong size: " + e.Message, e); }
    }

    /// <inheritdoc />
    public override string ToString() => $"Zstd(level={Level})";
}
