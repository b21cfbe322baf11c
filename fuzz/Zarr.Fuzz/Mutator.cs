using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace Zarr.Fuzz;

/// <summary>Byte-level and JSON-level mutations, each chosen by a seeded <see cref="Random"/>.</summary>
internal static class Mutator
{
    private static readonly byte[] InterestingBytes = [0, 1, 0x7F, 0x80, 0xFF, 0x10, 0x20];
    private static readonly int[] InterestingInts = [0, 1, -1, 2, 4, 255, 256, 0xFFFF, 0x10000, int.MaxValue, int.MinValue, int.MaxValue / 2, 1 << 30];

    /// <summary>Applies one to three operators to <paramref name="value"/>; <paramref name="donors"/> are other real values to splice from.</summary>
    public static byte[] MutateBytes(Random rng, byte[] value, IReadOnlyList<byte[]> donors, out string description)
    {
        var data = new List<byte>(value);
        var steps = new List<string>();
        var count = rng.Next(1, 4);
        for (var s = 0; s < count; s++)
        {
            var op = rng.Next(11);
            var pos = data.Count == 0 ? 0 : rng.Next(data.Count);
            switch (op)
            {
                case 0 when data.Count > 0:
                    var bit = rng.Next(8);
                    data[pos] ^= (byte)(1 << bit);
                    steps.Add($"flip bit {bit} at {pos}");
                    break;
                case 1 when data.Count > 0:
                    data[pos] = (byte)rng.Next(256);
                    steps.Add($"random byte at {pos}");
                    break;
                case 2 when data.Count > 0:
                    data[pos] = InterestingBytes[rng.Next(InterestingBytes.Length)];
                    steps.Add($"byte 0x{data[pos]:x2} at {pos}");
                    break;
                case 3 when data.Count >= 4:
                    pos = rng.Next(data.Count - 3);
                    var v = rng.Next(3) == 0 ? data.Count * (rng.Next(4) + 1) : InterestingInts[rng.Next(InterestingInts.Length)];
                    var le = new byte[4];
                    BinaryPrimitives.WriteInt32LittleEndian(le, v);
                    for (var i = 0; i < 4; i++) data[pos + i] = le[i];
                    steps.Add($"int32 {v} at {pos}");
                    break;
                case 4:
                    var keep = data.Count == 0 ? 0 : rng.Next(data.Count);
                    data.RemoveRange(keep, data.Count - keep);
                    steps.Add($"truncate to {keep}");
                    break;
                case 5:
                    var add = rng.Next(1, 65);
                    for (var i = 0; i < add; i++) data.Add((byte)rng.Next(256));
                    steps.Add($"append {add} bytes");
                    break;
                case 6:
                    var insert = rng.Next(1, 17);
                    data.InsertRange(pos, Enumerable.Range(0, insert).Select(_ => (byte)rng.Next(256)));
                    steps.Add($"insert {insert} bytes at {pos}");
                    break;
                case 7 when data.Count > 0:
                    var remove = Math.Min(rng.Next(1, 17), data.Count - pos);
                    data.RemoveRange(pos, remove);
                    steps.Add($"delete {remove} bytes at {pos}");
                    break;
                case 8 when donors.Count > 0:
                    var donor = donors[rng.Next(donors.Count)];
                    data = [.. donor];
                    steps.Add($"replace with another value of {donor.Length} bytes");
                    break;
                case 9:
                    data.Clear();
                    steps.Add("empty");
                    break;
                default:
                    var flips = rng.Next(2, 9);
                    for (var i = 0; i < flips && data.Count > 0; i++) data[rng.Next(data.Count)] ^= (byte)(1 << rng.Next(8));
                    steps.Add($"{flips} bit flips");
                    break;
            }
        }
        description = string.Join("; ", steps);
        return data.ToArray();
    }

    private static JsonNode? Interesting(Random rng) => rng.Next(16) switch
    {
        0 => -1,
        1 => 0,
        2 => 1_000_000_000,
        3 => JsonNode.Parse("1e30"),
        4 => JsonNode.Parse("18446744073709551617"),
        5 => "x",
        6 => null,
        7 => new JsonArray(),
        8 => new JsonObject(),
        9 => true,
        10 => JsonNode.Parse("[1000000000, 1000000000, 1000000000]"),
        11 => JsonNode.Parse("[-5, 3]"),
        12 => JsonNode.Parse("[[\"a\", \"<f8\", [1000000000]]]"),
        13 => "|O",
        14 => JsonNode.Parse("[0]"),
        _ => JsonNode.Parse(new string('[', 60) + new string(']', 60)),
    };

    /// <summary>Replaces, removes or corrupts one member of a JSON document (or its bytes).</summary>
    public static byte[] MutateJson(Random rng, byte[] document, out string description)
    {
        if (rng.Next(4) == 0) return MutateBytes(rng, document, [], out description);
        if (rng.Next(40) == 0)
        {
            description = "document nested 5000 deep";
            return Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000));
        }
        JsonNode? root;
        try { root = JsonNode.Parse(document); }
        catch (System.Text.Json.JsonException) { return MutateBytes(rng, document, [], out description); }
        if (root is null) return MutateBytes(rng, document, [], out description);
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[rng.Next(nodes.Count)];
        var value = Interesting(rng);
        if (target.Parent is JsonObject parent)
        {
            var name = parent.First(p => ReferenceEquals(p.Value, target)).Key;
            if (rng.Next(5) == 0) { parent.Remove(name); description = $"remove '{name}'"; }
            else { parent[name] = value; description = $"'{name}' = {value?.ToJsonString() ?? "null"}"; }
        }
        else if (target.Parent is JsonArray array)
        {
            var index = array.IndexOf(target);
            array[index] = value;
            description = $"[{index}] = {value?.ToJsonString() ?? "null"}";
        }
        else
        {
            description = "document = " + (value?.ToJsonString() ?? "null");
            return Encoding.UTF8.GetBytes(value?.ToJsonString() ?? "null");
        }
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        if (node.Parent is not null) nodes.Add(node);
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, v) in o) if (v is not null) Collect(v, nodes);
                break;
            case JsonArray a:
                foreach (var v in a) if (v is not null) Collect(v, nodes);
                break;
        }
        if (nodes.Count == 0) nodes.Add(node);
    }
}
