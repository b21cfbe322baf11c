using System.Buffers;
using System.Runtime.ExceptionServices;

namespace Zarr.Codecs.Blosc;

/// <summary>Runs the blocks of one frame on several threads, each with its own pooled scratch buffer.</summary>
internal static class BloscParallel
{
    public static void For(int count, int threads, int scratchBytes, Action<int, byte[]?> body)
    {
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads },
                () => scratchBytes > 0 ? ArrayPool<byte>.Shared.Rent(scratchBytes) : null,
                (j, _, scratch) =>
                {
                    body(j, scratch);
                    return scratch;
                },
                scratch =>
                {
                    if (scratch is not null) ArrayPool<byte>.Shared.Return(scratch);
                });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Report the first failure as the serial path would, not wrapped.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }
}
