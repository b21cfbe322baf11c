using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Zarr.Codecs;

/// <summary>
/// Maps codec ids (v2 <c>id</c>, later v3 <c>name</c>) to factories that build a codec from its JSON
/// configuration. <see cref="Default"/> knows every built-in codec; applications may register more.
/// </summary>
public sealed class CodecRegistry
{
    private readonly ConcurrentDictionary<string, Func<JsonObject, IZarrCodec>> _factories = new(StringComparer.Ordinal);

    /// <summary>The registry used by arrays unless told otherwise, with every built-in codec.</summary>
    public static CodecRegistry Default { get; } = CreateDefault();

    private static CodecRegistry CreateDefault()
    {
        var registry = new CodecRegistry();
        BuiltInCodecs.RegisterAll(registry);
        return registry;
    }

    /// <summary>Registers (or replaces) the factory for <paramref name="id"/>.</summary>
    public void Register(string id, Func<JsonObject, IZarrCodec> factory) => _factories[id] = factory;

    /// <summary>True when a codec with this id is known.</summary>
    public bool IsRegistered(string id) => _factories.ContainsKey(id);

    /// <summary>The ids known to this registry.</summary>
    public IReadOnlyCollection<string> Ids => _factories.Keys.ToArray();

    /// <summary>Builds the codec a configuration describes; errors name the id and <paramref name="arrayKey"/>.</summary>
    public IZarrCodec Create(JsonObject config, string arrayKey)
    {
        var id = config["id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (id is null) throw new ZarrMetadataException(arrayKey, "id", "a codec configuration needs a string 'id'.");
        if (!_factories.TryGetValue(id, out var factory))
            throw new ZarrCodecException(id, null, $"unknown codec id '{id}' used by array '{arrayKey}'. Known ids: {string.Join(", ", _factories.Keys.Order(StringComparer.Ordinal))}.");
        try
        {
            return factory(config);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new ZarrCodecException(id, null, $"invalid configuration {config.ToJsonString()} in array '{arrayKey}': {e.Message}", e);
        }
    }
}
