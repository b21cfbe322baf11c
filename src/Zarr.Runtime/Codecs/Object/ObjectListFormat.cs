using System.Numerics;
using System.Text.Json.Nodes;
using Zarr.Metadata.Json;

namespace Zarr.Codecs;

/// <summary>
/// What json2 and msgpack2 share: the chunk as numcodecs writes it, <c>chunk.tolist()</c> (nested once
/// per dimension) followed by the dtype string <c>"|O"</c> and the shape. Decoded documents are a small
/// tree: <see cref="List{T}"/> of <see cref="object"/> for lists, and null, bool, long, ulong,
/// <see cref="BigInteger"/>, double, string or byte[] for scalars.
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
    /// An item as the scalar the encoders write: null, bool, long, ulong, BigInteger, double, string or byte[].
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
            _ => throw new ZarrCodecException(id, null, $"item {index} is a {o.GetType().Name}; {id} stores null, bool, integers, floats and strings" + (id == MsgPack2Codec.CodecId ? " (and byte[])" : "")),
        };
    }

    /// <summary>A decoded scalar as an item of <typeparamref name="T"/>.</summary>
    public static T ToItem<T>(string id, object? value, int index)
    {
        if (typeof(T) == typeof(object)) return (T)value!;
        if (value is null or string) return (T)value!;
        throw new ZarrCodecException(id, null, $"item {index} is {Describe(value)}, not a string; read the array with T = object to get Python scalars");
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
                if (entry is List<object?>) throw new ZarrCodecException(id, null, $"item {written} is a list; nested items are not supported");
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
