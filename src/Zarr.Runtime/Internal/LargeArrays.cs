using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zarr.Internal;

/// <summary>
/// Allocates the large result arrays of reads. On Linux, where transparent huge pages are usually
/// enabled only for regions that ask for them (<c>madvise</c> mode), the array's pages are marked
/// <c>MADV_HUGEPAGE</c> before first touch, as NumPy does for its large arrays: a 400 MB result then
/// takes a few hundred 2 MiB page faults instead of a hundred thousand 4 KiB ones. The advice is only a
/// hint; where it is unavailable (or <c>ZARR_TYPED_HUGEPAGES=0</c>) nothing changes.
/// </summary>
internal static unsafe class LargeArrays
{
    private const int MadvHugePage = 14;
    private const long HugePage = 2 * 1024 * 1024;
    private const long Threshold = 64 * 1024 * 1024;

    private static readonly delegate* unmanaged<void*, nuint, int, int> s_madvise = Resolve();

    private static delegate* unmanaged<void*, nuint, int, int> Resolve()
    {
        if (!OperatingSystem.IsLinux()) return null;
        if (!EnvironmentDefaults.HugePages) return null;
        if (!NativeLibrary.TryLoad("libc.so.6", out var libc)) return null;
        return NativeLibrary.TryGetExport(libc, "madvise", out var f) ? (delegate* unmanaged<void*, nuint, int, int>)f : null;
    }

    /// <summary>An uninitialised array (references are still zeroed) for a result every element of which will be written.</summary>
    public static T[] AllocateForOverwrite<T>(int length)
    {
        var array = GC.AllocateUninitializedArray<T>(length);
        if (s_madvise is null || RuntimeHelpers.IsReferenceOrContainsReferences<T>()) return array;
        var bytes = (long)length * Unsafe.SizeOf<T>();
        if (bytes < Threshold) return array;
        // Large arrays live in the large object heap, which is not compacted by default, so the
        // range stays where it is; were it ever moved, the advice would merely be wasted.
        var start = (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        var alignedStart = (start + HugePage - 1) & ~(HugePage - 1);
        var alignedEnd = (start + bytes) & ~(HugePage - 1);
        if (alignedEnd > alignedStart) s_madvise((void*)alignedStart, (nuint)(alignedEnd - alignedStart), MadvHugePage);
        return array;
    }
}
