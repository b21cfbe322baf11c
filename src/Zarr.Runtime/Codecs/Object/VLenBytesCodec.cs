using System.Buffers;
using System.Text.Json.Nodes;

namespace Zarr.Codecs;

/// <summary>
/// numcodecs <c>vlen-bytes</c>: an object array of byte strings (<c>byte[]</c>) as a uint32 item count,
/// then each item's length and bytes. Null encodes as an empty item.
/// </summary>
public sealed class VLenBytesCodec : ObjectCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "vlen-bytes";

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    public override JsonObject GetConfig() => new() { ["id"] = Id };

    /// <inheritdoc />
    public override bool Supports<T>() => typeof(T) == typeof(byte[]);

    /// <inheritdoc />
    public override void Encode<T>(ReadOnlySpan<T> items, IBufferWriter<byte> output)
    {
        Require<T>();
        VLenFormat.WriteCount(output, items.Length);
        foreach (var item in items) VLenFormat.WriteItem(output, (byte[]?)(object?)item);
    }

    /// <inheritdoc />
    public override void Decode<T>(ReadOnlySpan<byte> input, Span<T> items)
    {
        Require<T>();
        var reader = VLenFormat.Open(input, items.Length, Id);
        for (var i = 0; i < items.Length; i++) items[i] = (T)(object)reader.Next().ToArray();
    }

    /// <inheritdoc />
    public override T EmptyValue<T>()
    {
        Require<T>();
        return (T)(object)Array.Empty<byte>();
    }

    private void Require<T>()
    {
        if (!Supports<T>()) throw new ZarrCodecException(Id, null, $"vlen-bytes holds byte[] items, not {typeof(T).Name}");
    }

    /// <inheritdoc />
    public override string ToString() => "VLenBytes()";
}
