using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;

namespace Zarr.Codecs;

/// <summary>
/// numcodecs <c>vlen-utf8</c>: an object array of strings as a uint32 item count, then each string's
/// UTF-8 byte length and bytes. Null encodes as the empty string; invalid UTF-8 (or a lone surrogate
/// on encode) is an error, as in Python.
/// </summary>
public sealed class VLenUtf8Codec : ObjectCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "vlen-utf8";

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    public override JsonObject GetConfig() => new() { ["id"] = Id };

    /// <inheritdoc />
    public override bool Supports<T>() => typeof(T) == typeof(string);

    /// <inheritdoc />
    public override void Encode<T>(ReadOnlySpan<T> items, IBufferWriter<byte> output)
    {
        Require<T>();
        VLenFormat.WriteCount(output, items.Length);
        byte[]? rented = null;
        try
        {
            for (var i = 0; i < items.Length; i++)
            {
                var s = (string?)(object?)items[i] ?? "";
                int max = Strict.GetMaxByteCount(s.Length);
                if (rented is null || rented.Length < max)
                {
                    if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
                    rented = ArrayPool<byte>.Shared.Rent(Math.Max(256, max));
                }
                int n;
                try { n = Strict.GetBytes(s, rented); }
                catch (EncoderFallbackException e) { throw new ZarrCodecException(Id, null, $"item {i} is not valid Unicode text (a lone surrogate): {e.Message}", e); }
                VLenFormat.WriteItem(output, rented.AsSpan(0, n));
            }
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <inheritdoc />
    public override void Decode<T>(ReadOnlySpan<byte> input, Span<T> items)
    {
        Require<T>();
        var reader = VLenFormat.Open(input, items.Length, Id);
        for (var i = 0; i < items.Length; i++)
        {
            var bytes = reader.Next();
            try { items[i] = (T)(object)(bytes.Length == 0 ? "" : Strict.GetString(bytes)); }
            catch (DecoderFallbackException e) { throw new ZarrCodecException(Id, null, $"item {i} is not valid UTF-8: {e.Message}", e); }
        }
    }

    /// <inheritdoc />
    public override T EmptyValue<T>()
    {
        Require<T>();
        return (T)(object)"";
    }

    private void Require<T>()
    {
        if (!Supports<T>()) throw new ZarrCodecException(Id, null, $"vlen-utf8 holds strings, not {typeof(T).Name}");
    }

    /// <inheritdoc />
    public override string ToString() => "VLenUTF8()";
}
