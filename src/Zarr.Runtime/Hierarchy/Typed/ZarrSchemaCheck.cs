using System.Globalization;
using System.Text.Json.Nodes;
using Zarr.DataTypes;
using Zarr.Metadata.Json;

namespace Zarr;

/// <summary>
/// Collects the differences between a store and the schema compiled into a generated binding, so
/// <c>Open</c> can report all of them at once. Generated code calls it; users rarely need to.
/// </summary>
public sealed class ZarrSchemaCheck
{
    private readonly List<ZarrSchemaDifference> _differences = [];

    /// <summary>The differences found so far.</summary>
    public IReadOnlyList<ZarrSchemaDifference> Differences => _differences;

    /// <summary>
    /// Checks the array <paramref name="key"/> of <paramref name="group"/>: presence, dtype (and, for
    /// object arrays, the object codec), rank, chunks, and shape unless <paramref name="resizable"/>.
    /// </summary>
    public void Array(ZarrGroup group, string key, string dtypeJson, long[] shape, int[] chunks, bool resizable, string? objectCodec = null) =>
        Array(group, key, new Expected(dtypeJson, shape, chunks, resizable, objectCodec, false, null, null));

    /// <summary>
    /// Checks the array <paramref name="key"/> of a zarr v3 schema as <see cref="Array(ZarrGroup, string, string, long[], int[], bool, string?)"/>
    /// does (<paramref name="chunks"/> are the inner chunks of a sharded array), and its shards (null: none)
    /// and, when <paramref name="dimensionNames"/> is not null, its dimension names, which named indexers rely on.
    /// </summary>
    public void Array(ZarrGroup group, string key, string dtypeJson, long[] shape, int[] chunks, int[]? shards, string?[]? dimensionNames, bool resizable,
        string? objectCodec = null) =>
        Array(group, key, new Expected(dtypeJson, shape, chunks, resizable, objectCodec, true, shards, dimensionNames));

    /// <summary>Checks an open array (the root of a hierarchy that is one array) as <see cref="Array(ZarrGroup, string, string, long[], int[], bool, string?)"/> does.</summary>
    public void Array(ZarrArray array, string dtypeJson, long[] shape, int[] chunks, bool resizable, string? objectCodec = null)
    {
        ArgumentNullException.ThrowIfNull(array);
        Compare(array, "/" + array.Path, new Expected(dtypeJson, shape, chunks, resizable, objectCodec, false, null, null));
    }

    /// <summary>Checks an open array of a zarr v3 schema as <see cref="Array(ZarrGroup, string, string, long[], int[], int[], string[], bool, string)"/> does.</summary>
    public void Array(ZarrArray array, string dtypeJson, long[] shape, int[] chunks, int[]? shards, string?[]? dimensionNames, bool resizable, string? objectCodec = null)
    {
        ArgumentNullException.ThrowIfNull(array);
        Compare(array, "/" + array.Path, new Expected(dtypeJson, shape, chunks, resizable, objectCodec, true, shards, dimensionNames));
    }

    private sealed record Expected(string DTypeJson, long[] Shape, int[] Chunks, bool Resizable, string? ObjectCodec, bool CheckShards, int[]? Shards,
        string?[]? DimensionNames);

    private void Array(ZarrGroup group, string key, Expected expected)
    {
        var path = PathOf(group, key);
        ZarrArray array;
        try
        {
            if (!group.Contains(key))
            {
                _differences.Add(new(path, "missing array", Describe(expected.DTypeJson, expected.Shape), "nothing"));
                return;
            }
            if (group[key] is not ZarrArray a)
            {
                _differences.Add(new(path, "node kind", "an array", "a group"));
                return;
            }
            array = a;
        }
        catch (ZarrException e)
        {
            _differences.Add(new(path, "invalid metadata", Describe(expected.DTypeJson, expected.Shape), e.Message));
            return;
        }
        Compare(array, path, expected);
    }

    private void Compare(ZarrArray array, string path, Expected expected)
    {
        var expectedType = ZarrDType.FromJson(ZarrJson.Parse(expected.DTypeJson, path), path);
        if (expectedType != array.DType) _differences.Add(new(path, "dtype", expectedType.TypeStr, array.DType.TypeStr));
        else if (expected.ObjectCodec is not null)
        {
            // The object codec is v2's first filter and v3's array→bytes codec; the array lists it first either way.
            var actualCodec = array.Filters is [var first, ..] ? first.Id : "none";
            if (actualCodec != expected.ObjectCodec) _differences.Add(new(path, "object codec", expected.ObjectCodec, actualCodec));
        }
        var shape = expected.Shape;
        if (array.NDim != shape.Length)
        {
            _differences.Add(new(path, "rank", shape.Length.ToString(CultureInfo.InvariantCulture), array.NDim.ToString(CultureInfo.InvariantCulture)));
            return;
        }
        if (!expected.Resizable && !array.Shape.AsSpan().SequenceEqual(shape)) _differences.Add(new(path, "shape", InfoReport.Tuple(shape), InfoReport.Tuple(array.Shape)));
        if (!array.Chunks.AsSpan().SequenceEqual(expected.Chunks)) _differences.Add(new(path, "chunks", InfoReport.Tuple(expected.Chunks), InfoReport.Tuple(array.Chunks)));
        if (expected.CheckShards && !SameInts(expected.Shards, array.Shards))
            _differences.Add(new(path, "shards", expected.Shards is null ? "none" : InfoReport.Tuple(expected.Shards), array.Shards is null ? "none" : InfoReport.Tuple(array.Shards)));
        if (expected.DimensionNames is { } names && !(array.DimensionNames is { } actual && actual.SequenceEqual(names)))
            _differences.Add(new(path, "dimension names", Names(names), array.DimensionNames is null ? "none" : Names(array.DimensionNames)));
    }

    private static bool SameInts(int[]? a, int[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    private static string Names(IEnumerable<string?> names) => "(" + string.Join(", ", names.Select(n => n ?? "null")) + ")";

    /// <summary>Checks that the group <paramref name="key"/> exists; returns it, or null after recording the difference.</summary>
    public ZarrGroup? Group(ZarrGroup group, string key)
    {
        var path = PathOf(group, key);
        try
        {
            if (!group.Contains(key))
            {
                _differences.Add(new(path, "missing group", "a group", "nothing"));
                return null;
            }
            if (group[key] is ZarrGroup g) return g;
            _differences.Add(new(path, "node kind", "a group", "an array"));
        }
        catch (ZarrException e)
        {
            _differences.Add(new(path, "invalid metadata", "a group", e.Message));
        }
        return null;
    }

    /// <summary>Throws <see cref="ZarrSchemaMismatchException"/> listing every difference, if there is any.</summary>
    public void ThrowIfAny()
    {
        if (_differences.Count > 0) throw new ZarrSchemaMismatchException(_differences.ToArray());
    }

    private static string PathOf(ZarrGroup group, string key) => "/" + (group.Path.Length == 0 ? key : group.Path + "/" + key);

    private static string Describe(string dtypeJson, long[] shape) =>
        "an array " + InfoReport.Tuple(shape) + " " + (JsonNode.Parse(dtypeJson) is JsonValue v && v.TryGetValue<string>(out var s) ? s : dtypeJson);
}
