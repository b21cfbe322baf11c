namespace Zarr.Internal;

/// <summary>Moves elements between C (row-major) and F (column-major) layouts of one shape.</summary>
internal static class Layout
{
    /// <summary>Copies a C-order buffer of <paramref name="shape"/> into F order.</summary>
    public static void CToF<T>(ReadOnlySpan<T> c, Span<T> f, int[] shape) => Permute(c, f, shape, toF: true);

    /// <summary>Copies an F-order buffer of <paramref name="shape"/> into C order.</summary>
    public static void FToC<T>(ReadOnlySpan<T> f, Span<T> c, int[] shape) => Permute(f, c, shape, toF: false);

    private static void Permute<T>(ReadOnlySpan<T> src, Span<T> dst, int[] shape, bool toF)
    {
        var rank = shape.Length;
        if (rank <= 1) { src[..dst.Length].CopyTo(dst); return; }
        // F strides: dimension 0 is fastest.
        var fStrides = new int[rank];
        var acc = 1;
        for (var d = 0; d < rank; d++) { fStrides[d] = acc; acc *= shape[d]; }
        var index = new int[rank];
        var fOff = 0;
        var n = src.Length;
        for (var cOff = 0; cOff < n; cOff++)
        {
            if (toF) dst[fOff] = src[cOff];
            else dst[cOff] = src[fOff];
            // advance the C-order multi-index (last dimension fastest), tracking the F offset
            for (var d = rank - 1; d >= 0; d--)
            {
                index[d]++;
                fOff += fStrides[d];
                if (index[d] < shape[d]) break;
                fOff -= fStrides[d] * shape[d];
                index[d] = 0;
            }
        }
    }
}
