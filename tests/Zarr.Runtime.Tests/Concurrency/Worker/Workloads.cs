namespace Zarr.Runtime.Tests.Concurrency.Worker;

/// <summary>Data patterns and write plans shared by the tests and their child processes.</summary>
public static class Workloads
{
    /// <summary>Values of generation <paramref name="gen"/>: element i holds gen·1 000 000 + i.</summary>
    public static NDArray<int> Generation(int length, int gen)
    {
        var data = new int[length];
        for (var i = 0; i < length; i++) data[i] = gen * 1_000_000 + i;
        return data;
    }

    /// <summary>
    /// The generation a run of elements starting at <paramref name="offset"/> belongs to, or -1 when
    /// the run mixes generations or is not a generation at all (a torn chunk).
    /// </summary>
    public static int GenerationOf(ReadOnlySpan<int> values, int offset)
    {
        if (values.Length == 0) return -1;
        var gen = (values[0] - offset) / 1_000_000;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] != gen * 1_000_000 + offset + i) return -1;
        }
        return gen;
    }

    /// <summary>The value every owned-writes workload leaves in element <paramref name="i"/>.</summary>
    public static int Final(int i) => i + 1;

    /// <summary>
    /// The writes by which process <paramref name="proc"/> of <paramref name="procs"/> sets every element
    /// it owns to <see cref="Final"/>, each exactly once, in random order: so an update lost to a race
    /// shows as a 0 in the result. With <paramref name="byChunk"/> false a process owns every
    /// procs-th element (every chunk is shared by all processes); with it true, every procs-th chunk
    /// (no chunk is shared). Writes are single elements or short runs (stepped slices when elements
    /// are interleaved).
    /// </summary>
    public static List<(Selector[] Selection, NDArray<int> Values)> OwnedWrites(int length, int chunk, int proc, int procs, bool byChunk, int seed)
    {
        var random = new Random(seed);
        var owned = new List<int>();
        for (var i = 0; i < length; i++)
        {
            var mine = byChunk ? i / chunk % procs == proc : i % procs == proc;
            if (mine) owned.Add(i);
        }
        var stride = byChunk ? 1 : procs;
        var writes = new List<(Selector[], NDArray<int>)>();
        var k = 0;
        while (k < owned.Count)
        {
            // A run of consecutive owned elements, evenly spaced by the stride and within one ownership block.
            var run = 1;
            var max = random.Next(1, 5);
            while (run < max && k + run < owned.Count && owned[k + run] == owned[k] + run * stride) run++;
            var start = owned[k];
            var values = new int[run];
            for (var r = 0; r < run; r++) values[r] = Final(start + r * stride);
            Selector[] selection = run == 1 && random.Next(2) == 0
                ? [Selector.At(start)]
                : [Selector.Slice(start, start + (run - 1) * stride + 1, stride)];
            writes.Add((selection, run == 1 && selection[0].Kind == SelectorKind.Index ? NDArray<int>.Scalar(values[0]) : values));
            k += run;
        }
        // Fisher–Yates, so the order of writes differs between processes and seeds.
        for (var i = writes.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (writes[i], writes[j]) = (writes[j], writes[i]);
        }
        return writes;
    }
}
