using System.Globalization;
using Spectre.Console;

namespace Zarr.Cli.Rendering;

/// <summary>A group's hierarchy drawn as a Spectre tree: groups in bold blue, arrays with their shape and dtype.</summary>
internal static class TreeView
{
    /// <summary>Draws <paramref name="group"/> down to <paramref name="level"/> levels (all when null).</summary>
    public static void Render(IAnsiConsole console, ZarrGroup group, int? level)
    {
        var label = group.Path.Length == 0 ? "/" : group.BaseName;
        var tree = new Tree(new Text(label, new Style(Color.Blue, decoration: Decoration.Bold)))
            .Guide(TreeGuide.Line)
            .Style(new Style(Color.Grey));
        AddChildren(tree, group, 0, level);
        console.Write(tree);
    }

    private static void AddChildren(IHasTreeNodes parent, ZarrGroup group, int depth, int? level)
    {
        if (level is { } l && depth >= l) return;
        foreach (var (name, node) in group.Members())
        {
            switch (node)
            {
                case ZarrGroup g:
                    AddChildren(parent.AddNode(new Text(name, new Style(Color.Blue, decoration: Decoration.Bold))), g, depth + 1, level);
                    break;
                case ZarrArray a:
                    parent.AddNode(new Markup(
                        Markup.Escape(name) + " [yellow]" + Markup.Escape(ShapeTuple(a.Shape)) + "[/] [green]" + Markup.Escape(a.DType.ToString()) + "[/]"));
                    break;
            }
        }
    }

    /// <summary>A shape as a Python tuple: <c>(10, 20)</c>, <c>(5,)</c>, <c>()</c>.</summary>
    public static string ShapeTuple(IReadOnlyList<long> shape) =>
        "(" + string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture))) + (shape.Count == 1 ? ",)" : ")");
}
