using System.Buffers;
using Zarr.Internal;

namespace Zarr.Codecs.Blosc;

/// <summary>Runs the blocks of one frame on several threads, each block with a pooled scratch buffer.</summary>
internal static class BloscParallel
{
    public static void For(int count, int threads, int scratchBytes, Action<int, byte[]?> body) =>
        ParallelWork.For(count, threads, j =>
        {
            var scratch = scratchBytes > 0 ? ArrayPool<byte>.Shared.Rent(scratchBytes) : null;
            try
            {
                body(j, scratch);
            }
            finally
            {
                if (scratch is not null) ArrayPool<byte>.Shared.Return(scratch);
            }
        });
}
