using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Zarr.Stores;
using Zarr.Synchronization;

namespace Zarr;

/// <summary>
/// A small serialisable description of an array or group handle, as zarr-python pickles one: the
/// store's kind and location, the node's path, its mode and its synchronizer. Never the data. Obtain
/// one with <see cref="ZarrNode.Describe"/>, send <see cref="ToJson"/> to another process, and reopen
/// there with <see cref="FromJson"/> and <see cref="Open"/>; the handles on both sides are equal.
/// </summary>
/// <param name="Store">Where the store lives.</param>
/// <param name="Path">The node's path in the store ("" for the root).</param>
/// <param name="IsArray">True for an array, false for a group.</param>
/// <param name="Mode">The mode to reopen with: <c>r</c> or <c>r+</c> (<c>a</c> is accepted too; modes that create are refused).</param>
/// <param name="Synchronizer">The synchronizer to recreate, or null for none.</param>
public sealed record NodeDescriptor(
    StoreDescriptor Store,
    string Path,
    [property: JsonPropertyName("array")] bool IsArray,
    string Mode,
    [property: JsonPropertyName("sync")] SynchronizerDescriptor? Synchronizer = null)
{
    /// <summary>
    /// The descriptor as compact JSON, e.g.
    /// <c>{"store":{"kind":"directory","location":"/data/example.zarr"},"path":"foo","array":true,"mode":"r+"}</c>.
    /// </summary>
    public string ToJson() => JsonSerializer.Serialize(this, DescriptorJsonContext.Compact.NodeDescriptor);

    /// <summary>Parses the JSON written by <see cref="ToJson"/>; throws <see cref="ZarrException"/> when it is not a valid descriptor.</summary>
    public static NodeDescriptor FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        NodeDescriptor? d;
        try
        {
            d = JsonSerializer.Deserialize(json, DescriptorJsonContext.Compact.NodeDescriptor);
        }
        catch (JsonException e)
        {
            throw new ZarrException($"Invalid node descriptor: {e.Message}", e);
        }
        if (d is null) throw new ZarrException("Invalid node descriptor: the JSON is null.");
        d.Validate();
        return d;
    }

    private void Validate()
    {
        if (string.IsNullOrEmpty(Store.Kind) || string.IsNullOrEmpty(Store.Location))
            throw new ZarrException("Invalid node descriptor: the store needs a kind and a location.");
        var mode = AccessModes.Parse(Mode);
        if (mode is AccessMode.Write or AccessMode.WriteNew)
            throw new ZarrException($"Invalid node descriptor: mode '{Mode}' would create (and may erase) the node; a descriptor reopens with 'r', 'r+' or 'a'.");
    }

    /// <summary>Opens the store, recreates the synchronizer, and opens the node (dispose <see cref="ZarrNode.Store"/> when done with a zip store).</summary>
    public ZarrNode Open() => IsArray ? OpenArray() : OpenGroup();

    /// <summary>Opens the array this descriptor names.</summary>
    public ZarrArray OpenArray()
    {
        if (!IsArray) throw new ZarrNodeException(Path, "the descriptor names a group, not an array.");
        Validate();
        return ZarrArray.Open(Store.Open(Mode == "r"), Mode, Path, Synchronizer?.Create());
    }

    /// <summary>Opens the array this descriptor names, typed.</summary>
    public ZarrArray<T> OpenArray<T>() => OpenArray().As<T>();

    /// <summary>Opens the group this descriptor names.</summary>
    public ZarrGroup OpenGroup()
    {
        if (IsArray) throw new ZarrNodeException(Path, "the descriptor names an array, not a group.");
        Validate();
        return ZarrGroup.Open(Store.Open(Mode == "r"), Mode, Path, Synchronizer?.Create());
    }
}

/// <summary>Source-generated JSON for descriptors (no reflection: the runtime is trimmable and AOT-compatible).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(NodeDescriptor))]
internal sealed partial class DescriptorJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context with an encoder that writes '+' (in "r+") and non-ASCII path characters as they are
    /// rather than as \uXXXX escapes; quotes, backslashes and control characters are still escaped.
    /// </summary>
    public static DescriptorJsonContext Compact => s_compact ??= new(new JsonSerializerOptions(Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static DescriptorJsonContext? s_compact;
}
