namespace Zarr.Codecs;

/// <summary>
/// A run of consecutive items of a decoded chunk, [<see cref="Source"/>, <see cref="Source"/> +
/// <see cref="Count"/>), and the item offset in an output buffer where the run goes
/// (<see cref="IPartialDecoder.TryDecodeRuns"/>).
/// </summary>
/// <param name="Source">The first item of the run in the decoded chunk.</param>
/// <param name="Count">The number of items.</param>
/// <param name="Destination">The item offset of the run in the output buffer.</param>
public readonly record struct ItemRun(int Source, int Count, int Destination);

/// <summary>
/// Reuses one <see cref="ItemRun"/> array per thread (reads on many threads each keep their own).
/// Not <c>ArrayPool&lt;ItemRun&gt;</c>: that instantiation of a framework generic over a type of this
/// assembly cannot be precompiled, and ReadyToRun apps compiled ~15 of its methods on their first read.
/// </summary>
internal static class ItemRunPool
{
    [ThreadStatic] private static ItemRun[]? t_cached;

    /// <summary>An array of at least <paramref name="length"/> runs: this thread's cached one when it is free and large enough.</summary>
    public static ItemRun[] Rent(int length)
    {
        var cached = t_cached;
        if (cached is not null && cached.Length >= length)
        {
            t_cached = null;
            return cached;
        }
        return new ItemRun[Math.Max(16, length)];
    }

    /// <summary>Keeps <paramref name="runs"/> as this thread's cached array when it is larger than the one held.</summary>
    public static void Return(ItemRun[] runs)
    {
        if (t_cached is null || t_cached.Length < runs.Length) t_cached = runs;
    }
}
