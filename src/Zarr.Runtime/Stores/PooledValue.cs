using System.Buffers;

namespace Zarr.Stores;

/// <summary>
/// A value read from a store by <see cref="ZarrStore.GetPooled"/>, in a buffer that may be rented
/// from <see cref="ArrayPool{T}.Shared"/>: reading chunk after chunk then reuses a few buffers instead
/// of allocating (and page-faulting in) a fresh array per chunk. Dispose it once the value has been
/// used; its bytes must not be touched afterwards.
/// </summary>
public sealed class PooledValue : IDisposable
{
    private byte[]? _array;
    private readonly bool _rented;

    private PooledValue(byte[] array, int length, bool rented)
    {
        _array = array;
        Length = length;
        _rented = rented;
    }

    /// <summary>Wraps an array that is not pooled (disposing does nothing to it).</summary>
    public static PooledValue Wrap(byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new PooledValue(value, value.Length, rented: false);
    }

    /// <summary>Takes ownership of the first <paramref name="length"/> bytes of an array rented from <see cref="ArrayPool{T}.Shared"/>.</summary>
    public static PooledValue FromRented(byte[] rented, int length)
    {
        ArgumentNullException.ThrowIfNull(rented);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, rented.Length);
        return new PooledValue(rented, length, rented: true);
    }

    /// <summary>The value's length in bytes.</summary>
    public int Length { get; }

    /// <summary>The value's bytes.</summary>
    public ReadOnlySpan<byte> Span => Array.AsSpan(0, Length);

    /// <summary>The value's bytes.</summary>
    public ReadOnlyMemory<byte> Memory => Array.AsMemory(0, Length);

    private byte[] Array => _array ?? throw new ObjectDisposedException(nameof(PooledValue), "the value was disposed and its buffer returned to the pool");

    /// <summary>Returns the buffer to the pool (once).</summary>
    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, null);
        if (array is not null && _rented) ArrayPool<byte>.Shared.Return(array);
    }
}
