namespace Zarr.Internal;

/// <summary>
/// Moves elements between a chunk in C (row-major) order and its transposed encoded layout: v2's
/// order 'F' and the v3 <c>transpose</c> codec (encoded shape[i] = chunk shape[permutation[i]]).
/// </summary>
internal static class Layout
{
    /// <summary>Copies a C-order buffer of <paramref name="shape"/> into F order.</summary>
    public static void CToF<T>(ReadOnlySpan<T> c, Span<T> f, int[] shape) => ToEncoded(c, f, shape, Reversed(shape.Length));

    /// <summary>Copies an F-order buffer of <paramref name="shape"/> into C order.</summary>
    public static void FToC<T>(ReadOnlySpan<T> f, Span<T> c, int[] shape) => FromEncoded(f, c, shape, Reversed(shape.Length));

    /// <summary>Copies a C-order chunk of <paramref name="shape"/> into its transposed (encoded) layout.</summary>
    public static void ToEncoded<T>(ReadOnlySpan<T> c, Span<T> encoded, int[] shape, int[] permutation) => Permute(c, encoded, shape, permutation, toEncoded: true);

    /// <summary>Copies a transposed (encoded) chunk back into C order of <paramref name="shape"/>.</summary>
    public static void FromEncoded<T>(ReadOnlySpan<T> encoded, Span<T> c, int[] shape, int[] permutation) => Permute(encoded, c, shape, permutation, toEncoded: false);

    private static int[] Reversed(int rank)
    {
        var p = new int[rank];
        for (var i = 0; i < rank; i++) p[i] = rank - 1 - i;
        return p;
    }

    private static void Permute<T>(ReadOnlySpan<T> src, Span<T> dst, int[] shape, int[] permutation, bool toEncoded)
    {
        var rank = shape.Length;
        if (rank <= 1) { src[..dst.Length].CopyTo(dst); return; }
        // The stride, in the encoded layout, of each dimension of the chunk: the encoded array is C
        // order over shape[permutation[0]], shape[permutation[1]], …
        var strides = new int[rank];
        var acc = 1;
        for (var k = rank - 1; k >= 0; k--)
        {
            strides[permutation[k]] = acc;
            acc *= shape[permutation[k]];
        }
        var index = new int[rank];
        var eOff = 0;
        var n = toEncoded ? src.Length : dst.Length;
        for (var cOff = 0; cOff < n; cOff++)
        {
            if (toEncoded) dst[eOff] = src[cOff];
            else dst[cOff] = src[eOff];
            // advance the C-order multi-index (last dimension fastest), tracking the encoded offset
            for (var d = rank - 1; d >= 0; d--)
            {
                index[d]++;
                eOff += strides[d];
                if (index[d] < shape[d]) break;
                eOff -= strides[d] * shape[d];
                index[d] = 0;
            }
        }
    }
}
