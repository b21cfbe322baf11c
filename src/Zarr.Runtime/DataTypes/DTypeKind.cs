namespace Zarr.DataTypes;

/// <summary>The NumPy kind of a data type (the letter in its typestr).</summary>
public enum DTypeKind
{
    /// <summary><c>b</c>: bool.</summary>
    Bool,
    /// <summary><c>i</c>: signed integer.</summary>
    Int,
    /// <summary><c>u</c>: unsigned integer.</summary>
    UInt,
    /// <summary><c>f</c>: IEEE float.</summary>
    Float,
    /// <summary><c>c</c>: complex (two floats).</summary>
    Complex,
    /// <summary><c>M</c>: datetime64 with a unit.</summary>
    DateTime,
    /// <summary><c>m</c>: timedelta64 with a unit.</summary>
    TimeDelta,
    /// <summary><c>S</c>: fixed-length bytes, NUL-padded.</summary>
    Bytes,
    /// <summary><c>U</c>: fixed-length UCS-4 text, NUL-padded.</summary>
    Unicode,
    /// <summary><c>V</c>: raw bytes.</summary>
    Raw,
    /// <summary>A structured (record) type with named fields.</summary>
    Structured,
    /// <summary><c>O</c>: Python objects, stored through an object codec (vlen-utf8, vlen-bytes, vlen-array).</summary>
    Object,
}
