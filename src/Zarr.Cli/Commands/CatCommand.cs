using System.CommandLine;

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
        var command = new Command("cat", "Print (a selection of) an array in NumPy's repr format.") { path, selection };
        command.SetAction(r => Run(r.GetValue(path)!, r.GetValue(selection)));
        return command;
    }

    private static int Run(string argument, string? selectionText)
    {
        var selection = SelectionParser.Parse(selectionText);
        var (store, node) = NodeArgs.OpenRead(argument);
        using (store)
        {
            if (node is not ZarrArray array)
                throw new CliException($"'{argument}' is a group, not an array; 'zarr tree' lists its members.");
            string text;
            try
            {
                text = DTypeDispatch.Accept(array, new Printer(selection));
            }
            catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException)
            {
                throw new CliException($"bad selection '{selectionText}' for array of shape {Rendering.TreeView.ShapeTuple(array.Shape)}: {e.Message}", e);
            }
            Console.Out.Write(text + "\n");
        }
        return 0;
    }

    private sealed class Printer(Selector[] selection) : IArrayVisitor<string>
    {
        public string Visit<T>(ZarrArray<T> array) => array.Get(selection).ToString(array.DType);
    }
}
