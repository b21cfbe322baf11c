using System.Buffers;

namespace Zarr.Internal;

/// <summary>An <see cref="IBufferWriter{T}"/> of bytes backed by <see cref="ArrayPool{T}"/>; dispose to return the buffer.</summary>
public sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;

    private readonly int _maxLength;
    private readonly string? _codecId;

    /// <summary>Creates a writer with an initial capacity.</summary>
    public PooledBufferWriter(int initialCapacity = 4096)
        : this(initialCapacity, Array.MaxLength, null)
    {
    }

    /// <summary>
    /// Creates a writer that holds at most <paramref name="maxLength"/> bytes: asking for more throws a
    /// <see cref="ZarrCodecException"/> for <paramref name="codecId"/> before anything larger is
    /// allocated. Decoders write into such a writer so that a corrupt or malicious stream cannot make
    /// them allocate more than the chunk can hold.
    /// </summary>
    public PooledBufferWriter(int initialCapacity, int maxLength, string? codecId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        _maxLength = Math.Min(maxLength, Array.MaxLength);
        _codecId = codecId;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(16, Math.Min(initialCapacity, _maxLength)));
    }

    /// <summary>The most bytes this writer holds.</summary>
    public int MaxLength => _maxLength;

    /// <summary>A new writer with the same limit as <paramref name="output"/> when it is a bounded writer (for a codec's scratch output).</summary>
    internal static PooledBufferWriter LimitedLike(System.Buffers.IBufferWriter<byte> output, int initialCapacity, string codecId) =>
        output is PooledBufferWriter bounded
            ? new PooledBufferWriter(initialCapacity, bounded._maxLength - bounded._written, codecId)
            : new PooledBufferWriter(initialCapacity);

    /// <summary>The written bytes, writable (for a header filled in after the body).</summary>
    internal Span<byte> WrittenSpanForUpdate => _buffer.AsSpan(0, _written);

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>The bytes written so far.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>Number of bytes written.</summary>
    public int WrittenCount => _written;

    /// <summary>Forgets what was written (keeps the buffer).</summary>
    public void Clear() => _written = 0;

    /// <inheritdoc />
    public void Advance(int count)
    {
        if (count < 0 || _written + count > _buffer.Length) throw new ArgumentOutOfRangeException(nameof(count));
        _written += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Appends bytes.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        data.CopyTo(GetSpan(data.Length));
        _written += data.Length;
    }

    private void Ensure(int sizeHint)
    {
        if (sizeHint < 1) sizeHint = 1;
        if (_buffer.Length - _written >= sizeHint) return;
        var needed = (long)_written + sizeHint;
        if (needed > _maxLength)
        {
            if (_codecId is not null)
                throw new ZarrCodecException(_codecId, null, $"the decoded data would exceed {_maxLength} bytes, the most this chunk can hold: the stream is corrupt or a decompression bomb");
            // What ArrayBufferWriter throws past the largest array, and what the codecs' error
            // filters let through as not a corrupt-stream error.
#pragma warning disable CA2201
            throw new OutOfMemoryException("A buffer larger than the maximum array length was requested.");
#pragma warning restore CA2201
        }
        var size = (int)Math.Max(needed, Math.Min((long)_buffer.Length * 2, _maxLength));
        // The pool rounds up to a power of two: near the bound that could be twice the bound, so the
        // last growth takes an array of exactly the size instead.
        var exact = size > 1 << 20 && System.Numerics.BitOperations.RoundUpToPowerOf2((uint)size) > (uint)_maxLength;
        var next = exact ? GC.AllocateUninitializedArray<byte>(size) : ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _written).CopyTo(next);
        if (_pooled) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = next;
        _pooled = !exact;
    }

    private bool _pooled = true;

    /// <inheritdoc />
    public void Dispose()
    {
        var b = _buffer;
        _buffer = [];
        _written = 0;
        if (b.Length > 0 && _pooled) ArrayPool<byte>.Shared.Return(b);
    }
}
