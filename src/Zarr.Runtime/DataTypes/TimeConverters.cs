using System.Buffers.Binary;

namespace Zarr.DataTypes;

/// <summary>
/// datetime64/timedelta64 items as <see cref="DateTime64"/>/<see cref="TimeDelta64"/>: the stored
/// 64-bit count, given the dtype's unit on read; on write a value in another unit is converted as
/// NumPy casts, and a value without a unit is taken as a count of the dtype's unit.
/// </summary>
internal abstract class Time64Converter<T>(ZarrDType dtype) : ElementConverter<T>(dtype)
{
    private readonly bool _big = dtype.ByteOrder == ByteOrder.Big;

    protected TimeUnit Unit { get; } = TimeUnit.Of(dtype);

    protected abstract T Wrap(long count);

    protected abstract long Unwrap(T value);

    public override void Decode(ReadOnlySpan<byte> src, Span<T> dst)
    {
        for (var i = 0; i < dst.Length; i++)
        {
            var item = src.Slice(i * 8, 8);
            dst[i] = Wrap(_big ? BinaryPrimitives.ReadInt64BigEndian(item) : BinaryPrimitives.ReadInt64LittleEndian(item));
        }
    }

    public override void Encode(ReadOnlySpan<T> src, Span<byte> dst)
    {
        for (var i = 0; i < src.Length; i++)
        {
            var item = dst.Slice(i * 8, 8);
            var count = Unwrap(src[i]);
            if (_big) BinaryPrimitives.WriteInt64BigEndian(item, count);
            else BinaryPrimitives.WriteInt64LittleEndian(item, count);
        }
    }
}

internal sealed class DateTime64Converter(ZarrDType dtype) : Time64Converter<DateTime64>(dtype)
{
    protected override DateTime64 Wrap(long count) => new(count, Unit);

    protected override long Unwrap(DateTime64 value) => value.ToUnit(Unit).Value;
}

internal sealed class TimeDelta64Converter(ZarrDType dtype) : Time64Converter<TimeDelta64>(dtype)
{
    protected override TimeDelta64 Wrap(long count) => new(count, Unit);

    protected override long Unwrap(TimeDelta64 value) => value.ToUnit(Unit).Value;
}
