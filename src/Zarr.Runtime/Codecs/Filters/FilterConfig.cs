using System.Text.Json.Nodes;
using Zarr.DataTypes;

namespace Zarr.Codecs;

/// <summary>Reads the dtype parameters numcodecs filters carry as NumPy typestrs.</summary>
internal static class FilterConfig
{
    /// <summary>A required dtype parameter.</summary>
    public static ZarrDType GetDType(JsonObject config, string name) =>
        GetOptionalDType(config, name) ?? throw new ArgumentException($"parameter '{name}' is required");

    /// <summary>An optional dtype parameter (absent or null gives null).</summary>
    public static ZarrDType? GetOptionalDType(JsonObject config, string name)
    {
        var s = CodecConfig.GetString(config, name, null);
        return s is null ? null : ZarrDType.Parse(s);
    }

    /// <summary>The number of whole items in <paramref name="length"/> bytes, or an error naming the codec.</summary>
    public static int CountItems(BytesCodecError error, int length, int itemSize, string what)
    {
        if (length % itemSize != 0)
            throw error($"the {what} buffer of {length} bytes is not a whole number of {itemSize}-byte items");
        return length / itemSize;
    }
}

/// <summary>Builds a codec's error for a message.</summary>
internal delegate ZarrCodecException BytesCodecError(string message);
