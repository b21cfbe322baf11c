using System.Globalization;

namespace Zarr.Indexing;

/// <summary>
/// Builds plans for coordinate selection (one integer array per dimension, broadcast together, the
/// points taken in the caller's order) and mask selection (a Boolean array of the array's shape,
/// the points taken in C order). Points are grouped by chunk with one stable sort, so each chunk is
/// visited once however the points are ordered, and the output keeps the caller's order.
/// </summary>
internal static class CoordinateIndexer
{
    /// <summary>One dimension's coordinates: values in C order over <see cref="Shape"/>.</summary>
    public readonly record struct Coordinates(long[] Values, int[] Shape);

    /// <summary>Plans a coordinate selection given as per-dimension selectors (integers or integer arrays).</summary>
    public static SelectionPlan Plan(ReadOnlySpan<Selector> selection, long[] shape, int[] chunks)
    {
        CheckCount(selection.Length, shape.Length);
        var coords = new Coordinates[shape.Length];
        for (var d = 0; d < shape.Length; d++)
        {
            var s = selection[d];
            coords[d] = s.Kind switch
            {
                SelectorKind.Index => new Coordinates([s.ResolveIndex(shape[d], d)], []),
                SelectorKind.Indices => new Coordinates(s.Indices.ToArray(), s.IndexShape),
                _ => throw new ArgumentException(
                    $"Dimension {d}: a coordinate selection takes one integer or integer array per dimension, not {Describe(s.Kind)}. " +
                    "Use GetMaskSelection for a Boolean mask of the array's shape, or GetOrthogonalSelection (OIndex) for slices and per-dimension masks.",
                    nameof(selection)),
            };
        }
        return Plan(coords, shape, chunks);
    }

    /// <summary>Plans a coordinate selection given as per-dimension integer arrays of any (broadcastable) shape.</summary>
    public static SelectionPlan Plan(Coordinates[] coords, long[] shape, int[] chunks)
    {
        CheckCount(coords.Length, shape.Length);
        var rank = shape.Length;
        var selShape = BroadcastShape(coords);
        long total = 1;
        foreach (var s in selShape) total *= s;
        if (total > Array.MaxLength) throw new ArgumentException($"The coordinate selection has {total} points, more than one in-memory array can hold.", nameof(coords));
        var n = (int)total;
        var sources = new long[rank][];
        var constant = new long[rank];
        for (var d = 0; d < rank; d++)
        {
            var c = coords[d];
            if (c.Values.Length == n) sources[d] = c.Values;           // same shape as the broadcast (or the same number of points)
            else if (c.Values.Length == 1) constant[d] = c.Values[0];  // a single coordinate repeated for every point
            else sources[d] = Broadcast(c, selShape);
        }
        // zarr-python reports a selection of bare integers (shape ()) as shape (1,).
        var outShape = selShape.Length == 0 ? [1] : selShape;
        return PlanPoints(n, outShape, sources, constant, shape, chunks);
    }

    /// <summary>Plans a mask selection: the True positions of a Boolean array shaped like the array, in C order.</summary>
    public static SelectionPlan PlanMask(NDArray<bool> mask, long[] shape, int[] chunks)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var rank = shape.Length;
        if (mask.Rank != rank)
            throw new ArgumentException($"A mask selection needs a Boolean array of the array's shape {InfoReport.Tuple(shape)}; the mask has {mask.Rank} dimensions, the array {rank}.", nameof(mask));
        for (var d = 0; d < rank; d++)
        {
            if (mask.Shape[d] != shape[d])
                throw new ArgumentException($"The mask has length {mask.Shape[d]} in dimension {d} but the array has length {shape[d]}; a mask selection needs a Boolean array of the array's shape {InfoReport.Tuple(shape)}.", nameof(mask));
        }
        var data = mask.Data;
        var n = 0;
        foreach (var b in data) if (b) n++;
        var sources = new long[rank][];
        for (var d = 0; d < rank; d++) sources[d] = new long[n];
        if (n > 0 && rank > 0)
        {
            // Walk the mask in C order with a running multi-index (no divisions per element).
            var index = new long[rank];
            var k = 0;
            for (var f = 0; f < data.Length; f++)
            {
                if (data[f])
                {
                    for (var d = 0; d < rank; d++) sources[d][k] = index[d];
                    k++;
                }
                for (var d = rank - 1; d >= 0; d--)
                {
                    if (++index[d] < shape[d]) break;
                    index[d] = 0;
                }
            }
        }
        return PlanPoints(n, [n], sources, new long[rank], shape, chunks);
    }

    private static void CheckCount(int given, int rank)
    {
        if (given != rank)
            throw new ArgumentException($"A coordinate selection needs one integer array per dimension: the array has {rank} dimension{(rank == 1 ? "" : "s")}, the selection gives {given}.", "selection");
    }

    private static string Describe(SelectorKind kind) => kind switch
    {
        SelectorKind.Slice => "a slice",
        SelectorKind.Ellipsis => "an ellipsis",
        SelectorKind.Mask => "a Boolean array",
        _ => kind.ToString(),
    };

    /// <summary>NumPy's broadcasting of the coordinate arrays' shapes (aligned on the right; 1 stretches).</summary>
    private static int[] BroadcastShape(Coordinates[] coords)
    {
        var rank = 0;
        foreach (var c in coords) rank = Math.Max(rank, c.Shape.Length);
        var result = new int[rank];
        Array.Fill(result, 1);
        for (var d = 0; d < coords.Length; d++)
        {
            var s = coords[d].Shape;
            for (var i = 0; i < s.Length; i++)
            {
                var r = rank - s.Length + i;
                if (s[i] == result[r] || s[i] == 1) continue;
                if (result[r] == 1) { result[r] = s[i]; continue; }
                throw new ArgumentException(
                    $"The coordinate array of dimension {d} has shape {InfoReport.Tuple(s)}, which cannot be broadcast with the other coordinate arrays (shape so far {InfoReport.Tuple(result)}).", "selection");
            }
        }
        return result;
    }

    private static long[] Broadcast(Coordinates c, int[] shape)
    {
        var n = 1;
        foreach (var s in shape) n *= s;
        var result = new long[n];
        var rank = shape.Length;
        var srcStrides = new int[rank];
        var acc = 1;
        for (var i = c.Shape.Length - 1; i >= 0; i--)
        {
            var r = rank - c.Shape.Length + i;
            srcStrides[r] = c.Shape[i] == 1 ? 0 : acc;
            acc *= c.Shape[i];
        }
        var index = new int[rank];
        var src = 0;
        for (var k = 0; k < n; k++)
        {
            result[k] = c.Values[src];
            for (var d = rank - 1; d >= 0; d--)
            {
                src += srcStrides[d];
                if (++index[d] < shape[d]) break;
                src -= srcStrides[d] * index[d];
                index[d] = 0;
            }
        }
        return result;
    }

    /// <summary>
    /// Resolves <paramref name="n"/> points (per dimension: <c>sources[d][p]</c>, or <c>constant[d]</c> when
    /// the source is null), checks bounds, and groups them by chunk.
    /// </summary>
    private static SelectionPlan PlanPoints(int n, int[] outShape, long[]?[] sources, long[] constant, long[] shape, int[] chunks)
    {
        var rank = shape.Length;
        var grid = new long[rank];
        for (var d = 0; d < rank; d++) grid[d] = shape[d] == 0 ? 0 : (shape[d] + chunks[d] - 1) / chunks[d];
        if (n == 0)
        {
            // Nothing to read, but a bad coordinate is still an error (as in zarr-python, which checks before broadcasting).
            for (var d = 0; d < rank; d++) if (sources[d] is null) Wrap(constant[d], shape[d], d);
            return new SelectionPlan(outShape, []);
        }

        var gridTotal = GridTotal(grid);
        var inChunk = new int[n];
        long[]? keys = gridTotal >= 0 ? new long[n] : null;
        long[][]? chunkCoords = keys is null ? new long[rank][] : null;

        for (var d = 0; d < rank; d++)
        {
            var len = shape[d];
            var c = chunks[d];
            var g = grid[d];
            var src = sources[d];
            if (src is null)
            {
                var x = Wrap(constant[d], len, d);
                var q = x / c;
                var within = (int)(x - q * c);
                for (var p = 0; p < n; p++) inChunk[p] = inChunk[p] * c + within;
                if (keys is not null) for (var p = 0; p < n; p++) keys[p] = keys[p] * g + q;
                else Array.Fill(chunkCoords![d] = new long[n], q);
                continue;
            }
            long[]? cc = keys is null ? chunkCoords![d] = new long[n] : null;
            for (var p = 0; p < n; p++)
            {
                var x = src[p];
                if (x < 0) x += len;
                if ((ulong)x >= (ulong)len) throw OutOfBounds(src[p], len, d);
                var q = x / c;
                inChunk[p] = inChunk[p] * c + (int)(x - q * c);
                if (keys is not null) keys[p] = keys[p] * g + q;
                else cc![p] = q;
            }
        }

        return keys is not null
            ? GroupByKey(n, outShape, keys, inChunk, grid, gridTotal)
            : GroupByCoords(n, outShape, chunkCoords!, inChunk);
    }

    private static long Wrap(long x, long len, int d)
    {
        var y = x < 0 ? x + len : x;
        if ((ulong)y >= (ulong)len) throw OutOfBounds(x, len, d);
        return y;
    }

    private static ArgumentOutOfRangeException OutOfBounds(long index, long length, int dim) =>
        new($"dim{dim}", $"Index {index.ToString(CultureInfo.InvariantCulture)} is out of bounds for dimension {dim} with length {length.ToString(CultureInfo.InvariantCulture)}.");

    /// <summary>The number of chunks in the grid, or -1 when it does not fit a long (then points are grouped by coordinates).</summary>
    private static long GridTotal(long[] grid)
    {
        long total = 1;
        foreach (var g in grid)
        {
            if (g != 0 && total > long.MaxValue / g) return -1;
            total *= g;
        }
        return total;
    }

    private static SelectionPlan GroupByKey(int n, int[] outShape, long[] keys, int[] inChunk, long[] grid, long gridTotal)
    {
        var sorted = true;
        for (var p = 1; p < n && sorted; p++) sorted = keys[p - 1] <= keys[p];
        int[]? perm = null;
        int[] offsets;
        long[] sortedKeys;
        if (sorted)
        {
            offsets = inChunk;
            sortedKeys = keys;
        }
        else
        {
            perm = new int[n];
            if (gridTotal <= Math.Max(4L * n, 1 << 16))
            {
                // Counting sort over the chunk grid: linear, stable (caller order kept inside each chunk).
                var start = new int[gridTotal + 1];
                foreach (var k in keys) start[k + 1]++;
                for (var i = 1; i < start.Length; i++) start[i] += start[i - 1];
                for (var p = 0; p < n; p++) perm[start[keys[p]]++] = p;
            }
            else
            {
                for (var p = 0; p < n; p++) perm[p] = p;
                var k2 = (long[])keys.Clone();
                Array.Sort(k2, perm);
                // Array.Sort is not stable: put each chunk's points back in the caller's order.
                for (int a = 0, b; a < n; a = b)
                {
                    for (b = a + 1; b < n && k2[b] == k2[a]; b++) { }
                    if (b - a > 1) perm.AsSpan(a, b - a).Sort();
                }
            }
            offsets = new int[n];
            sortedKeys = new long[n];
            for (var j = 0; j < n; j++)
            {
                offsets[j] = inChunk[perm[j]];
                sortedKeys[j] = keys[perm[j]];
            }
        }
        var regions = new List<ChunkRegion>();
        for (int a = 0, b; a < n; a = b)
        {
            var key = sortedKeys[a];
            for (b = a + 1; b < n && sortedKeys[b] == key; b++) { }
            regions.Add(new PointsRegion(Unravel(key, grid), offsets, perm, a, b - a));
        }
        return new SelectionPlan(outShape, regions);
    }

    private static long[] Unravel(long key, long[] grid)
    {
        var coords = new long[grid.Length];
        for (var d = grid.Length - 1; d >= 0; d--)
        {
            coords[d] = key % grid[d];
            key /= grid[d];
        }
        return coords;
    }

    /// <summary>Grouping for grids too large to number their chunks with a long: sort by chunk coordinates, then by point.</summary>
    private static SelectionPlan GroupByCoords(int n, int[] outShape, long[][] chunkCoords, int[] inChunk)
    {
        var rank = chunkCoords.Length;
        var perm = new int[n];
        for (var p = 0; p < n; p++) perm[p] = p;
        int Compare(int x, int y)
        {
            for (var d = 0; d < rank; d++)
            {
                var c = chunkCoords[d][x].CompareTo(chunkCoords[d][y]);
                if (c != 0) return c;
            }
            return x.CompareTo(y);
        }
        Array.Sort(perm, Compare);
        var offsets = new int[n];
        for (var j = 0; j < n; j++) offsets[j] = inChunk[perm[j]];
        var regions = new List<ChunkRegion>();
        for (int a = 0, b; a < n; a = b)
        {
            for (b = a + 1; b < n && SameChunk(perm[a], perm[b]); b++) { }
            var coords = new long[rank];
            for (var d = 0; d < rank; d++) coords[d] = chunkCoords[d][perm[a]];
            regions.Add(new PointsRegion(coords, offsets, perm, a, b - a));
        }
        return new SelectionPlan(outShape, regions);

        bool SameChunk(int x, int y)
        {
            for (var d = 0; d < rank; d++) if (chunkCoords[d][x] != chunkCoords[d][y]) return false;
            return true;
        }
    }
}
