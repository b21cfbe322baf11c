using System.Buffers;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Zarr.Codecs;

/// <summary>numcodecs <c>zlib</c>: an RFC 1950 zlib stream (header, deflate data, Adler-32).</summary>
public sealed class ZlibCodec : BytesCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "zlib";

    /// <summary>Creates the codec with a compression level 0–9.</summary>
    public ZlibCodec(int level = 1)
    {
        if (level is < 0 or > 9) throw new ArgumentOutOfRangeException(nameof(level), level, "zlib level must be 0..9");
        Level = level;
    }

    /// <summary>The compression level.</summary>
    public int Level { get; }

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    public override JsonObject GetConfig() => new() { ["id"] = Id, ["level"] = Level };

    /// <inheritdoc />
    public override void Encode(ReadOnlySpan<byte> input, int itemSize, IBufferWriter<byte> output)
    {
        using var ms = new MemoryStream(input.Length / 2 + 64);
        using (var z = new ZLibStream(ms, new ZLibCompressionOptions { CompressionLevel = Level }, leaveOpen: true))
        {
            z.Write(input);
        }
        output.Write(ms.GetBuffer().AsSpan(0, (int)ms.Length));
    }

    /// <inheritdoc />
    public override void Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        var src = StreamCodecHelper.OverSpan(input, out var pin, out var rented);
        try
        {
            using var z = new ZLibStream(src, CompressionMode.Decompress);
            StreamCodecHelper.Drain(z, output);
        }
        catch (InvalidDataException e) { throw Error("invalid zlib stream: " + e.Message, e); }
        finally { src.Dispose(); pin.Free(); ArrayPool<byte>.Shared.Return(rented); }
    }

    /// <inheritdoc />
    public override int DecodeInto(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        var src = StreamCodecHelper.OverSpan(input, out var pin, out var rented);
        try
        {
            using var z = new ZLibStream(src, CompressionMode.Decompress);
            return StreamCodecHelper.DrainInto(z, destination, m => Error(m));
        }
        catch (InvalidDataException e) { throw Error("invalid zlib stream: " + e.Message, e); }
        finally { src.Dispose(); pin.Free(); ArrayPool<byte>.Shared.Return(rented); }
    }

    /// <summary>Inflates only up to <paramref name="end"/> (a deflate stream cannot skip ahead, but it can stop early); the Adler-32 trailer is not checked then.</summary>
    public override void DecodeRangeInto(ReadOnlySpan<byte> input, Span<byte> destination, int start, int end)
    {
        if (end >= destination.Length)
        {
            base.DecodeRangeInto(input, destination, start, end);
            return;
        }
        var src = StreamCodecHelper.OverSpan(input, out var pin, out var rented);
        try
        {
            using var z = new ZLibStream(src, CompressionMode.Decompress);
            StreamCodecHelper.DrainPrefix(z, destination, end, m => Error(m));
        }
        catch (InvalidDataException e) { throw Error("invalid zlib stream: " + e.Message, e); }
        finally { src.Dispose(); pin.Free(); ArrayPool<byte>.Shared.Return(rented); }
    }

    /// <inheritdoc />
    public override string ToString() => $"Zlib(level={Level})";
}
