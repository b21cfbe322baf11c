using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Zarr.Internal;
using Zarr.PythonParity;

namespace Zarr.Codecs;

/// <summary>
/// numcodecs <c>lzma</c>: Python's <c>lzma.compress</c> output in one of its container formats: xz
/// (<see cref="Format"/> 1, the default, with a CRC-64 check), the legacy <c>.lzma</c> "alone" format (2),
/// or raw data described by a <see cref="Filters"/> chain (3); 0 (auto) only decodes. Reading covers
/// what numcodecs writes (LZMA2, optionally after a delta filter). Writing produces xz/alone/raw data
/// that liblzma reads: LZMA2 is coded as independent chunks (see <c>LzmaCoder</c>), so the bytes differ
/// from liblzma's own output and compress somewhat less, but decode to the same data.
/// </summary>
public sealed class LzmaCodec : BytesCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "lzma";

    private readonly JsonArray? _filtersJson;
    private readonly IReadOnlyList<LzmaFilter>? _chain;

    /// <summary>Creates the codec with numcodecs' parameters (<paramref name="filters"/> is the JSON list of filter dicts).</summary>
    public LzmaCodec(int format = 1, int check = -1, long? preset = null, JsonArray? filters = null)
    {
        if (format is < 0 or > 3) throw new ArgumentOutOfRangeException(nameof(format), format, "lzma format must be 0 (auto), 1 (xz), 2 (alone) or 3 (raw)");
        if (check is not (-1 or XzFormat.CheckNone or XzFormat.CheckCrc32 or XzFormat.CheckCrc64 or XzFormat.CheckSha256))
            throw new ArgumentOutOfRangeException(nameof(check), check, "lzma check must be -1 (default), 0 (none), 1 (crc32), 4 (crc64) or 10 (sha256)");
        if (preset is < 0 or > uint.MaxValue || preset is not null && (preset.Value & ~(long)(PresetExtreme | 0x1F)) != 0)
            throw new ArgumentOutOfRangeException(nameof(preset), preset, "lzma preset must be 0..9, optionally ORed with PRESET_EXTREME (0x80000000)");
        if (preset is not null) LzmaFilter.PresetDictSize((uint)preset.Value);
        Format = format;
        Check = check;
        Preset = preset;
        _filtersJson = filters?.DeepClone().AsArray();
        _chain = LzmaFilter.ReadChain(_filtersJson);
    }

    /// <summary>Creates the codec from its JSON configuration.</summary>
    public static LzmaCodec FromConfig(JsonObject config)
    {
        long? preset = config["preset"] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<long>(out var l) => l,
            JsonValue v when v.TryGetValue<int>(out var i) => i,
            var other => throw new ArgumentException($"parameter 'preset' must be null or an integer, not {other.ToJsonString()}"),
        };
        var filters = config["filters"] switch
        {
            null => null,
            JsonArray a => a,
            var other => throw new ArgumentException($"parameter 'filters' must be null or a list, not {other.ToJsonString()}"),
        };
        return new LzmaCodec(CodecConfig.GetInt(config, "format", 1), CodecConfig.GetInt(config, "check", -1), preset, filters);
    }

    /// <summary>The container format: 0 auto (decode only), 1 xz, 2 alone, 3 raw.</summary>
    public int Format { get; }

    /// <summary>The xz integrity check: −1 default (CRC-64 for xz), 0 none, 1 CRC-32, 4 CRC-64, 10 SHA-256.</summary>
    public int Check { get; }

    /// <summary>liblzma's PRESET_EXTREME flag, which may be ORed into <see cref="Preset"/>.</summary>
    public const long PresetExtreme = 0x80000000;

    /// <summary>The compression preset 0–9 (null: 6), possibly with <see cref="PresetExtreme"/>.</summary>
    public long? Preset { get; }

    /// <summary>The filter chain as numcodecs stores it, or null.</summary>
    public JsonArray? Filters => _filtersJson?.DeepClone().AsArray();

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    public override JsonObject GetConfig() => new()
    {
        ["id"] = Id,
        ["format"] = Format,
        ["check"] = Check,
        ["preset"] = Preset,
        ["filters"] = _filtersJson?.DeepClone(),
    };

    /// <inheritdoc />
    public override void Encode(ReadOnlySpan<byte> input, int itemSize, IBufferWriter<byte> output)
    {
        if (_chain is not null && Preset is not null) throw Error("cannot specify both a preset and a filter chain (Python's lzma refuses too)");
        var dict = LzmaFilter.PresetDictSize((uint)(Preset ?? 6));
        switch (Format)
        {
            case 1:
            {
                var check = Check == -1 ? XzFormat.CheckCrc64 : Check;
                var delta = 0;
                if (_chain is not null)
                {
                    var last = _chain[^1];
                    if (last.FilterId != LzmaFilter.Lzma2) throw Error("the xz format needs FILTER_LZMA2 as the last filter");
                    if (_chain.Count > 2) throw Error("writing xz supports at most one delta filter before LZMA2");
                    RequireDefaultLiterals(last);
                    dict = last.DictSize;
                    if (_chain.Count == 2) delta = _chain[0].DeltaDistance;
                }
                XzFormat.Write(input, check, dict, delta, output);
                return;
            }
            case 2:
            {
                RequireNoCheck();
                if (_chain is not null)
                {
                    if (_chain.Count != 1 || _chain[0].FilterId != LzmaFilter.Lzma1) throw Error("the alone format needs a single FILTER_LZMA1 filter");
                    RequireDefaultLiterals(_chain[0]);
                    dict = _chain[0].DictSize;
                }
                var header = output.GetSpan(13);
                header[0] = 0x5D;
                BinaryPrimitives.WriteInt32LittleEndian(header[1..], dict);
                BinaryPrimitives.WriteUInt64LittleEndian(header[5..], ulong.MaxValue); // size unknown: ends with the end marker, as Python writes
                output.Advance(13);
                output.Write(LzmaCoder.EncodeLzma1(input, dict, endMarker: true));
                return;
            }
            case 3:
            {
                RequireNoCheck();
                if (_chain is null) throw Error("the raw format needs a filter chain");
                var data = ApplyDeltas(input, out var rented);
                try
                {
                    var last = _chain[^1];
                    RequireDefaultLiterals(last);
                    if (last.FilterId == LzmaFilter.Lzma2) LzmaCoder.EncodeLzma2(data, last.DictSize, output);
                    else output.Write(LzmaCoder.EncodeLzma1(data, last.DictSize, endMarker: true));
                }
                finally { if (rented is not null) ArrayPool<byte>.Shared.Return(rented); }
                return;
            }
            default:
                throw Error("format 0 (auto) can only decode; Python's lzma refuses to compress with it too");
        }
    }

    private void RequireNoCheck()
    {
        if (Check is not (-1 or XzFormat.CheckNone)) throw Error("integrity checks are only supported by the xz format (format 1)");
    }

    private void RequireDefaultLiterals(LzmaFilter f)
    {
        if (f.Lc != 3 || f.Lp != 0 || f.Pb != 2) throw Error("writing LZMA with lc/lp/pb other than 3/0/2 is not supported");
    }

    private ReadOnlySpan<byte> ApplyDeltas(ReadOnlySpan<byte> input, out byte[]? rented)
    {
        rented = null;
        if (_chain is null || _chain.Count == 1) return input;
        rented = ArrayPool<byte>.Shared.Rent(Math.Max(1, input.Length));
        var a = rented.AsSpan(0, input.Length);
        input.CopyTo(a);
        var tmp = ArrayPool<byte>.Shared.Rent(Math.Max(1, input.Length));
        try
        {
            for (var i = 0; i < _chain.Count - 1; i++)
            {
                LzmaFilter.DeltaEncode(a, tmp, _chain[i].DeltaDistance);
                tmp.AsSpan(0, input.Length).CopyTo(a);
            }
        }
        finally { ArrayPool<byte>.Shared.Return(tmp); }
        return a;
    }

    /// <inheritdoc />
    public override void Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        try
        {
            var format = Format == 0 ? (XzFormat.HasMagic(input) ? 1 : 2) : Format;
            switch (format)
            {
                case 1:
                {
                    var error = XzFormat.Read(input, output);
                    if (error is not null) throw Error("invalid xz stream: " + error);
                    return;
                }
                case 2:
                    DecodeAlone(input, output);
                    return;
                default:
                    DecodeRaw(input, output);
                    return;
            }
        }
        catch (Exception e) when (e is not ZarrCodecException and not OutOfMemoryException)
        {
            throw Error("invalid lzma data: " + e.Message, e);
        }
    }

    private void DecodeAlone(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        if (input.Length < 13) throw Error($"the stream has {input.Length} bytes, fewer than the 13-byte .lzma header");
        var props = input[0];
        if (props > 224) throw Error($"invalid LZMA properties byte 0x{props:x2}");
        // liblzma (and so Python's lzma and numcodecs) refuses lc + lp > 4; the decoder's tables grow
        // with 2^(lc + lp), so such a header would only cost memory.
        if (props % 9 + props / 9 % 5 > 4) throw Error($"invalid LZMA properties byte 0x{props:x2}: lc + lp must be at most 4");
        var dict = BinaryPrimitives.ReadUInt32LittleEndian(input[1..]);
        var size = BinaryPrimitives.ReadUInt64LittleEndian(input[5..]);
        var known = size != ulong.MaxValue;
        if (known && size > int.MaxValue) throw Error($"the header declares {size} decoded bytes, more than a chunk can hold");
        using var block = PooledBufferWriter.LimitedLike(output, 4096, Id);
        LzmaCoder.DecodeLzma1(input[13..], props, Math.Max(dict, 4096u), known ? (long)size : -1, block);
        if (known && (ulong)block.WrittenCount != size) throw Error($"the stream decoded to {block.WrittenCount} bytes, not the {size} its header declares");
        output.Write(block.WrittenSpan);
    }

    private void DecodeRaw(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        if (_chain is null) throw Error("the raw format needs a filter chain");
        var last = _chain[^1];
        using var block = PooledBufferWriter.LimitedLike(output, 4096, Id);
        if (last.FilterId == LzmaFilter.Lzma2)
        {
            var error = LzmaCoder.MeasureLzma2(input, out var length, out var unpacked);
            if (error is not null) throw Error("invalid raw LZMA2 data: " + error);
            LzmaCoder.DecodeLzma2(input[..length], last.DictSize, unpacked, block);
            if (block.WrittenCount != unpacked) throw Error($"the LZMA2 data decoded to {block.WrittenCount} bytes, not the {unpacked} its chunks declare");
        }
        else
        {
            LzmaCoder.DecodeLzma1(input, last.PropertiesByte, last.DictSize, -1, block);
        }
        var data = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(block.WrittenSpan), block.WrittenCount);
        for (var i = _chain.Count - 2; i >= 0; i--) LzmaFilter.DeltaDecode(data, _chain[i].DeltaDistance);
        output.Write(data);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"LZMA(format={Format}, check={Check}, preset={(Preset is null ? "None" : Preset.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}, filters={PythonRepr.Of(_filtersJson)})";
}
