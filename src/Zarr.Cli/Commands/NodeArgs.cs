using Zarr.Stores;

namespace Zarr.Cli.Commands;

/// <summary>Opening the node a PATH argument names, read-only.</summary>
internal static class NodeArgs
{
    /// <summary>Opens the store and the node at <paramref name="argument"/>; the caller disposes the store.</summary>
    public static (ZarrStore Store, ZarrNode Node) OpenRead(string argument)
    {
        var location = StoreLocation.Parse(argument);
        var store = location.Open(writable: false);
        try
        {
            return (store, ZarrNode.Open(store, "r", location.NodePath));
        }
        catch (ZarrNodeException)
        {
            store.Dispose();
            throw new CliException($"'{argument}' is not a Zarr array or group (no .zarray, .zgroup or zarr.json{(location.NodePath.Length == 0 ? "" : " at '" + location.NodePath + "' in " + location.StorePath)}).");
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }
}
