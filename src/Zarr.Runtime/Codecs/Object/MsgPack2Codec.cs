using System.Buffers;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;

namespace Zarr.Codecs;

/// <summary>
/// numcodecs <c>msgpack2</c>: an object array chunk as the MessagePack of <c>chunk.tolist()</c> (nested
/// once per dimension, in C order) followed by the dtype string and the shape, packed as msgpack-python's
/// <c>packb</c> does (shortest integer forms). Items are strings (T = string) or Python values
/// (T = object: null, bool, long, ulong, double, string, byte[], and lists, tuples and dicts of them;
/// read back as <see cref="DataTypes.PythonList"/> and <see cref="DataTypes.PythonDict"/>).
/// </summary>
public sealed class MsgPack2Codec : ObjectCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "msgpack2";

    /// <summary>Creates the codec with numcodecs' parameters.</summary>
    /// <param name="useSingleFloat">Pack floats as float32.</param>
    /// <param name="useBinType">Pack bytes as bin (and allow str8); otherwise bytes are packed as str.</param>
    /// <param name="raw">Unpack str as bytes (byte[]) rather than text.</param>
    public MsgPack2Codec(bool useSingleFloat = false, bool useBinType = true, bool raw = false)
    {
        UseSingleFloat = useSingleFloat;
        UseBinType = useBinType;
        Raw = raw;
    }

    /// <summary>Creates the codec from its JSON configuration.</summary>
    public static MsgPack2Codec FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new(CodecConfig.GetBool(config, "use_single_float", false), CodecConfig.GetBool(config, "use_bin_type", true), CodecConfig.GetBool(config, "raw", false));
    }

    /// <summary>msgpack's use_single_float.</summary>
    public bool UseSingleFloat { get; }

    /// <summary>msgpack's use_bin_type.</summary>
    public bool UseBinType { get; }

    /// <summary>msgpack's raw (unpack str as bytes).</summary>
    public bool Raw { get; }

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    public override bool EncodesLogicalOrder => true;

    /// <inheritdoc />
    public override JsonObject GetConfig() => new() { ["id"] = Id, ["raw"] = Raw, ["use_single_float"] = UseSingleFloat, ["use_bin_type"] = UseBinType };

    /// <inheritdoc />
    public override bool Supports<T>() => ObjectListFormat.Supports<T>();

    /// <inheritdoc />
    public override void Encode<T>(ReadOnlySpan<T> items, IBufferWriter<byte> output) => Encode(items, [items.Length], output);

    /// <inheritdoc />
    public override void Encode<T>(ReadOnlySpan<T> items, ReadOnlySpan<int> chunkShape, IBufferWriter<byte> output)
    {
        ObjectListFormat.Require<T>(Id);
        ArgumentNullException.ThrowIfNull(output);
        var shape = ObjectListFormat.ShapeFor(Id, items.Length, chunkShape);
        var w = new ArrayBufferWriter<byte>(items.Length * 4 + 16);
        MsgPackFormat.WriteArrayHeader(w, shape[0] + 2);
        var index = 0;
        var open = new HashSet<object>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < shape[0]; i++) WriteLevel(w, items, shape, 1, ref index, open);
        MsgPackFormat.WriteString(w, "|O", UseBinType);
        MsgPackFormat.WriteArrayHeader(w, shape.Length);
        foreach (var d in shape) MsgPackFormat.WriteInt(w, d);
        output.Write(w.WrittenSpan);
    }

    private void WriteLevel<T>(ArrayBufferWriter<byte> w, ReadOnlySpan<T> items, int[] shape, int dim, ref int index, HashSet<object> open)
    {
        if (dim == shape.Length)
        {
            WriteValue(w, ObjectListFormat.Normalize(Id, items[index], index), index, open);
            index++;
            return;
        }
        MsgPackFormat.WriteArrayHeader(w, shape[dim]);
        for (var i = 0; i < shape[dim]; i++) WriteLevel(w, items, shape, dim + 1, ref index, open);
    }

    // Dicts as maps in their order, lists and tuples as arrays, as msgpack-python's Packer does.
    private void WriteValue(ArrayBufferWriter<byte> w, object? v, int index, HashSet<object> open)
    {
        if (ObjectListFormat.TryGetEntries(v, out var entries))
        {
            using var nesting = ObjectListFormat.Enter(Id, open, v!, index);
            MsgPackFormat.WriteMapHeader(w, entries.Count);
            foreach (var (key, value) in entries)
            {
                WriteValue(w, ObjectListFormat.Normalize(Id, key, index), index, open);
                WriteValue(w, ObjectListFormat.Normalize(Id, value, index), index, open);
            }
        }
        else if (ObjectListFormat.TryGetSequence(v, out var elements))
        {
            using var nesting = ObjectListFormat.Enter(Id, open, v!, index);
            MsgPackFormat.WriteArrayHeader(w, elements.Count);
            foreach (var e in elements) WriteValue(w, ObjectListFormat.Normalize(Id, e, index), index, open);
        }
        else WriteScalar(w, v, index);
    }

    private void WriteScalar(ArrayBufferWriter<byte> w, object? v, int index)
    {
        switch (v)
        {
            case null: MsgPackFormat.WriteNil(w); break;
            case bool b: MsgPackFormat.WriteBool(w, b); break;
            case long l: MsgPackFormat.WriteInt(w, l); break;
            case ulong u: MsgPackFormat.WriteUInt(w, u); break;
            case BigInteger bi when MsgPackFormat.FitsInt64(bi):
                if (bi < 0) MsgPackFormat.WriteInt(w, (long)bi); else MsgPackFormat.WriteUInt(w, (ulong)bi);
                break;
            case BigInteger: throw new ZarrCodecException(Id, null, $"item {index} is an integer beyond 64 bits, which msgpack cannot hold");
            case double d: MsgPackFormat.WriteFloat(w, d, UseSingleFloat); break;
            case byte[] bytes: MsgPackFormat.WriteBytes(w, bytes, UseBinType); break;
            case string s:
                try { MsgPackFormat.WriteString(w, s, UseBinType); }
                catch (EncoderFallbackException e) { throw new ZarrCodecException(Id, null, $"item {index} is not valid Unicode text (a lone surrogate): {e.Message}", e); }
                break;
            default: throw new ZarrCodecException(Id, null, $"item {index} ({ObjectListFormat.Describe(v)}) cannot be packed");
        }
    }

    /// <inheritdoc />
    public override void Decode<T>(ReadOnlySpan<byte> input, Span<T> items) => Decode(input, ReadOnlySpan<int>.Empty, items);

    /// <inheritdoc />
    public override void Decode<T>(ReadOnlySpan<byte> input, ReadOnlySpan<int> chunkShape, Span<T> items)
    {
        ObjectListFormat.Require<T>(Id);
        var root = MsgPackFormat.ReadDocument(input, Raw, Id);
        ObjectListFormat.Unpack(Id, root, chunkShape, items);
    }

    /// <inheritdoc />
    public override T EmptyValue<T>()
    {
        ObjectListFormat.Require<T>(Id);
        return typeof(T) == typeof(string) ? (T)(object)"" : default!;
    }

    /// <inheritdoc />
    /// <remarks>For T = object the fill itself (zarr-python pads new chunks with it, 0 by default).</remarks>
    public override T FillValue<T>(JsonNode? fill) =>
        typeof(T) == typeof(object) ? (T)ObjectListFormat.FillScalar(fill)! : EmptyValue<T>();

    /// <inheritdoc />
    public override string ToString() =>
        $"MsgPack(raw={CodecConfig.Repr(Raw)}, use_bin_type={CodecConfig.Repr(UseBinType)}, use_single_float={CodecConfig.Repr(UseSingleFloat)})";
}
