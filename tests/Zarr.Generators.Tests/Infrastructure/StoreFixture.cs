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

    public string PathOf(string key) => Root + "/" + key;

    public IEnumerable<(string Path, string Text)> Files => _files.Select(f => (PathOf(f.Key), f.Value));

    public IReadOnlyDictionary<string, string> Options => new Dictionary<string, string>
    {
        ["build_metadata.AdditionalFiles.ZarrRoot"] = Root,
        ["build_metadata.AdditionalFiles.ZarrClass"] = ClassName,
    };

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "/" + name;
}
