namespace Zarr.Metadata;

/// <summary>The names of the v2 metadata documents.</summary>
public static class MetadataKeys
{
    /// <summary>Array metadata.</summary>
    public const string Array = ".zarray";
    /// <summary>Group metadata.</summary>
    public const string Group = ".zgroup";
    /// <summary>User attributes.</summary>
    public const string Attributes = ".zattrs";
    /// <summary>Consolidated metadata.</summary>
    public const string Consolidated = ".zmetadata";
}
