using System.Globalization;
using System.Text;
using Zarr.Codecs;
using Zarr.Stores;

namespace Zarr.Runtime.Tests.Indexing;

/// <summary>
/// Every selection mode against a plain in-memory reference: random shapes (ranks 0–4, empty
/// dimensions included), chunkings, layouts and selections from a seeded <see cref="Random"/>;
/// the reference applies the same indexing element by element. Gets compare shape and values;
/// sets compare the whole array afterwards.
/// </summary>
public class IndexingPropertyTests
{
    private const int Cases = 300;

    public enum Mode { Basic, Orthogonal, Coordinate, Mask, Block }

    public static TheoryData<Mode> Modes() => new() { Mode.Basic, Mode.Orthogonal, Mode.Coordinate, Mode.Mask, Mode.Block };

    [Theory]
    [MemberData(nameof(Modes))]
    public void GetAgreesWithReference(Mode mode) => Run(mode, write: false, seed: 1000 + (int)mode);

    [Theory]
    [MemberData(nameof(Modes))]
    public void SetAgreesWithReference(Mode mode) => Run(mode, write: true, seed: 2000 + (int)mode);

    private static void Run(Mode mode, bool write, int seed)
    {
        var rng = new Random(seed);
        for (var i = 0; i < Cases; i++)
        {
            var c = Case.Random(rng, i);
            var sel = Selection.Random(rng, mode, c);
            try
            {
                if (write) CheckSet(rng, c, sel);
                else CheckGet(c, sel);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                throw new InvalidOperationException($"seed {seed}, case {i}: {c} {sel}: {e.Message}", e);
            }
        }
    }

    private static void CheckGet(Case c, Selection sel)
    {
        var (expectedShape, sources) = sel.Reference;
        var expected = sources.Select(k => c.Data[k]).ToArray();
        var actual = sel.Get(c.Array);
        Assert.True(expectedShape.SequenceEqual(actual.Shape), $"{c} {sel}: shape ({string.Join(", ", actual.Shape)}), expected ({string.Join(", ", expectedShape)})");
        Assert.True(expected.SequenceEqual(actual.Data), $"{c} {sel}: got [{string.Join(", ", actual.Data)}], expected [{string.Join(", ", expected)}]");
    }

    private static void CheckSet(Random rng, Case c, Selection sel)
    {
        var (shape, targets) = sel.Reference;
        var reference = (int[])c.Data.Clone();
        if (rng.Next(4) == 0)
        {
            var v = rng.Next(1000, 2000);
            foreach (var k in targets) reference[k] = v;
            sel.SetScalar(c.Array, v);
        }
        else
        {
            var values = targets.Select(_ => rng.Next(1000, 2000)).ToArray();
            for (var j = 0; j < targets.Length; j++) reference[targets[j]] = values[j]; // in order: the last of repeated targets wins
            sel.Set(c.Array, new NDArray<int>(values, shape));
        }
        var all = c.Array.Read();
        Assert.True(reference.SequenceEqual(all.Data), $"{c} {sel}: after set got [{string.Join(", ", all.Data)}], expected [{string.Join(", ", reference)}]");
    }

    /// <summary>A random array with random contents, chunking, layout and compressor.</summary>
    private sealed class Case
    {
        public required long[] Shape { get; init; }
        public required int[] Chunks { get; init; }
        public required int[] Data { get; init; }
        public required ZarrArray<int> Array { get; init; }
        public required string Description { get; init; }

        public static Case Random(Random rng, int index)
        {
            var rank = rng.Next(5);
            var shape = new long[rank];
            var chunks = new int[rank];
            for (var d = 0; d < rank; d++)
            {
                shape[d] = rng.Next(12) == 0 ? 0 : rng.Next(1, rank >= 3 ? 6 : 9);
                chunks[d] = rng.Next(1, (int)Math.Max(1, shape[d]) + 2);
            }
            var n = (int)shape.Aggregate(1L, (a, b) => a * b);
            var data = Enumerable.Range(0, n).Select(_ => rng.Next(-500, 500)).ToArray();
            var order = rng.Next(4) == 0 ? 'F' : 'C';
            var options = new ArrayOptions { Compressor = rng.Next(3) == 0 ? new ZlibCodec(1) : null, Order = order, FillValue = rng.Next(3) == 0 ? 7 : 0 };
            var z = ZarrArray.Create<int>(shape, chunks, options, new MemoryStore());
            if (n > 0 || rank == 0) z.Set([Selector.Ellipsis], new NDArray<int>(data, shape.Select(s => (int)s).ToArray()));
            if (rank == 0) data = [data[0]];
            return new Case
            {
                Shape = shape,
                Chunks = chunks,
                Data = data,
                Array = z,
                Description = $"shape ({string.Join(", ", shape)}) chunks ({string.Join(", ", chunks)}) order {order}",
            };
        }

        public int Flat(long[] index)
        {
            long f = 0;
            for (var d = 0; d < Shape.Length; d++) f = f * Shape[d] + index[d];
            return (int)f;
        }

        public override string ToString() => Description;
    }

    /// <summary>A selection in one mode: how to apply it through the API, and what the reference says it selects.</summary>
    private sealed class Selection
    {
        public required Func<ZarrArray<int>, NDArray<int>> Get { get; init; }
        public required Action<ZarrArray<int>, NDArray<int>> Set { get; init; }
        public required Action<ZarrArray<int>, int> SetScalar { get; init; }

        /// <summary>The result's shape, and for each result element (C order) the flat index it comes from.</summary>
        public required (int[] Shape, int[] Sources) Reference { get; init; }

        public required string Description { get; init; }

        public override string ToString() => Description;

        public static Selection Random(Random rng, Mode mode, Case c) => mode switch
        {
            Mode.Basic => Orthogonal(rng, c, basic: true),
            Mode.Orthogonal => Orthogonal(rng, c, basic: false),
            Mode.Coordinate => Coordinate(rng, c),
            Mode.Mask => Mask(rng, c),
            _ => Block(rng, c),
        };

        // ---- basic and orthogonal: per dimension a list of indices (dropped for an integer) ----

        private static Selection Orthogonal(Random rng, Case c, bool basic)
        {
            var rank = c.Shape.Length;
            var selectors = new List<Selector>();
            var perDim = new long[rank][];
            var drop = new bool[rank];
            var text = new StringBuilder(basic ? "basic [" : "oindex [");
            var whole = new bool[rank];
            for (var d = 0; d < rank; d++)
            {
                var len = c.Shape[d];
                var kind = rng.Next(basic ? 4 : 6);
                if (kind == 5 || kind == 3 && basic)
                {
                    selectors.Add(Selector.All);
                    perDim[d] = Enumerable.Range(0, (int)len).Select(k => (long)k).ToArray();
                    whole[d] = true;
                    text.Append(':');
                }
                else if (kind == 0 && len > 0)
                {
                    var v = rng.NextInt64(-len, len);
                    selectors.Add(v);
                    perDim[d] = [v < 0 ? v + len : v];
                    drop[d] = true;
                    text.Append(v);
                }
                else if (kind == 1 || kind == 0)
                {
                    long? start = rng.Next(3) == 0 ? null : rng.NextInt64(-len - 2, len + 3);
                    long? stop = rng.Next(3) == 0 ? null : rng.NextInt64(-len - 2, len + 3);
                    var step = rng.Next(3) == 0 ? rng.Next(2, 4) : 1;
                    selectors.Add(Selector.Slice(start, stop, step));
                    perDim[d] = PySlice(start, stop, step, len);
                    text.Append(CultureInfo.InvariantCulture, $"{start}:{stop}:{step}");
                }
                else if (kind == 2)
                {
                    // A C# range, ends possibly from the end.
                    var a = new Index((int)rng.NextInt64(0, len + 2), rng.Next(2) == 0);
                    var b = new Index((int)rng.NextInt64(0, len + 2), rng.Next(2) == 0);
                    selectors.Add(a..b);
                    long Abs(Index i) => Math.Clamp(i.IsFromEnd ? len - i.Value : i.Value, 0, len);
                    var (s, e) = (Abs(a), Abs(b));
                    perDim[d] = Enumerable.Range(0, (int)Math.Max(0, e - s)).Select(k => s + k).ToArray();
                    text.Append(a).Append("..").Append(b);
                }
                else if (kind == 3)
                {
                    var n = len == 0 ? 0 : rng.Next(0, 6);
                    var idx = Enumerable.Range(0, n).Select(_ => rng.NextInt64(-len, len)).ToArray();
                    selectors.Add(rng.Next(2) == 0 ? idx : idx.Select(x => (int)x).ToArray());
                    perDim[d] = idx.Select(x => x < 0 ? x + len : x).ToArray();
                    text.Append('[').Append(string.Join(",", idx)).Append(']');
                }
                else
                {
                    var mask = Enumerable.Range(0, (int)len).Select(_ => rng.Next(2) == 0).ToArray();
                    selectors.Add(mask);
                    perDim[d] = Enumerable.Range(0, (int)len).Where(k => mask[k]).Select(k => (long)k).ToArray();
                    text.Append("mask[").Append(string.Concat(mask.Select(m => m ? '1' : '0'))).Append(']');
                }
                text.Append(d < rank - 1 ? ", " : "");
            }
            var sel = WithEllipsis(rng, selectors, whole, text);
            var reference = Outer(c, perDim, drop);
            if (basic)
            {
                return new Selection
                {
                    Get = z => rng.Next(2) == 0 ? z[sel] : z.Get(sel),
                    Set = (z, v) => z[sel] = v,
                    SetScalar = (z, v) => z.Set(sel, v),
                    Reference = reference,
                    Description = text.Append(']').ToString(),
                };
            }
            return new Selection
            {
                Get = z => rng.Next(2) == 0 ? z.OIndex[sel] : z.GetOrthogonalSelection(sel),
                Set = (z, v) => { if (rng.Next(2) == 0) z.OIndex[sel] = v; else z.SetOrthogonalSelection(sel, v); },
                SetScalar = (z, v) => z.SetOrthogonalSelection(sel, v),
                Reference = reference,
                Description = text.Append(']').ToString(),
            };
        }

        /// <summary>Sometimes folds a run of whole-dimension selectors into an ellipsis, or leaves trailing ones out.</summary>
        private static Selector[] WithEllipsis(Random rng, List<Selector> selectors, bool[] whole, StringBuilder text)
        {
            var choice = rng.Next(3);
            if (choice == 0)
            {
                // An ellipsis standing for a run (possibly empty) of whole dimensions.
                var at = rng.Next(selectors.Count + 1);
                var end = at;
                while (end < selectors.Count && whole[end] && rng.Next(4) != 0) end++;
                var result = selectors.ToList();
                result.RemoveRange(at, end - at);
                result.Insert(at, Selector.Ellipsis);
                text.Append(CultureInfo.InvariantCulture, $" (dims {at}..{end} as an ellipsis)");
                return result.ToArray();
            }
            if (choice == 1)
            {
                var keep = selectors.Count;
                while (keep > 0 && whole[keep - 1] && rng.Next(3) != 0) keep--;
                if (keep < selectors.Count) text.Append(CultureInfo.InvariantCulture, $" (only the first {keep} given)");
                return selectors.Take(keep).ToArray();
            }
            return selectors.ToArray();
        }

        private static long[] PySlice(long? start, long? stop, long step, long len)
        {
            long Resolve(long? v, long dflt) => v is null ? dflt : Math.Clamp(v.Value < 0 ? v.Value + len : v.Value, 0, len);
            var s = Resolve(start, 0);
            var e = Resolve(stop, len);
            var list = new List<long>();
            for (var k = s; k < e; k += step) list.Add(k);
            return list.ToArray();
        }

        private static (int[] Shape, int[] Sources) Outer(Case c, long[][] perDim, bool[] drop)
        {
            var rank = perDim.Length;
            var shape = Enumerable.Range(0, rank).Where(d => !drop[d]).Select(d => perDim[d].Length).ToArray();
            var sources = new List<int>();
            if (rank == 0) return (shape, [0]);
            if (perDim.Any(p => p.Length == 0)) return (shape, []);
            var counter = new int[rank];
            while (true)
            {
                sources.Add(c.Flat(Enumerable.Range(0, rank).Select(d => perDim[d][counter[d]]).ToArray()));
                var k = rank - 1;
                while (k >= 0 && ++counter[k] == perDim[k].Length) counter[k--] = 0;
                if (k < 0) break;
            }
            return (shape, sources.ToArray());
        }

        // ---- coordinate selection ----

        private static Selection Coordinate(Random rng, Case c)
        {
            var rank = c.Shape.Length;
            if (rank == 0 || c.Shape.Any(s => s == 0))
            {
                // Only the empty selection exists (or, for a 0-d array, the one point).
                var empty = rank == 0 ? [] : Enumerable.Range(0, rank).Select(_ => System.Array.Empty<long>()).ToArray();
                var shape0 = rank == 0 ? new[] { 1 } : [0];
                return new Selection
                {
                    Get = z => z.GetCoordinateSelection(empty),
                    Set = (z, v) => z.SetCoordinateSelection(empty, v),
                    SetScalar = (z, v) => z.SetCoordinateSelection(empty, v),
                    Reference = (shape0, rank == 0 ? [0] : []),
                    Description = "coordinates (empty)",
                };
            }
            var variant = rng.Next(3);
            if (variant == 2)
            {
                // N-d coordinate arrays broadcast together.
                var outRank = rng.Next(1, 3);
                var b = Enumerable.Range(0, outRank).Select(_ => rng.Next(0, 4)).ToArray();
                var arrays = new NDArray<long>[rank];
                for (var d = 0; d < rank; d++)
                {
                    var shape = b.Select(x => rng.Next(3) == 0 ? 1 : x).ToArray();
                    if (rng.Next(3) == 0) shape = shape[rng.Next(shape.Length + 1)..];
                    var n = shape.Aggregate(1, (x, y) => x * y);
                    var len = c.Shape[d];
                    arrays[d] = new NDArray<long>(Enumerable.Range(0, n).Select(_ => rng.NextInt64(-len, len)).ToArray(), shape);
                }
                var outShape = Broadcast(arrays.Select(a => a.Shape).ToArray());
                var total = outShape.Aggregate(1, (x, y) => x * y);
                var sources = new int[total];
                for (var p = 0; p < total; p++)
                {
                    var index = new long[rank];
                    for (var d = 0; d < rank; d++)
                    {
                        var v = At(arrays[d], outShape, p);
                        index[d] = v < 0 ? v + c.Shape[d] : v;
                    }
                    sources[p] = c.Flat(index);
                }
                var asSelectors = arrays.Select(a => (Selector)a).ToArray();
                return new Selection
                {
                    Get = z => rng.Next(2) == 0 ? z.VIndex[asSelectors] : z.GetCoordinateSelection(asSelectors),
                    Set = (z, v) => { if (rng.Next(2) == 0) z.VIndex[asSelectors] = v; else z.SetCoordinateSelection(asSelectors, v); },
                    SetScalar = (z, v) => z.SetCoordinateSelection(asSelectors, v),
                    Reference = (outShape.Length == 0 ? [1] : outShape, sources),
                    Description = "coordinates " + string.Join(" ", arrays.Select(a => $"({string.Join(",", a.Shape)}):[{string.Join(",", a.Data)}]")),
                };
            }
            var points = rng.Next(0, 10);
            var isInt = Enumerable.Range(0, rank).Select(_ => variant == 0 && rng.Next(3) == 0).ToArray();
            if (isInt.All(x => x)) points = 1; // bare integers name one point
            var selectors = new Selector[rank];
            var coords = new long[rank][];
            var anyArray = !isInt.All(x => x);
            for (var d = 0; d < rank; d++)
            {
                var len = c.Shape[d];
                if (isInt[d])
                {
                    var v = rng.NextInt64(-len, len);
                    selectors[d] = v;
                    coords[d] = Enumerable.Repeat(v, points).ToArray();
                }
                else
                {
                    // Unsorted, repeated and negative coordinates; sometimes clustered in few chunks.
                    var clustered = rng.Next(2) == 0;
                    coords[d] = Enumerable.Range(0, points).Select(_ => clustered ? rng.NextInt64(0, Math.Min(len, 2)) : rng.NextInt64(-len, len)).ToArray();
                    selectors[d] = rng.Next(2) == 0 ? coords[d] : coords[d].Select(x => (int)x).ToArray();
                }
            }
            var src = new int[points];
            for (var p = 0; p < points; p++)
                src[p] = c.Flat(Enumerable.Range(0, rank).Select(d => coords[d][p] < 0 ? coords[d][p] + c.Shape[d] : coords[d][p]).ToArray());
            var text = "coordinates " + string.Join(" ", selectors.Select(s => s.ToString()));
            if (variant == 1)
            {
                return new Selection
                {
                    Get = z => rng.Next(2) == 0 ? z.VIndex[coords] : z.GetCoordinateSelection(coords),
                    Set = (z, v) => { if (rng.Next(2) == 0) z.VIndex[coords] = v; else z.SetCoordinateSelection(coords, v); },
                    SetScalar = (z, v) => z.SetCoordinateSelection(coords, v),
                    Reference = ([points], src),
                    Description = text,
                };
            }
            return new Selection
            {
                Get = z => rng.Next(3) switch { 0 => z.VIndex[selectors], 1 => z.GetCoordinateSelection(selectors), _ => anyArray ? z[selectors] : z.VIndex[selectors] },
                Set = (z, v) => { if (rng.Next(2) == 0) z.VIndex[selectors] = v; else z.SetCoordinateSelection(selectors, v); },
                SetScalar = (z, v) => z.SetCoordinateSelection(selectors, v),
                Reference = ([points], src),
                Description = text,
            };
        }

        private static int[] Broadcast(int[][] shapes)
        {
            var rank = shapes.Max(s => s.Length);
            var result = Enumerable.Repeat(1, rank).ToArray();
            foreach (var s in shapes)
                for (var i = 0; i < s.Length; i++)
                {
                    var r = rank - s.Length + i;
                    if (s[i] != 1) result[r] = s[i];
                }
            return result;
        }

        private static long At(NDArray<long> a, int[] outShape, int flat)
        {
            var index = new int[outShape.Length];
            for (var d = outShape.Length - 1; d >= 0; d--)
            {
                index[d] = flat % outShape[d];
                flat /= outShape[d];
            }
            var k = 0;
            for (var i = 0; i < a.Shape.Length; i++)
            {
                var r = outShape.Length - a.Shape.Length + i;
                k = k * a.Shape[i] + (a.Shape[i] == 1 ? 0 : index[r]);
            }
            return a.Data[k];
        }

        // ---- mask selection ----

        private static Selection Mask(Random rng, Case c)
        {
            var n = c.Data.Length;
            var density = rng.NextDouble();
            var data = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < density).ToArray();
            var mask = new NDArray<bool>(data, c.Shape.Select(s => (int)s).ToArray());
            var sources = Enumerable.Range(0, n).Where(k => data[k]).ToArray();
            return new Selection
            {
                Get = z => rng.Next(2) == 0 ? z.VIndex[mask] : z.GetMaskSelection(mask),
                Set = (z, v) => { if (rng.Next(2) == 0) z.VIndex[mask] = v; else z.SetMaskSelection(mask, v); },
                SetScalar = (z, v) => z.SetMaskSelection(mask, v),
                Reference = ([sources.Length], sources),
                Description = $"mask density {density:0.00}",
            };
        }

        // ---- block selection ----

        private static Selection Block(Random rng, Case c)
        {
            var rank = c.Shape.Length;
            var selectors = new List<Selector>();
            var perDim = new long[rank][];
            var text = new StringBuilder("blocks [");
            for (var d = 0; d < rank; d++)
            {
                var len = c.Shape[d];
                long chunk = c.Chunks[d];
                var blocks = (len + chunk - 1) / chunk;
                long first, end;
                if (blocks > 0 && rng.Next(2) == 0)
                {
                    var b = rng.NextInt64(-blocks, blocks);
                    selectors.Add(b);
                    first = b < 0 ? b + blocks : b;
                    end = first + 1;
                    text.Append(b);
                }
                else
                {
                    long? start = blocks == 0 || rng.Next(3) == 0 ? null : rng.NextInt64(-blocks, blocks);
                    long? stop = rng.Next(3) == 0 ? null : rng.NextInt64(-blocks - 1, blocks + 2);
                    selectors.Add(Selector.Slice(start, stop));
                    first = start is null ? 0 : start.Value < 0 ? start.Value + blocks : start.Value;
                    end = stop is null ? blocks : stop.Value < 0 ? stop.Value + blocks : stop.Value;
                    end = Math.Clamp(end, first, Math.Max(first, blocks));
                    text.Append(CultureInfo.InvariantCulture, $"{start}:{stop}");
                }
                var lo = Math.Min(first * chunk, len);
                var hi = Math.Min(end * chunk, len);
                perDim[d] = Enumerable.Range(0, (int)(hi - lo)).Select(k => lo + k).ToArray();
                text.Append(d < rank - 1 ? ", " : "");
            }
            // Trailing whole ranges may be left out, or written as an ellipsis.
            var sel = selectors.ToArray();
            var reference = Outer(c, perDim, new bool[rank]);
            return new Selection
            {
                Get = z => rng.Next(2) == 0 ? z.Blocks[sel] : z.GetBlockSelection(sel),
                Set = (z, v) => { if (rng.Next(2) == 0) z.Blocks[sel] = v; else z.SetBlockSelection(sel, v); },
                SetScalar = (z, v) => z.SetBlockSelection(sel, v),
                Reference = reference,
                Description = text.Append(']').ToString(),
            };
        }
    }
}
