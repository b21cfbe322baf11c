using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using Zarr.DataTypes;

namespace Zarr.Codecs;

/// <summary>
/// Reads the pickle of an object array (protocols 0 to 5) without running anything: a small stack
/// machine that knows the opcodes of plain values (None, bool, int, float, str, bytes, list, tuple,
/// dict) and exactly the globals NumPy's array pickle names — <c>numpy.core.multiarray._reconstruct</c>,
/// <c>numpy.ndarray</c>, <c>numpy.dtype</c> of objects, and <c>_codecs.encode</c> / <c>bytes</c>, which
/// protocols 0-2 use for bytes — each interpreted here, never looked up or called. Any other global,
/// class construction (NEWOBJ, INST, OBJ), persistent id, extension, set or out-of-band buffer is refused.
/// Every allocation is bounded by the input; the decoded items are checked for cycles, nesting deeper
/// than <see cref="ObjectListFormat.MaxDepth"/>, and a size (shared values counted each time) beyond a limit.
/// </summary>
internal sealed class PickleReader
{
    private const int MaxLongBytes = 1792; // about 4300 digits, Python's int_max_str_digits

    private readonly byte[] _input;
    private readonly string _id;
    private int _pos;
    private readonly List<object?> _stack = [];
    private readonly List<int> _marks = [];
    private readonly Dictionary<long, object?> _memo = [];
    private readonly Dictionary<PythonTuple, int> _tupleDepth = new(ReferenceEqualityComparer.Instance);

    private PickleReader(byte[] input, string id)
    {
        _input = input;
        _id = id;
    }

    private enum Global { Reconstruct, NdArray, DType, Encode, Bytes }

    private sealed class PendingDType
    {
        public bool Built;
    }

    private sealed class PendingArray
    {
        public long[]? Shape;
        public bool Fortran;
        public PythonList? Items;
    }

    /// <summary>The shape, the Fortran flag and the items (C order) of the pickled object array.</summary>
    public static (long[] Shape, bool Fortran, PythonList Items) Read(ReadOnlySpan<byte> input, string id, long sizeLimit)
    {
        var reader = new PickleReader(input.ToArray(), id);
        var result = reader.Run();
        if (result is not PendingArray { Shape: not null, Items: not null } array)
            throw reader.Error($"the pickle holds {Describe(result)}, not a NumPy object array");
        Measure(array.Items, id, sizeLimit);
        return (array.Shape, array.Fortran, array.Items);
    }

    private ZarrCodecException Error(string what) => new(_id, null, $"pickle: {what} (at byte {_pos})");

    // ---- input --------------------------------------------------------------------------------

    private ReadOnlySpan<byte> Take(long n)
    {
        if (n < 0 || n > _input.Length - _pos) throw Error($"{n} bytes needed but only {_input.Length - _pos} remain");
        var s = _input.AsSpan(_pos, (int)n);
        _pos += (int)n;
        return s;
    }

    private byte Byte() => Take(1)[0];

    private ReadOnlySpan<byte> Line()
    {
        var end = _input.AsSpan(_pos).IndexOf((byte)'\n');
        if (end < 0) throw Error("a text argument without its newline");
        var line = _input.AsSpan(_pos, end);
        _pos += end + 1;
        return line;
    }

    private long Size(int bytes)
    {
        var s = Take(bytes);
        return bytes switch
        {
            1 => s[0],
            4 => BinaryPrimitives.ReadUInt32LittleEndian(s),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(s) is var u && u <= long.MaxValue ? (long)u : throw Error("a length beyond 2^63"),
        };
    }

    // ---- the stack ----------------------------------------------------------------------------

    private int MarkBase => _marks.Count == 0 ? 0 : _marks[^1];

    private void Push(object? v) => _stack.Add(v);

    private object? Pop()
    {
        if (_stack.Count <= MarkBase) throw Error("the stack is empty");
        var v = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return v;
    }

    private object? Top()
    {
        if (_stack.Count <= MarkBase) throw Error("the stack is empty");
        return _stack[^1];
    }

    private List<object?> PopMark()
    {
        if (_marks.Count == 0) throw Error("no MARK to pop to");
        var at = _marks[^1];
        _marks.RemoveAt(_marks.Count - 1);
        var items = _stack.GetRange(at, _stack.Count - at);
        _stack.RemoveRange(at, _stack.Count - at);
        return items;
    }

    private PythonTuple Tuple(IReadOnlyList<object?> items)
    {
        var depth = 1;
        foreach (var e in items)
            if (e is PythonTuple t && _tupleDepth.TryGetValue(t, out var d)) depth = Math.Max(depth, d + 1);
        if (depth > ObjectListFormat.MaxDepth) throw Error($"tuples nested deeper than {ObjectListFormat.MaxDepth}");
        var tuple = new PythonTuple([.. items]);
        _tupleDepth[tuple] = depth;
        return tuple;
    }

    private void SetItem(object? container, object? key, object? value)
    {
        if (container is not PythonDict dict) throw Error($"SETITEM on {Describe(container)}, not a dict");
        try
        {
            dict[key] = value;
        }
        catch (ArgumentException)
        {
            throw Error($"{Describe(key)} cannot be a dict key");
        }
    }

    // ---- the machine --------------------------------------------------------------------------

    private object? Run()
    {
        while (true)
        {
            var op = Byte();
            switch (op)
            {
                case 0x80: // PROTO
                    if (Byte() > 5) throw Error("a protocol above 5");
                    break;
                case 0x95: // FRAME: the frame's length only groups the opcodes that follow
                    if (Size(8) > _input.Length - _pos) throw Error("a frame longer than the input");
                    break;
                case (byte)'.': // STOP
                    return Pop();
                case (byte)'(': _marks.Add(_stack.Count); break;
                case (byte)'0': // POP: the top item, or the last mark when nothing is above it
                    if (_stack.Count > MarkBase) Pop();
                    else PopMark();
                    break;
                case (byte)'1': PopMark(); break;
                case (byte)'2': Push(Top()); break;

                case (byte)'N': Push(null); break;
                case 0x88: Push(true); break;
                case 0x89: Push(false); break;
                case (byte)'I': Push(IntLine()); break;
                case (byte)'L': Push(LongLine()); break;
                case (byte)'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break;
                case (byte)'K': Push((long)Byte()); break;
                case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break;
                case 0x8a: Push(Long(Size(1))); break;
                case 0x8b:
                    var n4 = BinaryPrimitives.ReadInt32LittleEndian(Take(4));
                    if (n4 < 0) throw Error("a negative LONG4 length");
                    Push(Long(n4));
                    break;
                case (byte)'F': Push(FloatLine()); break;
                case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break;

                case (byte)'X': Push(Utf8(Size(4))); break;
                case 0x8c: Push(Utf8(Size(1))); break;
                case 0x8d: Push(Utf8(Size(8))); break;
                case (byte)'V': Push(PickleText.RawUnicodeUnescape(Line()) ?? throw Error("a malformed raw-unicode-escape str")); break;
                case (byte)'S': Push(PickleText.Python2Literal(Line()) ?? throw Error("a Python 2 str that is malformed or not ASCII")); break;
                case (byte)'T': Push(Ascii(Size(4))); break;
                case (byte)'U': Push(Ascii(Size(1))); break;
                case (byte)'B': Push(Binary(Size(4))); break;
                case (byte)'C': Push(Binary(Size(1))); break;
                case 0x8e: Push(Binary(Size(8))); break;

                case (byte)')': Push(Tuple([])); break;
                case (byte)'t': Push(Tuple(PopMark())); break;
                case 0x85: case 0x86: case 0x87:
                {
                    var n = op - 0x84;
                    if (_stack.Count - MarkBase < n) throw Error($"TUPLE{n} with fewer items on the stack");
                    var items = _stack.GetRange(_stack.Count - n, n);
                    _stack.RemoveRange(_stack.Count - n, n);
                    Push(Tuple(items));
                    break;
                }
                case (byte)']': Push(new PythonList()); break;
                case (byte)'l': Push(new PythonList(PopMark())); break;
                case (byte)'a':
                {
                    var value = Pop();
                    if (Top() is not PythonList list) throw Error($"APPEND to {Describe(Top())}, not a list");
                    list.Add(value);
                    break;
                }
                case (byte)'e':
                {
                    var items = PopMark();
                    if (Top() is not PythonList list) throw Error($"APPENDS to {Describe(Top())}, not a list");
                    list.AddRange(items);
                    break;
                }
                case (byte)'}': Push(new PythonDict()); break;
                case (byte)'d':
                {
                    var items = PopMark();
                    if (items.Count % 2 != 0) throw Error("DICT with an odd number of items");
                    var dict = new PythonDict();
                    for (var i = 0; i < items.Count; i += 2) SetItem(dict, items[i], items[i + 1]);
                    Push(dict);
                    break;
                }
                case (byte)'s':
                {
                    var value = Pop();
                    var key = Pop();
                    SetItem(Top(), key, value);
                    break;
                }
                case (byte)'u':
                {
                    var items = PopMark();
                    if (items.Count % 2 != 0) throw Error("SETITEMS with an odd number of items");
                    var dict = Top();
                    for (var i = 0; i < items.Count; i += 2) SetItem(dict, items[i], items[i + 1]);
                    break;
                }

                case (byte)'p': Memo(ParseIndex(Line())); break;
                case (byte)'q': Memo(Byte()); break;
                case (byte)'r': Memo(Size(4)); break;
                case 0x94: Memo(_memo.Count); break;
                case (byte)'g': Push(Recall(ParseIndex(Line()))); break;
                case (byte)'h': Push(Recall(Byte())); break;
                case (byte)'j': Push(Recall(Size(4))); break;

                case (byte)'c':
                {
                    var module = Encoding.ASCII.GetString(Line());
                    var name = Encoding.ASCII.GetString(Line());
                    Push(Resolve(module, name));
                    break;
                }
                case 0x93:
                {
                    var name = Pop();
                    var module = Pop();
                    if (module is not string m || name is not string n) throw Error("STACK_GLOBAL needs a module and a name as str");
                    Push(Resolve(m, n));
                    break;
                }
                case (byte)'R':
                {
                    var args = Pop();
                    var callable = Pop();
                    Push(Reduce(callable, args as PythonTuple ?? throw Error($"REDUCE with {Describe(args)} as its arguments, not a tuple")));
                    break;
                }
                case (byte)'b':
                {
                    var state = Pop();
                    Build(Top(), state);
                    break;
                }

                case 0x8f: case 0x90: case 0x91: throw Error("a set or frozenset, which is not a supported item (None, bool, int, float, str, bytes, list, tuple, dict)");
                case 0x96: throw Error("a bytearray, which is not a supported item (None, bool, int, float, str, bytes, list, tuple, dict)");
                case 0x97: case 0x98: throw Error("an out-of-band buffer (NEXT_BUFFER), which a stored chunk cannot carry");
                case 0x81: case 0x92: case (byte)'o': case (byte)'i':
                    throw Error("an instruction that constructs an instance of a class; refused, a pickle must not construct arbitrary types");
                case (byte)'P': case (byte)'Q': throw Error("a persistent id, which only the program that wrote it can resolve");
                case 0x82: case 0x83: case 0x84: throw Error("an extension-registry global; refused, only NumPy's array globals are allowed");
                default: throw Error($"unknown opcode 0x{op:x2}");
            }
        }
    }

    private void Memo(long index)
    {
        if (index < 0) throw Error("a negative memo index");
        _memo[index] = Top();
    }

    private object? Recall(long index) => _memo.TryGetValue(index, out var v) ? v : throw Error($"memo entry {index} was never stored");

    private long ParseIndex(ReadOnlySpan<byte> text) =>
        long.TryParse(Encoding.ASCII.GetString(text), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : throw Error("a malformed memo index");

    // BINBYTES makes a new object (CPython fills it after allocating), so only the empty bytes are shared.
    private byte[] Binary(long n) => n == 0 ? PickleText.EmptyBytes : Take(n).ToArray();

    private string Utf8(long n) => PickleText.DecodeUtf8SurrogatePass(Take(n)) ?? throw Error("a str that is not valid UTF-8");

    // Python 2 str opcodes, decoded as Python 3's unpickler does by default (encoding='ASCII').
    private string Ascii(long n)
    {
        var bytes = Take(n);
        if (bytes.IndexOfAnyInRange((byte)0x80, (byte)0xff) >= 0) throw Error("a Python 2 str that is not ASCII");
        return Encoding.ASCII.GetString(bytes);
    }

    private object Long(long n)
    {
        if (n > MaxLongBytes) throw Error($"an integer of {n} bytes, beyond the {MaxLongBytes} (about 4300 digits) Python can print");
        var bytes = Take(n);
        var v = bytes.IsEmpty ? BigInteger.Zero : new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
        return Narrow(v);
    }

    // As the other object codecs give Python ints: long, else ulong, else BigInteger. (CA1859 sees
    // only the last return and would make every int a BigInteger.)
#pragma warning disable CA1859
    private static object Narrow(BigInteger v)
#pragma warning restore CA1859
    {
        if (v >= long.MinValue && v <= long.MaxValue) return (long)v;
        if (v.Sign > 0 && v <= ulong.MaxValue) return (ulong)v;
        return v;
    }

    private object IntLine()
    {
        var text = Encoding.ASCII.GetString(Line());
        if (text == "00") return false;
        if (text == "01") return true;
        return ParseInt(text);
    }

    private object LongLine()
    {
        var text = Encoding.ASCII.GetString(Line());
        return ParseInt(text.EndsWith('L') ? text[..^1] : text);
    }

    private object ParseInt(string text)
    {
        text = text.Trim();
        if (text.Length > 4301) throw Error("an integer of more than 4300 digits");
        if (!BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)) throw Error($"'{text}' is not an integer");
        return Narrow(v);
    }

    private double FloatLine()
    {
        var text = Encoding.ASCII.GetString(Line()).Trim();
        var body = text.TrimStart('+', '-').ToLowerInvariant();
        var negative = text.StartsWith('-');
        if (body is "inf" or "infinity") return negative ? double.NegativeInfinity : double.PositiveInfinity;
        if (body == "nan") return negative ? -double.NaN : double.NaN;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw Error($"'{text}' is not a float");
    }

    // ---- the globals NumPy's array pickle names -------------------------------------------------

    private Global Resolve(string module, string name) => (module, name) switch
    {
        ("numpy.core.multiarray" or "numpy._core.multiarray", "_reconstruct") => Global.Reconstruct,
        ("numpy", "ndarray") => Global.NdArray,
        ("numpy", "dtype") => Global.DType,
        ("_codecs" or "codecs", "encode") => Global.Encode,
        ("builtins" or "__builtin__", "bytes") => Global.Bytes,
        _ => throw Error($"refusing the global '{module}.{name}': only NumPy's array reconstruction and bytes are allowed, a pickle must not run code or construct arbitrary types"),
    };

    private object? Reduce(object? callable, PythonTuple args)
    {
        switch (callable)
        {
            case Global.Reconstruct when args.Count == 3 && args[0] is Global.NdArray && args[1] is PythonTuple && args[2] is byte[]:
                return new PendingArray();
            case Global.DType when args.Count == 3 && args[0] is string descr && args[1] is bool && args[2] is bool:
                if (descr is not ("O8" or "O4" or "O" or "|O"))
                    throw Error($"the pickled array's dtype is '{descr}', not object ('|O')");
                return new PendingDType();
            case Global.Encode when args.Count is 1 or 2 && args[0] is string text:
                var encoding = args.Count == 2 ? args[1] as string : "utf-8";
                if (encoding is "latin1" or "latin-1" or "iso-8859-1" or "iso8859-1")
                {
                    if (text.Any(c => c > 0xff)) throw Error("_codecs.encode of text beyond Latin-1");
                    return PickleText.Shared(Encoding.Latin1.GetBytes(text));
                }
                if (encoding is "utf-8" or "utf8") return PickleText.Shared(PickleText.EncodeUtf8SurrogatePass(text));
                throw Error($"_codecs.encode with the encoding {Describe(args.Count == 2 ? args[1] : null)}");
            case Global.Bytes when args.Count == 0:
                return PickleText.EmptyBytes;
            default:
                throw Error($"REDUCE of {Describe(callable)} with {args.Count} argument(s), which NumPy's array pickle never writes");
        }
    }

    private void Build(object? target, object? state)
    {
        switch (target)
        {
            case PendingDType { Built: false } dtype when state is PythonTuple:
                dtype.Built = true;
                return;
            case PendingArray { Items: null } array when state is PythonTuple t:
                // (version, shape, dtype, is_fortran, items); NumPy also reads the older form without the version.
                var offset = t.Count == 5 ? 1 : t.Count == 4 ? 0 : throw Error($"the array state has {t.Count} entries, not 5");
                if (offset == 1 && t[0] is not long) throw Error($"the array state's version is {Describe(t[0])}, not an int");
                if (t[offset] is not PythonTuple shape || shape.Any(d => d is not long l || l < 0))
                    throw Error($"the array's shape {Describe(t[offset])} is not a tuple of sizes");
                if (t[offset + 1] is not PendingDType { Built: true }) throw Error($"the array's dtype is {Describe(t[offset + 1])}, not object");
                if (t[offset + 2] is not bool fortran) throw Error("the array's Fortran flag is not a bool");
                if (t[offset + 3] is not PythonList items) throw Error($"the array's data is {Describe(t[offset + 3])}, not a list of objects");
                var dims = shape.Select(d => (long)d!).ToArray();
                var count = dims.Aggregate(BigInteger.One, (a, b) => a * b);
                if (count != items.Count) throw Error($"the array's shape ({string.Join(", ", dims)}) holds {count} items, but its list has {items.Count}");
                array.Shape = dims;
                array.Fortran = fortran;
                array.Items = items;
                return;
            default:
                throw Error($"BUILD of {Describe(target)} with {Describe(state)}, which NumPy's array pickle never writes");
        }
    }

    private static string Describe(object? v) => v switch
    {
        Global g => g switch
        {
            Global.Reconstruct => "numpy.core.multiarray._reconstruct",
            Global.NdArray => "numpy.ndarray",
            Global.DType => "numpy.dtype",
            Global.Encode => "_codecs.encode",
            _ => "bytes",
        },
        PendingArray => "a numpy.ndarray",
        PendingDType => "a numpy.dtype",
        PythonTuple t => $"a tuple of {t.Count}",
        _ => ObjectListFormat.Describe(v),
    };

    // ---- the decoded items --------------------------------------------------------------------

    /// <summary>
    /// Checks the items without recursion: only item values (no NumPy objects left inside), no list or
    /// dict inside itself, nesting within <see cref="ObjectListFormat.MaxDepth"/>, and a total size
    /// (containers and scalars 1 each, str and bytes their length, a value shared n times counted n
    /// times) within <paramref name="limit"/>, so that printing or re-encoding stays bounded by the input.
    /// </summary>
    private static void Measure(PythonList items, string id, long limit)
    {
        var sizes = new Dictionary<object, (int Depth, long Size)>(ReferenceEqualityComparer.Instance);
        var onPath = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var frames = new Stack<(object Node, object?[] Children, int Next, int Depth, long Size)>();
        long total = 0;
        for (var i = 0; i < items.Count; i++)
        {
            total = Math.Min(limit + 1, total + SizeOf(items[i], i));
            if (total > limit) throw new ZarrCodecException(id, null, $"pickle: the items expand to more than {limit} values and characters (shared values count each time they appear)");
        }

        long SizeOf(object? root, int index)
        {
            if (!IsContainer(root)) return Scalar(root, index);
            if (sizes.TryGetValue(root!, out var known)) return known.Size;
            Enter(root!, index);
            while (true)
            {
                var f = frames.Pop();
                if (f.Next < f.Children.Length)
                {
                    var child = f.Children[f.Next];
                    frames.Push(f with { Next = f.Next + 1 });
                    if (!IsContainer(child))
                    {
                        var top = frames.Pop();
                        frames.Push(top with { Size = Math.Min(limit + 1, top.Size + Scalar(child, index)) });
                    }
                    else if (sizes.TryGetValue(child!, out var done))
                    {
                        if (frames.Count + done.Depth > ObjectListFormat.MaxDepth)
                            throw new ZarrCodecException(id, null, $"pickle: item {index} nests lists, tuples and dicts deeper than {ObjectListFormat.MaxDepth}");
                        var top = frames.Pop();
                        frames.Push(top with { Size = Math.Min(limit + 1, top.Size + done.Size), Depth = Math.Max(top.Depth, done.Depth + 1) });
                    }
                    else if (onPath.Contains(child!)) throw new ZarrCodecException(id, null, $"pickle: item {index} contains itself (a circular reference)");
                    else Enter(child!, index);
                    continue;
                }
                onPath.Remove(f.Node);
                sizes[f.Node] = (f.Depth, f.Size);
                if (frames.Count == 0) return f.Size;
                var parent = frames.Pop();
                frames.Push(parent with { Size = Math.Min(limit + 1, parent.Size + f.Size), Depth = Math.Max(parent.Depth, f.Depth + 1) });
            }
        }

        void Enter(object node, int index)
        {
            if (frames.Count >= ObjectListFormat.MaxDepth) throw new ZarrCodecException(id, null, $"pickle: item {index} nests lists, tuples and dicts deeper than {ObjectListFormat.MaxDepth}");
            onPath.Add(node);
            object?[] children = node switch
            {
                PythonList l => [.. l],
                PythonTuple t => [.. t],
                PythonDict d => d.SelectMany(e => new[] { e.Key, e.Value }).ToArray(),
                _ => [],
            };
            frames.Push((node, children, 0, 1, 1));
        }

        static bool IsContainer(object? v) => v is PythonList or PythonTuple or PythonDict;

        long Scalar(object? v, int index) => v switch
        {
            null or bool or long or ulong or BigInteger or double => 1,
            string s => 1 + s.Length,
            byte[] b => 1 + b.Length,
            _ => throw new ZarrCodecException(id, null, $"pickle: item {index} holds {Describe(v)}, not a value"),
        };
    }
}
