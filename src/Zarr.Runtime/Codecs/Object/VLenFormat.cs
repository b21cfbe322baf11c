using System.Buffers;
using System.Buffers.Binary;

namespace Zarr.Codecs;

/// <summary>
/// The numcodecs variable-length layout shared by vlen-utf8, vlen-bytes and vlen-array: a uint32 LE
/// item count, then for each item a uint32 LE byte length and the bytes. Reading validates every
/// length against the bytes that are really there, so a corrupt header never sizes an allocation.
/// </summary>
internal ref struct VLenFormat
{
    private readonly ReadOnlySpan<byte> _input;
    private readonly string _codecId;
    private int _offset;
    private int _index;

    private VLenFormat(ReadOnlySpan<byte> input, string codecId)
    {
        _input = input;
        _codecId = codecId;
        _offset = 4;
        _index = 0;
    }

    /// <summary>Starts reading a chunk that must hold exactly <paramref name="expectedCount"/> items.</summary>
    public static VLenFormat Open(ReadOnlySpan<byte> input, int expectedCount, string codecId)
    {
        if (input.Length < 4) throw new ZarrCodecException(codecId, null, $"corrupt buffer: {input.Length} bytes, fewer than the 4-byte item count header");
        var count = BinaryPrimitives.ReadUInt32LittleEndian(input);
        if (count != (uint)expectedCount)
            throw new ZarrCodecException(codecId, null, $"the chunk holds {count} items but {expectedCount} were expected");
        // Every item needs at least its 4-byte length: reject impossible counts before reading any.
        if ((long)count * 4 > input.Length - 4)
            throw new ZarrCodecException(codecId, null, $"corrupt buffer: {count} items cannot fit in {input.Length} bytes");
        return new VLenFormat(input, codecId);
    }

    /// <summary>The bytes of the next item.</summary>
    public ReadOnlySpan<byte> Next()
    {
        if (_input.Length - _offset < 4)
            throw new ZarrCodecException(_codecId, null, $"corrupt buffer: data seem truncated at item {_index} (offset {_offset} of {_input.Length})");
        var length = BinaryPrimitives.ReadUInt32LittleEndian(_input[_offset..]);
        _offset += 4;
        if (length > (uint)(_input.Length - _offset))
            throw new ZarrCodecException(_codecId, null, $"corrupt buffer: item {_index} claims {length} bytes but only {_input.Length - _offset} remain");
        var item = _input.Slice(_offset, (int)length);
        _offset += (int)length;
        _index++;
        return item;
    }

    /// <summary>Writes the item count header.</summary>
    public static void WriteCount(IBufferWriter<byte> output, int count)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(output.GetSpan(4), (uint)count);
        output.Advance(4);
    }

    /// <summary>Writes one item: its length, then its bytes.</summary>
    public static void WriteItem(IBufferWriter<byte> output, ReadOnlySpan<byte> item)
    {
        var span = output.GetSpan(4 + item.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)item.Length);
        item.CopyTo(span[4..]);
        output.Advance(4 + item.Length);
    }
}
