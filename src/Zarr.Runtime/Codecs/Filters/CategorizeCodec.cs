using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using Zarr.DataTypes;
using Zarr.PythonParity;

namespace Zarr.Codecs;

/// <summary>
/// numcodecs <c>categorize</c> for fixed-width text (<c>U</c> dtypes): each value becomes 1 + the index
/// of its label, 0 when it is no label (which decodes to the empty string), stored as <see cref="AsType"/>.
/// The object (<c>|O</c>) form is <see cref="CategorizeObjectCodec"/>.
/// </summary>
public sealed class CategorizeCodec : BytesCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "categorize";

    private readonly CategoryLabels _labels;
    private readonly bool _bigEndian;
    private readonly int _chars;

    /// <summary>Creates the filter for a <c>U</c> dtype; <paramref name="astype"/> defaults to <c>|u1</c>.</summary>
    public CategorizeCodec(IEnumerable<string> labels, ZarrDType dtype, ZarrDType? astype = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(dtype);
        if (dtype.Kind != DTypeKind.Unicode) throw new ArgumentException($"this form of categorize needs a unicode ('U') dtype, not '{dtype.TypeStr}'; use CategorizeObjectCodec for '|O'");
        DType = dtype;
        _bigEndian = dtype.ByteOrder == ByteOrder.Big;
        _chars = dtype.Length;
        _labels = new CategoryLabels(labels.ToList(), astype ?? ZarrDType.UInt8, trimTrailingNuls: true);
    }

    /// <summary>Creates the filter (either form) from its JSON configuration.</summary>
    public static IZarrCodec FromConfig(JsonObject config)
    {
        var dtype = FilterConfig.GetDType(config, "dtype");
        var labels = CategoryLabels.Read(config);
        var astype = FilterConfig.GetOptionalDType(config, "astype");
        return dtype.Kind switch
        {
            DTypeKind.Object => new CategorizeObjectCodec(labels, astype),
            DTypeKind.Unicode => new CategorizeCodec(labels, dtype, astype),
            _ => throw new ArgumentException($"only unicode ('U') and object ('O') dtypes are supported, not '{dtype.TypeStr}'"),
        };
    }

    /// <summary>The labels, in code order (code 1 is the first).</summary>
    public IReadOnlyList<string> Labels => _labels.Labels;

    /// <summary>The text type of the data.</summary>
    public ZarrDType DType { get; }

    /// <summary>The stored integer type.</summary>
    public ZarrDType AsType => _labels.AsType;

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    public override JsonObject GetConfig() => new() { ["id"] = Id, ["labels"] = _labels.ToJson(), ["dtype"] = DType.TypeStr, ["astype"] = AsType.TypeStr };

    /// <inheritdoc />
    public override int GetEncodedItemSize(int decodedItemSize) => AsType.ItemSize;

    /// <inheritdoc />
    public override void Encode(ReadOnlySpan<byte> input, int itemSize, IBufferWriter<byte> output)
    {
        var n = FilterConfig.CountItems(m => Error(m), input.Length, DType.ItemSize, "decoded");
        var e = _labels.Element;
        var size = n * e.Size;
        var dst = output.GetSpan(Math.Max(1, size));
        var sb = new StringBuilder(_chars);
        for (var i = 0; i < n; i++)
            NumpyMath.Write(dst, i, e, _labels.Encode(ReadText(input.Slice(i * DType.ItemSize, DType.ItemSize), sb)));
        output.Advance(size);
    }

    // A NUL-padded UCS-4 item as NumPy shows it (trailing NULs dropped); null when it is no valid text.
    private string? ReadText(ReadOnlySpan<byte> item, StringBuilder sb)
    {
        sb.Clear();
        for (var c = 0; c < _chars; c++)
        {
            var cp = _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(item[(c * 4)..]) : BinaryPrimitives.ReadUInt32LittleEndian(item[(c * 4)..]);
            if (!Rune.IsValid(cp)) return null;
            sb.Append(new Rune(cp).ToString());
        }
        var length = sb.Length;
        while (length > 0 && sb[length - 1] == '\0') length--;
        return sb.ToString(0, length);
    }

    private int DecodedSize(ReadOnlySpan<byte> input) =>
        FilterConfig.CountItems(m => Error(m), input.Length, _labels.Element.Size, "encoded") * DType.ItemSize;

    private void DecodeCore(ReadOnlySpan<byte> input, Span<byte> dst)
    {
        var e = _labels.Element;
        var n = input.Length / e.Size;
        dst.Clear();
        for (var i = 0; i < n; i++)
        {
            var index = _labels.Decode(NumpyMath.Read(input, i, e));
            if (index < 0) continue;
            var item = dst.Slice(i * DType.ItemSize, DType.ItemSize);
            var c = 0;
            foreach (var rune in Labels[index].EnumerateRunes())
            {
                if (c == _chars) break; // NumPy truncates a label longer than the dtype
                if (_bigEndian) BinaryPrimitives.WriteUInt32BigEndian(item[(c * 4)..], (uint)rune.Value);
                else BinaryPrimitives.WriteUInt32LittleEndian(item[(c * 4)..], (uint)rune.Value);
                c++;
            }
        }
    }

    /// <inheritdoc />
    public override void Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        var size = DecodedSize(input);
        DecodeCore(input, output.GetSpan(Math.Max(1, size))[..size]);
        output.Advance(size);
    }

    /// <inheritdoc />
    public override int DecodeInto(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        var size = DecodedSize(input);
        if (size > destination.Length) throw Error($"the data decodes to {size} bytes, more than the expected {destination.Length}");
        DecodeCore(input, destination[..size]);
        return size;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Categorize(dtype={PythonRepr.Of(DType.TypeStr)}, astype={PythonRepr.Of(AsType.TypeStr)}, labels={_labels.Repr()})";
}
