using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zarr.Codecs.Blosc;

/// <summary>
/// BloscLZ, Blosc's own LZ77 stream format (c-blosc blosc/blosclz.c). A stream is a sequence of tokens:
/// a control byte below 32 starts a literal run of control + 1 bytes; a larger one is a match whose
/// top 3 bits give the length (7 = more length bytes follow, each 255 meaning "and more") and whose
/// low 5 bits are the high bits of the distance; a low distance byte follows, and the pair (31, 255)
/// escapes to a 16-bit far distance. The first control byte carries a 0x20 marker and is always a
/// literal run; a stream always ends with a literal run.
/// </summary>
internal static class BloscLZ
{
    private const int MaxLiteralRun = 32;
    private const int NearDistanceLimit = 8191;           // biased near distances are 0..8190
    private const int MaxDistance = 65535 + 8191 - 1;     // the farthest match the encoder makes
    private const int MinFarMatch = 6;                    // shorter far matches cost more than literals

    /// <summary>
    /// Decodes <paramref name="input"/> into <paramref name="output"/>; returns the decoded length, or −1
    /// when the stream is malformed or does not fit. Accepts exactly what c-blosc's decoder accepts.
    /// </summary>
    public static int Decompress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var inLength = input.Length;
        if (inLength == 0) return 0;
        var outLength = output.Length;
        ref var src = ref MemoryMarshal.GetReference(input);
        ref var dst = ref MemoryMarshal.GetReference(output);
        var ip = 0;
        var op = 0;
        var ctrl = src & 31u;
        ip++;
        while (true)
        {
            if (ctrl >= 32)
            {
                var length = (int)(ctrl >> 5) - 1;
                var high = (int)(ctrl & 31) << 8;
                if (length == 6)
                {
                    byte code;
                    do
                    {
                        if (ip + 1 >= inLength) return -1;
                        code = Unsafe.Add(ref src, ip++);
                        length += code;
                        if (length > outLength) return -1;
                    }
                    while (code == 255);
                }
                else if (ip + 1 >= inLength)
                {
                    return -1;
                }
                int low = Unsafe.Add(ref src, ip++);
                length += 3;
                int distance;
                if (low == 255 && high == 31 << 8)
                {
                    if (ip + 1 >= inLength) return -1;
                    distance = (Unsafe.Add(ref src, ip) << 8 | Unsafe.Add(ref src, ip + 1)) + NearDistanceLimit + 1;
                    ip += 2;
                }
                else
                {
                    distance = high + low + 1;
                }
                if (length > outLength - op || distance > op) return -1;
                // A stream cannot end in a match: the reference decoder stops before copying it.
                if (ip >= inLength) return -1;
                ctrl = Unsafe.Add(ref src, ip++);
                CopyMatch(ref Unsafe.Add(ref dst, op), distance, length);
                op += length;
            }
            else
            {
                var run = (int)ctrl + 1;
                if (run > outLength - op || run > inLength - ip) return -1;
                Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref dst, op), ref Unsafe.Add(ref src, ip), (uint)run);
                op += run;
                ip += run;
                if (ip >= inLength) break;
                ctrl = Unsafe.Add(ref src, ip++);
            }
        }
        return op;
    }

    /// <summary>Copies <paramref name="length"/> bytes from <paramref name="distance"/> bytes back, forwards (overlap repeats the pattern).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyMatch(ref byte op, int distance, int length)
    {
        ref var from = ref Unsafe.Subtract(ref op, distance);
        if (distance == 1)
        {
            Unsafe.InitBlockUnaligned(ref op, from, (uint)length);
        }
        else if (distance >= length)
        {
            Unsafe.CopyBlockUnaligned(ref op, ref from, (uint)length);
        }
        else
        {
            var i = 0;
            if (distance >= 8)
            {
                for (; i + 8 <= length; i += 8)
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref op, i), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref from, i)));
            }
            for (; i < length; i++) Unsafe.Add(ref op, i) = Unsafe.Add(ref from, i);
        }
    }

    [ThreadStatic] private static int[]? t_table;

    /// <summary>
    /// Compresses <paramref name="input"/> into <paramref name="output"/> at <paramref name="clevel"/> 1–9.
    /// Returns the stream length, or 0 when the input is too small, too hard to compress for the level
    /// (a sample of its last quarter is tried first), or the stream would not fit in <paramref name="output"/>.
    /// </summary>
    public static int Compress(int clevel, ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (input.Length < 16 || output.Length < 66) return 0;
        var hashLog = clevel switch { 1 => 12, 2 => 13, 9 => 15, _ => 14 };
        var table = t_table ??= new int[1 << 15];
        var minRatio = clevel switch { 1 => 2.0, 2 => 1.5, 7 => 1.15, 8 => 1.1, 9 => 1.0, _ => 1.2 };
        // Probe the end of the input (up to 4 KiB of its last quarter): hard-to-compress blocks are
        // stored as they are, which is both faster to write and faster to read.
        var sampleLength = Math.Min(input.Length / 4, 4096);
        if (sampleLength >= 16)
        {
            Span<byte> scratch = stackalloc byte[4096 + 64];
            var sample = input[^sampleLength..];
            var n = Encode(sample, scratch[..(sampleLength + 64)], table, 12, clevel);
            if (n <= 0 || (double)sampleLength / n < minRatio) return 0;
        }
        return Encode(input, output, table, hashLog, clevel);
    }

    private static int Encode(ReadOnlySpan<byte> input, Span<byte> output, int[] table, int hashLog, int clevel)
    {
        var length = input.Length;
        if (length < 16 || output.Length < 66) return 0;
        Array.Clear(table, 0, 1 << hashLog);
        ref var src = ref MemoryMarshal.GetReference(input);
        ref var dst = ref MemoryMarshal.GetReference(output);
        var outLength = output.Length;
        var shift = 32 - hashLog;
        var skipShift = clevel >= 7 ? 9 : clevel >= 4 ? 7 : 5;
        var searchLimit = length - 12;   // a match may start before here…
        var matchLimit = length - 4;     // …and must end here, so the stream ends in literals
        var ip = 1;                      // and starts with one
        var anchor = 0;
        var op = 0;
        var misses = 0;
        while (ip < searchLimit)
        {
            var seq = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref src, ip));
            var h = (int)((seq * 2654435761u) >> shift);
            var candidate = table[h] - 1;
            table[h] = ip + 1;
            var distance = ip - candidate;
            if (candidate >= 0 && distance <= MaxDistance && Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref src, candidate)) == seq)
            {
                var matchLength = 4 + CommonLength(ref src, ip + 4, candidate + 4, matchLimit);
                if (distance <= NearDistanceLimit || matchLength >= MinFarMatch)
                {
                    op = EmitLiterals(ref src, anchor, ip, ref dst, op, outLength);
                    if (op < 0) return 0;
                    op = EmitMatch(ref dst, op, outLength, matchLength, distance);
                    if (op < 0) return 0;
                    ip += matchLength;
                    anchor = ip;
                    misses = 0;
                    // Index the positions just before the next search start.
                    if (ip < searchLimit)
                    {
                        table[Hash(ref src, ip - 2, shift)] = ip - 1;
                        table[Hash(ref src, ip - 1, shift)] = ip;
                    }
                    continue;
                }
            }
            ip += 1 + (misses++ >> skipShift);
        }
        op = EmitLiterals(ref src, anchor, length, ref dst, op, outLength);
        if (op < 0) return 0;
        dst |= 0x20;   // the format's marker on the first control byte
        return op;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ref byte src, int position, int shift) =>
        (int)((Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref src, position)) * 2654435761u) >> shift);

    /// <summary>How many bytes at <paramref name="a"/> equal those at <paramref name="b"/> (&lt; a), stopping at <paramref name="limit"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CommonLength(ref byte src, int a, int b, int limit)
    {
        var start = a;
        while (a + 8 <= limit)
        {
            var diff = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, a)) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, b));
            if (diff != 0)
            {
                var same = BitConverter.IsLittleEndian ? ulong.TrailingZeroCount(diff) : ulong.LeadingZeroCount(diff);
                return a - start + (int)(same >> 3);
            }
            a += 8;
            b += 8;
        }
        while (a < limit && Unsafe.Add(ref src, a) == Unsafe.Add(ref src, b))
        {
            a++;
            b++;
        }
        return a - start;
    }

    private static int EmitLiterals(ref byte src, int from, int to, ref byte dst, int op, int outLength)
    {
        var count = to - from;
        if (count == 0) return op;
        var runs = (count + MaxLiteralRun - 1) / MaxLiteralRun;
        if (op + count + runs > outLength) return -1;
        while (from < to)
        {
            var run = Math.Min(MaxLiteralRun, to - from);
            Unsafe.Add(ref dst, op++) = (byte)(run - 1);
            Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref dst, op), ref Unsafe.Add(ref src, from), (uint)run);
            op += run;
            from += run;
        }
        return op;
    }

    private static int EmitMatch(ref byte dst, int op, int outLength, int length, int distance)
    {
        var d = distance - 1;                 // distances are stored biased by one…
        var code = length - 2;                // …and lengths by two (3..8 fit the control byte)
        var extra = code >= 7 ? (code - 7) / 255 + 1 : 0;
        var far = d >= NearDistanceLimit;
        if (op + 2 + extra + (far ? 2 : 0) > outLength) return -1;
        var high = far ? 31 : d >> 8;
        if (code < 7)
        {
            Unsafe.Add(ref dst, op++) = (byte)((code << 5) + high);
        }
        else
        {
            Unsafe.Add(ref dst, op++) = (byte)((7 << 5) + high);
            var rest = code - 7;
            for (; rest >= 255; rest -= 255) Unsafe.Add(ref dst, op++) = 255;
            Unsafe.Add(ref dst, op++) = (byte)rest;
        }
        if (far)
        {
            var f = d - NearDistanceLimit;
            Unsafe.Add(ref dst, op++) = 255;
            Unsafe.Add(ref dst, op++) = (byte)(f >> 8);
            Unsafe.Add(ref dst, op++) = (byte)f;
        }
        else
        {
            Unsafe.Add(ref dst, op++) = (byte)d;
        }
        return op;
    }
}
