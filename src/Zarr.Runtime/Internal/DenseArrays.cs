using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zarr.Internal;

/// <summary>
/// .NET multidimensional arrays (<c>T[,]</c>, <c>T[,,,,]</c>, …) keep their elements in one
/// contiguous block in C (row-major) order, exactly the layout of a selection's result: reads and
/// writes use that block in place through a span, instead of copying element by element (and, for
/// ranks above 3, boxing each element through <see cref="Array.SetValue(object?, int[])"/>).
/// </summary>
internal static class DenseArrays
{
    /// <summary>The elements of <paramref name="array"/> in C order, in place.</summary>
    /// <exception cref="ArgumentException">The array's element type is not exactly <typeparamref name="T"/>.</exception>
    public static Span<T> AsSpan<T>(Array array)
    {
        CheckElementType<T>(array);
        return MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(array)), array.Length);
    }

    /// <summary>The elements of <paramref name="array"/> as <see cref="Memory{T}"/> (for reads that decode chunks in parallel).</summary>
    public static Memory<T> AsMemory<T>(Array array)
    {
        CheckElementType<T>(array);
        return array.Length == 0 ? Memory<T>.Empty : new Manager<T>(array).Memory;
    }

    /// <summary>The extent of each dimension.</summary>
    public static int[] ShapeOf(Array array)
    {
        var shape = new int[array.Rank];
        for (var d = 0; d < shape.Length; d++) shape[d] = array.GetLength(d);
        return shape;
    }

    // Exact match: array covariance would otherwise let a string[,] pass as object[,] and have
    // arbitrary objects written into it.
    private static void CheckElementType<T>(Array array)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.GetType().GetElementType() != typeof(T))
            throw new ArgumentException($"Expected an array of {typeof(T).Name}, got {array.GetType().Name}.", nameof(array));
    }

    private sealed class Manager<T>(Array array) : MemoryManager<T>
    {
        public override Span<T> GetSpan() =>
            MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(array)), array.Length);

        public override unsafe MemoryHandle Pin(int elementIndex = 0)
        {
            if (RuntimeHelpers.IsReferenceOrContainsReferences<T>()) throw new NotSupportedException("Arrays of references cannot be pinned.");
            var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
            var start = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
            return new MemoryHandle(start + (nint)elementIndex * Unsafe.SizeOf<T>(), handle, this);
        }

        public override void Unpin() { }

        protected override void Dispose(bool disposing) { }
    }
}
