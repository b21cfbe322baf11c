using System.Text.Json.Nodes;
using Zarr.DataTypes;
using Zarr.Stores;

namespace Zarr.Runtime.Tests.V3;

/// <summary>
/// Reads the nodes of a manifest with the runtime and compares them with it: each array whole (and,
/// when sharded, a few sub-selections) through <see cref="ZarrArray.Accept{TResult}"/>, its element
/// type, fill value, attributes and dimension names; each group's attributes and the hierarchy's
/// members. Every problem is collected as one line naming the node, never thrown.
/// </summary>
internal static class ManifestChecker
{
    public static List<string> CheckArrays(PeerManifest manifest, Func<ManifestArray, bool> which)
    {
        var errors = new List<string>();
        using var store = new DirectoryStore(manifest.Directory, readOnly: true);
        foreach (var expected in manifest.Arrays.Where(which))
        {
            try
            {
                var array = ZarrArray.Open(store, "r", expected.Path);
                array.Accept(new ArrayCheck(expected, errors));
                CheckAttributes(expected.Path, expected.Attributes, array.Attrs.AsJsonObject(), errors);
                if (expected.DimensionNames is not null) CheckDimensionNames(array, expected, errors);
            }
            catch (Exception e)
            {
                errors.Add($"{expected.Path}: {e.GetType().Name}: {e.Message}");
            }
        }
        return errors;
    }

    public static List<string> CheckHierarchy(PeerManifest manifest)
    {
        var errors = new List<string>();
        using var store = new DirectoryStore(manifest.Directory, readOnly: true);
        ZarrGroup root;
        try
        {
            root = ZarrGroup.Open(store, "r");
        }
        catch (Exception e)
        {
            return [$"root group: {e.GetType().Name}: {e.Message}"];
        }
        foreach (var g in manifest.Groups)
        {
            try
            {
                var group = g.Path.Length == 0 ? root : ZarrGroup.Open(store, "r", g.Path);
                CheckAttributes(g.Path.Length == 0 ? "/" : g.Path, g.Attributes, group.Attrs.AsJsonObject(), errors);
            }
            catch (Exception e)
            {
                errors.Add($"group '{g.Path}': {e.GetType().Name}: {e.Message}");
            }
        }

        // Walking Members() from the root must find exactly the manifest's groups and arrays (and the
        // corrupt arrays, whose metadata is sound).
        var found = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            Walk(root, "", found);
        }
        catch (Exception e)
        {
            errors.Add($"walking the hierarchy: {e.GetType().Name}: {e.Message}");
        }
        var wanted = new SortedSet<string>(
            manifest.Groups.Where(g => g.Path.Length > 0).Select(g => "group " + g.Path)
                .Concat(manifest.Arrays.Select(a => "array " + a.Path))
                .Concat(manifest.Corrupt.Select(c => "array " + c.Path)),
            StringComparer.Ordinal);
        foreach (var missing in wanted.Except(found)) errors.Add($"hierarchy: {missing} is not among the members");
        foreach (var extra in found.Except(wanted)) errors.Add($"hierarchy: {extra} is a member the manifest does not list");

        try
        {
            var tree = root.Tree();
            foreach (var name in wanted.Select(w => w[(w.IndexOf(' ') + 1)..].Split('/')[^1]).Distinct())
            {
                if (!tree.Contains(name, StringComparison.Ordinal)) errors.Add($"Tree() does not show '{name}':\n{tree}");
            }
        }
        catch (Exception e)
        {
            errors.Add($"Tree(): {e.GetType().Name}: {e.Message}");
        }
        return errors;
    }

    private static void Walk(ZarrGroup group, string prefix, SortedSet<string> found)
    {
        foreach (var (name, node) in group.Members())
        {
            var path = prefix.Length == 0 ? name : prefix + "/" + name;
            if (node is ZarrGroup g)
            {
                found.Add("group " + path);
                Walk(g, path, found);
            }
            else
            {
                found.Add("array " + path);
            }
        }
    }

    /// <summary>Reads each corrupt array whole: it must fail with a ZarrException that names the damaged shard.</summary>
    public static List<string> CheckCorrupt(PeerManifest manifest)
    {
        var errors = new List<string>();
        using var store = new DirectoryStore(manifest.Directory, readOnly: true);
        foreach (var c in manifest.Corrupt)
        {
            var what = $"{c.Path} ({c.Error}: {c.Description})";
            try
            {
                var array = ZarrArray.Open(store, "r", c.Path);
                array.Accept(new ReadWhole());
                errors.Add($"{what}: read without an error");
            }
            catch (ZarrException e)
            {
                if (!e.Message.Contains(c.ShardKey, StringComparison.Ordinal))
                    errors.Add($"{what}: the error does not name the shard '{c.ShardKey}': {e.GetType().Name}: {e.Message}");
            }
            catch (Exception e)
            {
                errors.Add($"{what}: {e.GetType().Name} instead of a ZarrException: {e.Message}");
            }
        }
        return errors;
    }

    private static void CheckAttributes(string path, JsonObject expected, JsonObject actual, List<string> errors)
    {
        if (!JsonNode.DeepEquals(expected, actual))
            errors.Add($"{path}: attributes {actual.ToJsonString()}, expected {expected.ToJsonString()}");
    }

    private static void CheckDimensionNames(ZarrArray array, ManifestArray expected, List<string> errors)
    {
        var actual = array.DimensionNames?.ToArray();
        if (actual is null || !actual.SequenceEqual(expected.DimensionNames!))
            errors.Add($"{expected.Path}: dimension names [{Show(actual)}], expected [{Show(expected.DimensionNames)}]");

        static string Show(string?[]? names) => names is null ? "none" : string.Join(", ", names.Select(n => n is null ? "null" : "\"" + n + "\""));
    }

    private sealed class ReadWhole : IZarrArrayVisitor<int>
    {
        public int Visit<T>(ZarrArray<T> array) => array.Read().Length;
    }

    /// <summary>The checks that need the element type.</summary>
    private sealed class ArrayCheck(ManifestArray expected, List<string> errors) : IZarrArrayVisitor<bool>
    {
        public bool Visit<T>(ZarrArray<T> array)
        {
            var path = expected.Path;
            var type = ManifestValues.ElementType(expected.DataType);
            if (typeof(T) != type)
            {
                errors.Add($"{path}: read as {typeof(T).Name}, expected {type.Name} for data type {expected.DataType}");
                return false;
            }
            if (!array.Shape.SequenceEqual(expected.Shape))
            {
                errors.Add($"{path}: shape [{string.Join(", ", array.Shape)}], expected [{string.Join(", ", expected.Shape)}]");
                return false;
            }
            if (expected.FillValue is not null)
            {
                var want = ManifestValues.FromManifest(expected.DataType, expected.FillValue);
                var got = ManifestValues.FromElement(array.Fill);
                if (want != got) errors.Add($"{path}: fill value {got}, expected {want}");
            }
            var wanted = expected.Data.Select(v => ManifestValues.FromManifest(expected.DataType, v)).ToArray();
            var whole = array.Read();
            if (!Compare(path, "whole array", whole, expected.Shape, wanted)) return false;
            if (expected.Sharded)
            {
                foreach (var sel in Selections(expected.Shape))
                {
                    var (shape, values) = Select(expected.Shape, wanted, sel);
                    var part = array.Get(sel.Select(s => Selector.Slice(s.Start, s.Stop, s.Step)).ToArray());
                    if (!Compare(path, "selection " + string.Join(", ", sel.Select(s => $"{s.Start}:{s.Stop}:{s.Step}")), part, shape, values)) return false;
                }
            }
            return true;
        }

        private bool Compare<T>(string path, string what, NDArray<T> got, long[] shape, string[] wanted)
        {
            if (got.Length != wanted.Length)
            {
                errors.Add($"{path}: {what}: {got.Length} elements, expected {wanted.Length}");
                return false;
            }
            for (var i = 0; i < wanted.Length; i++)
            {
                var value = ManifestValues.FromElement(got.Data[i]);
                if (value != wanted[i])
                {
                    errors.Add($"{path}: {what}: first difference at index [{string.Join(", ", COrder.Unravel(i, shape))}] (flat {i}): read {value}, expected {wanted[i]}");
                    return false;
                }
            }
            return true;
        }
    }

    internal readonly record struct Range1(long Start, long Stop, long Step);

    /// <summary>The sub-selections read.mjs also makes: a middle box, a strided box, the last and the first element.</summary>
    internal static IEnumerable<Range1[]> Selections(long[] shape)
    {
        if (shape.Length == 0) yield break;
        yield return shape.Select(n => new Range1(n / 3, Math.Max(n / 3 + 1, (2 * n + 2) / 3), 1)).ToArray();
        yield return shape.Select(n => new Range1(1 % n, n, 2)).ToArray();
        yield return shape.Select(n => new Range1(n - 1, n, 1)).ToArray();
        yield return shape.Select(_ => new Range1(0, 1, 1)).ToArray();
    }

    private static (long[] Shape, string[] Values) Select(long[] shape, string[] flat, Range1[] sel)
    {
        var outShape = sel.Select(s => Math.Max(0, (s.Stop - s.Start + s.Step - 1) / s.Step)).ToArray();
        var strides = COrder.Strides(shape);
        var n = outShape.Aggregate(1L, (a, b) => a * b);
        var values = new string[n];
        for (long i = 0; i < n; i++)
        {
            var idx = COrder.Unravel(i, outShape);
            long o = 0;
            for (var d = 0; d < idx.Length; d++) o += (sel[d].Start + idx[d] * sel[d].Step) * strides[d];
            values[i] = flat[o];
        }
        return (outShape, values);
    }
}

/// <summary>Positions in a C-order (row-major) array.</summary>
internal static class COrder
{
    public static long[] Strides(long[] shape)
    {
        var strides = new long[shape.Length];
        long acc = 1;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = acc;
            acc *= shape[d];
        }
        return strides;
    }

    public static long[] Unravel(long flat, long[] shape)
    {
        var idx = new long[shape.Length];
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }
}
