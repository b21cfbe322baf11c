using Zarr.Codecs;
using Zarr.DataTypes;

namespace Zarr;

/// <summary>The default dtype (from <see cref="ElementTypes"/>) and object codec for a .NET element type, as NumPy would choose.</summary>
internal static class DTypeInference
{
    public static ZarrDType For<T>() => ElementTypes.DefaultDType<T>() ??
        throw new ArgumentException($"No default dtype for elements of type {typeof(T).Name}; set ArrayOptions.DType (e.g. \"|V8\" or a structured dtype).");

    /// <summary>The object codec zarr-python adds for <c>dtype=str</c> / <c>dtype=bytes</c>.</summary>
    public static IZarrCodec? ObjectCodecFor<T>()
    {
        var id = typeof(T) == typeof(string) ? "vlen-utf8" : typeof(T) == typeof(byte[]) ? "vlen-bytes" : null;
        if (id is null) return null;
        return CodecRegistry.Default.Create(new System.Text.Json.Nodes.JsonObject { ["id"] = id }, "<object codec>");
    }
}
