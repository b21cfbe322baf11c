namespace Zarr;

/// <summary>
/// Declares an array of a [ZarrGroup] schema class. Put it on a partial, get-only property of type
/// <c>ZarrArray0D&lt;T&gt;</c> … <c>ZarrArray6D&lt;T&gt;</c>, whose rank must equal the length of
/// <see cref="Shape"/>; the generator implements the property. The dtype defaults to the one NumPy
/// gives <c>T</c> (<c>int</c> → <c>&lt;i4</c>, <c>string</c> → <c>|O</c> with vlen-utf8).
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class ZarrArrayAttribute : Attribute
{
    /// <summary>The array's extent per dimension (required; empty for a 0-d array).</summary>
    public long[]? Shape { get; set; }

    /// <summary>The chunk extent per dimension; one chunk for the whole array when unset.</summary>
    public int[]? Chunks { get; set; }

    /// <summary>
    /// The dtype: a NumPy typestr (<c>&lt;f8</c>, <c>|S10</c>, <c>&lt;M8[ns]</c>), a NumPy name
    /// (<c>float64</c>) or a structured descr as JSON (<c>[["x", "&lt;f4"], ["y", "&lt;f4"]]</c>).
    /// </summary>
    public string? DType { get; set; }

    /// <summary>
    /// The compressor: a codec id (<c>zlib</c>, <c>zstd</c>, <c>blosc</c>), a JSON configuration
    /// (<c>{"id": "zlib", "level": 5}</c>), or <c>none</c>. Unset: zarr-python's default.
    /// </summary>
    public string? Compressor { get; set; }

    /// <summary>The fill value as JSON text, as in .zarray (<c>0</c>, <c>"NaN"</c>, <c>null</c>). Unset: 0.</summary>
    public string? FillValue { get; set; }

    /// <summary><c>C</c> (default) or <c>F</c>: the element layout inside each chunk.</summary>
    public string? Order { get; set; }

    /// <summary><c>.</c> (default) or <c>/</c>: the chunk key separator.</summary>
    public string? DimensionSeparator { get; set; }

    /// <summary>
    /// The array's key inside the group. Unset: the property name's words in snake_case
    /// (<c>AirTemperature</c> → <c>air_temperature</c>), the inverse of the names metadata-first
    /// bindings give keys, so the two modes round-trip.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>
    /// Zarr v3 only (the class is <c>[ZarrGroup(ZarrFormat = 3)]</c>): the shard shape. Each stored object
    /// then holds one shard of inner chunks of <see cref="Chunks"/> (the <c>sharding_indexed</c> codec);
    /// every shard dimension must be a multiple of the chunk dimension. Unset: no sharding.
    /// </summary>
    public int[]? Shards { get; set; }

    /// <summary>
    /// Zarr v3 only: a name per dimension, written as <c>dimension_names</c>. When every name is set and
    /// the names are distinct, a property whose type is the generated <c>&lt;Property&gt;Array</c> class
    /// gets indexers whose parameters are named after them (<c>sst[time: 0, lat: .., lon: 3]</c>).
    /// </summary>
    public string?[]? DimensionNames { get; set; }

    /// <summary>True when the stored shape may differ from <see cref="Shape"/> (the array is resized or appended to).</summary>
    public bool Resizable { get; set; }
}
