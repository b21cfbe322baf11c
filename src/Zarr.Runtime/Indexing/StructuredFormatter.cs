using System.Text;
using Zarr.DataTypes;

namespace Zarr;

/// <summary>
/// Records of a structured dtype printed as NumPy's <c>StructuredVoidFormat</c> prints them:
/// <c>(1.5, 2, b'ab')</c>, each field formatted as one column over all the records (so numbers line
/// up: <c>( 1.5 ,      2, b'ab')</c>), sub-array fields as nested lists (<c>[1, 2]</c>), nested
/// records in parentheses, and a record of one field as <c>(x,)</c>.
/// </summary>
internal static class StructuredFormatter
{
    /// <summary>The text of each record (the raw bytes of one item of <paramref name="dtype"/>).</summary>
    public static string[] Words(byte[][] records, ZarrDType dtype, bool zeroD)
    {
        var columns = dtype.Fields.Select(f => FieldWords(records, f, zeroD)).ToArray();
        var words = new string[records.Length];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = columns.Length == 1
                ? "(" + columns[0][i] + ",)"
                : "(" + string.Join(", ", columns.Select(c => c[i])) + ")";
        }
        return words;
    }

    private static string[] FieldWords(byte[][] records, DTypeField field, bool zeroD)
    {
        // The field's values over every record (and every element of a sub-array field), stored bytes in a row.
        var count = field.Count;
        var itemSize = field.DType.ItemSize;
        var flat = new byte[records.Length * field.Size];
        for (var i = 0; i < records.Length; i++)
        {
            var record = records[i] ?? [];
            var source = record.AsSpan(Math.Min(field.Offset, record.Length));
            source = source[..Math.Min(field.Size, source.Length)];
            source.CopyTo(flat.AsSpan(i * field.Size));
        }
        string[] values;
        if (field.DType.IsStructured)
        {
            var nested = new byte[records.Length * count][];
            for (var k = 0; k < nested.Length; k++) nested[k] = flat.AsSpan(k * itemSize, itemSize).ToArray();
            values = Words(nested, field.DType, zeroD && count == 1);
        }
        else values = ElementTypes.Dispatch<Column, string[]>(field.DType, new Column(flat, field.DType, records.Length * count, zeroD && field.Shape.Length == 0));
        if (field.Shape.Length == 0) return values;

        var words = new string[records.Length];
        for (var i = 0; i < words.Length; i++)
        {
            var k = i * count;
            var sb = new StringBuilder();
            Nest(sb, values, field.Shape, 0, ref k);
            words[i] = sb.ToString();
        }
        return words;
    }

    // NumPy's SubArrayFormat: "[" + ", ".join(...) + "]" at every level.
    private static void Nest(StringBuilder sb, string[] values, int[] shape, int axis, ref int k)
    {
        sb.Append('[');
        for (var j = 0; j < shape[axis]; j++)
        {
            if (j > 0) sb.Append(", ");
            if (axis == shape.Length - 1) sb.Append(values[k++]);
            else Nest(sb, values, shape, axis + 1, ref k);
        }
        sb.Append(']');
    }

    /// <summary>Decodes one column of a field into its natural element type and formats it as NumPy formats an array of it.</summary>
    private readonly struct Column(byte[] bytes, ZarrDType dtype, int count, bool zeroD) : IElementTypeVisitor<string[]>
    {
        public string[] Visit<T>()
        {
            var values = new T[count];
            ElementConverters.Create<T>(dtype).Decode(bytes, values);
            return NDArrayFormatter.Words(values, dtype, zeroD, out _) ?? NDArrayFormatter.FormatElements(values, zeroD, out _);
        }
    }
}
