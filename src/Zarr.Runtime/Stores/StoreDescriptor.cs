namespace Zarr.Stores;

/// <summary>A small, serialisable description of where a store lives: its kind and location. Never the data.</summary>
/// <param name="Kind">The store kind: <c>directory</c>, <c>zip</c> or <c>http</c>.</param>
/// <param name="Location">The folder or file path, or the base URL.</param>
public sealed record StoreDescriptor(string Kind, string Location)
{
    /// <summary>Opens the store this descriptor names.</summary>
    public ZarrStore Open(bool readOnly = false) => Kind switch
    {
        "directory" => new DirectoryStore(Location, readOnly),
        "zip" => new ZipStore(Location, readOnly ? ZipStoreMode.Read : ZipStoreMode.Append),
        "http" => new HttpStore(Location),
        _ => throw new ZarrException($"Unknown store kind '{Kind}' in a store descriptor."),
    };
}
