namespace Zarr;

/// <summary>
/// Marks a partial class as the schema of a Zarr group (schema first). The Zarr source generator
/// implements its partial properties and adds <c>Create(store, overwrite)</c>, which writes the
/// hierarchy's metadata, and <c>Open(store, mode)</c>, which opens it and checks it against the schema.
/// On a partial property whose type is another [ZarrGroup] class, <see cref="Name"/> sets the key.
/// </summary>
/// <example>
/// <code>
/// [ZarrGroup]
/// public partial class Weather
/// {
///     [ZarrArray(Shape = [365, 720, 1440], Chunks = [1, 720, 1440], Compressor = "zlib")]
///     public partial ZarrArray3D&lt;float&gt; Temperature { get; }
///
///     public partial Stations Stations { get; }
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class ZarrGroupAttribute : Attribute
{
    /// <summary>The key of the group inside its parent (on a property); unset, the property name's words in snake_case (<c>SeaIce</c> → <c>sea_ice</c>).</summary>
    public string? Name { get; set; }

    /// <summary>
    /// On a class: the format its hierarchy is written in, 2 (<c>.zgroup</c>/<c>.zarray</c>, the default)
    /// or 3 (<c>zarr.json</c>, needed for <see cref="ZarrArrayAttribute.Shards"/> and
    /// <see cref="ZarrArrayAttribute.DimensionNames"/>). A group class nested in another must say the same format.
    /// </summary>
    public int ZarrFormat { get; set; }
}
