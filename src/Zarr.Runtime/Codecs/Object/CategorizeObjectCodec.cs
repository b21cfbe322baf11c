using System.Buffers;
using System.Text.Json.Nodes;
using Zarr.DataTypes;
using Zarr.PythonParity;

namespace Zarr.Codecs;

/// <summary>
/// numcodecs <c>categorize</c> with <c>dtype: "|O"</c>: the first filter of an object array of strings.
/// Each string becomes 1 + the index of its label (0 for anything else, null included), stored as
/// <see cref="AsType"/>; code 0 decodes to the empty string.
/// </summary>
public sealed class CategorizeObjectCodec : ObjectCodec
{
    private readonly CategoryLabels _labels;

    /// <summary>Creates the codec; <paramref name="astype"/> defaults to <c>|u1</c>.</summary>
    public CategorizeObjectCodec(IEnumerable<string> labels, ZarrDType? astype = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        _labels = new CategoryLabels(labels.ToList(), astype ?? ZarrDType.UInt8, trimTrailingNuls: false);
    }

    /// <summary>The labels, in code order (code 1 is the first).</summary>
    public IReadOnlyList<string> Labels => _labels.Labels;

    /// <summary>The stored integer type.</summary>
    public ZarrDType AsType => _labels.AsType;

    /// <inheritdoc />
    public override string Id => CategorizeCodec.CodecId;

    /// <inheritdoc />
    public override JsonObject GetConfig() => new() { ["id"] = Id, ["labels"] = _labels.ToJson(), ["dtype"] = "|O", ["astype"] = AsType.TypeStr };

    /// <inheritdoc />
    public override bool Supports<T>() => typeof(T) == typeof(string);

    /// <inheritdoc />
    public override void Encode<T>(ReadOnlySpan<T> items, IBufferWriter<byte> output)
    {
        RequireString<T>();
        var e = _labels.Element;
        var size = items.Length * e.Size;
        var dst = output.GetSpan(Math.Max(1, size));
        for (var i = 0; i < items.Length; i++) NumpyMath.Write(dst, i, e, _labels.Encode((string?)(object?)items[i]));
        output.Advance(size);
    }

    /// <inheritdoc />
    public override void Decode<T>(ReadOnlySpan<byte> input, Span<T> items)
    {
        RequireString<T>();
        var e = _labels.Element;
        if (input.Length != items.Length * e.Size)
            throw new ZarrCodecException(Id, null, $"the chunk holds {input.Length} bytes, not the {items.Length} × {e.Size} bytes of {items.Length} codes");
        for (var i = 0; i < items.Length; i++)
        {
            var index = _labels.Decode(NumpyMath.Read(input, i, e));
            items[i] = (T)(object)(index < 0 ? "" : _labels.Labels[index]);
        }
    }

    /// <inheritdoc />
    public override T EmptyValue<T>()
    {
        RequireString<T>();
        return (T)(object)"";
    }

    private void RequireString<T>()
    {
        if (!Supports<T>()) throw new ZarrCodecException(Id, null, $"categorize of an object array holds strings, not {typeof(T).Name}");
    }

    /// <inheritdoc />
    public override string ToString() => $"Categorize(dtype='|O', astype={PythonRepr.Of(AsType.TypeStr)}, labels={_labels.Repr()})";
}
