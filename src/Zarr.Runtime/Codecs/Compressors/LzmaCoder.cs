using System.Buffers;
using System.Buffers.Binary;
using SharpCompress.Compressors.LZMA;
using Zarr.Internal;

namespace Zarr.Codecs;

/// <summary>
/// Raw LZMA1 and LZMA2 data on top of SharpCompress's LZMA coder. SharpCompress can encode only LZMA1,
/// so LZMA2 is written here: the input is cut into pieces that each become one independently coded
/// LZMA chunk (dictionary and state reset, at most 2 MiB unpacked and 64 KiB packed), or stored chunks
/// when a piece does not compress. Any LZMA2 decoder (liblzma, Python's lzma) reads the result.
/// </summary>
internal static class LzmaCoder
{
    private const int MaxChunkUnpacked = 1 << 21;
    private const int MaxChunkPacked = 1 << 16;
    private const int MaxStoredChunk = 1 << 16;

    /// <summary>The LZMA2 dictionary-size byte for the smallest size ≥ <paramref name="dictSize"/>.</summary>
    public static byte Lzma2DictByte(long dictSize)
    {
        for (var b = 0; b < 40; b++)
            if (Lzma2DictSize((byte)b) >= dictSize) return (byte)b;
        return 40;
    }

    /// <summary>The dictionary size an LZMA2 dictionary-size byte stands for.</summary>
    public static long Lzma2DictSize(byte b) => b >= 40 ? uint.MaxValue : (2L | (b & 1L)) << (b / 2 + 11);

    /// <summary>The dictionary actually worth allocating: never more than the data can reach back.</summary>
    public static int UsefulDict(long declared, long dataSize) => (int)Math.Clamp(Math.Min(declared, dataSize), 4096, 1L << 30);

    /// <summary>Encodes raw LZMA1 (lc=3, lp=0, pb=2) of <paramref name="input"/>.</summary>
    public static byte[] EncodeLzma1(ReadOnlySpan<byte> input, int dictSize, bool endMarker)
    {
        using var ms = new MemoryStream(input.Length / 2 + 64);
        using (var lz = LzmaStream.Create(new LzmaEncoderProperties(endMarker, dictSize, 64), false, ms))
        {
            lz.Write(input);
        }
        return ms.ToArray();
    }

    /// <summary>Appends an LZMA2 stream (chunks and the end marker) holding <paramref name="input"/>.</summary>
    public static void EncodeLzma2(ReadOnlySpan<byte> input, int dictSize, IBufferWriter<byte> output)
    {
        const byte props = (3 + 0 * 9) + 2 * 5 * 9; // lc=3, lp=0, pb=2 (0x5D), what the LZMA1 encoder uses
        var pos = 0;
        var piece = MaxChunkUnpacked;
        while (pos < input.Length)
        {
            var length = Math.Min(piece, input.Length - pos);
            var src = input.Slice(pos, length);
            var packed = EncodeLzma1(src, Math.Clamp(dictSize, 4096, Math.Max(4096, length)), endMarker: false);
            if (packed.Length <= MaxChunkPacked && packed.Length < length)
            {
                var header = output.GetSpan(6);
                header[0] = (byte)(0xE0 | ((length - 1) >> 16));
                BinaryPrimitives.WriteUInt16BigEndian(header[1..], (ushort)(length - 1));
                BinaryPrimitives.WriteUInt16BigEndian(header[3..], (ushort)(packed.Length - 1));
                header[5] = props;
                output.Advance(6);
                output.Write(packed);
                pos += length;
                piece = Math.Min(MaxChunkUnpacked, piece * 2);
                continue;
            }
            if (packed.Length > MaxChunkPacked && length > MaxStoredChunk && packed.Length < length)
            {
                // Compressible, but too much for one chunk: try a piece that should pack to ~56 KiB.
                piece = Math.Max(MaxStoredChunk, (int)((long)length * 56 * 1024 / packed.Length));
                continue;
            }
            for (var s = 0; s < length; s += MaxStoredChunk)
            {
                var n = Math.Min(MaxStoredChunk, length - s);
                var header = output.GetSpan(3);
                header[0] = 0x01; // stored chunk with dictionary reset
                BinaryPrimitives.WriteUInt16BigEndian(header[1..], (ushort)(n - 1));
                output.Advance(3);
                output.Write(src.Slice(s, n));
            }
            pos += length;
        }
        output.GetSpan(1)[0] = 0x00;
        output.Advance(1);
    }

    /// <summary>
    /// Walks the LZMA2 chunk headers without decoding: returns the stream's length up to and including
    /// its end marker and the total unpacked size, or an error message.
    /// </summary>
    public static string? MeasureLzma2(ReadOnlySpan<byte> data, out int length, out long unpacked)
    {
        length = 0;
        unpacked = 0;
        var pos = 0;
        var first = true;
        while (true)
        {
            if (pos >= data.Length) return "the LZMA2 data ends without its end marker";
            var control = data[pos];
            if (control == 0x00)
            {
                length = pos + 1;
                return null;
            }
            if (control is 0x01 or 0x02)
            {
                if (first && control != 0x01) return "the first LZMA2 chunk does not reset the dictionary";
                if (data.Length - pos < 3) return "an LZMA2 chunk header is cut short";
                var size = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 1)..]) + 1;
                pos += 3 + size;
                unpacked += size;
            }
            else if (control >= 0x80)
            {
                if (first && control < 0xE0) return "the first LZMA2 chunk does not reset the dictionary and properties";
                var withProps = control >= 0xC0;
                var headerSize = withProps ? 6 : 5;
                if (data.Length - pos < headerSize) return "an LZMA2 chunk header is cut short";
                var size = ((control & 0x1F) << 16) + BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 1)..]) + 1;
                var packed = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 3)..]) + 1;
                // The LZMA2 format (and liblzma) allow lc + lp <= 4 only; more would only size the literal tables.
                if (withProps && (data[pos + 5] > 224 || data[pos + 5] % 9 + data[pos + 5] / 9 % 5 > 4)) return "an LZMA2 chunk has invalid properties";
                pos += headerSize + packed;
                unpacked += size;
            }
            else
            {
                return $"invalid LZMA2 control byte 0x{control:x2}";
            }
            if (pos > data.Length) return "the LZMA2 data is cut short";
            first = false;
        }
    }

    /// <summary>Decodes a measured LZMA2 stream of <paramref name="unpacked"/> bytes into <paramref name="output"/>.</summary>
    public static void DecodeLzma2(ReadOnlySpan<byte> data, long declaredDict, long unpacked, PooledBufferWriter output)
    {
        var dict = Lzma2DictByte(UsefulDict(Math.Min(declaredDict, output.MaxLength), unpacked));
        Run(data, [dict], unpacked, isLzma2: true, output);
    }

    /// <summary>Decodes raw LZMA1 data (<paramref name="unpacked"/> −1: until the end marker).</summary>
    public static void DecodeLzma1(ReadOnlySpan<byte> data, byte properties, long declaredDict, long unpacked, PooledBufferWriter output)
    {
        var props = new byte[5];
        props[0] = properties;
        // The dictionary (allocated up front) never needs to be larger than the output may grow: the
        // header's size is untrusted, and the output is bounded by what the chunk can hold.
        var dict = Math.Min(declaredDict, output.MaxLength);
        BinaryPrimitives.WriteInt32LittleEndian(props.AsSpan(1), UsefulDict(dict, unpacked < 0 ? dict : unpacked));
        Run(data, props, unpacked, isLzma2: false, output);
    }

    private static void Run(ReadOnlySpan<byte> data, byte[] props, long unpacked, bool isLzma2, PooledBufferWriter output)
    {
        var src = StreamCodecHelper.OverSpan(data, out var pin, out var rented);
        try
        {
            using var lz = LzmaStream.Create(props, src, data.Length, unpacked, null, isLzma2, leaveOpen: true);
            StreamCodecHelper.Drain(lz, output);
        }
        finally { src.Dispose(); pin.Free(); ArrayPool<byte>.Shared.Return(rented); }
    }
}
