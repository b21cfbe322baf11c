using System.Globalization;
using Zarr;
using Zarr.Stores;
using Zarr.Tests.Shared;

namespace Zarr.Stores.Azure.Tests;

/// <summary>
/// The writer process of the multi-process tests (<c>dotnet Zarr.Stores.Azure.Tests.dll writer …</c>);
/// as a test assembly it has nothing else to do.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length != 7 || args[0] != "disjoint") return 2;
        var (connection, container, writer, writers, rounds) = (args[1], args[2], int.Parse(args[4], CultureInfo.InvariantCulture), int.Parse(args[5], CultureInfo.InvariantCulture), int.Parse(args[6], CultureInfo.InvariantCulture));
        using var store = new AzureBlobStore(container, args[3], new AzureBlobStoreOptions { ConnectionString = connection });
        _ = rounds;
        var z = ZarrArray.Open(store, "r+").As<int>();
        Writers.WriteOwnRows(z, writer, writers);
        return 0;
    }
}
