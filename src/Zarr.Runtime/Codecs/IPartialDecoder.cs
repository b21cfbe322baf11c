namespace Zarr.Codecs;

/// <summary>
/// The capability of a bytes→bytes codec to decode part of a value: a byte range, the items at some
/// positions, or runs of items, without materialising the whole decoded value (Blosc: its blocks are
/// compressed independently). The pipeline uses it when the chunk's layout is plain (elements stored
/// as their own bytes, no filter, no transpose); otherwise it decodes whole. A codec whose format
/// carries a checksum of the decoded data must not offer this: a partial decode would return
/// corrupt bytes unchecked.
/// </summary>
public interface IPartialDecoder
{
    /// <summary>
    /// Decodes at least the bytes [<paramref name="start"/>, <paramref name="end"/>) of the decoded
    /// value into the same positions of <paramref name="destination"/> (whose length is the full
    /// decoded size); bytes outside the range may be left unwritten.
    /// </summary>
    void DecodeRangeInto(ReadOnlySpan<byte> input, Span<byte> destination, int start, int end);

    /// <summary>
    /// Copies the decoded items (of <paramref name="itemSize"/> bytes) at item indices
    /// <paramref name="items"/> into <paramref name="values"/>, in that order. The encoded value must
    /// decode to exactly <paramref name="decodedLength"/> bytes, else a <see cref="ZarrCodecException"/>
    /// is thrown. Returns false, having written nothing, when this value cannot be read so (the caller
    /// then decodes everything).
    /// </summary>
    bool TryGatherItems(ReadOnlySpan<byte> input, int decodedLength, int itemSize, ReadOnlySpan<int> items, Span<byte> values);

    /// <summary>
    /// Decodes only the items the <paramref name="runs"/> name and writes each run straight to its place
    /// in <paramref name="output"/>. The encoded value must decode to exactly <paramref name="decodedLength"/>
    /// bytes, else a <see cref="ZarrCodecException"/> is thrown. Runs must lie inside the decoded value
    /// and must not overlap in <paramref name="output"/>; <paramref name="threads"/> caps the threads one
    /// call may use. Returns false, having written nothing, when this value cannot be read so.
    /// </summary>
    bool TryDecodeRuns(ReadOnlySpan<byte> input, int decodedLength, int itemSize, ReadOnlySpan<ItemRun> runs, Span<byte> output, int threads);
}
