using System.Buffers;
using System.Text.Json.Nodes;
using ICSharpCode.SharpZipLib.BZip2;
using SharpCompress.Compressors;
using SharpCompress.Compressors.BZip2;

namespace Zarr.Codecs;

/// <summary>
/// numcodecs <c>bz2</c>: a standard bzip2 stream (<c>BZh</c> + block-size digit), as Python's
/// <c>bz2.compress(data, level)</c> writes it. Concatenated streams are read too, as Python does;
/// a stream cut short is an error.
/// </summary>
public sealed class Bz2Codec : BytesCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "bz2";

    /// <summary>Creates the codec with a compression level (block size in 100 kB) of 1–9.</summary>
    public Bz2Codec(int level = 1)
    {
        if (level is < 1 or > 9) throw new ArgumentOutOfRangeException(nameof(level), level, "bz2 level must be 1..9");
        Level = level;
    }

    /// <summary>Creates the codec from its JSON configuration.</summary>
    public static Bz2Codec FromConfig(JsonObject config) => new(CodecConfig.GetInt(config, "level", 1));

    /// <summary>The compression level.</summary>
    public int Level { get; }

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    public override JsonObject GetConfig() => new() { ["id"] = Id, ["level"] = Level };

    /// <inheritdoc />
    public override void Encode(ReadOnlySpan<byte> input, int itemSize, IBufferWriter<byte> output)
    {
        // SharpZipLib honours the block size (SharpCompress's writer always uses 9), so the header
        // digit matches what Python writes for the same level.
        using var ms = new MemoryStream(input.Length / 2 + 64);
        using (var bz = new BZip2OutputStream(ms, Level) { IsStreamOwner = false })
        {
            bz.Write(input);
        }
        output.Write(ms.GetBuffer().AsSpan(0, (int)ms.Length));
    }

    /// <inheritdoc />
    public override void Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        if (input.Length == 0) throw Error("the stream is empty");
        var src = StreamCodecHelper.OverSpan(input, out var pin, out var rented);
        try
        {
            // SharpCompress reads concatenated streams and reports truncation (SharpZipLib does neither).
            using var bz = BZip2Stream.Create(src, CompressionMode.Decompress, decompressConcatenated: true, leaveOpen: true);
            StreamCodecHelper.Drain(bz, output);
        }
        catch (Exception e) when (e is not ZarrCodecException and not OutOfMemoryException)
        {
            throw Error("invalid bzip2 stream: " + e.Message, e);
        }
        finally { src.Dispose(); pin.Free(); ArrayPool<byte>.Shared.Return(rented); }
    }

    /// <inheritdoc />
    public override string ToString() => $"BZ2(level={Level})";
}
