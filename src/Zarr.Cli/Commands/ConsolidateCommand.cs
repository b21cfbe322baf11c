using System.CommandLine;

namespace Zarr.Cli.Commands;

/// <summary><c>zarr consolidate PATH</c>: writes .zmetadata as zarr-python's consolidate_metadata does.</summary>
/// <summary>Whether a store's root is a zarr v3 group.</summary>
internal static class NodeInit3
{
    public static bool IsV3Group(Zarr.Stores.ZarrStore store)
    {
        if (store.Contains(".zgroup") || !store.Contains("zarr.json")) return false;
        return ZarrNode.Open(store, "r") is ZarrGroup { ZarrFormat: 3 };
    }
}

internal static class ConsolidateCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The store (directory or .zip file) to consolidate." };
        var command = new Command("consolidate", "Write .zmetadata: every .zarray, .zgroup and .zattrs of the store in one document (zarr-python's consolidate_metadata).") { path };
        command.SetAction(r => Run(r.GetValue(path)!));
        return command;
    }

    /// <summary>The key zarr-python writes consolidated metadata under.</summary>
    public const string Key = ".zmetadata";

    /// <summary>The keys zarr-python consolidates.</summary>
    public static bool IsMetadataKey(string key) =>
        key.EndsWith(".zarray", StringComparison.Ordinal) || key.EndsWith(".zgroup", StringComparison.Ordinal) || key.EndsWith(".zattrs", StringComparison.Ordinal);

    private static int Run(string argument)
    {
        var location = StoreLocation.Parse(argument);
        if (location.NodePath.Length > 0)
            throw new CliException($"consolidated metadata covers a whole store: give the store's root ('{location.StorePath}'), not '{location.NodePath}' inside it.");
        using (location.Open(writable: false)) { } // fails clearly when the store does not exist
        using var store = location.Open(writable: true);
        if (NodeInit3.IsV3Group(store))
        {
            ZarrGroup.ConsolidateMetadata(store);
            store.Flush();
            var documents = store.ListPrefix("").Count(k => k.EndsWith("zarr.json", StringComparison.Ordinal)) - 1;
            Console.Out.Write($"wrote consolidated_metadata into {location.StorePath.TrimEnd('/')}/zarr.json ({documents} documents)\n");
            return 0;
        }
        if (!store.Contains(".zgroup"))
        {
            throw new CliException(store.Contains(".zarray")
                ? $"'{argument}' holds an array at its root; consolidated metadata is for a group's hierarchy."
                : $"'{argument}' is not a Zarr store (no .zgroup at its root).");
        }
        ZarrGroup.ConsolidateMetadata(store);
        store.Flush();
        var count = store.ListPrefix("").Count(IsMetadataKey);
        var size = store.GetSize(Key);
        Console.Out.Write($"wrote {location.StorePath.TrimEnd('/')}/{Key} ({count} documents, {size} bytes)\n");
        return 0;
    }
}
