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
    public void Array(ZarrGroup group, string key, string dtypeJson, long[] shape, int[] chunks, bool resizable, string? objectCodec = null)
    {
        var path = PathOf(group, key);
        ZarrArray array;
        try
        {
            if (!group.Contains(key))
            {
                _differences.Add(new(path, "missing array", Describe(dtypeJson, shape), "nothing"));
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
            _differences.Add(new(path, "invalid metadata", Describe(dtypeJson, shape), e.Message));
            return;
        }
        Compare(array, path, dtypeJson, shape, chunks, resizable, objectCodec);
    }

    /// <summary>Checks an open array (the root of a hierarchy that is one array) as <see cref="Array(ZarrGroup, string, string, long[], int[], bool, string?)"/> does.</summary>
    public void Array(ZarrArray array, string dtypeJson, long[] shape, int[] chunks, bool resizable, string? objectCodec = null)
    {
        ArgumentNullException.ThrowIfNull(array);
        Compare(array, "/" + array.Path, dtypeJson, shape, chunks, resizable, objectCodec);
    }

    private void Compare(ZarrArray array, string path, string dtypeJson, long[] shape, int[] chunks, bool resizable, string? objectCodec)
    {
        var expectedType = ZarrDType.FromJson(ZarrJson.Parse(dtypeJson, path), path);
        if (expectedType != array.DType) _differences.Add(new(path, "dtype", expectedType.TypeStr, array.DType.TypeStr));
        else if (objectCodec is not null)
        {
            var actualCodec = array.Metadata.Filters is [var first, ..] && first["id"] is JsonValue id && id.TryGetValue<string>(out var s) ? s : "none";
            if (actualCodec != objectCodec) _differences.Add(new(path, "object codec", objectCodec, actualCodec));
        }
        if (array.NDim != shape.Length)
        {
            _differences.Add(new(path, "rank", shape.Length.ToString(CultureInfo.InvariantCulture), array.NDim.ToString(CultureInfo.InvariantCulture)));
            return;
        }
        if (!resizable && !array.Shape.AsSpan().SequenceEqual(shape)) _differences.Add(new(path, "shape", InfoReport.Tuple(shape), InfoReport.Tuple(array.Shape)));
        if (!array.Chunks.AsSpan().SequenceEqual(chunks)) _differences.Add(new(path, "chunks", InfoReport.Tuple(chunks), InfoReport.Tuple(array.Chunks)));
    }

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
