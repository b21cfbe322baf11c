using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using Zarr.DataTypes;
using Zarr.Metadata.Json;

namespace Zarr.Codecs;

/// <summary>
/// Writes an object-array chunk as CPython's <c>pickle.dumps(chunk, protocol)</c> writes the NumPy
/// array numcodecs hands it: <c>numpy.core.multiarray._reconstruct(ndarray, (0,), b'b')</c>, then the
/// state <c>(1, shape, dtype('O8'), is_fortran, [items in C order])</c>, with the same opcodes, memo
/// references and (protocol 4 and 5) frames. CPython memoizes by object identity: here containers,
/// strings and bytes are the same object when they are the same .NET reference; empty and
/// one-character Latin-1 strings and empty bytes are always shared, as CPython's singletons are, and
/// one-byte bytes when they are <see cref="PickleText.SharedBytes"/> (as the reader returns the
/// shared objects CPython's unpickler would).
/// </summary>
internal sealed class PickleWriter
{
    private const int FrameTarget = 64 * 1024; // pickle's _FRAME_SIZE_TARGET
    private const int FrameMin = 4;             // pickle's _FRAME_SIZE_MIN
    private const int BatchSize = 1000;         // pickle's _BATCHSIZE

    private readonly int _protocol;
    private readonly string _id;
    private readonly ArrayBufferWriter<byte> _output = new();
    private ArrayBufferWriter<byte>? _frame;
    private readonly Dictionary<object, int> _memo = new(MemoKeyComparer.Instance);
    private readonly HashSet<object> _open = new(ReferenceEqualityComparer.Instance);
    private int _index;

    private PickleWriter(int protocol, string id)
    {
        _protocol = protocol;
        _id = id;
    }

    private bool Binary => _protocol >= 1;

    /// <summary>The pickle of an object array of <paramref name="shape"/> holding <paramref name="items"/> (C order).</summary>
    public static byte[] Write<T>(ReadOnlySpan<T> items, int[] shape, bool fortran, int protocol, string id)
    {
        var w = new PickleWriter(protocol, id);
        if (protocol >= 2) w.Raw([0x80, (byte)protocol]);
        if (protocol >= 4) w._frame = new ArrayBufferWriter<byte>();
        var array = new object(); // the ndarray, memoized after its REDUCE
        // _reconstruct(ndarray, (0,), b'b')
        w.SaveGlobal(Globals.Reconstruct);
        w.SaveTuple([Globals.NdArray, new HeaderTuple(0L), PickleText.SharedBytes['b']], fresh: true);
        w.Op('R');
        w.Memoize(array);
        // BUILD with (1, shape, dtype, is_fortran, items)
        w.Boundary();
        w.Op('(');
        w.Save(1L);
        w.Save(new HeaderTuple(shape.Select(d => (object?)(long)d).ToArray()));
        w.SaveDType();
        w.Save(fortran);
        w.Boundary();
        var list = new object();
        w.Op(w.Binary ? "]" : "(l");
        w.Memoize(list);
        var boxed = new object?[items.Length];
        for (var i = 0; i < items.Length; i++) boxed[i] = ObjectListFormat.Normalize(id, items[i], i);
        w.BatchAppends(boxed, itemIndex: true);
        w.Op('t');
        w.Memoize(new object());
        w.Op('b');
        w.Op('.');
        w.EndFraming();
        return w._output.WrittenSpan.ToArray();
    }

    // ---- objects ------------------------------------------------------------------------------

    private void Save(object? v)
    {
        Boundary();
        switch (v)
        {
            case null: Op('N'); return;
            case bool b:
                if (_protocol >= 2) Op(b ? (byte)0x88 : (byte)0x89);
                else Op(b ? "I01\n" : "I00\n");
                return;
            case long l: SaveInt(l); return;
            case ulong u: SaveInt(u); return;
            case BigInteger bi: SaveInt(bi); return;
            case double d: SaveFloat(d); return;
            case Global g: SaveGlobal(g); return;
        }
        var key = MemoKey(v);
        if (_memo.TryGetValue(key, out var at))
        {
            Get(at);
            return;
        }
        switch (v)
        {
            case string s: SaveString(s, key); return;
            case HeaderString h: SaveString(h.Value, key); return;
            case byte[] bytes: SaveBytes(bytes, key); return;
            case HeaderTuple t: SaveTuple(t.Items, fresh: true); return;
        }
        if (ObjectListFormat.TryGetEntries(v, out var entries))
        {
            using var nesting = ObjectListFormat.Enter(_id, _open, v, _index);
            Op(Binary ? "}" : "(d");
            Memoize(key);
            BatchSetItems(entries);
        }
        else if (v is PythonTuple or System.Runtime.CompilerServices.ITuple && ObjectListFormat.TryGetSequence(v, out var tuple))
        {
            using var nesting = ObjectListFormat.Enter(_id, _open, v, _index);
            SaveTuple(tuple.ToArray(), fresh: false, key);
        }
        else if (ObjectListFormat.TryGetSequence(v, out var list))
        {
            using var nesting = ObjectListFormat.Enter(_id, _open, v, _index);
            Op(Binary ? "]" : "(l");
            Memoize(key);
            BatchAppends(list.Select(e => ObjectListFormat.Normalize(_id, e, _index)).ToArray(), itemIndex: false);
        }
        else throw new ZarrCodecException(_id, null, $"item {_index} holds {ObjectListFormat.Describe(v)}, which cannot be pickled here");
    }

    // save_long: BININT1/BININT2/BININT for 32-bit values, LONG1/LONG4 (protocol 2+) or text beyond.
    private void SaveInt(BigInteger v)
    {
        var fits32 = v >= int.MinValue && v <= int.MaxValue;
        if (Binary && fits32)
        {
            if (v >= 0 && v <= 0xff) { Op('K'); Raw([(byte)v]); return; }
            if (v >= 0 && v <= 0xffff) { Op('M'); Raw(BitConverter.GetBytes((ushort)v)); return; }
            Op('J');
            var b = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(b, (int)v);
            Raw(b);
            return;
        }
        if (_protocol >= 2)
        {
            var bytes = v.IsZero ? [] : v.ToByteArray(isUnsigned: false, isBigEndian: false);
            if (bytes.Length < 256)
            {
                Op(0x8a);
                Raw([(byte)bytes.Length]);
            }
            else
            {
                Op(0x8b);
                var n = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(n, bytes.Length);
                Raw(n);
            }
            Raw(bytes);
            return;
        }
        Op(fits32 ? "I" + v.ToString(CultureInfo.InvariantCulture) + "\n" : "L" + v.ToString(CultureInfo.InvariantCulture) + "L\n");
    }

    private void SaveFloat(double d)
    {
        if (Binary)
        {
            var b = new byte[8];
            BinaryPrimitives.WriteDoubleBigEndian(b, d);
            Op('G');
            Raw(b);
        }
        else Op("F" + PythonFloat.Repr(d) + "\n");
    }

    // save_str: BINUNICODE family (UTF-8, surrogates passed through), or UNICODE with raw-unicode-escape.
    private void SaveString(string s, object key)
    {
        if (Binary)
        {
            var utf8 = PickleText.EncodeUtf8SurrogatePass(s);
            var n = (long)utf8.Length;
            if (n <= 0xff && _protocol >= 4) Op([0x8c, (byte)n], utf8);
            else if (n > uint.MaxValue && _protocol >= 4) LargeOp(0x8d, 8, n, utf8);
            else if (n >= FrameTarget) LargeOp((byte)'X', 4, n, utf8);
            else Op(Header((byte)'X', 4, n), utf8);
        }
        else Op("V" + PickleText.RawUnicodeEscape(s) + "\n");
        Memoize(key);
    }

    // save_bytes: the BINBYTES family (protocol 3+); before, _codecs.encode(str, 'latin1') or bytes().
    private void SaveBytes(byte[] bytes, object key)
    {
        if (_protocol < 3)
        {
            if (bytes.Length == 0)
            {
                SaveGlobal(Globals.Bytes);
                SaveTuple([], fresh: true);
            }
            else
            {
                SaveGlobal(Globals.Encode);
                SaveTuple([PickleText.Latin1(bytes), Globals.Latin1], fresh: true);
            }
            Op('R');
            Memoize(key);
            return;
        }
        var n = (long)bytes.Length;
        if (n <= 0xff) Op([(byte)'C', (byte)n], bytes);
        else if (n > uint.MaxValue && _protocol >= 4) LargeOp(0x8e, 8, n, bytes);
        else if (n >= FrameTarget) LargeOp((byte)'B', 4, n, bytes);
        else Op(Header((byte)'B', 4, n), bytes);
        Memoize(key);
    }

    // save_tuple: EMPTY_TUPLE, TUPLE1-3 (protocol 2+) or MARK ... TUPLE; memoized unless empty.
    private void SaveTuple(object?[] items, bool fresh, object? key = null)
    {
        if (items.Length > 0 && key is null && !fresh) throw new InvalidOperationException("a tuple item needs its memo key");
        Boundary();
        if (items.Length == 0)
        {
            Op(Binary ? ")" : "(t");
            return;
        }
        if (items.Length <= 3 && _protocol >= 2)
        {
            foreach (var e in items) Save(fresh ? e : ObjectListFormat.Normalize(_id, e, _index));
            Op((byte)(0x84 + items.Length));
        }
        else
        {
            Op('(');
            foreach (var e in items) Save(fresh ? e : ObjectListFormat.Normalize(_id, e, _index));
            Op('t');
        }
        Memoize(key ?? new object());
    }

    private void SaveGlobal(Global g)
    {
        Boundary();
        if (_memo.TryGetValue(g, out var at))
        {
            Get(at);
            return;
        }
        if (_protocol >= 4)
        {
            Save(new HeaderString(g.Module));
            Save(new HeaderString(g.Name));
            Op(0x93);
        }
        else
        {
            var module = _protocol < 3 && g.Module == "builtins" ? "__builtin__" : g.Module; // fix_imports
            Op("c" + module + "\n" + g.Name + "\n");
        }
        Memoize(g);
    }

    // numpy's dtype('O').__reduce__(): dtype('O8', False, True) with the state (3, '|', None, None, None, -1, -1, 63).
    private void SaveDType()
    {
        Boundary();
        SaveGlobal(Globals.DType);
        SaveTuple([new HeaderString("O8"), false, true], fresh: true);
        Op('R');
        Memoize(new object());
        Boundary();
        Op('(');
        Save(3L);
        Save("|");
        Save(null);
        Save(null);
        Save(null);
        Save(-1L);
        Save(-1L);
        Save(63L);
        Op('t');
        Memoize(new object());
        Op('b');
    }

    // _batch_appends as the C pickler does it: APPEND for a one-element list, else MARK ... APPENDS per 1000.
    private void BatchAppends(object?[] items, bool itemIndex)
    {
        if (!Binary)
        {
            for (var i = 0; i < items.Length; i++)
            {
                if (itemIndex) _index = i;
                Save(items[i]);
                Op('a');
            }
            return;
        }
        if (items.Length == 0) return;
        if (items.Length == 1)
        {
            if (itemIndex) _index = 0;
            Save(items[0]);
            Op('a');
            return;
        }
        for (var start = 0; start < items.Length; start += BatchSize)
        {
            Op('(');
            for (var i = start; i < Math.Min(items.Length, start + BatchSize); i++)
            {
                if (itemIndex) _index = i;
                Save(items[i]);
            }
            Op('e');
        }
    }

    private void BatchSetItems(IReadOnlyList<KeyValuePair<object?, object?>> entries)
    {
        var pairs = entries.Select(e => (Key: ObjectListFormat.Normalize(_id, e.Key, _index), Value: ObjectListFormat.Normalize(_id, e.Value, _index))).ToArray();
        if (!Binary || pairs.Length == 1)
        {
            foreach (var (k, v) in pairs)
            {
                Save(k);
                Save(v);
                Op('s');
            }
            return;
        }
        for (var start = 0; start < pairs.Length; start += BatchSize)
        {
            Op('(');
            for (var i = start; i < Math.Min(pairs.Length, start + BatchSize); i++)
            {
                Save(pairs[i].Key);
                Save(pairs[i].Value);
            }
            Op('u');
        }
    }

    // ---- memo ---------------------------------------------------------------------------------

    // The object CPython would memoize v as: the reference, or the shared value of a singleton.
    private static object MemoKey(object v) => v switch
    {
        string s when s.Length == 0 || (s.Length == 1 && s[0] <= 0xff) => Singletons.Text(s),
        byte[] { Length: 0 } => Singletons.EmptyBytes,
        byte[] b when b.Length == 1 && ReferenceEquals(b, PickleText.SharedBytes[b[0]]) => Singletons.Byte(b[0]),
        HeaderString h => h,
        _ => v,
    };

    private void Memoize(object key)
    {
        var index = _memo.Count;
        _memo.Add(key, index);
        if (_protocol >= 4) Op(0x94);
        else if (!Binary) Op("p" + index.ToString(CultureInfo.InvariantCulture) + "\n");
        else if (index < 256) Op([(byte)'q', (byte)index]);
        else Op(Header((byte)'r', 4, index));
    }

    private void Get(int index)
    {
        if (!Binary) Op("g" + index.ToString(CultureInfo.InvariantCulture) + "\n");
        else if (index < 256) Op([(byte)'h', (byte)index]);
        else Op(Header((byte)'j', 4, index));
    }

    // ---- output and frames --------------------------------------------------------------------

    private static byte[] Header(byte op, int size, long n)
    {
        var b = new byte[1 + size];
        b[0] = op;
        if (size == 4) BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(1), (uint)n);
        else BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(1), (ulong)n);
        return b;
    }

    private void Op(char op) => Op((byte)op);

    private void Op(byte op) => Raw([op]);

    private void Op(string text) => Raw(Encoding.Latin1.GetBytes(text));

    private void Op(byte[] header, byte[]? payload = null)
    {
        Raw(header);
        if (payload is not null) Raw(payload);
    }

    private void Raw(ReadOnlySpan<byte> bytes) => (_frame ?? _output).Write(bytes);

    // pickle's framer: before each object, a frame that reached the target size is written out.
    private void Boundary()
    {
        if (_frame is not null && _frame.WrittenCount >= FrameTarget) CommitFrame();
    }

    private void CommitFrame()
    {
        if (_frame is null) return;
        var data = _frame.WrittenSpan;
        if (data.Length >= FrameMin)
        {
            _output.Write(Header(0x95, 8, data.Length));
        }
        _output.Write(data);
        _frame.ResetWrittenCount();
    }

    // A payload of at least the frame target goes out unframed, after the frame so far.
    private void LargeOp(byte op, int size, long n, byte[] payload)
    {
        if (_frame is not null) CommitFrame();
        _output.Write(Header(op, size, n));
        _output.Write(payload);
    }

    private void EndFraming()
    {
        if (_frame is { WrittenCount: > 0 }) CommitFrame();
        _frame = null;
    }

    // ---- the fixed parts ----------------------------------------------------------------------

    /// <summary>A module-level name, memoized once per pickle.</summary>
    private sealed record Global(string Module, string Name);

    private static class Globals
    {
        public static readonly Global Reconstruct = new("numpy.core.multiarray", "_reconstruct");
        public static readonly Global NdArray = new("numpy", "ndarray");
        public static readonly Global DType = new("numpy", "dtype");
        public static readonly Global Encode = new("_codecs", "encode");
        public static readonly Global Bytes = new("builtins", "bytes");
        public static readonly HeaderString Latin1 = new("latin1"); // an interned constant: one object
    }

    /// <summary>A string of the array's header (module names, 'O8'): interned in CPython, so equal ones are one object.</summary>
    private sealed record HeaderString(string Value);

    /// <summary>A tuple built for the pickle itself (a new object each time).</summary>
    private sealed class HeaderTuple(params object?[] items)
    {
        public object?[] Items { get; } = items;
    }

    /// <summary>CPython's shared objects: the empty str and bytes, one-character Latin-1 strs, one-byte bytes.</summary>
    private static class Singletons
    {
        private static readonly object[] s_chars = Enumerable.Range(0, 256).Select(c => (object)new SingletonKey("s" + (char)c)).ToArray();
        private static readonly object[] s_bytes = Enumerable.Range(0, 256).Select(b => (object)new SingletonKey("b" + (char)b)).ToArray();
        private static readonly object s_emptyText = new SingletonKey("s");

        public static readonly object EmptyBytes = new SingletonKey("b");

        public static object Text(string s) => s.Length == 0 ? s_emptyText : s_chars[s[0]];

        public static object Byte(byte b) => s_bytes[b];
    }

    private sealed record SingletonKey(string Value);

    private sealed class MemoKeyComparer : IEqualityComparer<object>
    {
        public static readonly MemoKeyComparer Instance = new();

        public new bool Equals(object? x, object? y) =>
            x is HeaderString or Global ? Object.Equals(x, y) : ReferenceEquals(x, y);

        public int GetHashCode(object o) => o is HeaderString or Global ? o.GetHashCode() : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(o);
    }
}
