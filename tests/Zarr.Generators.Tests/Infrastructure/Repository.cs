using System.Runtime.CompilerServices;

namespace Zarr.Generators.Tests.Infrastructure;

/// <summary>Where the repository is, and the configuration these tests were built in.</summary>
public static class Repository
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    /// <summary>The folder holding Zarr.Typed.sln, found from this source file's path.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot([CallerFilePath] string file = "")
    {
        var dir = Path.GetDirectoryName(file)!;
        while (!File.Exists(Path.Combine(dir, "Zarr.Typed.sln"))) dir = Path.GetDirectoryName(dir)!;
        return dir;
    }
}
