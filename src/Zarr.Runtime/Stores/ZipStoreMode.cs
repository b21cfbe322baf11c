namespace Zarr.Stores;

/// <summary>How a <see cref="ZipStore"/> opens its file (zarr-python's 'r', 'w' and 'a').</summary>
public enum ZipStoreMode
{
    /// <summary>Read an existing archive; writes are refused.</summary>
    Read,
    /// <summary>Create a new archive, replacing any existing file.</summary>
    Write,
    /// <summary>Open an existing archive for reading and writing, or create it.</summary>
    Append,
}
