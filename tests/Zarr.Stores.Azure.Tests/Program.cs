using System.Globalization;
using Zarr;
using Zarr.Stores;
using Zarr.Synchronization;

namespace Zarr.Stores.Azure.Tests;

/// <summary>
/// The writer process of the multi-process tests (<c>dotnet Zarr.Stores.Azure.Tests.dll writer …</c>);
/// as a test assembly it has nothing else to do.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length != 7 || args[0] is not ("increment" or "disjoint")) return 2;
        var (connection, container, writer, writers, rounds) = (args[1], args[2], int.Parse(args[4], CultureInfo.InvariantCulture), int.Parse(args[5], CultureInfo.InvariantCulture), int.Parse(args[6], CultureInfo.InvariantCulture));
        using var store = new AzureBlobStore(connection, container, args[3]);
        if (args[0] == "increment")
        {
            var z = ZarrArray.Open(store, "r+", synchronizer: new OptimisticSynchronizer(maxAttempts: 500)).As<int>();
            Writers.IncrementOwnElements(z, writer, writers, rounds);
        }
        else
        {
            var z = ZarrArray.Open(store, "r+").As<int>();
            Writers.WriteOwnRows(z, writer, writers);
        }
        return 0;
    }
}

/// <summary>What each writer process does.</summary>
public static class Writers
{
    /// <summary>Increments only the elements i with i % writers == writer, <paramref name="rounds"/> times: every chunk is shared by all writers.</summary>
    public static void IncrementOwnElements(ZarrArray<int> z, int writer, int writers, int rounds)
    {
        var mine = Enumerable.Range(0, (int)z.Shape[0]).Where(i => i % writers == writer).Select(i => (long)i).ToArray();
        for (var r = 0; r < rounds; r++)
        {
            var current = z.VIndex[mine].Data;
            z.VIndex[mine] = NDArray<int>.From(current.Select(v => v + 1).ToArray(), current.Length);
        }
    }

    /// <summary>Writes rows [writer × n, (writer + 1) × n) with writer + 1: whole chunks of its own, no coordination.</summary>
    public static void WriteOwnRows(ZarrArray<int> z, int writer, int writers)
    {
        var rows = (int)z.Shape[0] / writers;
        var cols = (int)z.Shape[1];
        z[(writer * rows)..((writer + 1) * rows), ..] = NDArray<int>.Full(writer + 1, rows, cols);
    }
}
