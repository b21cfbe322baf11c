using System.CommandLine;

namespace Zarr.Cli.Commands;

/// <summary><c>zarr consolidate PATH</c>: writes .zmetadata as zarr-python's consolidate_metadata does.</summary>
internal static class ConsolidateCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The store (directory or .zip file) to consolidate." };
        var command = new Command("consolidate", "Write .zmetadata: every .zarray, .zgroup and .zattrs of the store in one document (zarr-python's consolidate_metadata).") { path };
        command.SetAction(r => Run(r.GetValue(path)!));
        return command;
    }

    private static int Run(string argument)
    {
        var location = StoreLocation.Parse(argument);
        if (location.NodePath.Length > 0)
            throw new CliException($"consolidated metadata covers a whole store: give the store's root ('{location.StorePath}'), not '{location.NodePath}' inside it.");
        using (location.Open(writable: false)) { } // fails clearly when the store does not exist
        using var store = location.Open(writable: true);
        if (!store.Contains(".zgroup") && !store.Contains(".zarray"))
            throw new CliException($"'{argument}' is not a Zarr store (no .zgroup or .zarray at its root).");
        var bytes = ConsolidatedMetadata.Write(store);
        store.Flush();
        var count = store.ListPrefix("").Count(ConsolidatedMetadata.IsMetadataKey);
        Console.Out.Write($"wrote {location.StorePath.TrimEnd('/')}/{ConsolidatedMetadata.DefaultKey} ({count} documents, {bytes.Length} bytes)\n");
        return 0;
    }
}
