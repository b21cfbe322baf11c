using System.Buffers;
using System.Runtime.CompilerServices;

namespace Zarr.Internal;

/// <summary>
/// <see cref="Memory{T}"/> over memory the caller has pinned (a span fixed for the duration of one
/// call), so that a synchronous read into a <see cref="Span{T}"/> can still decode chunks on several
/// threads. Only for element types without references; never outlives the <c>fixed</c> block.
/// </summary>
internal sealed unsafe class PinnedMemory<T>(void* pointer, int length) : MemoryManager<T>
{
    public override Span<T> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) =>
        new((byte*)pointer + (nint)elementIndex * Unsafe.SizeOf<T>());

    public override void Unpin() { }

    protected override void Dispose(bool disposing) { }
}
