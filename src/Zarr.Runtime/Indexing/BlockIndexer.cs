using System.Globalization;

namespace Zarr.Indexing;

/// <summary>
/// Builds plans for block selection (zarr-python 2.16's <c>blocks</c>): per dimension a block
/// (chunk) index or a range of blocks with step 1, turned into the element slice those blocks
/// cover. No dimension is dropped, so <c>Blocks[0, 0]</c> is the whole first chunk, edge chunks
/// cut to the array's extent.
/// </summary>
internal static class BlockIndexer
{
    /// <summary>Resolves each dimension's block selector into a slice of elements.</summary>
    public static DimSelection[] Resolve(ReadOnlySpan<Selector> selection, long[] shape, int[] chunks)
    {
        var sel = OrthogonalIndexer.Normalize(selection, shape.Length);
        var dims = new DimSelection[shape.Length];
        for (var d = 0; d < shape.Length; d++)
        {
            var len = shape[d];
            long c = chunks[d];
            var blocks = len == 0 ? 0 : (len + c - 1) / c;
            var s = sel[d];
            long first, end;
            switch (s.Kind)
            {
                case SelectorKind.Index:
                {
                    var (value, fromEnd) = s.RawIndex;
                    var b = fromEnd ? blocks - value : value < 0 ? value + blocks : value;
                    if (b < 0 || b >= blocks) throw OutOfBounds(fromEnd ? "^" + Str(value) : Str(value), d, blocks);
                    first = b;
                    end = b + 1;
                    break;
                }
                case SelectorKind.Slice:
                {
                    if (s.Step != 1)
                        throw new ArgumentException($"Dimension {d}: a range of blocks must have step 1, not {Str(s.Step)}.", nameof(selection));
                    var (start, startFromEnd, stop, stopFromEnd) = s.RawSlice;
                    first = start is null ? 0 : startFromEnd ? blocks - start.Value : start.Value < 0 ? start.Value + blocks : start.Value;
                    // zarr-python 2.16 refuses a range that starts outside the grid; a range from block 0 is always allowed
                    // (so the whole of an empty dimension can be selected).
                    if (first != 0 && (first < 0 || first >= blocks))
                        throw OutOfBounds($"{(startFromEnd ? "^" : "")}{Str(start!.Value)} (the start of a range)", d, blocks);
                    end = stop is null ? blocks : stopFromEnd ? blocks - stop.Value : stop.Value < 0 ? stop.Value + blocks : stop.Value;
                    end = Math.Clamp(end, first, Math.Max(first, blocks));
                    break;
                }
                default:
                    throw new ArgumentException(
                        $"Dimension {d}: a block selection takes a block index or a range of blocks, not {(s.Kind == SelectorKind.Mask ? "a Boolean array" : "an integer array")}.",
                        nameof(selection));
            }
            var lo = Math.Min(first * c, len);
            var hi = Math.Min(end * c, len);
            dims[d] = new SliceDimSelection(lo, hi, 1, d);
        }
        return dims;
    }

    private static string Str(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static ArgumentOutOfRangeException OutOfBounds(string index, int dim, long blocks) =>
        new($"dim{dim}", $"Block index {index} is out of bounds for dimension {dim}, which has {Str(blocks)} block{(blocks == 1 ? "" : "s")}.");
}
