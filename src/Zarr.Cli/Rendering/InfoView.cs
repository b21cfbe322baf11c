using Spectre.Console;

namespace Zarr.Cli.Rendering;

/// <summary>
/// The library's info report drawn as a table for a terminal. The rows come from the report text
/// itself, so the table and the plain text can never disagree.
/// </summary>
internal static class InfoView
{
    /// <summary>Splits zarr-python's "key : value" report into rows, joining wrapped continuation lines.</summary>
    public static IReadOnlyList<(string Key, string Value)> ParseRows(string info)
    {
        var rows = new List<(string Key, string Value)>();
        foreach (var line in info.Split('\n'))
        {
            if (line.Length == 0) continue;
            var sep = line.IndexOf(" : ", StringComparison.Ordinal);
            if (sep < 0) continue;
            var key = line[..sep].Trim();
            var value = line[(sep + 3)..];
            if (key.Length == 0 && rows.Count > 0) rows[^1] = (rows[^1].Key, rows[^1].Value + " " + value);
            else rows.Add((key, value));
        }
        return rows;
    }

    /// <summary>Draws the report of <paramref name="node"/> as a two-column table.</summary>
    public static void Render(IAnsiConsole console, ZarrNode node, string info)
    {
        var table = new Table()
            .Border(TableBorder.Rounded)
            .BorderStyle(new Style(Color.Grey))
            .HideHeaders()
            .AddColumn(new TableColumn("key").NoWrap())
            .AddColumn(new TableColumn("value"));
        table.Title = new TableTitle(node is ZarrArray ? "array " + node.Name : "group " + node.Name, new Style(decoration: Decoration.Bold));
        foreach (var (key, value) in ParseRows(info))
            table.AddRow(new Text(key, new Style(Color.Aqua, decoration: Decoration.Bold)), ValueCell(key, value));
        console.Write(table);
    }

    private static Text ValueCell(string key, string value)
    {
        var style = key switch
        {
            "Data type" => new Style(Color.Green),
            "Shape" or "Chunk shape" => new Style(Color.Yellow),
            "Compressor" or "Store type" or "Type" => new Style(Color.Fuchsia),
            "Read-only" => new Style(value == "True" ? Color.Orange1 : Color.Default),
            "Arrays" => new Style(Color.Green),
            "Groups" => new Style(Color.Blue),
            _ when key.StartsWith("Filter", StringComparison.Ordinal) => new Style(Color.Fuchsia),
            _ => Style.Plain,
        };
        return new Text(value, style);
    }
}
