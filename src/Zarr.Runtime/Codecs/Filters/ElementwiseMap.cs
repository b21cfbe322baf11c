using System.Buffers;

namespace Zarr.Codecs;

/// <summary>Applies a per-element NumPy computation from one element type to another.</summary>
internal static class ElementwiseMap
{
    /// <summary>Maps every item of <paramref name="input"/> and appends the results to <paramref name="output"/>.</summary>
    public static void ToWriter(ReadOnlySpan<byte> input, NumpyElement from, NumpyElement to, Func<NumpyValue, NumpyValue> map,
        IBufferWriter<byte> output, BytesCodecError error, string what)
    {
        var n = FilterConfig.CountItems(error, input.Length, from.Size, what);
        var size = n * to.Size;
        Run(input, from, to, map, output.GetSpan(Math.Max(1, size)));
        output.Advance(size);
    }

    /// <summary>Maps every item of <paramref name="input"/> into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int ToSpan(ReadOnlySpan<byte> input, NumpyElement from, NumpyElement to, Func<NumpyValue, NumpyValue> map,
        Span<byte> destination, BytesCodecError error, string what)
    {
        var n = FilterConfig.CountItems(error, input.Length, from.Size, what);
        var size = n * to.Size;
        if (size > destination.Length) throw error($"the data decodes to {size} bytes, more than the expected {destination.Length}");
        Run(input, from, to, map, destination);
        return size;
    }

    private static void Run(ReadOnlySpan<byte> input, NumpyElement from, NumpyElement to, Func<NumpyValue, NumpyValue> map, Span<byte> dst)
    {
        var n = input.Length / from.Size;
        for (var i = 0; i < n; i++) NumpyMath.Write(dst, i, to, map(NumpyMath.Read(input, i, from)));
    }
}
