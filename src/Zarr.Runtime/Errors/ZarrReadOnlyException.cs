namespace Zarr;

/// <summary>A write was attempted on an array, group or store opened read-only.</summary>
public sealed class ZarrReadOnlyException : ZarrException
{
    /// <summary>Creates the exception naming the node or store that is read-only.</summary>
    public ZarrReadOnlyException(string what) : base($"{what} is read-only; open it with mode 'r+', 'a' or 'w' to write.") { }
}
