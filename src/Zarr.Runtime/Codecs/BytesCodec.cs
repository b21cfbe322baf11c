using System.Buffers;
using System.Text.Json.Nodes;
using Zarr.Internal;

namespace Zarr.Codecs;

/// <summary>
/// A bytes→bytes stage of the codec pipeline: every v2 compressor, and the numcodecs filters that
/// work on a buffer whose element type their own configuration names (delta, shuffle, checksums…).
/// </summary>
public abstract class BytesCodec : IZarrCodec
{
    /// <inheritdoc />
    public abstract string Id { get; }

    /// <inheritdoc />
    public abstract JsonObject GetConfig();

    /// <summary>Encodes <paramref name="input"/>, whose items are <paramref name="itemSize"/> bytes, appending to <paramref name="output"/>.</summary>
    public abstract void Encode(ReadOnlySpan<byte> input, int itemSize, IBufferWriter<byte> output);

    /// <summary>Decodes <paramref name="input"/>, appending to <paramref name="output"/>. Throws <see cref="ZarrCodecException"/> on bad input.</summary>
    public abstract void Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> output);

    /// <summary>
    /// Decodes into <paramref name="destination"/>, whose length is the expected decoded size; returns the
    /// bytes written. Codecs that know their output size override this to decode without a copy.
    /// </summary>
    public virtual int DecodeInto(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        using var writer = new PooledBufferWriter(destination.Length + 16, destination.Length + 16, Id);
        Decode(input, writer);
        if (writer.WrittenCount > destination.Length)
            throw Error($"decoded {writer.WrittenCount} bytes, more than the expected {destination.Length}");
        writer.WrittenSpan.CopyTo(destination);
        return writer.WrittenCount;
    }

    /// <summary>
    /// The codec to use when its input holds items of <paramref name="dtype"/> (the array's dtype, for
    /// the first filter). Filters whose arithmetic depends on the byte order (bitround) return a
    /// configured copy; every other codec returns itself.
    /// </summary>
    public virtual BytesCodec ForInput(DataTypes.ZarrDType dtype) => this;

    /// <summary>
    /// The codec to use as the compressor of chunks of <paramref name="chunkShape"/> and
    /// <paramref name="dtype"/> in memory order <paramref name="order"/>, after v2 filters when
    /// <paramref name="afterFilters"/>. Codecs whose stream records the array it was given (zfpy)
    /// return a configured copy; every other codec returns itself.
    /// </summary>
    public virtual BytesCodec ForChunk(int[] chunkShape, DataTypes.ZarrDType dtype, char order, bool afterFilters) => this;

    /// <summary>The item size of the encoded buffer, given the item size of the decoded one.</summary>
    public virtual int GetEncodedItemSize(int decodedItemSize) => decodedItemSize;

    /// <summary>Creates a <see cref="ZarrCodecException"/> for this codec.</summary>
    protected ZarrCodecException Error(string message, Exception? inner = null) => new(Id, null, message, inner);

    /// <summary>The numcodecs repr, as zarr-python's <c>info</c> shows it (e.g. <c>Zlib(level=1)</c>).</summary>
    public abstract override string ToString();
}
