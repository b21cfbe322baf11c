using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Zarr.Cli.Tests;

/// <summary>The tool installs from its packages as a user would install it.</summary>
public sealed class PackTests
{
    /// <summary>The RID whose Native AOT package is built here (Zarr.Cli.csproj's ToolPackageRuntimeIdentifiers, less 'any').</summary>
    private const string NativeRid = "linux-x64";

    [Fact]
    public void PackThenDotnetToolInstallGivesAWorkingZarrCommand()
    {
        var folder = Samples.Shared.NewFolder();
        var feed = Path.Combine(folder, "feed");
        var tools = Path.Combine(folder, "tools");
        // The install gets a package cache of its own, so a package from an earlier run is never reused. The
        // packs do not: those that build restore the projects in place, and a restore into a folder that is
        // deleted afterwards would leave every project's obj/ pointing at it.
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(folder, "packages") };
        void Pack(params string[] extra)
        {
            var pack = Cli.Exec("dotnet", ["pack", Cli.Project, "-c", Cli.Configuration, "--nologo", "-o", feed, .. extra], folder, 900);
            Assert.True(pack.ExitCode == 0, pack.ToString());
        }
        // The top-level package only names the packages that hold the tool: nothing to build.
        Pack("--no-build");
        // The framework-dependent tool, for every RID without a package of its own.
        Pack("-r", "any");
        // Native AOT compiles only for the OS it runs on: that package is made where it can be.
        var native = RuntimeInformation.RuntimeIdentifier == NativeRid;
        if (native) Pack("-r", NativeRid);

        var pointer = Assert.Single(Directory.GetFiles(feed, "zarr-typed-cli.*.nupkg"), p => char.IsAsciiDigit(Path.GetFileName(p)["zarr-typed-cli.".Length]));
        var version = Path.GetFileNameWithoutExtension(pointer)["zarr-typed-cli.".Length..];
        var settings = Entry(pointer, "tools/any/any/DotnetToolSettings.xml");
        Assert.Contains($"RuntimeIdentifier=\"{NativeRid}\"", settings);
        Assert.Contains("RuntimeIdentifier=\"any\"", settings);
        var fallback = Path.Combine(feed, $"zarr-typed-cli.any.{version}.nupkg");
        Assert.Contains("Runner=\"dotnet\"", Entry(fallback, "tools/net10.0/any/DotnetToolSettings.xml"));
        Assert.NotNull(Entry(fallback, "tools/net10.0/any/zarr.dll"));

        var install = Cli.Exec("dotnet", ["tool", "install", "--tool-path", tools, "--add-source", feed, "zarr-typed-cli", "--version", version], folder, 300, env);
        Assert.True(install.ExitCode == 0, install.ToString());
        var zarr = Path.Combine(tools, OperatingSystem.IsWindows() ? "zarr.exe" : "zarr");
        Assert.True(File.Exists(zarr), install.ToString());
        // Which package the install chose: this machine's native one where there is one, else the fallback.
        var store = Path.Combine(tools, ".store", "zarr-typed-cli", version);
        var installed = Directory.GetDirectories(store).Select(Path.GetFileName).ToList();
        Assert.Contains(native ? $"zarr-typed-cli.{NativeRid}" : "zarr-typed-cli.any", installed);
        if (native) Assert.Empty(Directory.GetFiles(store, "*.dll", SearchOption.AllDirectories)); // one native executable, no managed assembly

        var tree = Cli.Exec(zarr, ["tree", Samples.Shared.DirPath, "--level", "1"], folder);
        Assert.True(tree.ExitCode == 0, tree.ToString());
        Assert.StartsWith("/\n ├── flags (5,) bool\n ├── foo\n", tree.Out);
    }

    private static string Entry(string nupkg, string name)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entry = zip.GetEntry(name);
        Assert.True(entry is not null, $"{Path.GetFileName(nupkg)} has no {name}: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
