using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Zarr.Codecs.Blosc;

/// <summary>
/// Blosc's byte shuffle of one block (c-blosc blosc/shuffle-generic.c): with n = length / typeSize whole items,
/// byte <c>b</c> of item <c>i</c> moves to <c>b·n + i</c>; the <c>length mod typeSize</c> tail is copied.
/// Items of 2, 4, 8 and 16 bytes go through SIMD transposes, other sizes through a cache-tiled loop.
/// </summary>
internal static class ByteShuffle
{
    private const int Tile = 64;

    /// <summary>Shuffles <paramref name="source"/> into the first <c>source.Length</c> bytes of <paramref name="destination"/>.</summary>
    public static void Shuffle(ReadOnlySpan<byte> source, Span<byte> destination, int typeSize)
    {
        var length = source.Length;
        if ((uint)destination.Length < (uint)length) throw new ArgumentException("destination too small", nameof(destination));
        var n = length / typeSize;
        ref var s = ref MemoryMarshal.GetReference(source);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var done = 0;
        if (n >= 16 && Simd.IsSupported && Simd.PermuteSupported)
        {
            done = typeSize switch
            {
                2 => Shuffle2(ref s, ref d, n),
                4 => Shuffle4(ref s, ref d, n),
                8 => Shuffle8(ref s, ref d, n),
                16 => Transpose16(ref s, ref d, n, n, shuffle: true),
                _ => 0,
            };
        }
        ShuffleScalar(ref s, ref d, typeSize, n, done);
        source[(n * typeSize)..].CopyTo(destination[(n * typeSize)..length]);
    }

    /// <summary>Undoes <see cref="Shuffle"/>: writes the first <c>source.Length</c> bytes of <paramref name="destination"/>.</summary>
    public static void Unshuffle(ReadOnlySpan<byte> source, Span<byte> destination, int typeSize)
    {
        var length = source.Length;
        if ((uint)destination.Length < (uint)length) throw new ArgumentException("destination too small", nameof(destination));
        var n = length / typeSize;
        UnshuffleItems(source, n, typeSize, 0, n, destination); // all n items: the planes are n bytes apart
        source[(n * typeSize)..].CopyTo(destination[(n * typeSize)..length]);
    }

    /// <summary>
    /// Unshuffles only items [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>)
    /// of a shuffled block whose planes are <paramref name="planeLength"/> bytes long, writing
    /// <c>count · typeSize</c> bytes to <paramref name="destination"/>: a read that needs part of a
    /// block's items (a window's rows) unshuffles only those, straight into its output.
    /// </summary>
    public static void UnshuffleItems(ReadOnlySpan<byte> block, int planeLength, int typeSize, int first, int count, Span<byte> destination)
    {
        if (first < 0 || count < 0 || first > planeLength - count || (long)planeLength * typeSize > block.Length)
            throw new ArgumentOutOfRangeException(nameof(first), $"items [{first}, {first + (long)count}) are outside the block's {planeLength} items");
        if ((uint)destination.Length < (uint)(count * typeSize)) throw new ArgumentException("destination too small", nameof(destination));
        if (count == 0) return;
        ref var s = ref Unsafe.Add(ref MemoryMarshal.GetReference(block), first);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var done = 0;
        if (count >= 16 && Simd.IsSupported)
        {
            done = typeSize switch
            {
                2 => Unshuffle2(ref s, planeLength, ref d, count),
                4 => Unshuffle4(ref s, planeLength, ref d, count),
                8 => Unshuffle8(ref s, planeLength, ref d, count),
                16 => Transpose16(ref s, ref d, planeLength, count, shuffle: false),
                _ => 0,
            };
        }
        UnshuffleScalar(ref s, planeLength, ref d, typeSize, count, done);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a SIMD loop: compiled optimised at once, never run as tier-0 or R2R baseline code
    private static void ShuffleScalar(ref byte s, ref byte d, int typeSize, int n, int start)
    {
        for (var i0 = start; i0 < n; i0 += Tile)
        {
            var i1 = Math.Min(n, i0 + Tile);
            for (var b = 0; b < typeSize; b++)
            {
                ref var plane = ref Unsafe.Add(ref d, (nint)b * n);
                ref var item = ref Unsafe.Add(ref s, (nint)i0 * typeSize + b);
                for (var i = i0; i < i1; i++)
                {
                    Unsafe.Add(ref plane, i) = item;
                    item = ref Unsafe.Add(ref item, typeSize);
                }
            }
        }
    }

    // Planes start stride bytes apart; items [start, n) are written.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a SIMD loop: compiled optimised at once, never run as tier-0 or R2R baseline code
    private static void UnshuffleScalar(ref byte s, int stride, ref byte d, int typeSize, int n, int start)
    {
        for (var i0 = start; i0 < n; i0 += Tile)
        {
            var i1 = Math.Min(n, i0 + Tile);
            for (var b = 0; b < typeSize; b++)
            {
                ref var plane = ref Unsafe.Add(ref s, (nint)b * stride);
                ref var item = ref Unsafe.Add(ref d, (nint)i0 * typeSize + b);
                for (var i = i0; i < i1; i++)
                {
                    item = Unsafe.Add(ref plane, i);
                    item = ref Unsafe.Add(ref item, typeSize);
                }
            }
        }
    }

    // ---- unshuffle kernels: T planes (stride bytes apart) of 16 (or 32) items in, 16·T (32·T) interleaved bytes out;
    //      they return how many of the n items they did ----

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a SIMD loop: compiled optimised at once, never run as tier-0 or R2R baseline code
    private static int Unshuffle2(ref byte s, int stride, ref byte d, int n)
    {
        var i = 0;
        if (Avx2.IsSupported)
        {
            for (; i + 32 <= n; i += 32)
            {
                var p0 = Vector256.LoadUnsafe(ref s, (nuint)i);
                var p1 = Vector256.LoadUnsafe(ref s, (nuint)(stride + i));
                var lo = Avx2.UnpackLow(p0, p1);
                var hi = Avx2.UnpackHigh(p0, p1);
                Avx2.Permute2x128(lo, hi, 0x20).StoreUnsafe(ref d, (nuint)(2 * i));
                Avx2.Permute2x128(lo, hi, 0x31).StoreUnsafe(ref d, (nuint)(2 * i + 32));
            }
        }
        for (; i + 16 <= n; i += 16)
        {
            var p0 = Vector128.LoadUnsafe(ref s, (nuint)i);
            var p1 = Vector128.LoadUnsafe(ref s, (nuint)(stride + i));
            Simd.Lo8(p0, p1).StoreUnsafe(ref d, (nuint)(2 * i));
            Simd.Hi8(p0, p1).StoreUnsafe(ref d, (nuint)(2 * i + 16));
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a SIMD loop: compiled optimised at once, never run as tier-0 or R2R baseline code
    private static int Unshuffle4(ref byte s, int stride, ref byte d, int n)
    {
        var i = 0;
        if (Avx2.IsSupported)
        {
            for (; i + 32 <= n; i += 32)
            {
                var p0 = Vector256.LoadUnsafe(ref s, (nuint)i);
                var p1 = Vector256.LoadUnsafe(ref s, (nuint)(stride + i));
                var p2 = Vector256.LoadUnsafe(ref s, (nuint)(2 * stride + i));
                var p3 = Vector256.LoadUnsafe(ref s, (nuint)(3 * stride + i));
                var a = Avx2.UnpackLow(p0, p1).AsUInt16();
                var b = Avx2.UnpackHigh(p0, p1).AsUInt16();
                var c = Avx2.UnpackLow(p2, p3).AsUInt16();
                var e = Avx2.UnpackHigh(p2, p3).AsUInt16();
                // Per 128-bit lane: items 0–3, 4–7 (from a, c) and 8–11, 12–15 (from b, e).
                var q0 = Avx2.UnpackLow(a, c).AsByte();
                var q1 = Avx2.UnpackHigh(a, c).AsByte();
                var q2 = Avx2.UnpackLow(b, e).AsByte();
                var q3 = Avx2.UnpackHigh(b, e).AsByte();
                ref var o = ref Unsafe.Add(ref d, (nint)4 * i);
                Avx2.Permute2x128(q0, q1, 0x20).StoreUnsafe(ref o);
                Avx2.Permute2x128(q2, q3, 0x20).StoreUnsafe(ref o, 32);
                Avx2.Permute2x128(q0, q1, 0x31).StoreUnsafe(ref o, 64);
                Avx2.Permute2x128(q2, q3, 0x31).StoreUnsafe(ref o, 96);
            }
        }
        for (; i + 16 <= n; i += 16)
        {
            var p0 = Vector128.LoadUnsafe(ref s, (nuint)i);
            var p1 = Vector128.LoadUnsafe(ref s, (nuint)(stride + i));
            var p2 = Vector128.LoadUnsafe(ref s, (nuint)(2 * stride + i));
            var p3 = Vector128.LoadUnsafe(ref s, (nuint)(3 * stride + i));
            var a = Simd.Lo8(p0, p1);
            var b = Simd.Hi8(p0, p1);
            var c = Simd.Lo8(p2, p3);
            var e = Simd.Hi8(p2, p3);
            ref var o = ref Unsafe.Add(ref d, (nint)4 * i);
            Simd.Lo16(a, c).StoreUnsafe(ref o);
            Simd.Hi16(a, c).StoreUnsafe(ref o, 16);
            Simd.Lo16(b, e).StoreUnsafe(ref o, 32);
            Simd.Hi16(b, e).StoreUnsafe(ref o, 48);
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a SIMD loop: compiled optimised at once, never run as tier-0 or R2R baseline code
    private static int Unshuffle8(ref byte s, int stride, ref byte d, int n)
    {
        var i = 0;
        for (; i + 16 <= n; i += 16)
        {
            ref var p = ref Unsafe.Add(ref s, i);
            Interleave8(
                Vector128.LoadUnsafe(ref p), Vector128.LoadUnsafe(ref p, (nuint)stride),
                Vector128.LoadUnsafe(ref p, (nuint)(2 * stride)), Vector128.LoadUnsafe(ref p, (nuint)(3 * stride)),
                Vector128.LoadUnsafe(ref p, (nuint)(4 * stride)), Vector128.LoadUnsafe(ref p, (nuint)(5 * stride)),
                Vector128.LoadUnsafe(ref p, (nuint)(6 * stride)), Vector128.LoadUnsafe(ref p, (nuint)(7 * stride)),
                ref Unsafe.Add(ref d, (nint)8 * i));
        }
        return i;
    }

    /// <summary>
    /// Writes 128 bytes: for q = 0..15 and j = 0..7, <c>o[8q + j] = p_j[q]</c>. Used by the 8-byte
    /// unshuffle and by the bit unshuffle.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Interleave8(
        Vector128<byte> p0, Vector128<byte> p1, Vector128<byte> p2, Vector128<byte> p3,
        Vector128<byte> p4, Vector128<byte> p5, Vector128<byte> p6, Vector128<byte> p7, ref byte o)
    {
        var a0 = Simd.Lo8(p0, p1); var a1 = Simd.Hi8(p0, p1);
        var a2 = Simd.Lo8(p2, p3); var a3 = Simd.Hi8(p2, p3);
        var a4 = Simd.Lo8(p4, p5); var a5 = Simd.Hi8(p4, p5);
        var a6 = Simd.Lo8(p6, p7); var a7 = Simd.Hi8(p6, p7);
        var b0 = Simd.Lo16(a0, a2); var b1 = Simd.Hi16(a0, a2);
        var b2 = Simd.Lo16(a4, a6); var b3 = Simd.Hi16(a4, a6);
        var b4 = Simd.Lo16(a1, a3); var b5 = Simd.Hi16(a1, a3);
        var b6 = Simd.Lo16(a5, a7); var b7 = Simd.Hi16(a5, a7);
        Simd.Lo32(b0, b2).StoreUnsafe(ref o);
        Simd.Hi32(b0, b2).StoreUnsafe(ref o, 16);
        Simd.Lo32(b1, b3).StoreUnsafe(ref o, 32);
        Simd.Hi32(b1, b3).StoreUnsafe(ref o, 48);
        Simd.Lo32(b4, b6).StoreUnsafe(ref o, 64);
        Simd.Hi32(b4, b6).StoreUnsafe(ref o, 80);
        Simd.Lo32(b5, b7).StoreUnsafe(ref o, 96);
        Simd.Hi32(b5, b7).StoreUnsafe(ref o, 112);
    }

    // ---- shuffle kernels: 16·T interleaved bytes in, T planes of 16 items out ----

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a SIMD loop: compiled optimised at once, never run as tier-0 or R2R baseline code
    private static int Shuffle2(ref byte s, ref byte d, int n)
    {
        var mask = Vector128.Create((byte)0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15);
        var i = 0;
        for (; i + 16 <= n; i += 16)
        {
            ref var p = ref Unsafe.Add(ref s, (nint)2 * i);
            var v0 = Vector128.Shuffle(Vector128.LoadUnsafe(ref p), mask);
            var v1 = Vector128.Shuffle(Vector128.LoadUnsafe(ref p, 16), mask);
            Simd.Lo64(v0, v1).StoreUnsafe(ref d, (nuint)i);
            Simd.Hi64(v0, v1).StoreUnsafe(ref d, (nuint)(n + i));
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a SIMD loop: compiled optimised at once, never run as tier-0 or R2R baseline code
    private static int Shuffle4(ref byte s, ref byte d, int n)
    {
        var mask = Vector128.Create((byte)0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
        var i = 0;
        for (; i + 16 <= n; i += 16)
        {
            ref var p = ref Unsafe.Add(ref s, (nint)4 * i);
            var v0 = Vector128.Shuffle(Vector128.LoadUnsafe(ref p), mask);
            var v1 = Vector128.Shuffle(Vector128.LoadUnsafe(ref p, 16), mask);
            var v2 = Vector128.Shuffle(Vector128.LoadUnsafe(ref p, 32), mask);
            var v3 = Vector128.Shuffle(Vector128.LoadUnsafe(ref p, 48), mask);
            var t0 = Simd.Lo32(v0, v1); var t1 = Simd.Hi32(v0, v1);
            var t2 = Simd.Lo32(v2, v3); var t3 = Simd.Hi32(v2, v3);
            Simd.Lo64(t0, t2).StoreUnsafe(ref d, (nuint)i);
            Simd.Hi64(t0, t2).StoreUnsafe(ref d, (nuint)(n + i));
            Simd.Lo64(t1, t3).StoreUnsafe(ref d, (nuint)(2 * n + i));
            Simd.Hi64(t1, t3).StoreUnsafe(ref d, (nuint)(3 * n + i));
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a SIMD loop: compiled optimised at once, never run as tier-0 or R2R baseline code
    private static int Shuffle8(ref byte s, ref byte d, int n)
    {
        var i = 0;
        for (; i + 16 <= n; i += 16)
        {
            ref var p = ref Unsafe.Add(ref d, i);
            Deinterleave8(ref Unsafe.Add(ref s, (nint)8 * i),
                out var q0, out var q1, out var q2, out var q3, out var q4, out var q5, out var q6, out var q7);
            q0.StoreUnsafe(ref p);
            q1.StoreUnsafe(ref p, (nuint)n);
            q2.StoreUnsafe(ref p, (nuint)(2 * n));
            q3.StoreUnsafe(ref p, (nuint)(3 * n));
            q4.StoreUnsafe(ref p, (nuint)(4 * n));
            q5.StoreUnsafe(ref p, (nuint)(5 * n));
            q6.StoreUnsafe(ref p, (nuint)(6 * n));
            q7.StoreUnsafe(ref p, (nuint)(7 * n));
        }
        return i;
    }

    /// <summary>The inverse of <see cref="Interleave8"/>: reads 128 bytes, <c>q_j[k] = input[8k + j]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Deinterleave8(ref byte input,
        out Vector128<byte> q0, out Vector128<byte> q1, out Vector128<byte> q2, out Vector128<byte> q3,
        out Vector128<byte> q4, out Vector128<byte> q5, out Vector128<byte> q6, out Vector128<byte> q7)
    {
        // Each vector holds two items; gather byte b of both into 16-bit word b, then transpose 8×8 words.
        var mask = Vector128.Create((byte)0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15);
        var v0 = Vector128.Shuffle(Vector128.LoadUnsafe(ref input), mask);
        var v1 = Vector128.Shuffle(Vector128.LoadUnsafe(ref input, 16), mask);
        var v2 = Vector128.Shuffle(Vector128.LoadUnsafe(ref input, 32), mask);
        var v3 = Vector128.Shuffle(Vector128.LoadUnsafe(ref input, 48), mask);
        var v4 = Vector128.Shuffle(Vector128.LoadUnsafe(ref input, 64), mask);
        var v5 = Vector128.Shuffle(Vector128.LoadUnsafe(ref input, 80), mask);
        var v6 = Vector128.Shuffle(Vector128.LoadUnsafe(ref input, 96), mask);
        var v7 = Vector128.Shuffle(Vector128.LoadUnsafe(ref input, 112), mask);
        var e0 = Simd.Lo16(v0, v1); var e1 = Simd.Hi16(v0, v1);
        var e2 = Simd.Lo16(v2, v3); var e3 = Simd.Hi16(v2, v3);
        var e4 = Simd.Lo16(v4, v5); var e5 = Simd.Hi16(v4, v5);
        var e6 = Simd.Lo16(v6, v7); var e7 = Simd.Hi16(v6, v7);
        var f0 = Simd.Lo32(e0, e2); var f1 = Simd.Hi32(e0, e2);
        var f2 = Simd.Lo32(e1, e3); var f3 = Simd.Hi32(e1, e3);
        var f4 = Simd.Lo32(e4, e6); var f5 = Simd.Hi32(e4, e6);
        var f6 = Simd.Lo32(e5, e7); var f7 = Simd.Hi32(e5, e7);
        q0 = Simd.Lo64(f0, f4); q1 = Simd.Hi64(f0, f4);
        q2 = Simd.Lo64(f1, f5); q3 = Simd.Hi64(f1, f5);
        q4 = Simd.Lo64(f2, f6); q5 = Simd.Hi64(f2, f6);
        q6 = Simd.Lo64(f3, f7); q7 = Simd.Hi64(f3, f7);
    }

    /// <summary>
    /// 16×16 byte transposes, which both shuffle and unshuffle 16-byte items. Shuffling reads 16 items
    /// and writes one 16-byte run to each plane; unshuffling reads the planes and writes 16 items.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a SIMD loop: compiled optimised at once, never run as tier-0 or R2R baseline code
    private static int Transpose16(ref byte s, ref byte d, int stride, int n, bool shuffle)
    {
        Span<Vector128<byte>> x = stackalloc Vector128<byte>[16];
        Span<Vector128<byte>> y = stackalloc Vector128<byte>[16];
        var i = 0;
        for (; i + 16 <= n; i += 16)
        {
            for (var k = 0; k < 16; k++)
            {
                x[k] = shuffle
                    ? Vector128.LoadUnsafe(ref s, (nuint)(16 * (i + k)))
                    : Vector128.LoadUnsafe(ref s, (nuint)(k * stride + i));
            }
            for (var k = 0; k < 8; k++)
            {
                y[k] = Simd.Lo8(x[2 * k], x[2 * k + 1]);
                y[k + 8] = Simd.Hi8(x[2 * k], x[2 * k + 1]);
            }
            for (var k = 0; k < 4; k++)
            {
                x[k] = Simd.Lo16(y[2 * k], y[2 * k + 1]);
                x[k + 4] = Simd.Hi16(y[2 * k], y[2 * k + 1]);
                x[k + 8] = Simd.Lo16(y[8 + 2 * k], y[9 + 2 * k]);
                x[k + 12] = Simd.Hi16(y[8 + 2 * k], y[9 + 2 * k]);
            }
            for (var g = 0; g < 4; g++)
            {
                y[4 * g] = Simd.Lo32(x[4 * g], x[4 * g + 1]);
                y[4 * g + 1] = Simd.Hi32(x[4 * g], x[4 * g + 1]);
                y[4 * g + 2] = Simd.Lo32(x[4 * g + 2], x[4 * g + 3]);
                y[4 * g + 3] = Simd.Hi32(x[4 * g + 2], x[4 * g + 3]);
            }
            for (var g = 0; g < 4; g++)
            {
                x[4 * g] = Simd.Lo64(y[4 * g], y[4 * g + 2]);
                x[4 * g + 1] = Simd.Hi64(y[4 * g], y[4 * g + 2]);
                x[4 * g + 2] = Simd.Lo64(y[4 * g + 1], y[4 * g + 3]);
                x[4 * g + 3] = Simd.Hi64(y[4 * g + 1], y[4 * g + 3]);
            }
            for (var k = 0; k < 16; k++)
            {
                if (shuffle) x[k].StoreUnsafe(ref d, (nuint)(k * stride + i));
                else x[k].StoreUnsafe(ref d, (nuint)(16 * (i + k)));
            }
        }
        return i;
    }
}
