using System.Buffers;

namespace Zarr.Codecs;

/// <summary>Moves bytes between spans and the System.IO.Compression streams.</summary>
internal static class StreamCodecHelper
{
    /// <summary>Copies everything <paramref name="source"/> yields into <paramref name="output"/>.</summary>
    /// <remarks>
    /// Into a bounded <see cref="Zarr.Internal.PooledBufferWriter"/> it asks for no more than the room
    /// left, so a stream that ends exactly at the bound decodes, and one that goes on fails there.
    /// </remarks>
    public static void Drain(Stream source, IBufferWriter<byte> output)
    {
        var bounded = output as Zarr.Internal.PooledBufferWriter;
        Span<byte> probe = stackalloc byte[1];
        while (true)
        {
            var room = bounded is null ? 65536 : Math.Min(65536, bounded.MaxLength - bounded.WrittenCount);
            if (room == 0)
            {
                if (source.Read(probe) == 0) return;
                room = 1; // the stream goes on: asking for room beyond the bound throws the writer's error
            }
            var span = output.GetSpan(room);
            var n = source.Read(span);
            if (n == 0) return;
            output.Advance(n);
        }
    }

    /// <summary>Reads <paramref name="source"/> into <paramref name="destination"/>; fails if it yields more.</summary>
    public static int DrainInto(Stream source, Span<byte> destination, Func<string, Exception> error)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var n = source.Read(destination[total..]);
            if (n == 0) return total;
            total += n;
        }
        Span<byte> probe = stackalloc byte[1];
        if (source.Read(probe) != 0) throw error($"the decoded data is longer than the expected {destination.Length} bytes");
        return total;
    }

    /// <summary>A read-only stream over a span copied to a pooled array.</summary>
    public static unsafe UnmanagedMemoryStream OverSpan(ReadOnlySpan<byte> input, out System.Runtime.InteropServices.GCHandle pin, out byte[] rented)
    {
        rented = ArrayPool<byte>.Shared.Rent(Math.Max(1, input.Length));
        input.CopyTo(rented);
        pin = System.Runtime.InteropServices.GCHandle.Alloc(rented, System.Runtime.InteropServices.GCHandleType.Pinned);
        return new UnmanagedMemoryStream((byte*)pin.AddrOfPinnedObject(), input.Length);
    }
}
