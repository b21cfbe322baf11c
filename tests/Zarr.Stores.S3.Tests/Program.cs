using System.Globalization;
using Amazon.Runtime;
using Zarr.Synchronization;
using Zarr.Tests.Shared;

namespace Zarr.Stores.S3.Tests;

/// <summary>
/// The writer process of the multi-process proof (<c>dotnet Zarr.Stores.S3.Tests.dll increment-own
/// endpoint bucket prefix writer writers rounds</c>); as a test assembly it has nothing else to do.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length != 7 || args[0] != "increment-own") return 2;
        int Arg(int i) => int.Parse(args[i], CultureInfo.InvariantCulture);
        var options = new S3StoreOptions { Endpoint = args[1], Credentials = new BasicAWSCredentials("S3RVER", "S3RVER"), ConditionalWrites = true };
        using var store = new S3Store(args[2], args[3], options);
        var z = ZarrArray.Open(store, "r+", synchronizer: new OptimisticSynchronizer()).As<int>();
        Writers.IncrementOwnElements(z, Arg(4), Arg(5), Arg(6));
        return 0;
    }
}
