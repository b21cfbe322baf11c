using System.CommandLine;
using Zarr.Cli.Rendering;

namespace Zarr.Cli.Commands;

/// <summary><c>zarr tree PATH</c>: the library's tree of a group.</summary>
internal static class TreeCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The group: a store (directory or .zip file), optionally followed by the group's path inside it." };
        var level = new Option<int?>("--level", "-L") { Description = "How many levels below the group to show (all by default)." };
        var ascii = new Option<bool>("--ascii") { Description = "Draw with ASCII (+--, |) instead of box-drawing characters; implies --plain." };
        var plain = new Option<bool>("--plain") { Description = "Print zarr-python's plain text even on a terminal." };
        var command = new Command("tree", "Show the hierarchy under a group (zarr-python's .tree()).") { path, level, ascii, plain };
        command.SetAction(r => Run(r.GetValue(path)!, r.GetValue(level), r.GetValue(ascii), r.GetValue(plain)));
        return command;
    }

    private static int Run(string argument, int? level, bool ascii, bool plain)
    {
        if (level is < 0) throw new CliException($"--level must be 0 or more, not {level}.");
        var (store, node) = NodeArgs.OpenRead(argument);
        using (store)
        {
            if (node is not ZarrGroup group)
                throw new CliException($"'{argument}' is an array, not a group; 'zarr info' describes arrays.");
            if (Output.IsRich(plain || ascii)) TreeView.Render(Output.Stdout(), group, level);
            else Console.Out.Write(group.Tree(level, ascii) + "\n");
        }
        return 0;
    }
}
