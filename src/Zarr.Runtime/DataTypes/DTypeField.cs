namespace Zarr.DataTypes;

/// <summary>One field of a structured data type.</summary>
/// <param name="Name">The field name (NumPy names unnamed padding fields <c>f&lt;index&gt;</c>).</param>
/// <param name="DType">The field's data type.</param>
/// <param name="Shape">The sub-array shape of the field; empty for a scalar field.</param>
/// <param name="Offset">The byte offset of the field inside one item.</param>
/// <param name="JsonName">The name as zarr-python writes it in the metadata (an unnamed field, "" in a descr, is written back as <c>f&lt;index&gt;</c>, as NumPy names it).</param>
public sealed record DTypeField(string Name, ZarrDType DType, int[] Shape, int Offset, string JsonName)
{
    /// <summary>Number of elements in the field (product of its shape).</summary>
    public int Count => Shape.Aggregate(1, (a, b) => a * b);

    /// <summary>Bytes the field takes in one item.</summary>
    public int Size => Count * DType.ItemSize;
}
