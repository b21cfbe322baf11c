namespace Zarr.Generators.Model;

/// <summary>
/// A parsed NumPy dtype. <see cref="Kind"/> is the typestr letter (<c>i</c>, <c>f</c>, <c>M</c>, …)
/// or <c>'r'</c> for a structured record; <see cref="Json"/> is its compact metadata form.
/// </summary>
internal sealed record DTypeModel(
    char Kind,
    char ByteOrder,
    int ItemSize,
    string TypeStr,
    string? Unit,
    string Json,
    EquatableArray<FieldModel> Fields)
{
    public bool IsStructured => Kind == 'r';

    /// <summary>NumPy's <c>str(dtype)</c> style name for documentation (<c>int32</c>, <c>&gt;f8</c>, <c>|S5</c>).</summary>
    public string Display
    {
        get
        {
            if (IsStructured) return Json;
            if (Kind == 'O') return "object";
            if (ByteOrder == '>') return TypeStr;
            return Kind switch
            {
                'b' => "bool",
                'i' => "int" + (ItemSize * 8),
                'u' => "uint" + (ItemSize * 8),
                'f' => "float" + (ItemSize * 8),
                'c' => "complex" + (ItemSize * 8),
                'M' => "datetime64[" + Unit + "]",
                'm' => "timedelta64[" + Unit + "]",
                _ => TypeStr,
            };
        }
    }
}

/// <summary>One field of a structured dtype. <see cref="Name"/> is as written ("" for padding).</summary>
internal sealed record FieldModel(string Name, DTypeModel DType, EquatableArray<int> Shape, int Offset)
{
    public int Count
    {
        get
        {
            var n = 1;
            foreach (var s in Shape) n *= s;
            return n;
        }
    }
}
