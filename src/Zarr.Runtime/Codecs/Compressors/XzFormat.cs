using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using Zarr.Internal;

namespace Zarr.Codecs;

/// <summary>
/// The .xz container (tukaani xz file format 1.x): stream header, blocks, index, footer. Writes one
/// block of LZMA2 (optionally after a delta filter); reads any number of streams with delta and LZMA2
/// blocks, verifying every CRC, the index and the integrity check.
/// </summary>
internal static class XzFormat
{
    private static ReadOnlySpan<byte> HeaderMagic => [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00];

    public const int CheckNone = 0;
    public const int CheckCrc32 = 1;
    public const int CheckCrc64 = 4;
    public const int CheckSha256 = 10;

    private static int CheckSize(int check) => check switch
    {
        0 => 0,
        >= 1 and <= 3 => 4,
        >= 4 and <= 6 => 8,
        >= 7 and <= 9 => 16,
        >= 10 and <= 12 => 32,
        _ => 64,
    };

    private static void ComputeCheck(int check, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        switch (check)
        {
            case CheckNone: break;
            case CheckCrc32: BinaryPrimitives.WriteUInt32LittleEndian(destination, Crc32Codec.Compute(data)); break;
            case CheckCrc64: BinaryPrimitives.WriteUInt64LittleEndian(destination, XzCrc64.Compute(data)); break;
            case CheckSha256: SHA256.HashData(data, destination); break;
            default: throw new NotSupportedException($"xz integrity check {check} is not supported");
        }
    }

    private static int WriteVarint(Span<byte> dst, ulong value)
    {
        var n = 0;
        while (value >= 0x80)
        {
            dst[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        dst[n++] = (byte)value;
        return n;
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> src, ref int pos, out ulong value)
    {
        value = 0;
        for (var i = 0; i < 9; i++)
        {
            if (pos >= src.Length) return false;
            var b = src[pos++];
            value |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) return i == 0 || b != 0; // no redundant zero bytes
        }
        return false;
    }

    /// <summary>Writes one xz stream holding <paramref name="input"/>.</summary>
    public static void Write(ReadOnlySpan<byte> input, int check, int dictSize, int deltaDistance, IBufferWriter<byte> output)
    {
        var checkSize = CheckSize(check);
        Span<byte> flags = [0, (byte)check];
        var header = output.GetSpan(12);
        HeaderMagic.CopyTo(header);
        flags.CopyTo(header[6..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Crc32Codec.Compute(flags));
        output.Advance(12);

        var records = new List<(ulong Unpadded, ulong Uncompressed)>();
        if (input.Length > 0)
        {
            using var data = new PooledBufferWriter(input.Length / 2 + 64);
            if (deltaDistance > 0)
            {
                var rented = ArrayPool<byte>.Shared.Rent(input.Length);
                try
                {
                    LzmaFilter.DeltaEncode(input, rented, deltaDistance);
                    LzmaCoder.EncodeLzma2(rented.AsSpan(0, input.Length), dictSize, data);
                }
                finally { ArrayPool<byte>.Shared.Return(rented); }
            }
            else
            {
                LzmaCoder.EncodeLzma2(input, dictSize, data);
            }

            // Block header: size, flags (filter count − 1, both sizes present), sizes, filters, padding, CRC32.
            Span<byte> bh = stackalloc byte[64];
            var p = 2;
            p += WriteVarint(bh[p..], (ulong)data.WrittenCount);
            p += WriteVarint(bh[p..], (ulong)input.Length);
            if (deltaDistance > 0)
            {
                bh[p++] = (byte)LzmaFilter.Delta;
                bh[p++] = 1;
                bh[p++] = (byte)(deltaDistance - 1);
            }
            bh[p++] = (byte)LzmaFilter.Lzma2;
            bh[p++] = 1;
            bh[p++] = LzmaCoder.Lzma2DictByte(LzmaCoder.UsefulDict(dictSize, input.Length));
            while (p % 4 != 0) p++;
            bh[0] = (byte)(p / 4);
            bh[1] = (byte)(0xC0 | (deltaDistance > 0 ? 1 : 0));
            bh[p..(p + 4)].Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(bh[p..], Crc32Codec.Compute(bh[..p]));
            var headerSize = p + 4;
            output.Write(bh[..headerSize]);
            output.Write(data.WrittenSpan);
            var pad = (4 - data.WrittenCount % 4) % 4;
            output.GetSpan(pad + checkSize)[..(pad + checkSize)].Clear();
            ComputeCheck(check, input, output.GetSpan(pad + checkSize).Slice(pad, checkSize));
            output.Advance(pad + checkSize);
            records.Add(((ulong)(headerSize + data.WrittenCount + checkSize), (ulong)input.Length));
        }

        // Index: indicator, record count, records, padding, CRC32.
        var index = new byte[16 + records.Count * 20];
        var q = 0;
        index[q++] = 0;
        q += WriteVarint(index.AsSpan(q), (ulong)records.Count);
        foreach (var (unpadded, uncompressed) in records)
        {
            q += WriteVarint(index.AsSpan(q), unpadded);
            q += WriteVarint(index.AsSpan(q), uncompressed);
        }
        while (q % 4 != 0) index[q++] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(index.AsSpan(q), Crc32Codec.Compute(index.AsSpan(0, q)));
        q += 4;
        output.Write(index.AsSpan(0, q));

        // Footer: CRC32 of (backward size, flags), backward size, flags, "YZ".
        var footer = output.GetSpan(12);
        BinaryPrimitives.WriteUInt32LittleEndian(footer[4..], (uint)(q / 4 - 1));
        flags.CopyTo(footer[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(footer, Crc32Codec.Compute(footer.Slice(4, 6)));
        footer[10] = (byte)'Y';
        footer[11] = (byte)'Z';
        output.Advance(12);
    }

    /// <summary>True when <paramref name="input"/> starts like an xz stream.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> input) => input.StartsWith(HeaderMagic);

    /// <summary>Decodes every stream of <paramref name="input"/>; returns an error message or null.</summary>
    public static string? Read(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        var pos = 0;
        var streams = 0;
        while (pos < input.Length)
        {
            if (streams > 0)
            {
                // Stream padding: zero bytes in groups of four, then maybe another stream.
                var start = pos;
                while (pos < input.Length && input[pos] == 0) pos++;
                if ((pos - start) % 4 != 0) return "the stream padding is not a multiple of four bytes";
                if (pos == input.Length) break;
            }
            var error = ReadStream(input, ref pos, output);
            if (error is not null) return streams == 0 ? error : $"stream {streams + 1}: {error}";
            streams++;
        }
        return streams == 0 ? "the input is empty" : null;
    }

    private static string? ReadStream(ReadOnlySpan<byte> input, ref int pos, IBufferWriter<byte> output)
    {
        if (input.Length - pos < 24) return "too short for an xz stream header and footer";
        if (!input[pos..].StartsWith(HeaderMagic)) return "not an xz stream (bad magic bytes)";
        var flags = input.Slice(pos + 6, 2);
        if (BinaryPrimitives.ReadUInt32LittleEndian(input[(pos + 8)..]) != Crc32Codec.Compute(flags)) return "the stream header CRC32 does not match";
        if (flags[0] != 0 || (flags[1] & 0xF0) != 0) return "unsupported stream flags";
        var check = flags[1];
        if (check is not (CheckNone or CheckCrc32 or CheckCrc64 or CheckSha256)) return $"unsupported integrity check type {check}";
        var checkSize = CheckSize(check);
        pos += 12;

        var blocks = new List<(ulong Unpadded, ulong Uncompressed)>();
        using var block = PooledBufferWriter.LimitedLike(output, 4096, "lzma");
        Span<byte> checkBytes = stackalloc byte[32];
        while (true)
        {
            if (pos >= input.Length) return "the stream ends inside the blocks";
            if (input[pos] == 0) break; // index indicator
            var blockStart = pos;
            var headerSize = (input[pos] + 1) * 4;
            if (input.Length - pos < headerSize) return "a block header is cut short";
            var bh = input.Slice(pos, headerSize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(bh[^4..]) != Crc32Codec.Compute(bh[..^4])) return "a block header CRC32 does not match";
            var bflags = bh[1];
            if ((bflags & 0x3C) != 0) return "unsupported block flags";
            var p = 2;
            ulong? compressedSize = null, uncompressedSize = null;
            if ((bflags & 0x40) != 0) { if (!TryReadVarint(bh[..^4], ref p, out var c) || c == 0) return "bad compressed size in a block header"; compressedSize = c; }
            if ((bflags & 0x80) != 0) { if (!TryReadVarint(bh[..^4], ref p, out var u)) return "bad uncompressed size in a block header"; uncompressedSize = u; }
            var filterCount = (bflags & 3) + 1;
            var deltas = new List<int>();
            long dict = 0;
            for (var f = 0; f < filterCount; f++)
            {
                if (!TryReadVarint(bh[..^4], ref p, out var id) || !TryReadVarint(bh[..^4], ref p, out var propSize) || propSize > (ulong)(headerSize - 4 - p))
                    return "bad filter flags in a block header";
                var props = bh.Slice(p, (int)propSize);
                p += (int)propSize;
                var last = f == filterCount - 1;
                if (id == LzmaFilter.Lzma2 && last && propSize == 1 && props[0] <= 40) dict = LzmaCoder.Lzma2DictSize(props[0]);
                else if (id == LzmaFilter.Delta && !last && propSize == 1) deltas.Add(props[0] + 1);
                else return $"unsupported xz filter {id} (only delta and LZMA2 are read)";
            }
            for (; p < headerSize - 4; p++) if (bh[p] != 0) return "non-zero block header padding";
            pos += headerSize;

            var error = LzmaCoder.MeasureLzma2(input[pos..], out var packedLength, out var unpacked);
            if (error is not null) return error;
            if (compressedSize is not null && compressedSize != (ulong)packedLength) return "a block's compressed size does not match its header";
            if (uncompressedSize is not null && uncompressedSize != (ulong)unpacked) return "a block's uncompressed size does not match its header";
            block.Clear();
            LzmaCoder.DecodeLzma2(input.Slice(pos, packedLength), dict, unpacked, block);
            if (block.WrittenCount != unpacked) return $"a block decoded to {block.WrittenCount} bytes, not the {unpacked} its chunks declare";
            pos += packedLength;
            while ((pos - blockStart) % 4 != 0)
            {
                if (pos >= input.Length || input[pos] != 0) return "bad block padding";
                pos++;
            }
            if (input.Length - pos < checkSize) return "the block check is cut short";
            var data = MutableSpan(block);
            for (var d = deltas.Count - 1; d >= 0; d--) LzmaFilter.DeltaDecode(data, deltas[d]);
            ComputeCheck(check, data, checkBytes);
            if (!input.Slice(pos, checkSize).SequenceEqual(checkBytes[..checkSize])) return "the block's integrity check does not match its data";
            pos += checkSize;
            output.Write(data);
            blocks.Add(((ulong)(headerSize + packedLength + checkSize), (ulong)unpacked));
        }

        // Index.
        var indexStart = pos;
        pos++;
        if (!TryReadVarint(input, ref pos, out var count) || count != (ulong)blocks.Count) return "the index does not list the stream's blocks";
        foreach (var (unpadded, uncompressed) in blocks)
        {
            if (!TryReadVarint(input, ref pos, out var a) || !TryReadVarint(input, ref pos, out var b) || a != unpadded || b != uncompressed)
                return "an index record does not match its block";
        }
        while ((pos - indexStart) % 4 != 0)
        {
            if (pos >= input.Length || input[pos] != 0) return "bad index padding";
            pos++;
        }
        if (input.Length - pos < 4 + 12) return "the index or footer is cut short";
        if (BinaryPrimitives.ReadUInt32LittleEndian(input[pos..]) != Crc32Codec.Compute(input[indexStart..pos])) return "the index CRC32 does not match";
        pos += 4;
        var indexSize = pos - indexStart;

        // Footer.
        var footer = input.Slice(pos, 12);
        if (BinaryPrimitives.ReadUInt32LittleEndian(footer) != Crc32Codec.Compute(footer.Slice(4, 6))) return "the stream footer CRC32 does not match";
        if ((BinaryPrimitives.ReadUInt32LittleEndian(footer[4..]) + 1L) * 4 != indexSize) return "the footer's backward size does not match the index";
        if (!footer.Slice(8, 2).SequenceEqual(flags)) return "the footer's stream flags differ from the header's";
        if (footer[10] != (byte)'Y' || footer[11] != (byte)'Z') return "bad footer magic bytes";
        pos += 12;
        return null;
    }

    private static Span<byte> MutableSpan(PooledBufferWriter writer) =>
        System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(writer.WrittenSpan), writer.WrittenCount);
}
