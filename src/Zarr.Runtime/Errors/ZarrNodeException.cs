namespace Zarr;

/// <summary>A node (group or array) is missing where one was expected, or present where none may be.</summary>
public sealed class ZarrNodeException : ZarrException
{
    /// <summary>Creates the exception for a node path.</summary>
    public ZarrNodeException(string path, string message) : base($"'{(path.Length == 0 ? "/" : path)}': {message}")
    {
        Path = path;
    }

    /// <summary>The node path within the store.</summary>
    public string Path { get; }
}
