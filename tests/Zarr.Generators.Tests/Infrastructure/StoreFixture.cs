namespace Zarr.Generators.Tests.Infrastructure;

/// <summary>
/// A metadata-first hierarchy given as files (store key → JSON text) under a root folder, turned into
/// AdditionalFiles with ZarrRoot/ZarrClass metadata.
/// </summary>
public sealed class StoreFixture(string root, string className)
{
    private readonly SortedDictionary<string, string> _files = new(StringComparer.Ordinal);

    public string Root { get; } = root;

    public string ClassName { get; } = className;

    public StoreFixture Add(string key, string json)
    {
        _files[key] = json;
        return this;
    }

    public StoreFixture Group(string path, string? attrs = null)
    {
        Add(Join(path, ".zgroup"), "{\n    \"zarr_format\": 2\n}");
        if (attrs is not null) Add(Join(path, ".zattrs"), attrs);
        return this;
    }

    public StoreFixture Array(string path, string shape, string chunks, string dtype, string compressor = "null", string filters = "null", string fill = "0", string? attrs = null)
    {
        Add(Join(path, ".zarray"), $$"""
            {
                "chunks": {{chunks}},
                "compressor": {{compressor}},
                "dtype": {{dtype}},
                "fill_value": {{fill}},
                "filters": {{filters}},
                "order": "C",
                "shape": {{shape}},
                "zarr_format": 2
            }
            """);
        if (attrs is not null) Add(Join(path, ".zattrs"), attrs);
        return this;
    }

    /// <summary>A zarr v3 group: its zarr.json, with <paramref name="attrs"/> (a JSON object) inside.</summary>
    public StoreFixture GroupV3(string path, string attrs = "{}") =>
        Add(Join(path, "zarr.json"), $$"""
            {
                "zarr_format": 3,
                "node_type": "group",
                "attributes": {{attrs}}
            }
            """);

    /// <summary>
    /// A zarr v3 array as zarr-python 3 writes it: the bytes codec and <paramref name="compressors"/> (a JSON
    /// list of codecs), inside a sharding_indexed codec whose grid is <paramref name="shards"/> when given.
    /// </summary>
    public StoreFixture ArrayV3(string path, string shape, string chunks, string dataType, string fill = "0", string? shards = null, string? dimensionNames = null,
        string attrs = "{}", string compressors = """[{"name": "zstd", "configuration": {"level": 0, "checksum": false}}]""", string? serializer = null)
    {
        serializer ??= """{"name": "bytes", "configuration": {"endian": "little"}}""";
        var inner = "[" + serializer + (compressors == "[]" ? "" : ", " + compressors.Trim().TrimStart('[').TrimEnd(']')) + "]";
        var codecs = shards is null ? inner : $$$"""
            [{"name": "sharding_indexed", "configuration": {"chunk_shape": {{{chunks}}}, "codecs": {{{inner}}},
              "index_codecs": [{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "crc32c"}], "index_location": "end"}}]
            """;
        var names = dimensionNames is null ? "" : "\n    \"dimension_names\": " + dimensionNames + ",";
        return Add(Join(path, "zarr.json"), $$$"""
            {
                "shape": {{{shape}}},
                "data_type": {{{dataType}}},
                "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": {{{shards ?? chunks}}}}},
                "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}},
                "fill_value": {{{fill}}},
                "codecs": {{{codecs}}},
                "attributes": {{{attrs}}},{{{names}}}
                "zarr_format": 3,
                "node_type": "array",
                "storage_transformers": []
            }
            """);
    }

    /// <summary>Every metadata document of <paramref name="store"/> (.zgroup, .zarray, .zattrs, .zmetadata, zarr.json), as a build would pass them.</summary>
    public static StoreFixture FromStore(Zarr.Stores.ZarrStore store, string root, string className)
    {
        var fixture = new StoreFixture(root, className);
        foreach (var key in store.ListPrefix("").Order(StringComparer.Ordinal))
        {
            var name = key[(key.LastIndexOf('/') + 1)..];
            if (name is ".zgroup" or ".zarray" or ".zattrs" or ".zmetadata" or "zarr.json") fixture.Add(key, System.Text.Encoding.UTF8.GetString(store.Get(key)!));
        }
        return fixture;
    }

    public string PathOf(string key) => Root + "/" + key;

    public IEnumerable<(string Path, string Text)> Files => _files.Select(f => (PathOf(f.Key), f.Value));

    public IReadOnlyDictionary<string, string> Options => new Dictionary<string, string>
    {
        ["build_metadata.AdditionalFiles.ZarrRoot"] = Root,
        ["build_metadata.AdditionalFiles.ZarrClass"] = ClassName,
    };

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "/" + name;
}
