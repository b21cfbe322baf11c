using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json.Nodes;

namespace Zarr.Codecs;

/// <summary>
/// numcodecs <c>bitround</c> (lossy): keeps <see cref="KeepBits"/> bits of each float's mantissa,
/// rounding half to even on the integer view, so the data compresses better. The float type follows
/// from the item size the filter is handed (2, 4 or 8 bytes, little-endian); decoding is a copy.
/// </summary>
public sealed class BitRoundCodec : BytesCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "bitround";

    /// <summary>Creates the filter; <paramref name="keepBits"/> must be at least 0.</summary>
    public BitRoundCodec(int keepBits)
    {
        if (keepBits < 0) throw new ArgumentOutOfRangeException(nameof(keepBits), keepBits, "keepbits must be zero or positive");
        KeepBits = keepBits;
    }

    /// <summary>Creates the filter from its JSON configuration.</summary>
    public static BitRoundCodec FromConfig(JsonObject config)
    {
        if (config["keepbits"] is null) throw new ArgumentException("parameter 'keepbits' is required");
        return new(CodecConfig.GetInt(config, "keepbits", 0));
    }

    /// <summary>The number of mantissa bits kept.</summary>
    public int KeepBits { get; }

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    public override JsonObject GetConfig() => new() { ["id"] = Id, ["keepbits"] = KeepBits };

    /// <inheritdoc />
    public override void Encode(ReadOnlySpan<byte> input, int itemSize, IBufferWriter<byte> output)
    {
        var mantissa = itemSize switch
        {
            2 => 10,
            4 => 23,
            8 => 52,
            _ => throw Error($"only float arrays (16-64 bit) can be bit-rounded, not items of {itemSize} bytes"),
        };
        if (KeepBits > mantissa) throw Error($"keepbits {KeepBits} is too large for {itemSize * 8}-bit floats ({mantissa} mantissa bits)");
        var n = FilterConfig.CountItems(m => Error(m), input.Length, itemSize, "decoded");
        var dst = output.GetSpan(Math.Max(1, input.Length))[..input.Length];
        input.CopyTo(dst);
        output.Advance(input.Length);
        if (KeepBits == mantissa) return;
        var drop = mantissa - KeepBits;
        // Two's-complement add on the signed view, then clear the dropped bits (the sign bit may carry).
        var mask = -1L << drop;
        var half = (1L << (drop - 1)) - 1;
        for (var i = 0; i < n; i++)
        {
            var s = dst.Slice(i * itemSize, itemSize);
            long b = itemSize switch
            {
                2 => BinaryPrimitives.ReadInt16LittleEndian(s),
                4 => BinaryPrimitives.ReadInt32LittleEndian(s),
                _ => BinaryPrimitives.ReadInt64LittleEndian(s),
            };
            b = unchecked(b + ((b >> drop) & 1) + half) & mask;
            switch (itemSize)
            {
                case 2: BinaryPrimitives.WriteInt16LittleEndian(s, (short)b); break;
                case 4: BinaryPrimitives.WriteInt32LittleEndian(s, (int)b); break;
                default: BinaryPrimitives.WriteInt64LittleEndian(s, b); break;
            }
        }
    }

    /// <inheritdoc />
    public override void Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> output) => output.Write(input);

    /// <inheritdoc />
    public override int DecodeInto(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        if (input.Length > destination.Length) throw Error($"the data decodes to {input.Length} bytes, more than the expected {destination.Length}");
        input.CopyTo(destination);
        return input.Length;
    }

    /// <inheritdoc />
    public override string ToString() => $"BitRound(keepbits={KeepBits})";
}
