using Zarr.Codecs;
using Zarr.DataTypes;

namespace Zarr;

/// <summary>The default dtype (and object codec) for a .NET element type, as NumPy would choose.</summary>
internal static class DTypeInference
{
    public static ZarrDType For<T>()
    {
        var t = typeof(T);
        if (t == typeof(bool)) return ZarrDType.Bool;
        if (t == typeof(sbyte)) return ZarrDType.Int8;
        if (t == typeof(short)) return ZarrDType.Int16;
        if (t == typeof(int)) return ZarrDType.Int32;
        if (t == typeof(long)) return ZarrDType.Int64;
        if (t == typeof(byte)) return ZarrDType.UInt8;
        if (t == typeof(ushort)) return ZarrDType.UInt16;
        if (t == typeof(uint)) return ZarrDType.UInt32;
        if (t == typeof(ulong)) return ZarrDType.UInt64;
        if (t == typeof(Half)) return ZarrDType.Float16;
        if (t == typeof(float)) return ZarrDType.Float32;
        if (t == typeof(double)) return ZarrDType.Float64;
        if (t == typeof(Complex64)) return ZarrDType.Complex64;
        if (t == typeof(System.Numerics.Complex)) return ZarrDType.Complex128;
        if (t == typeof(DateTime64)) return ZarrDType.Parse("<M8[ns]");
        if (t == typeof(TimeDelta64)) return ZarrDType.Parse("<m8[ns]");
        if (t == typeof(string) || t == typeof(byte[])) return ZarrDType.Object;
        throw new ArgumentException($"No default dtype for elements of type {t.Name}; set ArrayOptions.DType (e.g. \"|V8\" or a structured dtype).");
    }

    /// <summary>The object codec zarr-python adds for <c>dtype=str</c> / <c>dtype=bytes</c>.</summary>
    public static IZarrCodec? ObjectCodecFor<T>()
    {
        var id = typeof(T) == typeof(string) ? "vlen-utf8" : typeof(T) == typeof(byte[]) ? "vlen-bytes" : null;
        if (id is null) return null;
        return CodecRegistry.Default.Create(new System.Text.Json.Nodes.JsonObject { ["id"] = id }, "<object codec>");
    }
}
