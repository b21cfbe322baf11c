using System.CommandLine;
using Zarr.Cli.Rendering;

namespace Zarr.Cli.Commands;

/// <summary><c>zarr info PATH</c>: the library's info report of an array or group.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The array or group: a store (directory or .zip file), optionally followed by the node's path inside it (data.zarr/foo/bar, data.zip/foo)." };
        var plain = new Option<bool>("--plain") { Description = "Print zarr-python's plain text even on a terminal." };
        var command = new Command("info", "Show the info report of an array or group (zarr-python's .info).") { path, plain };
        command.SetAction(r => Run(r.GetValue(path)!, r.GetValue(plain)));
        return command;
    }

    private static int Run(string argument, bool plain)
    {
        var (store, node) = NodeArgs.OpenRead(argument);
        using (store)
        {
            var info = node.Info;
            if (Output.IsRich(plain)) InfoView.Render(Output.Stdout(), node, info);
            else Console.Out.Write(info);
        }
        return 0;
    }
}
