using System.Buffers;
using System.Text.Json.Nodes;

namespace Zarr.Codecs;

/// <summary>
/// An array→bytes codec for object (<c>|O</c>) arrays: in v2 the first filter of an object array
/// (vlen-utf8, vlen-bytes, vlen-array). It turns a chunk of .NET objects into bytes and back.
/// </summary>
public abstract class ObjectCodec : IZarrCodec
{
    /// <inheritdoc />
    public abstract string Id { get; }

    /// <inheritdoc />
    public abstract JsonObject GetConfig();

    /// <summary>True when this codec can hold elements of type <typeparamref name="T"/>.</summary>
    public abstract bool Supports<T>();

    /// <summary>Encodes the items, in the chunk's memory order.</summary>
    public abstract void Encode<T>(ReadOnlySpan<T> items, IBufferWriter<byte> output);

    /// <summary>Decodes exactly <c>items.Length</c> items.</summary>
    public abstract void Decode<T>(ReadOnlySpan<byte> input, Span<T> items);

    /// <summary>
    /// Encodes a chunk of shape <paramref name="chunkShape"/>, for codecs whose output records the
    /// shape (json2, msgpack2). By default the shape is ignored and <see cref="Encode{T}(ReadOnlySpan{T}, IBufferWriter{byte})"/> runs.
    /// The items are in C order when <see cref="EncodesLogicalOrder"/> is true, else in the chunk's memory order.
    /// </summary>
    public virtual void Encode<T>(ReadOnlySpan<T> items, ReadOnlySpan<int> chunkShape, IBufferWriter<byte> output) => Encode(items, output);

    /// <summary>
    /// Decodes exactly <c>items.Length</c> items of a chunk of shape <paramref name="chunkShape"/>.
    /// By default the shape is ignored and <see cref="Decode{T}(ReadOnlySpan{byte}, Span{T})"/> runs.
    /// </summary>
    public virtual void Decode<T>(ReadOnlySpan<byte> input, ReadOnlySpan<int> chunkShape, Span<T> items) => Decode(input, items);

    /// <summary>
    /// True when the codec encodes the chunk's logical (C-order) nesting, as numcodecs' json2 and
    /// msgpack2 do with <c>chunk.tolist()</c>: an <c>order="F"</c> chunk is then handed over in C order
    /// for encoding. Decoding is unchanged (zarr-python reshapes the decoded list in the array's order).
    /// </summary>
    public virtual bool EncodesLogicalOrder => false;

    /// <summary>
    /// The codec for chunks in memory order <paramref name="order"/> ('C' or 'F'), for codecs whose
    /// output records the layout (pickle stores NumPy's Fortran flag). By default the codec itself.
    /// </summary>
    public virtual ObjectCodec ForLayout(char order) => this;

    /// <summary>The value of a missing element (the fill) as <typeparamref name="T"/>.</summary>
    public abstract T EmptyValue<T>();

    /// <summary>
    /// The array's fill value (the .zarray <c>fill_value</c>, as JSON; zarr-python's default is 0) as
    /// an item of <typeparamref name="T"/>: what zarr-python pads a new chunk with, as this codec
    /// encodes it. By default <see cref="EmptyValue{T}"/>, since vlen-utf8 and vlen-bytes encode 0 and
    /// None as an empty item.
    /// </summary>
    public virtual T FillValue<T>(JsonNode? fill) => EmptyValue<T>();

    /// <summary>The numcodecs repr (e.g. <c>VLenUTF8()</c>).</summary>
    public abstract override string ToString();
}
