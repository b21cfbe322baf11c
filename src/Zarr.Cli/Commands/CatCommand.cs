using System.CommandLine;
using Zarr.DataTypes;

namespace Zarr.Cli.Commands;

/// <summary><c>zarr cat PATH [SELECTION]</c>: prints a selection of an array as NumPy's repr.</summary>
internal static class CatCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The array: a store (directory or .zip file) followed by the array's path inside it." };
        var selection = new Argument<string?>("selection")
        {
            Description = "A NumPy-style basic selection: comma-separated integers (negative count from the end), slices start:stop:step and '...', e.g. '0:3,::2' or '-1,...'. All of the array by default.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var limit = new Option<long>("--limit")
        {
            Description = "Refuse selections of more elements than this (0 = no limit), so a mistyped command does not print gigabytes.",
            DefaultValueFactory = _ => DefaultLimit,
        };
        var command = new Command("cat", "Print (a selection of) an array in NumPy's repr format.") { path, selection, limit };
        command.SetAction(r => Run(r.GetValue(path)!, r.GetValue(selection), r.GetValue(limit)));
        return command;
    }

    /// <summary>The default --limit: a million elements.</summary>
    public const long DefaultLimit = 1_000_000;

    private static int Run(string argument, string? selectionText, long limit)
    {
        if (limit < 0) throw new CliException($"--limit must be 0 (no limit) or more, not {limit}.");
        var selection = SelectionParser.Parse(selectionText);
        var (store, node) = NodeArgs.OpenRead(argument);
        using (store)
        {
            if (node is not ZarrArray array)
                throw new CliException($"'{argument}' is a group, not an array; 'zarr tree' lists its members.");
            if (limit > 0 && SelectionParser.Count(selectionText, array.Shape) is { } count && count > limit)
                throw new CliException($"the selection has {count} elements, more than --limit {limit}; select less (e.g. '0:10') or raise --limit.");
            string text;
            try
            {
                text = array.Accept(new Printer(selection));
            }
            catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException)
            {
                throw new CliException($"bad selection '{selectionText}' for array of shape {Rendering.TreeView.ShapeTuple(array.Shape)}: {e.Message}", e);
            }
            Console.Out.Write(text + "\n");
        }
        return 0;
    }

    private sealed class Printer(Selector[] selection) : IZarrArrayVisitor<string>
    {
        public string Visit<T>(ZarrArray<T> array) => array.Get(selection).ToString(array.DType);
    }
}
