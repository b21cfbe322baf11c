using System.Runtime.InteropServices;

namespace Zarr.Codecs;

/// <summary>
/// The system's libzfp (Debian's <c>libzfp1</c>, the library Debian's <c>python3-zfpy</c> and so
/// numcodecs' zfpy use), called through function pointers resolved at run time. ZFP has no managed
/// port; where the library is missing, <see cref="IsAvailable"/> is false and the codec says which
/// package to install. Every call opens its own stream and field, so calls may run in parallel.
/// Nothing here uses reflection or runtime code generation.
/// </summary>
internal static unsafe class NativeZfp
{
    /// <summary>The package that provides the library, for messages.</summary>
    public const string Package = "libzfp1";

    /// <summary>zfp_type: int32, int64, float, double.</summary>
    public const int TypeInt32 = 1, TypeInt64 = 2, TypeFloat = 3, TypeDouble = 4;

    private const uint HeaderFull = 7; // ZFP_HEADER_MAGIC | ZFP_HEADER_META | ZFP_HEADER_MODE

    private static readonly delegate* unmanaged<void*, nuint, nint> s_streamOpen;
    private static readonly delegate* unmanaged<nint, void> s_streamClose;
    private static readonly delegate* unmanaged<nint, nint> s_zfpOpen;
    private static readonly delegate* unmanaged<nint, void> s_zfpClose;
    private static readonly delegate* unmanaged<nint, void> s_rewind;
    private static readonly delegate* unmanaged<nint, nint, void> s_setBitStream;
    private static readonly delegate* unmanaged<nint, nint, uint, nuint> s_readHeader;
    private static readonly delegate* unmanaged<nint, nint, uint, nuint> s_writeHeader;
    private static readonly delegate* unmanaged<nint> s_fieldAlloc;
    private static readonly delegate* unmanaged<nint, void> s_fieldFree;
    private static readonly delegate* unmanaged<void*, int, nuint, nint> s_field1;
    private static readonly delegate* unmanaged<void*, int, nuint, nuint, nint> s_field2;
    private static readonly delegate* unmanaged<void*, int, nuint, nuint, nuint, nint> s_field3;
    private static readonly delegate* unmanaged<void*, int, nuint, nuint, nuint, nuint, nint> s_field4;
    private static readonly delegate* unmanaged<nint, void*, void> s_setPointer;
    private static readonly delegate* unmanaged<nint, int> s_fieldType;
    private static readonly delegate* unmanaged<nint, nuint*, nuint> s_fieldSize;
    private static readonly delegate* unmanaged<nint, double, double> s_setAccuracy;
    private static readonly delegate* unmanaged<nint, double, int, uint, int, double> s_setRate;
    private static readonly delegate* unmanaged<nint, uint, uint> s_setPrecision;
    private static readonly delegate* unmanaged<nint, void> s_setReversible;
    private static readonly delegate* unmanaged<nint, nint, nuint> s_maximumSize;
    private static readonly delegate* unmanaged<nint, uint*, uint*, uint*, int*, void> s_params;
    private static readonly delegate* unmanaged<nint, nint, nuint> s_compress;
    private static readonly delegate* unmanaged<nint, nint, nuint> s_decompress;

    static NativeZfp()
    {
        if (!NativeLibrary.TryLoad("libzfp.so.1", out var lib) && !NativeLibrary.TryLoad("libzfp", out lib)) return;
        try
        {
            s_streamOpen = (delegate* unmanaged<void*, nuint, nint>)NativeLibrary.GetExport(lib, "stream_open");
            s_streamClose = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(lib, "stream_close");
            s_zfpOpen = (delegate* unmanaged<nint, nint>)NativeLibrary.GetExport(lib, "zfp_stream_open");
            s_zfpClose = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(lib, "zfp_stream_close");
            s_rewind = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(lib, "zfp_stream_rewind");
            s_setBitStream = (delegate* unmanaged<nint, nint, void>)NativeLibrary.GetExport(lib, "zfp_stream_set_bit_stream");
            s_readHeader = (delegate* unmanaged<nint, nint, uint, nuint>)NativeLibrary.GetExport(lib, "zfp_read_header");
            s_writeHeader = (delegate* unmanaged<nint, nint, uint, nuint>)NativeLibrary.GetExport(lib, "zfp_write_header");
            s_fieldAlloc = (delegate* unmanaged<nint>)NativeLibrary.GetExport(lib, "zfp_field_alloc");
            s_fieldFree = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(lib, "zfp_field_free");
            s_field1 = (delegate* unmanaged<void*, int, nuint, nint>)NativeLibrary.GetExport(lib, "zfp_field_1d");
            s_field2 = (delegate* unmanaged<void*, int, nuint, nuint, nint>)NativeLibrary.GetExport(lib, "zfp_field_2d");
            s_field3 = (delegate* unmanaged<void*, int, nuint, nuint, nuint, nint>)NativeLibrary.GetExport(lib, "zfp_field_3d");
            s_field4 = (delegate* unmanaged<void*, int, nuint, nuint, nuint, nuint, nint>)NativeLibrary.GetExport(lib, "zfp_field_4d");
            s_setPointer = (delegate* unmanaged<nint, void*, void>)NativeLibrary.GetExport(lib, "zfp_field_set_pointer");
            s_fieldType = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(lib, "zfp_field_type");
            s_fieldSize = (delegate* unmanaged<nint, nuint*, nuint>)NativeLibrary.GetExport(lib, "zfp_field_size");
            s_setAccuracy = (delegate* unmanaged<nint, double, double>)NativeLibrary.GetExport(lib, "zfp_stream_set_accuracy");
            s_setRate = (delegate* unmanaged<nint, double, int, uint, int, double>)NativeLibrary.GetExport(lib, "zfp_stream_set_rate");
            s_setPrecision = (delegate* unmanaged<nint, uint, uint>)NativeLibrary.GetExport(lib, "zfp_stream_set_precision");
            s_setReversible = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(lib, "zfp_stream_set_reversible");
            s_maximumSize = (delegate* unmanaged<nint, nint, nuint>)NativeLibrary.GetExport(lib, "zfp_stream_maximum_size");
            s_params = (delegate* unmanaged<nint, uint*, uint*, uint*, int*, void>)NativeLibrary.GetExport(lib, "zfp_stream_params");
            s_compress = (delegate* unmanaged<nint, nint, nuint>)NativeLibrary.GetExport(lib, "zfp_compress");
            s_decompress = (delegate* unmanaged<nint, nint, nuint>)NativeLibrary.GetExport(lib, "zfp_decompress");
            IsAvailable = true;
        }
        catch (EntryPointNotFoundException)
        {
            IsAvailable = false;
        }
    }

    /// <summary>True when the native library was found with every function the codec calls.</summary>
    public static bool IsAvailable { get; }

    /// <summary>Bytes of one value of a zfp_type; 0 for none.</summary>
    public static int TypeSize(int type) => type switch { TypeInt32 or TypeFloat => 4, TypeInt64 or TypeDouble => 8, _ => 0 };

    /// <summary>How to compress: zfpy's choice by the first non-negative parameter, else reversible.</summary>
    public readonly record struct Settings(double Tolerance, double Rate, int Precision);

    /// <summary>
    /// Compresses <paramref name="values"/> (<paramref name="shape"/>, C order, at most 4 dimensions) as
    /// <c>zfpy.compress_numpy(array, write_header=True, ...)</c> does: the full header, then the stream.
    /// </summary>
    public static byte[] Compress(ReadOnlySpan<byte> values, int type, int[] shape, Settings settings)
    {
        fixed (byte* data = values)
        {
            var field = Field(data, type, shape);
            var zfp = s_zfpOpen(0);
            nint stream = 0;
            try
            {
                if (settings.Tolerance >= 0) s_setAccuracy(zfp, settings.Tolerance);
                else if (settings.Rate >= 0) s_setRate(zfp, settings.Rate, 0, (uint)shape.Length, 0); // zfpy passes zfp_type_none
                else if (settings.Precision >= 0) s_setPrecision(zfp, (uint)settings.Precision);
                else s_setReversible(zfp);
                var max = checked((int)s_maximumSize(zfp, field));
                var buffer = new byte[max];
                fixed (byte* b = buffer)
                {
                    stream = s_streamOpen(b, (nuint)max);
                    s_setBitStream(zfp, stream);
                    s_rewind(zfp);
                    if (s_writeHeader(zfp, field, HeaderFull) == 0) throw new InvalidOperationException("zfp could not write its header");
                    var size = (int)s_compress(zfp, field);
                    if (size == 0) throw new InvalidOperationException("zfp could not compress the chunk");
                    return buffer.AsSpan(0, size).ToArray();
                }
            }
            finally
            {
                s_fieldFree(field);
                s_zfpClose(zfp);
                if (stream != 0) s_streamClose(stream);
            }
        }
    }

    /// <summary>What a stream's header says: the value type, the sizes (nx first) and the stream's bit budgets.</summary>
    public readonly record struct Header(int Type, long[] Sizes, uint MinBits, uint MaxBits)
    {
        /// <summary>Values in the field (saturating: a hostile header may name 2^48 along each axis).</summary>
        public long Count => Product(Sizes);

        /// <summary>4×4… blocks the field is coded in (saturating).</summary>
        public long Blocks => Product(Sizes.Select(n => (n + 3) / 4));

        private static long Product(IEnumerable<long> factors) =>
            factors.Aggregate(1L, (a, n) => n != 0 && a > (long.MaxValue >> 4) / n ? long.MaxValue >> 4 : a * n);
    }

    // Opens a stream over `data`, reads the full header into a new field; null when there is none.
    private static (nint Zfp, nint Stream, nint Field)? Open(byte* data, int length)
    {
        var stream = s_streamOpen(data, (nuint)length);
        var zfp = s_zfpOpen(stream);
        var field = s_fieldAlloc();
        s_rewind(zfp);
        if (s_readHeader(zfp, field, HeaderFull) != 0) return (zfp, stream, field);
        Close(zfp, stream, field);
        return null;
    }

    private static void Close(nint zfp, nint stream, nint field)
    {
        s_fieldFree(field);
        s_zfpClose(zfp);
        s_streamClose(stream);
    }

    /// <summary>The header at the start of <paramref name="input"/>, or null when it has none (wrong magic, codec version or fields).</summary>
    public static Header? ReadHeader(ReadOnlySpan<byte> input)
    {
        // The header takes at most 148 bits; zero padding keeps the reader inside the buffer.
        Span<byte> copy = stackalloc byte[64];
        copy.Clear();
        input[..Math.Min(input.Length, 32)].CopyTo(copy);
        fixed (byte* p = copy)
        {
            var opened = Open(p, copy.Length);
            if (opened is null) return null;
            var (zfp, stream, field) = opened.Value;
            try
            {
                var sizes = stackalloc nuint[4];
                s_fieldSize(field, sizes);
                uint minBits, maxBits, maxPrec;
                int minExp;
                s_params(zfp, &minBits, &maxBits, &maxPrec, &minExp);
                var dims = new List<long>();
                for (var i = 0; i < 4 && sizes[i] != 0; i++) dims.Add((long)sizes[i]);
                return new Header(s_fieldType(field), dims.ToArray(), minBits, maxBits);
            }
            finally
            {
                Close(zfp, stream, field);
            }
        }
    }

    /// <summary>
    /// Decompresses a stream whose header was checked (<paramref name="header"/>) into
    /// <paramref name="destination"/> (exactly its values), reading from a copy of the input padded
    /// with zeros to the most bits the decoder can consume, so that a truncated or corrupt stream is
    /// never read past its buffer. Returns the bytes the stream took, or -1 when zfp fails.
    /// </summary>
    public static long Decompress(ReadOnlySpan<byte> input, Header header, Span<byte> destination)
    {
        // zfp's decoder reads at most, per block of 4^d values, one plane of n ≤ 4^d bits per bit of
        // precision plus the group tests (under 3·4^d bits in all) and the exponent and precision
        // fields; and never more than the stream's maxbits, but at least its minbits.
        var dims = header.Sizes.Length;
        var size = 1L << (2 * dims);
        var precision = TypeSize(header.Type) * 8;
        var perBlock = Math.Max(header.MinBits, Math.Min(header.MaxBits, precision * (size + 1) + 3 * size + 64));
        var bound = 32 + (header.Blocks * perBlock + 7) / 8 + 4096;
        var length = (int)Math.Min(Math.Max(bound, input.Length + 64L), Array.MaxLength);
        var padded = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            input.CopyTo(padded);
            padded.AsSpan(input.Length, length - input.Length).Clear();
            fixed (byte* p = padded)
            fixed (byte* d = destination)
            {
                var opened = Open(p, length);
                if (opened is null) return -1;
                var (zfp, stream, field) = opened.Value;
                try
                {
                    s_setPointer(field, d);
                    var used = s_decompress(zfp, field);
                    return used == 0 ? -1 : (long)used;
                }
                finally
                {
                    Close(zfp, stream, field);
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(padded);
        }
    }

    private static nint Field(void* data, int type, int[] shape)
    {
        // zfpy: nx is the last (fastest) axis; strides are NumPy's, in elements (C order here).
        var n = shape.Reverse().Select(d => (nuint)d).ToArray();
        return shape.Length switch
        {
            1 => s_field1(data, type, n[0]),
            2 => s_field2(data, type, n[0], n[1]),
            3 => s_field3(data, type, n[0], n[1], n[2]),
            4 => s_field4(data, type, n[0], n[1], n[2], n[3]),
            _ => throw new ArgumentException($"zfp compresses 1 to 4 dimensions, not {shape.Length}"),
        };
    }
}
