using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Zarr.DataTypes;
using Zarr.Metadata.Json;

namespace Zarr.Codecs;

/// <summary>
/// What json2 and msgpack2 share: the chunk as numcodecs writes it, <c>chunk.tolist()</c> (nested once
/// per dimension) followed by the dtype string <c>"|O"</c> and the shape. Decoded documents are a small
/// tree: <see cref="PythonList"/> for lists, <see cref="PythonDict"/> for dicts, and null, bool, long,
/// ulong, <see cref="BigInteger"/>, double, string or byte[] for scalars. Below the chunk's dimensions
/// every value is an item, lists and dicts included (numpy fills an object array only to its own rank).
/// </summary>
internal static class ObjectListFormat
{
    /// <summary>Deepest nesting a decoder accepts (Python's own recursion limit is about 1000).</summary>
    public const int MaxDepth = 256;

    public static bool Supports<T>() => typeof(T) == typeof(string) || typeof(T) == typeof(object);

    public static void Require<T>(string id)
    {
        if (!Supports<T>()) throw new ZarrCodecException(id, null, $"{id} holds strings (T = string) or Python scalars (T = object), not {typeof(T).Name}");
    }

    /// <summary>The shape to encode: the chunk's, or a 1-D shape when the caller gave none.</summary>
    public static int[] ShapeFor(string id, int count, ReadOnlySpan<int> chunkShape)
    {
        if (chunkShape.Length == 0)
            throw new ZarrCodecException(id, null, "numcodecs cannot encode a 0-d chunk (chunk.tolist() is not a list)");
        long n = 1;
        foreach (var d in chunkShape) n *= d;
        if (n != count) throw new ZarrCodecException(id, null, $"{count} items do not fill a chunk of shape ({string.Join(", ", chunkShape.ToArray())})");
        return chunkShape.ToArray();
    }

    /// <summary>
    /// An item (or a value inside one) as the encoders write it: null, bool, long, ulong, BigInteger,
    /// double, string or byte[]; containers (lists, tuples, dicts) are returned as they are and taken
    /// apart by <see cref="TryGetSequence"/> and <see cref="TryGetEntries"/>.
    /// </summary>
    public static object? Normalize<T>(string id, T item, int index)
    {
        object? o = item;
        return o switch
        {
            null or string or bool or long or ulong or double or byte[] or BigInteger => o,
            int v => (long)v,
            short v => (long)v,
            sbyte v => (long)v,
            byte v => (long)v,
            ushort v => (long)v,
            uint v => (long)v,
            float v => (double)v,
            Half v => (double)v,
            char c => c.ToString(),
            PythonDict or IDictionary or PythonTuple or ITuple or IList => o,
            _ => throw new ZarrCodecException(id, null, $"item {index} is a {o.GetType().Name}; {id} stores None, bool, int, float, str"
                + (id == MsgPack2Codec.CodecId ? ", bytes" : "") + ", lists, tuples and dicts of them"),
        };
    }

    /// <summary>The elements of a list or tuple (a <see cref="PythonList"/>, <see cref="PythonTuple"/>, any <see cref="IList"/> but byte[], or a C# tuple).</summary>
    public static bool TryGetSequence(object? value, out IReadOnlyList<object?> items)
    {
        switch (value)
        {
            case PythonTuple t: items = t; return true;
            case IReadOnlyList<object?> l when value is not byte[]: items = l; return true;
            case ITuple t: items = Enumerable.Range(0, t.Length).Select(i => t[i]).ToArray(); return true;
            case IList l when value is not byte[]: items = l.Cast<object?>().ToArray(); return true;
            default: items = []; return false;
        }
    }

    /// <summary>The key-value pairs of a dict (a <see cref="PythonDict"/> or any <see cref="IDictionary"/>), in order.</summary>
    public static bool TryGetEntries(object? value, out IReadOnlyList<KeyValuePair<object?, object?>> entries)
    {
        switch (value)
        {
            case PythonDict d: entries = d.ToArray(); return true;
            case IDictionary d:
                var list = new List<KeyValuePair<object?, object?>>(d.Count);
                var e = d.GetEnumerator(); // an IDictionaryEnumerator: DictionaryEntry even for generic dictionaries
                while (e.MoveNext()) list.Add(new(e.Key, e.Value));
                entries = list;
                return true;
            default: entries = []; return false;
        }
    }

    /// <summary>
    /// Enters a container while encoding: refuses one inside itself (Python's "Circular reference
    /// detected") and nesting deeper than <see cref="MaxDepth"/>; dispose to leave it.
    /// </summary>
    public static Nesting Enter(string id, HashSet<object> open, object container, int index)
    {
        if (open.Count >= MaxDepth) throw new ZarrCodecException(id, null, $"item {index} nests lists, tuples and dicts deeper than {MaxDepth}");
        if (!open.Add(container)) throw new ZarrCodecException(id, null, $"item {index} contains itself (a circular reference)");
        return new Nesting(open, container);
    }

    /// <summary>A container being encoded (see <see cref="Enter"/>).</summary>
    public readonly struct Nesting(HashSet<object> open, object container) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => open.Remove(container);
    }

    /// <summary>A decoded scalar as an item of <typeparamref name="T"/>.</summary>
    public static T ToItem<T>(string id, object? value, int index)
    {
        if (typeof(T) == typeof(object)) return (T)value!;
        if (value is null or string) return (T)value!;
        throw new ZarrCodecException(id, null, $"item {index} is {Describe(value)}, not a string; read the array with T = object to get Python values (scalars, lists and dicts)");
    }

    /// <summary>
    /// Checks a decoded document (<c>[*items, "|O", shape]</c>) and copies its items, in C order of the
    /// stored shape, into <paramref name="items"/>. As in zarr-python, a stored shape with the right item
    /// count is accepted even when it differs from <paramref name="chunkShape"/>.
    /// </summary>
    public static void Unpack<T>(string id, object? root, ReadOnlySpan<int> chunkShape, Span<T> items)
    {
        if (root is not List<object?> list || list.Count < 2)
            throw new ZarrCodecException(id, null, $"the chunk must be a list ending with the dtype and shape, not {Describe(root)}");
        var dtype = list[^2] switch
        {
            string s => s,
            byte[] b => System.Text.Encoding.Latin1.GetString(b),
            var other => throw new ZarrCodecException(id, null, $"the dtype entry is {Describe(other)}, not a string"),
        };
        if (dtype != "|O") throw new ZarrCodecException(id, null, $"the chunk's dtype is '{dtype}', not '|O' (an object array)");
        var shape = ReadShape(id, list[^1]);
        long count = 1;
        foreach (var d in shape) count = Math.Min(count * d, long.MaxValue / 2);
        var chunkText = chunkShape.Length == 0 ? "" : $" (the chunk shape is ({string.Join(", ", chunkShape.ToArray())}))";
        if (count != items.Length)
            throw new ZarrCodecException(id, null, $"the stored shape [{string.Join(", ", shape)}] holds {count} items, not the chunk's {items.Length}{chunkText}");
        if (shape.Length == 0)
            throw new ZarrCodecException(id, null, "a stored 0-d shape [] cannot be decoded (numcodecs fails on it too)");
        var data = list.GetRange(0, list.Count - 2);
        var written = 0;
        Fill(id, data, shape, 0, items, ref written);
    }

    private static void Fill<T>(string id, List<object?> level, long[] shape, int dim, Span<T> items, ref int written)
    {
        if (level.Count != shape[dim])
            throw new ZarrCodecException(id, null, $"dimension {dim} holds {level.Count} entries, but the stored shape [{string.Join(", ", shape)}] says {shape[dim]}");
        var last = dim == shape.Length - 1;
        foreach (var entry in level)
        {
            if (last)
            {
                items[written] = ToItem<T>(id, entry, written);
                written++;
            }
            else if (entry is List<object?> sub) Fill(id, sub, shape, dim + 1, items, ref written);
            else throw new ZarrCodecException(id, null, $"dimension {dim + 1} should be a list, not {Describe(entry)}");
        }
    }

    private static long[] ReadShape(string id, object? node)
    {
        if (node is not List<object?> dims)
        {
            if (node is long single && single >= 0) return [single];
            throw new ZarrCodecException(id, null, $"the stored shape is {Describe(node)}, not a list of sizes");
        }
        var shape = new long[dims.Count];
        for (var i = 0; i < shape.Length; i++)
        {
            if (dims[i] is long d && d >= 0 && d <= int.MaxValue) shape[i] = d;
            else throw new ZarrCodecException(id, null, $"the stored shape's entry {i} is {Describe(dims[i])}, not a size");
        }
        return shape;
    }

    /// <summary>A short description of a decoded value for error messages.</summary>
    public static string Describe(object? v) => v switch
    {
        null => "null",
        string s => s.Length > 40 ? $"the string '{s[..40]}…'" : $"the string '{s}'",
        bool b => b ? "true" : "false",
        double d => "the float " + PythonFloat.Repr(d),
        long or ulong or BigInteger => "the integer " + v,
        byte[] b => $"{b.Length} bytes",
        List<object?> l => $"a list of {l.Count}",
        PythonDict d => $"a dict of {d.Count}",
        _ => v.GetType().Name,
    };

    /// <summary>The fill value (the .zarray JSON) as a Python scalar, for T = object.</summary>
    public static object? FillScalar(JsonNode? fill)
    {
        if (fill is not JsonValue v) return null;
        if (v.TryGetValue<bool>(out var b)) return b;
        if (v.TryGetValue<string>(out var s)) return s;
        if (v.TryGetInt64(out var l)) return l;
        if (v.TryGetValue<double>(out var d)) return d;
        return null;
    }
}
