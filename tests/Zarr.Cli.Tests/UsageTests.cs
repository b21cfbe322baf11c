namespace Zarr.Cli.Tests;

/// <summary>Help on every command, and command lines that do not parse.</summary>
public sealed class UsageTests
{
    private static readonly string Here = Path.GetTempPath();

    [Theory]
    [InlineData("--help")]
    [InlineData("info", "--help")]
    [InlineData("tree", "--help")]
    [InlineData("cat", "--help")]
    [InlineData("copy", "--help")]
    [InlineData("consolidate", "-h")]
    [InlineData("codegen", "--help")]
    public void EveryCommandHasHelp(params string[] args)
    {
        var output = Cli.Ok(Here, args);
        Assert.Contains("Usage:", output);
        Assert.Contains(args.Length == 1 ? "zarr [command]" : "zarr " + args[0], output);
    }

    [Fact]
    public void CopyHelpListsItsOptions()
    {
        var output = Cli.Ok(Here, "copy", "--help");
        foreach (var option in new[] { "--compressor", "--chunks", "--overwrite", "--quiet" }) Assert.Contains(option, output);
    }

    [Theory]
    [InlineData(new string[0], "required")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    [InlineData(new[] { "info" }, "Required argument missing")]
    [InlineData(new[] { "info", "a", "b" }, "'b'")]
    [InlineData(new[] { "tree", "x", "--level", "many" }, "many")]
    [InlineData(new[] { "copy", "a" }, "Required argument missing")]
    [InlineData(new[] { "info", "a", "--bogus" }, "--bogus")]
    public void UnparsableCommandLinesExit2WithOneLine(string[] args, string fragment)
    {
        var line = Cli.Fails(Here, 2, args);
        Assert.Contains(fragment, line, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("--help", line);
    }

    [Fact]
    public void NegativeLevelIsRejected()
    {
        Assert.Contains("--level", Cli.Fails(Samples.Shared.Root, 1, "tree", "data.zarr", "--level", "-1"));
    }
}
