using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;
using Zarr.PythonParity;

namespace Zarr.DataTypes;

/// <summary>
/// A Python <c>list</c> item of an object array (read with <c>T = object</c> from json2, msgpack2 or
/// pickle). Its elements are items too: <c>null</c> (None), <c>bool</c>, <c>long</c>/<c>ulong</c>/
/// <see cref="BigInteger"/> (int), <c>double</c> (float), <c>string</c> (str), <c>byte[]</c> (bytes),
/// <see cref="PythonList"/>, <see cref="PythonTuple"/> and <see cref="PythonDict"/>. Prints as Python's repr.
/// </summary>
public sealed class PythonList : List<object?>
{
    /// <summary>An empty list.</summary>
    public PythonList() { }

    /// <summary>A list of <paramref name="items"/>.</summary>
    public PythonList(IEnumerable<object?> items) : base(items) { }

    /// <summary>Python's repr: <c>[1, 'a', None]</c>.</summary>
    public override string ToString() => PythonRepr.Item(this);
}

/// <summary>
/// A Python <c>tuple</c> item (pickle keeps tuples; json2 and msgpack2 write them as lists). Immutable,
/// equal to another tuple with equal elements (Python's <c>==</c>: <c>1 == 1.0 == True</c>), so that it
/// can be a <see cref="PythonDict"/> key.
/// </summary>
[CollectionBuilder(typeof(PythonTuple), nameof(Create))]
public sealed class PythonTuple : IReadOnlyList<object?>, IEquatable<PythonTuple>
{
    private readonly object?[] _items;

    /// <summary>A tuple of <paramref name="items"/>.</summary>
    public PythonTuple(params object?[] items) => _items = (object?[])(items ?? []).Clone();

    /// <summary>A tuple from a collection expression (<c>PythonTuple t = [1L, "a"];</c>).</summary>
    public static PythonTuple Create(ReadOnlySpan<object?> items) => new(items.ToArray());

    /// <inheritdoc />
    public object? this[int index] => _items[index];

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <summary>Element-wise Python equality.</summary>
    public bool Equals(PythonTuple? other) => other is not null && PythonKeyComparer.Instance.Equals(this, other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PythonTuple t && Equals(t);

    /// <inheritdoc />
    public override int GetHashCode() => PythonKeyComparer.Instance.GetHashCode(this);

    /// <summary>Python's repr: <c>(1, 'a')</c>, <c>(1,)</c>, <c>()</c>.</summary>
    public override string ToString() => PythonRepr.Item(this);
}

/// <summary>
/// A Python <c>dict</c> item: key-value pairs in insertion order, keys compared as Python compares
/// them (<c>1</c>, <c>1.0</c> and <c>True</c> are one key; bytes and tuples by content). Setting an
/// existing key keeps its place and replaces the value, as in Python. Keys are None, bool, numbers,
/// <c>string</c>, <c>byte[]</c> or <see cref="PythonTuple"/>; values are any item.
/// </summary>
public sealed class PythonDict : IEnumerable<KeyValuePair<object?, object?>>
{
    private readonly List<KeyValuePair<object?, object?>> _entries = [];
    private readonly Dictionary<Key, int> _index = new();

    private readonly record struct Key(object? Value)
    {
        public bool Equals(Key other) => PythonKeyComparer.Instance.Equals(Value, other.Value);

        public override int GetHashCode() => PythonKeyComparer.Instance.GetHashCode(Value);
    }

    /// <summary>The number of keys.</summary>
    public int Count => _entries.Count;

    /// <summary>The keys, in insertion order.</summary>
    public IEnumerable<object?> Keys => _entries.Select(e => e.Key);

    /// <summary>The values, in the keys' order.</summary>
    public IEnumerable<object?> Values => _entries.Select(e => e.Value);

    /// <summary>Gets or sets the value of <paramref name="key"/>; getting a missing key throws <see cref="KeyNotFoundException"/>.</summary>
    public object? this[object? key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"{PythonRepr.Item(key)} is not a key of the dict.");
        set
        {
            var k = new Key(CheckKey(key));
            if (_index.TryGetValue(k, out var i)) _entries[i] = new(_entries[i].Key, value);
            else
            {
                _index.Add(k, _entries.Count);
                _entries.Add(new(key, value));
            }
        }
    }

    /// <summary>Adds or replaces a key (for collection initializers: <c>new PythonDict { ["a"] = 1L }</c> or <c>{ { "a", 1L } }</c>).</summary>
    public void Add(object? key, object? value) => this[key] = value;

    /// <summary>True when <paramref name="key"/> is a key.</summary>
    public bool ContainsKey(object? key) => _index.ContainsKey(new Key(key));

    /// <summary>Looks a key up.</summary>
    public bool TryGetValue(object? key, out object? value)
    {
        if (_index.TryGetValue(new Key(key), out var i))
        {
            value = _entries[i].Value;
            return true;
        }
        value = null;
        return false;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<object?, object?>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Python's repr: <c>{'a': 1, 2: [3]}</c>.</summary>
    public override string ToString() => PythonRepr.Item(this);

    private static object? CheckKey(object? key) => key switch
    {
        null or bool or long or ulong or BigInteger or double or string or byte[] or PythonTuple => key,
        int or short or sbyte or byte or ushort or uint or float => key,
        _ => throw new ArgumentException($"A {key.GetType().Name} cannot be a dict key (Python keys here: None, bool, int, float, str, bytes, tuple).", nameof(key)),
    };
}

/// <summary>
/// Python's <c>==</c> and <c>hash</c> for dict keys and tuples: numbers by value across bool, int and
/// float; str and bytes by content (never equal to each other); tuples element-wise.
/// </summary>
internal sealed class PythonKeyComparer : IEqualityComparer<object?>
{
    public static readonly PythonKeyComparer Instance = new();

    private static bool TryNumber(object? x, out BigInteger integer, out double real, out bool isInteger)
    {
        integer = default;
        real = 0;
        isInteger = true;
        switch (x)
        {
            case bool b: integer = b ? 1 : 0; return true;
            case long l: integer = l; return true;
            case ulong u: integer = u; return true;
            case int i: integer = i; return true;
            case BigInteger bi: integer = bi; return true;
            case double d: real = d; isInteger = false; return true;
            case float f: real = f; isInteger = false; return true;
            case short or sbyte or byte or ushort or uint: integer = Convert.ToInt64(x, System.Globalization.CultureInfo.InvariantCulture); return true;
            default: return false;
        }
    }

    public new bool Equals(object? x, object? y)
    {
        if (ReferenceEquals(x, y)) return true;
        if (x is null || y is null) return false;
        if (TryNumber(x, out var xi, out var xr, out var xInt) && TryNumber(y, out var yi, out var yr, out var yInt))
        {
            if (xInt && yInt) return xi == yi;
            if (!xInt && !yInt) return xr == yr;
            var (i, r) = xInt ? (xi, yr) : (yi, xr);
            return double.IsFinite(r) && Math.Floor(r) == r && new BigInteger(r) == i;
        }
        return (x, y) switch
        {
            (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
            (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
            (PythonTuple a, PythonTuple b) => a.Count == b.Count && Enumerable.Range(0, a.Count).All(k => Equals(a[k], b[k])),
            _ => false,
        };
    }

    public int GetHashCode(object? x)
    {
        if (x is null) return 0;
        if (TryNumber(x, out var i, out var r, out var isInt))
        {
            // Equal numbers hash alike: an integral float hashes as its integer.
            if (!isInt)
            {
                if (!double.IsFinite(r) || Math.Floor(r) != r) return r.GetHashCode();
                i = new BigInteger(r);
            }
            return i.GetHashCode();
        }
        return x switch
        {
            string s => StringComparer.Ordinal.GetHashCode(s),
            byte[] b => HashBytes(b),
            PythonTuple t => t.Aggregate(17, (h, e) => HashCode.Combine(h, GetHashCode(e))),
            _ => RuntimeHelpers.GetHashCode(x),
        };
    }

    private static int HashBytes(byte[] b)
    {
        var h = new HashCode();
        h.AddBytes(b);
        return h.ToHashCode();
    }
}
