using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using Zarr.DataTypes;

namespace Zarr.Codecs;

/// <summary>
/// The part of MessagePack that msgpack-python's <c>packb</c>/<c>unpackb</c> use for object-array
/// chunks: nil, bool, integers (shortest form), float32/64, str, bin, arrays and maps (whose keys must
/// be str or bin, as msgpack's <c>strict_map_key</c>). Extension types are rejected.
/// </summary>
internal static class MsgPackFormat
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // ---- writing ----------------------------------------------------------------------------------

    public static void WriteArrayHeader(ArrayBufferWriter<byte> w, int count)
    {
        if (count < 16) WriteByte(w, (byte)(0x90 | count));
        else if (count <= ushort.MaxValue) { WriteByte(w, 0xdc); WriteU16(w, (ushort)count); }
        else { WriteByte(w, 0xdd); WriteU32(w, (uint)count); }
    }

    public static void WriteMapHeader(ArrayBufferWriter<byte> w, int count)
    {
        if (count < 16) WriteByte(w, (byte)(0x80 | count));
        else if (count <= ushort.MaxValue) { WriteByte(w, 0xde); WriteU16(w, (ushort)count); }
        else { WriteByte(w, 0xdf); WriteU32(w, (uint)count); }
    }

    public static void WriteNil(ArrayBufferWriter<byte> w) => WriteByte(w, 0xc0);

    public static void WriteBool(ArrayBufferWriter<byte> w, bool b) => WriteByte(w, b ? (byte)0xc3 : (byte)0xc2);

    public static void WriteInt(ArrayBufferWriter<byte> w, long v)
    {
        if (v >= 0) { WriteUInt(w, (ulong)v); return; }
        if (v >= -32) WriteByte(w, (byte)(sbyte)v);
        else if (v >= sbyte.MinValue) { WriteByte(w, 0xd0); WriteByte(w, (byte)(sbyte)v); }
        else if (v >= short.MinValue) { WriteByte(w, 0xd1); WriteU16(w, (ushort)(short)v); }
        else if (v >= int.MinValue) { WriteByte(w, 0xd2); WriteU32(w, (uint)(int)v); }
        else { WriteByte(w, 0xd3); WriteU64(w, (ulong)v); }
    }

    public static void WriteUInt(ArrayBufferWriter<byte> w, ulong v)
    {
        if (v < 0x80) WriteByte(w, (byte)v);
        else if (v <= byte.MaxValue) { WriteByte(w, 0xcc); WriteByte(w, (byte)v); }
        else if (v <= ushort.MaxValue) { WriteByte(w, 0xcd); WriteU16(w, (ushort)v); }
        else if (v <= uint.MaxValue) { WriteByte(w, 0xce); WriteU32(w, (uint)v); }
        else { WriteByte(w, 0xcf); WriteU64(w, v); }
    }

    public static void WriteFloat(ArrayBufferWriter<byte> w, double d, bool single)
    {
        if (single)
        {
            WriteByte(w, 0xca);
            WriteU32(w, BitConverter.SingleToUInt32Bits((float)d));
        }
        else
        {
            WriteByte(w, 0xcb);
            WriteU64(w, BitConverter.DoubleToUInt64Bits(d));
        }
    }

    /// <summary>A str (UTF-8); str8 only with the bin type, as msgpack-python does.</summary>
    public static void WriteString(ArrayBufferWriter<byte> w, string s, bool useBinType)
    {
        var bytes = Utf8.GetBytes(s); // throws EncoderFallbackException on a lone surrogate
        WriteRaw(w, bytes, useBinType);
    }

    /// <summary>Bytes: bin8/16/32 with the bin type, else the raw (str) family.</summary>
    public static void WriteBytes(ArrayBufferWriter<byte> w, byte[] b, bool useBinType)
    {
        if (!useBinType) { WriteRaw(w, b, false); return; }
        if (b.Length <= byte.MaxValue) { WriteByte(w, 0xc4); WriteByte(w, (byte)b.Length); }
        else if (b.Length <= ushort.MaxValue) { WriteByte(w, 0xc5); WriteU16(w, (ushort)b.Length); }
        else { WriteByte(w, 0xc6); WriteU32(w, (uint)b.Length); }
        w.Write(b);
    }

    private static void WriteRaw(ArrayBufferWriter<byte> w, byte[] bytes, bool allowStr8)
    {
        var n = bytes.Length;
        if (n < 32) WriteByte(w, (byte)(0xa0 | n));
        else if (n <= byte.MaxValue && allowStr8) { WriteByte(w, 0xd9); WriteByte(w, (byte)n); }
        else if (n <= ushort.MaxValue) { WriteByte(w, 0xda); WriteU16(w, (ushort)n); }
        else { WriteByte(w, 0xdb); WriteU32(w, (uint)n); }
        w.Write(bytes);
    }

    private static void WriteByte(ArrayBufferWriter<byte> w, byte b)
    {
        w.GetSpan(1)[0] = b;
        w.Advance(1);
    }

    private static void WriteU16(ArrayBufferWriter<byte> w, ushort v) { BinaryPrimitives.WriteUInt16BigEndian(w.GetSpan(2), v); w.Advance(2); }

    private static void WriteU32(ArrayBufferWriter<byte> w, uint v) { BinaryPrimitives.WriteUInt32BigEndian(w.GetSpan(4), v); w.Advance(4); }

    private static void WriteU64(ArrayBufferWriter<byte> w, ulong v) { BinaryPrimitives.WriteUInt64BigEndian(w.GetSpan(8), v); w.Advance(8); }

    // ---- reading ----------------------------------------------------------------------------------

    /// <summary>Reads one complete document; trailing bytes are an error (msgpack's ExtraData).</summary>
    public static object? ReadDocument(ReadOnlySpan<byte> input, bool raw, string id)
    {
        var pos = 0;
        var value = Read(input, ref pos, raw, id, 0);
        if (pos != input.Length) throw new ZarrCodecException(id, null, $"malformed msgpack: {input.Length - pos} extra bytes after the value");
        return value;
    }

    private static ZarrCodecException Error(string id, int pos, string what) => new(id, null, $"malformed msgpack at byte {pos}: {what}");

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> input, ref int pos, long n, string id)
    {
        if (n < 0 || n > input.Length - pos) throw Error(id, pos, $"{n} bytes needed but only {input.Length - pos} remain");
        var s = input.Slice(pos, (int)n);
        pos += (int)n;
        return s;
    }

    private static object? Read(ReadOnlySpan<byte> input, ref int pos, bool raw, string id, int depth)
    {
        var at = pos;
        var t = Take(input, ref pos, 1, id)[0];
        switch (t)
        {
            case <= 0x7f: return (long)t;
            case >= 0xe0: return (long)(sbyte)t;
            case >= 0x90 and <= 0x9f: return ReadArray(input, ref pos, t & 0x0f, raw, id, depth);
            case >= 0xa0 and <= 0xbf: return ReadStr(input, ref pos, t & 0x1f, raw, id);
            case >= 0x80 and <= 0x8f: return ReadMap(input, ref pos, t & 0x0f, raw, id, depth);
            case 0xde: return ReadMap(input, ref pos, BinaryPrimitives.ReadUInt16BigEndian(Take(input, ref pos, 2, id)), raw, id, depth);
            case 0xdf: return ReadMap(input, ref pos, BinaryPrimitives.ReadUInt32BigEndian(Take(input, ref pos, 4, id)), raw, id, depth);
            case 0xc0: return null;
            case 0xc2: return false;
            case 0xc3: return true;
            case 0xc4: return Take(input, ref pos, Take(input, ref pos, 1, id)[0], id).ToArray();
            case 0xc5: return Take(input, ref pos, BinaryPrimitives.ReadUInt16BigEndian(Take(input, ref pos, 2, id)), id).ToArray();
            case 0xc6: return Take(input, ref pos, BinaryPrimitives.ReadUInt32BigEndian(Take(input, ref pos, 4, id)), id).ToArray();
            case 0xca: return (double)BitConverter.UInt32BitsToSingle(BinaryPrimitives.ReadUInt32BigEndian(Take(input, ref pos, 4, id)));
            case 0xcb: return BitConverter.UInt64BitsToDouble(BinaryPrimitives.ReadUInt64BigEndian(Take(input, ref pos, 8, id)));
            case 0xcc: return (long)Take(input, ref pos, 1, id)[0];
            case 0xcd: return (long)BinaryPrimitives.ReadUInt16BigEndian(Take(input, ref pos, 2, id));
            case 0xce: return (long)BinaryPrimitives.ReadUInt32BigEndian(Take(input, ref pos, 4, id));
            case 0xcf:
                var u = BinaryPrimitives.ReadUInt64BigEndian(Take(input, ref pos, 8, id));
                return u <= long.MaxValue ? (long)u : u;
            case 0xd0: return (long)(sbyte)Take(input, ref pos, 1, id)[0];
            case 0xd1: return (long)BinaryPrimitives.ReadInt16BigEndian(Take(input, ref pos, 2, id));
            case 0xd2: return (long)BinaryPrimitives.ReadInt32BigEndian(Take(input, ref pos, 4, id));
            case 0xd3: return BinaryPrimitives.ReadInt64BigEndian(Take(input, ref pos, 8, id));
            case 0xd9: return ReadStr(input, ref pos, Take(input, ref pos, 1, id)[0], raw, id);
            case 0xda: return ReadStr(input, ref pos, BinaryPrimitives.ReadUInt16BigEndian(Take(input, ref pos, 2, id)), raw, id);
            case 0xdb: return ReadStr(input, ref pos, BinaryPrimitives.ReadUInt32BigEndian(Take(input, ref pos, 4, id)), raw, id);
            case 0xdc: return ReadArray(input, ref pos, BinaryPrimitives.ReadUInt16BigEndian(Take(input, ref pos, 2, id)), raw, id, depth);
            case 0xdd: return ReadArray(input, ref pos, BinaryPrimitives.ReadUInt32BigEndian(Take(input, ref pos, 4, id)), raw, id, depth);
            case 0xc1: throw Error(id, at, "the reserved type byte 0xc1");
            default: throw Error(id, at, $"extension type 0x{t:x2} is not supported");
        }
    }

    private static object ReadStr(ReadOnlySpan<byte> input, ref int pos, long n, bool raw, string id)
    {
        var at = pos;
        var bytes = Take(input, ref pos, n, id);
        if (raw) return bytes.ToArray();
        try { return Utf8.GetString(bytes); }
        catch (DecoderFallbackException e) { throw new ZarrCodecException(id, null, $"malformed msgpack at byte {at}: a str that is not valid UTF-8 ({e.Message})", e); }
    }

    private static PythonList ReadArray(ReadOnlySpan<byte> input, ref int pos, long count, bool raw, string id, int depth)
    {
        if (depth >= ObjectListFormat.MaxDepth) throw Error(id, pos, $"arrays nested deeper than {ObjectListFormat.MaxDepth}");
        // Every element takes at least one byte: a count beyond the remaining input is corrupt.
        if (count > input.Length - pos) throw Error(id, pos, $"an array of {count} elements in {input.Length - pos} remaining bytes");
        var list = new PythonList();
        list.Capacity = (int)count;
        for (var i = 0; i < count; i++) list.Add(Read(input, ref pos, raw, id, depth + 1));
        return list;
    }

    private static PythonDict ReadMap(ReadOnlySpan<byte> input, ref int pos, long count, bool raw, string id, int depth)
    {
        if (depth >= ObjectListFormat.MaxDepth) throw Error(id, pos, $"maps and arrays nested deeper than {ObjectListFormat.MaxDepth}");
        // Every key and value takes at least one byte.
        if (count > (input.Length - pos) / 2) throw Error(id, pos, $"a map of {count} entries in {input.Length - pos} remaining bytes");
        var dict = new PythonDict();
        for (var i = 0; i < count; i++)
        {
            var at = pos;
            var key = Read(input, ref pos, raw, id, depth + 1);
            if (key is not (string or byte[]))
                throw Error(id, at, $"a map key must be str or bytes (msgpack's strict_map_key), not {ObjectListFormat.Describe(key)}");
            dict[key] = Read(input, ref pos, raw, id, depth + 1);
        }
        return dict;
    }

    /// <summary>The BigInteger check for encoders: msgpack holds only 64-bit integers.</summary>
    public static bool FitsInt64(BigInteger b) => b >= long.MinValue && b <= ulong.MaxValue;
}
