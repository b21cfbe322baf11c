using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Zarr.Codecs.Blosc;

/// <summary>
/// Blosc's bit shuffle of one block (c-blosc blosc/bitshuffle-generic.c, after Masui's bitshuffle). With n = length / typeSize items, a multiple
/// of 8, bit k of byte b of item i goes to bit (i mod 8) of byte <c>(8b + k)·n/8 + i/8</c>: one row of
/// n bits per item bit, least significant bit first. The <c>length − n·typeSize</c> tail is copied, and
/// when n is not a multiple of 8 the whole block is copied unchanged.
/// </summary>
/// <remarks>
/// The 8 rows of item byte b fill bytes <c>[b·n, (b+1)·n)</c>, the same span plane b takes in the byte
/// shuffled layout; so a bit shuffle is a byte shuffle followed, plane by plane, by an 8×8 bit
/// transpose of each group of 8 items (and the unshuffle runs the same steps backwards).
/// </remarks>
internal static class BitShuffle
{
    /// <summary>Bit-shuffles <paramref name="source"/> into <paramref name="destination"/>, using <paramref name="scratch"/> (≥ source length).</summary>
    public static void Shuffle(ReadOnlySpan<byte> source, Span<byte> destination, int typeSize, Span<byte> scratch)
    {
        var length = source.Length;
        var n = length / typeSize;
        if (n % 8 != 0)
        {
            source.CopyTo(destination);
            return;
        }
        var body = n * typeSize;
        if (typeSize == 1)
        {
            BytesToRows(source[..n], destination[..n]);
        }
        else
        {
            ByteShuffle.Shuffle(source[..body], scratch, typeSize);
            for (var b = 0; b < typeSize; b++)
                BytesToRows(scratch.Slice(b * n, n), destination.Slice(b * n, n));
        }
        source[body..].CopyTo(destination[body..]);
    }

    /// <summary>Undoes <see cref="Shuffle"/>, using <paramref name="scratch"/> (≥ source length).</summary>
    public static void Unshuffle(ReadOnlySpan<byte> source, Span<byte> destination, int typeSize, Span<byte> scratch)
    {
        var length = source.Length;
        var n = length / typeSize;
        if (n % 8 != 0)
        {
            source.CopyTo(destination);
            return;
        }
        var body = n * typeSize;
        if (typeSize == 1)
        {
            RowsToBytes(source[..n], destination[..n]);
        }
        else
        {
            for (var b = 0; b < typeSize; b++)
                RowsToBytes(source.Slice(b * n, n), scratch.Slice(b * n, n));
            ByteShuffle.Unshuffle(scratch[..body], destination, typeSize);
        }
        source[body..].CopyTo(destination[body..length]);
    }

    /// <summary>
    /// <paramref name="rows"/> holds 8 rows of n/8 bytes; writes n bytes where bit k of byte <c>8q + j</c>
    /// is bit j of byte q of row k.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a SIMD loop: compiled optimised at once, never run as tier-0 or R2R baseline code
    private static void RowsToBytes(ReadOnlySpan<byte> rows, Span<byte> bytes)
    {
        var rowLength = rows.Length / 8;
        ref var r = ref MemoryMarshal.GetReference(rows);
        ref var o = ref MemoryMarshal.GetReference(bytes);
        var q = 0;
        if (Simd.IsSupported)
        {
            for (; q + 16 <= rowLength; q += 16)
            {
                ref var p = ref Unsafe.Add(ref r, q);
                var v0 = Vector128.LoadUnsafe(ref p);
                var v1 = Vector128.LoadUnsafe(ref p, (nuint)rowLength);
                var v2 = Vector128.LoadUnsafe(ref p, (nuint)(2 * rowLength));
                var v3 = Vector128.LoadUnsafe(ref p, (nuint)(3 * rowLength));
                var v4 = Vector128.LoadUnsafe(ref p, (nuint)(4 * rowLength));
                var v5 = Vector128.LoadUnsafe(ref p, (nuint)(5 * rowLength));
                var v6 = Vector128.LoadUnsafe(ref p, (nuint)(6 * rowLength));
                var v7 = Vector128.LoadUnsafe(ref p, (nuint)(7 * rowLength));
                TransposeBits(ref v0, ref v1, ref v2, ref v3, ref v4, ref v5, ref v6, ref v7);
                ByteShuffle.Interleave8(v0, v1, v2, v3, v4, v5, v6, v7, ref Unsafe.Add(ref o, 8 * q));
            }
        }
        for (; q < rowLength; q++)
        {
            ulong x = 0;
            for (var k = 0; k < 8; k++) x |= (ulong)Unsafe.Add(ref r, k * rowLength + q) << (8 * k);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref o, 8 * q), ToLittleEndian(Transpose8x8(x)));
        }
    }

    /// <summary>The inverse of <see cref="RowsToBytes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a SIMD loop: compiled optimised at once, never run as tier-0 or R2R baseline code
    private static void BytesToRows(ReadOnlySpan<byte> bytes, Span<byte> rows)
    {
        var rowLength = bytes.Length / 8;
        ref var s = ref MemoryMarshal.GetReference(bytes);
        ref var r = ref MemoryMarshal.GetReference(rows);
        var q = 0;
        if (Simd.IsSupported && Simd.PermuteSupported)
        {
            for (; q + 16 <= rowLength; q += 16)
            {
                ByteShuffle.Deinterleave8(ref Unsafe.Add(ref s, 8 * q),
                    out var v0, out var v1, out var v2, out var v3, out var v4, out var v5, out var v6, out var v7);
                TransposeBits(ref v0, ref v1, ref v2, ref v3, ref v4, ref v5, ref v6, ref v7);
                ref var p = ref Unsafe.Add(ref r, q);
                v0.StoreUnsafe(ref p);
                v1.StoreUnsafe(ref p, (nuint)rowLength);
                v2.StoreUnsafe(ref p, (nuint)(2 * rowLength));
                v3.StoreUnsafe(ref p, (nuint)(3 * rowLength));
                v4.StoreUnsafe(ref p, (nuint)(4 * rowLength));
                v5.StoreUnsafe(ref p, (nuint)(5 * rowLength));
                v6.StoreUnsafe(ref p, (nuint)(6 * rowLength));
                v7.StoreUnsafe(ref p, (nuint)(7 * rowLength));
            }
        }
        for (; q < rowLength; q++)
        {
            var x = Transpose8x8(ToLittleEndian(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, 8 * q))));
            for (var k = 0; k < 8; k++) Unsafe.Add(ref r, k * rowLength + q) = (byte)(x >> (8 * k));
        }
    }

    private static ulong ToLittleEndian(ulong x) => BitConverter.IsLittleEndian ? x : BinaryPrimitives.ReverseEndianness(x);

    /// <summary>Transposes the 8×8 bit matrix whose row r is byte r and column c is bit c.</summary>
    internal static ulong Transpose8x8(ulong x)
    {
        var t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAUL;
        x ^= t ^ (t << 7);
        t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCUL;
        x ^= t ^ (t << 14);
        t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0UL;
        x ^= t ^ (t << 28);
        return x;
    }

    /// <summary>
    /// In every byte lane, transposes the 8×8 bit matrix whose row k is that lane of <c>v_k</c> and
    /// column j is bit j: blocks of 4, then 2, then 1 are swapped across the diagonal.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransposeBits(
        ref Vector128<byte> v0, ref Vector128<byte> v1, ref Vector128<byte> v2, ref Vector128<byte> v3,
        ref Vector128<byte> v4, ref Vector128<byte> v5, ref Vector128<byte> v6, ref Vector128<byte> v7)
    {
        var m4 = Vector128.Create((byte)0x0F);
        var m2 = Vector128.Create((byte)0x33);
        var m1 = Vector128.Create((byte)0x55);
        Swap(ref v0, ref v4, 4, m4); Swap(ref v1, ref v5, 4, m4); Swap(ref v2, ref v6, 4, m4); Swap(ref v3, ref v7, 4, m4);
        Swap(ref v0, ref v2, 2, m2); Swap(ref v1, ref v3, 2, m2); Swap(ref v4, ref v6, 2, m2); Swap(ref v5, ref v7, 2, m2);
        Swap(ref v0, ref v1, 1, m1); Swap(ref v2, ref v3, 1, m1); Swap(ref v4, ref v5, 1, m1); Swap(ref v6, ref v7, 1, m1);
    }

    /// <summary>Exchanges the bits of <paramref name="lo"/> at mask positions + shift with those of <paramref name="hi"/> at mask positions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Swap(ref Vector128<byte> lo, ref Vector128<byte> hi, int shift, Vector128<byte> mask)
    {
        // 16-bit shifts are safe here: the mask keeps only bits that stayed inside their byte.
        var t = ((lo.AsUInt16() >>> shift).AsByte() ^ hi) & mask;
        hi ^= t;
        lo ^= (t.AsUInt16() << shift).AsByte();
    }
}
