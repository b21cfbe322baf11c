namespace Zarr;

/// <summary>Metadata (.zarray, .zgroup, .zattrs, .zmetadata) is missing, malformed or unsupported.</summary>
public sealed class ZarrMetadataException : ZarrException
{
    /// <summary>Creates the exception for a store key and, optionally, the field that was wrong.</summary>
    public ZarrMetadataException(string key, string? field, string message, Exception? inner = null)
        : base(Format(key, field, message), inner)
    {
        Key = key;
        Field = field;
    }

    /// <summary>The store key of the metadata document.</summary>
    public string Key { get; }

    /// <summary>The field that was wrong, when the error concerns one field.</summary>
    public string? Field { get; }

    private static string Format(string key, string? field, string message) =>
        field is null ? $"Invalid metadata in '{key}': {message}" : $"Invalid metadata in '{key}', field '{field}': {message}";
}
