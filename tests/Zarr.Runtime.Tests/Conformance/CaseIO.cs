using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Zarr.Codecs;
using Zarr.Metadata;
using Zarr.Metadata.Json;
using Zarr.Stores;

namespace Zarr.Runtime.Tests.Conformance;

/// <summary>What C# does with a case: create and write it, overwrite part of it, read and check it.</summary>
public static class CaseIO
{
    // ---- writing --------------------------------------------------------------------------------

    /// <summary>Creates every node of the case as zarr-python's calls do, writing the manifest's data.</summary>
    public static void Write(ConformanceCase c, ZarrStore store, JsonObject entry)
    {
        foreach (var node in c.Nodes)
        {
            var path = (string)node["path"]!;
            if ((string?)node["kind"] == "group")
            {
                var g = ZarrGroup.Open(store, "a", path);
                if (node["attrs"] is JsonObject ga) g.Attrs.Put(ga);
                continue;
            }
            var create = node["create"]!.AsObject();
            var source = entry["arrays"]![path]!["data"]!.AsObject();
            var z = ElementAdapters.Visit(create, new Creator(store, node, source));
            if (node["attrs"] is JsonObject aa) z.Attrs.Put(aa);
        }
        if (c.Spec["consolidate"] is JsonValue v && (bool)v) ZarrGroup.ConsolidateMetadata(store);
    }

    /// <summary>Overwrites the patch region of every patched array with the manifest's patch data.</summary>
    public static void Patch(ConformanceCase c, ZarrStore store, JsonObject entry)
    {
        foreach (var node in c.Nodes.Where(n => n.ContainsKey("patch")))
        {
            var path = (string)node["path"]!;
            var data = entry["arrays"]![path]!["patch"]!.AsObject();
            ElementAdapters.Visit(node["create"]!.AsObject(), new Patcher(ZarrArray.Open(store, "r+", path), node, data));
        }
    }

    public static ArrayOptions Options(JsonObject create)
    {
        var o = new ArrayOptions();
        switch (create["dtype"])
        {
            case JsonValue v when (string?)v is "str" or "bytes": break; // inferred from string / byte[]
            case JsonValue v: o.DType = (string)v!; break;
            case JsonArray a: o.DType = a.ToJsonString(); break;
        }
        if (create.TryGetPropertyValue("compressor", out var comp))
            o.Compressor = comp is JsonObject cc ? (BytesCodec)CodecRegistry.Default.Create(cc, "<case>") : null;
        if (create["filters"] is JsonArray filters)
            o.Filters = filters.Select(f => CodecRegistry.Default.Create(f!.AsObject(), "<case>")).ToList();
        if (create.TryGetPropertyValue("fill_value", out var fill))
        {
            o.FillValue = fill switch
            {
                null => null,
                JsonObject b when b.ContainsKey("bytes") => Convert.FromBase64String((string)b["bytes"]!),
                _ => fill.DeepClone(),
            };
        }
        if (create["order"] is JsonValue order) o.Order = ((string)order!)[0];
        if (create["dimension_separator"] is JsonValue sep) o.DimensionSeparator = ((string)sep!)[0];
        if (create["write_empty_chunks"] is JsonValue we) o.WriteEmptyChunks = (bool)we;
        return o;
    }

    public static long[] Shape(JsonObject create) => create["shape"]!.AsArray().Select(x => (long)x!).ToArray();

    private static long Count(long[] shape) => shape.Aggregate(1L, (a, b) => a * b);

    private static Selector[] Selection(JsonNode? region, int rank) =>
        region is null ? [Selector.Ellipsis] : region.AsArray().Select(r => Selector.Slice((long)r![0]!, (long)r[1]!)).ToArray();

    private static int[] RegionShape(JsonNode region) => region.AsArray().Select(r => (int)((long)r![1]! - (long)r[0]!)).ToArray();

    /// <summary>The C-order block of <paramref name="src"/> (of <paramref name="shape"/>) that <paramref name="region"/> names.</summary>
    private static T[] Extract<T>(T[] src, long[] shape, JsonNode region)
    {
        var bounds = region.AsArray().Select(r => ((long)r![0]!, (long)r[1]!)).ToArray();
        var outShape = bounds.Select(b => b.Item2 - b.Item1).ToArray();
        var result = new T[Count(outShape)];
        var index = new long[shape.Length];
        for (var k = 0; k < result.Length; k++)
        {
            long offset = 0;
            for (var d = 0; d < shape.Length; d++) offset = offset * shape[d] + bounds[d].Item1 + index[d];
            result[k] = src[offset];
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                if (++index[d] < outShape[d]) break;
                index[d] = 0;
            }
        }
        return result;
    }

    private sealed class Creator(ZarrStore store, JsonObject node, JsonObject source) : IElementVisitor<ZarrArray>
    {
        public ZarrArray Visit<T>(ElementAdapter<T> adapter)
        {
            var create = node["create"]!.AsObject();
            var shape = Shape(create);
            var chunks = create["chunks"] is JsonArray ch ? ch.Select(x => (int)(long)x!).ToArray() : null;
            var z = ZarrArray.Create<T>(shape, chunks, Options(create), store, (string)node["path"]!);
            var writes = node["writes"]!.AsArray();
            if (writes.Count == 0) return z;
            var src = adapter.Decode(source, (int)Count(shape));
            foreach (var region in writes)
            {
                var value = region is null ? new NDArray<T>(src, shape.Select(s => (int)s).ToArray()) : new NDArray<T>(Extract(src, shape, region), RegionShape(region));
                z.Set(Selection(region, shape.Length), value);
            }
            return z;
        }
    }

    private sealed class Patcher(ZarrArray z, JsonObject node, JsonObject data) : IElementVisitor<bool>
    {
        public bool Visit<T>(ElementAdapter<T> adapter)
        {
            if (node["patch"]!["resize"] is JsonArray newShape) z.Resize(newShape.Select(x => (long)x!).ToArray());
            var region = node["patch"]!["region"]!;
            var shape = RegionShape(region);
            var values = adapter.Decode(data, shape.Aggregate(1, (a, b) => a * b));
            z.As<T>().Set(Selection(region, shape.Length), new NDArray<T>(values, shape));
            return true;
        }
    }

    // ---- reading and checking -------------------------------------------------------------------

    /// <summary>The info texts and tree texts the case asks for, as C# prints them for <paramref name="store"/>.</summary>
    public static (Dictionary<string, string> Info, Dictionary<string, string> Tree) Reports(ConformanceCase c, ZarrStore store)
    {
        var info = new Dictionary<string, string>();
        var tree = new Dictionary<string, string>();
        foreach (var p in c.Spec["info"]?.AsArray() ?? [])
            info[(string)p!] = Try(() => ZarrNode.Open(store, "r", (string)p!).Info);
        foreach (var p in c.Spec["tree"]?.AsArray() ?? [])
            tree[(string)p!] = Try(() => ZarrGroup.Open(store, "r", (string)p!).Tree());
        return (info, tree);
    }

    private static string Try(Func<string> f)
    {
        try { return f(); }
        catch (Exception e) { return "<C# threw " + e.GetType().Name + ": " + e.Message + ">"; }
    }

    /// <summary>Compares texts zarr-python printed with C#'s, naming the first differing line.</summary>
    public static void CompareTexts(string what, JsonObject? expected, IReadOnlyDictionary<string, string> actual, List<string> errors)
    {
        if (expected is null) return;
        foreach (var (path, node) in expected)
        {
            var want = (string)node!;
            var got = actual.TryGetValue(path, out var g) ? g : "<missing>";
            if (want == got) continue;
            var wl = want.Split('\n');
            var gl = got.Split('\n');
            var i = 0;
            while (i < wl.Length && i < gl.Length && wl[i] == gl[i]) i++;
            errors.Add($"{what} of '/{path}' differs at line {i + 1}:\n  zarr-python: {(i < wl.Length ? wl[i] : "<end>")}\n  C#:          {(i < gl.Length ? gl[i] : "<end>")}\n--- zarr-python ---\n{want}\n--- C# ---\n{got}");
        }
    }

    /// <summary>
    /// Checks that C# reads what zarr-python wrote: every metadata document re-serialises to the same
    /// bytes, and every array's metadata, fill value, data and attributes match the manifest.
    /// </summary>
    public static void CheckRead(ConformanceCase c, ZarrStore store, JsonObject entry, List<string> errors, JsonObject? expectedData = null)
    {
        foreach (var (key, b64) in entry["meta"]!.AsObject())
        {
            var bytes = Convert.FromBase64String((string)b64!);
            byte[] again;
            try
            {
                again = key.EndsWith(MetadataKeys.Array, StringComparison.Ordinal)
                    ? ArrayMetadata.Parse(bytes, key).ToBytes()
                    : ZarrJson.SerializeToUtf8(ZarrJson.Parse(bytes, key));
            }
            catch (Exception e)
            {
                errors.Add($"key {key}: C# cannot parse it: {e.Message}");
                continue;
            }
            if (!again.AsSpan().SequenceEqual(bytes))
                errors.Add($"key {key}: C# re-serialises it differently\n--- zarr-python ---\n{Encoding.Latin1.GetString(bytes)}\n--- C# ---\n{Encoding.Latin1.GetString(again)}");
        }

        var readStore = store;
        if (c.Spec["consolidate"] is JsonValue cv && (bool)cv)
        {
            try
            {
                readStore = ZarrGroup.OpenConsolidated(store, "r").Store;
            }
            catch (Exception e)
            {
                errors.Add($"key .zmetadata: C# cannot open the consolidated metadata: {e.Message}");
            }
        }

        var meta = entry["meta"]!.AsObject();
        foreach (var node in c.Nodes)
        {
            var path = (string)node["path"]!;
            ZarrNode handle;
            try
            {
                handle = (string?)node["kind"] == "group" ? ZarrGroup.Open(readStore, "r", path) : ZarrArray.Open(readStore, "r", path);
            }
            catch (Exception e)
            {
                errors.Add($"node '/{path}': C# cannot open it: {e.GetType().Name}: {e.Message}");
                continue;
            }
            var attrsKey = StoreKey.Join(path, MetadataKeys.Attributes);
            var wantAttrs = meta[attrsKey] is JsonNode a ? Encoding.ASCII.GetString(Convert.FromBase64String((string)a!)) : "{}";
            var gotAttrs = ZarrJson.Serialize(handle.Attrs.AsJsonObject());
            if (wantAttrs != gotAttrs) errors.Add($"key {attrsKey}: attributes differ\n--- zarr-python ---\n{wantAttrs}\n--- C# ---\n{gotAttrs}");
            if (handle is not ZarrArray z) continue;

            var arrayEntry = entry["arrays"]![path]!.AsObject();
            if (arrayEntry.ContainsKey("fill"))
            {
                var want = arrayEntry["fill"] is JsonNode f ? Convert.FromBase64String((string)f!) : null;
                byte[]? got;
                try { got = FillValueCodec.ToBytes(z.DType, z.Metadata.FillValue, z.MetadataKey); }
                catch (Exception e) { errors.Add($"key {z.MetadataKey}: fill_value: {e.Message}"); continue; }
                if (!(want is null ? got is null : got is not null && want.AsSpan().SequenceEqual(got)))
                    errors.Add($"key {z.MetadataKey}: fill_value {z.Metadata.FillValue?.ToJsonString() ?? "null"} decodes to {(got is null ? "null" : ElementAdapters.Hex(got))}, zarr-python to {(want is null ? "null" : ElementAdapters.Hex(want))}");
            }
            var data = (expectedData?[path] ?? arrayEntry["data"])!.AsObject();
            var message = ElementAdapters.Visit(node["create"]!.AsObject(), new DataChecker(z, data));
            if (message is not null) errors.Add(message);
        }
    }

    /// <summary>Reads the whole array as <typeparamref name="T"/> and names the first element that differs, and its chunk key.</summary>
    private sealed class DataChecker(ZarrArray z, JsonObject expected) : IElementVisitor<string?>
    {
        public string? Visit<T>(ElementAdapter<T> adapter)
        {
            NDArray<T> actual;
            try
            {
                actual = z.As<T>().Read();
            }
            catch (Exception e)
            {
                return $"array '{z.Name}': C# cannot read it: {e.GetType().Name}: {e.Message}";
            }
            var shape = z.Shape;
            if (!actual.Shape.Select(s => (long)s).SequenceEqual(shape))
                return $"array '{z.Name}': C# read shape {InfoShape(actual.Shape.Select(s => (long)s))}, the array has {InfoShape(shape)}";
            var want = adapter.Decode(expected, actual.Length);
            for (var i = 0; i < want.Length; i++)
            {
                if (adapter.Same(want[i], actual.Data[i])) continue;
                var index = new long[shape.Length];
                var rest = (long)i;
                for (var d = shape.Length - 1; d >= 0; d--)
                {
                    index[d] = rest % shape[d];
                    rest /= shape[d];
                }
                var chunk = index.Select((x, d) => x / z.Chunks[d]).ToArray();
                return $"key {z.ChunkKey(chunk)}, element {InfoShape(index)}: expected {adapter.Show(want[i])}, C# read {adapter.Show(actual.Data[i])}";
            }
            return null;
        }
    }

    private static string InfoShape(IEnumerable<long> s) => "(" + string.Join(", ", s.Select(x => x.ToString(CultureInfo.InvariantCulture))) + ")";
}
