using Zarr.Indexing;

namespace Zarr;

public sealed partial class ZarrArray<T>
{
    // ---- block selection (zarr-python 2.16's get_block_selection / blocks) ---------------------

    /// <summary>
    /// Block selection: per dimension a block (chunk) index or a range of blocks with step 1;
    /// negative indices count blocks from the end. The result is the elements those blocks cover,
    /// edge blocks cut to the array's extent, and no dimension is dropped:
    /// <c>z.GetBlockSelection(0, 0)</c> is the first chunk as a 2-d array.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A block index, or the start of a range of blocks, is outside the chunk grid (the message names the dimension).</exception>
    /// <exception cref="ArgumentException">A range has a step other than 1, or a selector is an integer or Boolean array.</exception>
    public NDArray<T> GetBlockSelection(params Selector[] selection) => Read(BlockPlan(selection));

    internal SelectionPlan BlockPlan(Selector[] selection) =>
        OrthogonalIndexer.Plan(BlockIndexer.Resolve(selection, Metadata.Shape, Metadata.Chunks), ChunkGrid);

    /// <summary>Writes an array shaped like the selected blocks' elements into a block selection.</summary>
    public void SetBlockSelection(Selector[] selection, NDArray<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Write(BlockPlan(selection), value);
    }

    /// <summary>Writes one value into every element of a block selection.</summary>
    public void SetBlockSelection(Selector[] selection, T value) =>
        WriteScalar(BlockPlan(selection), value);

    /// <summary>Block selection with brackets (zarr-python's <c>blocks</c>): <c>z.Blocks[0, 1..3]</c>. Read and write.</summary>
    public BlockIndexerView<T> Blocks => _blocks ??= new(this);

    private BlockIndexerView<T>? _blocks;
}

/// <summary>Bracket syntax for block selection: <c>z.Blocks[1, ..]</c>, <c>z.Blocks[^1, 0..2]</c>.</summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class BlockIndexerView<T>
{
    private readonly ZarrArray<T> _array;

    internal BlockIndexerView(ZarrArray<T> array) => _array = array;

    /// <summary>Gets or sets a block selection.</summary>
    public NDArray<T> this[params Selector[] selection]
    {
        get => _array.GetBlockSelection(selection);
        set => _array.SetBlockSelection(selection, value);
    }
}
