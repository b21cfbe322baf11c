namespace Zarr;

/// <summary>zarr-python's persistence modes.</summary>
public enum AccessMode
{
    /// <summary><c>r</c>: read only; the node must exist.</summary>
    Read,
    /// <summary><c>r+</c>: read and write; the node must exist.</summary>
    ReadWrite,
    /// <summary><c>a</c>: read and write; create when missing.</summary>
    Append,
    /// <summary><c>w</c>: create, replacing whatever exists.</summary>
    Write,
    /// <summary><c>w-</c> (or <c>x</c>): create; fail if anything exists.</summary>
#pragma warning disable CA1711 // "New" as in a new node (w-), not a newer version of Write
    WriteNew,
#pragma warning restore CA1711
}

/// <summary>Parses zarr-python's mode strings.</summary>
public static class AccessModes
{
    /// <summary>Parses "r", "r+", "a", "w", "w-" or "x".</summary>
    public static AccessMode Parse(string mode) => mode switch
    {
        "r" => AccessMode.Read,
        "r+" => AccessMode.ReadWrite,
        "a" => AccessMode.Append,
        "w" => AccessMode.Write,
        "w-" or "x" => AccessMode.WriteNew,
        _ => throw new ArgumentException($"Invalid mode '{mode}'; expected one of 'r', 'r+', 'a', 'w', 'w-'.", nameof(mode)),
    };

    /// <summary>The mode string.</summary>
    public static string ToModeString(this AccessMode mode) => mode switch
    {
        AccessMode.Read => "r",
        AccessMode.ReadWrite => "r+",
        AccessMode.Append => "a",
        AccessMode.Write => "w",
        _ => "w-",
    };
}
