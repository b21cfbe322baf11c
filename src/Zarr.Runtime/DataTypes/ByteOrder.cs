namespace Zarr.DataTypes;

/// <summary>The byte order of a data type's items.</summary>
public enum ByteOrder
{
    /// <summary><c>|</c>: not applicable (one-byte items, bytes, raw, object).</summary>
    NotApplicable,
    /// <summary><c>&lt;</c>: little-endian.</summary>
    Little,
    /// <summary><c>&gt;</c>: big-endian.</summary>
    Big,
}
