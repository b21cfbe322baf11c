namespace Zarr.Cli.Tests;

/// <summary>The tool installs from its package as a user would install it.</summary>
public sealed class PackTests
{
    [Fact]
    public void PackThenDotnetToolInstallGivesAWorkingZarrCommand()
    {
        var folder = Samples.Shared.NewFolder();
        var feed = Path.Combine(folder, "feed");
        var tools = Path.Combine(folder, "tools");
        // Its own package cache, so a package from an earlier run is never reused.
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(folder, "packages") };
        var pack = Cli.Exec("dotnet", ["pack", Cli.Project, "-c", Cli.Configuration, "--no-build", "--nologo", "-o", feed], folder, 300, env);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        var nupkg = Assert.Single(Directory.GetFiles(feed, "zarr-typed-cli.*.nupkg"));
        var version = Path.GetFileNameWithoutExtension(nupkg)["zarr-typed-cli.".Length..];

        var install = Cli.Exec("dotnet", ["tool", "install", "--tool-path", tools, "--add-source", feed, "zarr-typed-cli", "--version", version], folder, 300, env);
        Assert.True(install.ExitCode == 0, install.ToString());
        var zarr = Path.Combine(tools, OperatingSystem.IsWindows() ? "zarr.exe" : "zarr");
        Assert.True(File.Exists(zarr), install.ToString());

        var tree = Cli.Exec(zarr, ["tree", Samples.Shared.DirPath, "--level", "1"], folder);
        Assert.True(tree.ExitCode == 0, tree.ToString());
        Assert.StartsWith("/\n ├── flags (5,) bool\n ├── foo\n", tree.Out);
    }
}
