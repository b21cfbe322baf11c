namespace Zarr.Codecs;

/// <summary>
/// One element during NumPy-style arithmetic. Integer types keep their value in <see cref="Int"/>
/// (sign- or zero-extended to 64 bits; a uint64 keeps its bits), float types in <see cref="Float"/>
/// (already rounded to the precision of their type). Which field is live follows from the type.
/// </summary>
internal readonly record struct NumpyValue(long Int, double Float)
{
    /// <summary>An integer or bool value.</summary>
    public static NumpyValue OfInt(long value) => new(value, 0);

    /// <summary>A float value.</summary>
    public static NumpyValue OfFloat(double value) => new(0, value);
}
