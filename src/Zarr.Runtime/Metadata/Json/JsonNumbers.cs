using System.Text.Json.Nodes;

namespace Zarr.Metadata.Json;

/// <summary>Reads numbers from JSON values whatever CLR type backs them (int, long, ulong, double, JsonElement).</summary>
public static class JsonNumbers
{
    /// <summary>True when the node is an integer that fits in a long.</summary>
    public static bool TryGetInt64(this JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue v) return false;
        if (v.TryGetValue<long>(out value)) return true;
        if (v.TryGetValue<int>(out var i)) { value = i; return true; }
        if (v.TryGetValue<short>(out var s)) { value = s; return true; }
        if (v.TryGetValue<byte>(out var b)) { value = b; return true; }
        if (v.TryGetValue<uint>(out var ui)) { value = ui; return true; }
        if (v.TryGetValue<ulong>(out var ul) && ul <= long.MaxValue) { value = (long)ul; return true; }
        if (v.TryGetValue<System.Text.Json.JsonElement>(out var e) && e.ValueKind == System.Text.Json.JsonValueKind.Number && e.TryGetInt64(out value)) return true;
        return false;
    }
}
