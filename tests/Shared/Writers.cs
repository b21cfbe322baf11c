using Zarr.Stores;

namespace Zarr.Tests.Shared;

/// <summary>What the writer processes (and threads) of the concurrency proofs do.</summary>
internal static class Writers
{
    /// <summary>Writes rows [writer × n, (writer + 1) × n) with writer + 1: whole chunks of its own, no coordination.</summary>
    public static void WriteOwnRows(ZarrArray<int> z, int writer, int writers)
    {
        var rows = (int)z.Shape[0] / writers;
        var cols = (int)z.Shape[1];
        z[(writer * rows)..((writer + 1) * rows), ..] = NDArray<int>.Full(writer + 1, rows, cols);
    }

    /// <summary>
    /// Increments the elements i with i % writers == writer, <paramref name="rounds"/> times: every
    /// chunk is read, changed and written back by all writers at once, so only a synchronizer keeps
    /// every update (each element ends at <paramref name="rounds"/>).
    /// </summary>
    public static void IncrementOwnElements(ZarrArray<int> z, int writer, int writers, int rounds)
    {
        var mine = Enumerable.Range(0, (int)z.Shape[0]).Where(i => i % writers == writer).Select(i => (long)i).ToArray();
        for (var r = 0; r < rounds; r++)
        {
            var current = z.VIndex[mine].Data;
            z.VIndex[mine] = NDArray<int>.From(current.Select(v => v + 1).ToArray(), current.Length);
        }
    }

    /// <summary>
    /// Adds one to a 4-byte counter under <paramref name="key"/> <paramref name="times"/> times by
    /// compare-and-swap (read with version, write back only if unchanged, else again); returns the conflicts.
    /// </summary>
    public static int IncrementCounter(IConditionalStore store, string key, int times)
    {
        var conflicts = 0;
        for (var i = 0; i < times; i++)
        {
            while (true)
            {
                var value = store.GetVersioned(key, out var version);
                var n = value is null ? 0 : BitConverter.ToInt32(value);
                if (store.TrySet(key, BitConverter.GetBytes(n + 1), version)) break;
                conflicts++;
            }
        }
        return conflicts;
    }
}
