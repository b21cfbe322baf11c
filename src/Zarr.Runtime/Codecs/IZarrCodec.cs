using System.Text.Json.Nodes;

namespace Zarr.Codecs;

/// <summary>A codec or filter, identified by its numcodecs <c>id</c> and configured by a JSON object.</summary>
public interface IZarrCodec
{
    /// <summary>The numcodecs id written in metadata (<c>blosc</c>, <c>zlib</c>, <c>delta</c>, …).</summary>
    string Id { get; }

    /// <summary>The configuration as zarr-python writes it in .zarray: <c>{"id": …, parameters…}</c>.</summary>
    JsonObject GetConfig();
}
