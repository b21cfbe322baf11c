using Spectre.Console;
using Zarr.Cli.Rendering;
using Zarr.Stores;

namespace Zarr.Cli.Tests;

/// <summary>The terminal rendering (tables, trees), drawn in process into a string with colours on.</summary>
public sealed class RenderingTests
{
    private static (IAnsiConsole Console, StringWriter Writer) Terminal()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 100;
        console.Profile.Capabilities.Unicode = true;
        return (console, writer);
    }

    private static string StripAnsi(string s) => System.Text.RegularExpressions.Regex.Replace(s, "\u001b\\[[0-9;]*m", "");

    [Fact]
    public void InfoRowsParseBackFromTheReportIncludingWrappedValues()
    {
        var g = ZarrGroup.Create();
        for (var i = 0; i < 30; i++) g.CreateGroup("group_number_" + i);
        var rows = InfoView.ParseRows(g.Info);
        Assert.Equal(["Name", "Type", "Read-only", "Store type", "No. members", "No. arrays", "No. groups", "Groups"], rows.Select(r => r.Key));
        Assert.Equal(string.Join(", ", Enumerable.Range(0, 30).Select(i => "group_number_" + i).Order(StringComparer.Ordinal)), rows[^1].Value);
    }

    [Fact]
    public void InfoTableHasABoxColoursAndEveryValue()
    {
        using var store = new DirectoryStore(Samples.Shared.DirPath, readOnly: true);
        var node = ZarrNode.Open(store, "r", "foo/bar/baz");
        var (console, writer) = Terminal();
        InfoView.Render(console, node, node.Info);
        var text = writer.ToString();
        Assert.Contains("\u001b[", text);
        var plain = StripAnsi(text);
        Assert.Contains("╭", plain);
        Assert.Contains("array /foo/bar/baz", plain);
        foreach (var (key, value) in InfoView.ParseRows(node.Info))
        {
            Assert.Contains(key, plain);
            Assert.Contains(value, plain);
        }
    }

    [Fact]
    public void TreeShowsGroupsAndArraysWithShapesToTheRequestedLevel()
    {
        using var store = new DirectoryStore(Samples.Shared.DirPath, readOnly: true);
        var group = ZarrGroup.Open(store, "r");
        var (console, writer) = Terminal();
        TreeView.Render(console, group, null);
        var plain = StripAnsi(writer.ToString());
        Assert.Contains("baz (10, 20) int32", plain);
        Assert.Contains("scalar () float64", plain);
        Assert.Contains("└── ", plain);

        (console, writer) = Terminal();
        TreeView.Render(console, group, 1);
        plain = StripAnsi(writer.ToString());
        Assert.Contains("foo", plain);
        Assert.DoesNotContain("bar", plain);
    }
}

/// <summary>The copy progress bar, drawn in process on an interactive console.</summary>
public sealed class ProgressTests
{
    [Fact]
    public void CopyProgressShowsChunksAndBytesAndFinishesAt100Percent()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 120;
        using var source = new DirectoryStore(Samples.Shared.DirPath, readOnly: true);
        var destination = new MemoryStore();
        var copier = new Copying.HierarchyCopier(destination, new Copying.CopySettings());
        copier.Plan(ZarrNode.Open(source, "r"), "");
        Commands.CopyCommand.RunWithProgress(console, copier);
        var text = writer.ToString();
        Assert.Contains($"{copier.TotalChunks}/{copier.TotalChunks} chunks", text);
        Assert.Contains("100%", text);
        Assert.Equal(ZarrArray.Open(source, "r", "foo/bar/baz").As<int>().Read(), ZarrArray.Open(destination, "r", "foo/bar/baz").As<int>().Read());
    }
}
