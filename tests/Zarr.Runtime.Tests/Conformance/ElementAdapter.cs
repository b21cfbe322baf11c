using System.Text;
using System.Text.Json.Nodes;
using Zarr.DataTypes;

namespace Zarr.Runtime.Tests.Conformance;

/// <summary>Something to do with an array whose .NET element type is only known at run time.</summary>
public interface IElementVisitor<out TResult>
{
    TResult Visit<T>(ElementAdapter<T> adapter);
}

/// <summary>
/// How the elements of one dtype travel between the manifest (C-order raw bytes, or items for object
/// arrays) and .NET: decoding, exact comparison (stored bytes, so NaN payloads and -0.0 count), display.
/// </summary>
public abstract class ElementAdapter<T>
{
    /// <summary>Decodes manifest data (<c>{"b64": …}</c> or <c>{"items": […]}</c>) of <paramref name="count"/> elements.</summary>
    public abstract T[] Decode(JsonObject encoded, int count);

    /// <summary>Exact equality as stored.</summary>
    public abstract bool Same(T a, T b);

    /// <summary>A readable form for failure messages.</summary>
    public abstract string Show(T value);
}

public static class ElementAdapters
{
    /// <summary>Calls the visitor with the adapter for an array created from <paramref name="create"/> (a case's "create" object).</summary>
    public static TResult Visit<TResult>(JsonObject create, IElementVisitor<TResult> visitor)
    {
        var dtypeNode = create["dtype"]!;
        if (dtypeNode is JsonValue v && (string?)v is "str") return visitor.Visit(new StringItems());
        if (dtypeNode is JsonValue b && (string?)b is "bytes") return visitor.Visit(new BytesItems());
        var dtype = ZarrDType.FromJson(dtypeNode, "<case>");
        if (dtype.Kind == DTypeKind.Object)
        {
            var first = create["filters"]![0]!.AsObject();
            return (string)first["id"]! switch
            {
                "vlen-bytes" => visitor.Visit(new BytesItems()),
                "vlen-array" => VisitArrayItems(ZarrDType.Parse((string)first["dtype"]!), visitor),
                _ => visitor.Visit(new StringItems()),
            };
        }
        return VisitFixed(dtype, visitor);
    }

    public static TResult VisitFixed<TResult>(ZarrDType dtype, IElementVisitor<TResult> visitor) => dtype.Kind switch
    {
        DTypeKind.Bool => visitor.Visit(new Fixed<bool>(dtype)),
        DTypeKind.Int => dtype.ItemSize switch
        {
            1 => visitor.Visit(new Fixed<sbyte>(dtype)),
            2 => visitor.Visit(new Fixed<short>(dtype)),
            4 => visitor.Visit(new Fixed<int>(dtype)),
            _ => visitor.Visit(new Fixed<long>(dtype)),
        },
        DTypeKind.UInt => dtype.ItemSize switch
        {
            1 => visitor.Visit(new Fixed<byte>(dtype)),
            2 => visitor.Visit(new Fixed<ushort>(dtype)),
            4 => visitor.Visit(new Fixed<uint>(dtype)),
            _ => visitor.Visit(new Fixed<ulong>(dtype)),
        },
        DTypeKind.Float => dtype.ItemSize switch
        {
            2 => visitor.Visit(new Fixed<Half>(dtype)),
            4 => visitor.Visit(new Fixed<float>(dtype)),
            _ => visitor.Visit(new Fixed<double>(dtype)),
        },
        DTypeKind.Complex => dtype.ItemSize == 8 ? visitor.Visit(new Fixed<Complex64>(dtype)) : visitor.Visit(new Fixed<System.Numerics.Complex>(dtype)),
        DTypeKind.DateTime => visitor.Visit(new Fixed<DateTime64>(dtype)),
        DTypeKind.TimeDelta => visitor.Visit(new Fixed<TimeDelta64>(dtype)),
        DTypeKind.Unicode => visitor.Visit(new Fixed<string>(dtype)),
        _ => visitor.Visit(new Fixed<byte[]>(dtype)), // S, V and structured
    };

    private static TResult VisitArrayItems<TResult>(ZarrDType element, IElementVisitor<TResult> visitor) => element.Kind switch
    {
        DTypeKind.Bool => visitor.Visit(new ArrayItems<bool>(element)),
        DTypeKind.Int => element.ItemSize switch
        {
            1 => visitor.Visit(new ArrayItems<sbyte>(element)),
            2 => visitor.Visit(new ArrayItems<short>(element)),
            4 => visitor.Visit(new ArrayItems<int>(element)),
            _ => visitor.Visit(new ArrayItems<long>(element)),
        },
        DTypeKind.UInt => element.ItemSize switch
        {
            1 => visitor.Visit(new ArrayItems<byte>(element)),
            2 => visitor.Visit(new ArrayItems<ushort>(element)),
            4 => visitor.Visit(new ArrayItems<uint>(element)),
            _ => visitor.Visit(new ArrayItems<ulong>(element)),
        },
        _ => element.ItemSize switch
        {
            2 => visitor.Visit(new ArrayItems<Half>(element)),
            4 => visitor.Visit(new ArrayItems<float>(element)),
            _ => visitor.Visit(new ArrayItems<double>(element)),
        },
    };

    internal static string Hex(ReadOnlySpan<byte> b) => b.Length <= 64 ? Convert.ToHexString(b).ToLowerInvariant() : Convert.ToHexString(b[..64]).ToLowerInvariant() + "…";

    /// <summary>Fixed-size elements, compared by their stored bytes.</summary>
    private sealed class Fixed<T>(ZarrDType dtype) : ElementAdapter<T>
    {
        private readonly ElementConverter<T> _converter = ElementConverters.Create<T>(dtype);

        public override T[] Decode(JsonObject encoded, int count)
        {
            var bytes = Convert.FromBase64String((string)encoded["b64"]!);
            if (bytes.Length != (long)count * dtype.ItemSize)
                throw new InvalidOperationException($"the manifest holds {bytes.Length} bytes, not {count} × {dtype.ItemSize}");
            var result = new T[count];
            _converter.Decode(bytes, result);
            return result;
        }

        public override bool Same(T a, T b) => _converter.EncodeOne(a).AsSpan().SequenceEqual(_converter.EncodeOne(b));

        public override string Show(T value)
        {
            var text = value switch
            {
                null => "null",
                byte[] bytes => "b'" + Hex(bytes) + "'",
                string s => "'" + s + "'",
                double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            };
            return $"{text} (stored {Hex(_converter.EncodeOne(value))})";
        }
    }

    /// <summary>Strings of an object array; zarr-python's 0/None and "" are the same empty item.</summary>
    private sealed class StringItems : ElementAdapter<string>
    {
        public override string[] Decode(JsonObject encoded, int count) =>
            encoded["items"]!.AsArray().Select(x => x is null ? "" : (string)x!).ToArray();

        public override bool Same(string a, string b) => string.Equals(a ?? "", b ?? "", StringComparison.Ordinal);

        public override string Show(string value) => value is null ? "null" : "'" + value + "' (utf-8 " + Hex(Encoding.UTF8.GetBytes(value)) + ")";
    }

    private sealed class BytesItems : ElementAdapter<byte[]>
    {
        public override byte[][] Decode(JsonObject encoded, int count) =>
            encoded["items"]!.AsArray().Select(x => x is null ? [] : Convert.FromBase64String((string)x["b64"]!)).ToArray();

        public override bool Same(byte[] a, byte[] b) => (a ?? []).AsSpan().SequenceEqual(b ?? []);

        public override string Show(byte[] value) => value is null ? "null" : "b'" + Hex(value) + "'";
    }

    /// <summary>1-D arrays of a vlen-array object array.</summary>
    private sealed class ArrayItems<TE>(ZarrDType element) : ElementAdapter<TE[]>
    {
        private readonly ElementConverter<TE> _converter = ElementConverters.Create<TE>(element);

        public override TE[][] Decode(JsonObject encoded, int count) => encoded["items"]!.AsArray().Select(x =>
        {
            if (x is null) return [];
            var bytes = Convert.FromBase64String((string)x["b64"]!);
            var items = new TE[bytes.Length / element.ItemSize];
            _converter.Decode(bytes, items);
            return items;
        }).ToArray();

        private byte[] Stored(TE[]? a)
        {
            a ??= [];
            var bytes = new byte[a.Length * element.ItemSize];
            _converter.Encode(a, bytes);
            return bytes;
        }

        public override bool Same(TE[] a, TE[] b) => Stored(a).AsSpan().SequenceEqual(Stored(b));

        public override string Show(TE[] value) => value is null ? "null" : "[" + string.Join(", ", value) + "] (stored " + Hex(Stored(value)) + ")";
    }
}
