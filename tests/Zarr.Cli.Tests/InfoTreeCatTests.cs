using Zarr.Stores;

namespace Zarr.Cli.Tests;

/// <summary>info, tree and cat run as a process with output redirected: the plain text must equal the library's.</summary>
public sealed class InfoTreeCatTests
{
    private static readonly Samples S = Samples.Shared;

    private static ZarrNode OpenDir(string path) => ZarrNode.Open(new DirectoryStore(S.DirPath, readOnly: true), "r", path);

    [Theory]
    [InlineData("")]
    [InlineData("foo")]
    [InlineData("foo/bar/baz")]
    [InlineData("sparse")]
    [InlineData("scalar")]
    public void Info_of_a_directory_node_equals_the_library_report(string path)
    {
        var arg = path.Length == 0 ? S.DirPath : S.DirPath + "/" + path;
        Assert.Equal(OpenDir(path).Info, Cli.Ok(S.Root, "info", arg));
    }

    [Fact]
    public void Info_inside_a_zip_names_the_node_as_zarr_python_does()
    {
        using var zip = new ZipStore(S.ZipPath, ZipStoreMode.Read);
        var expected = ZarrNode.Open(zip, "r", "foo/bar/baz").Info;
        var output = Cli.Ok(S.Root, "info", "data.zip/foo/bar/baz");
        Assert.Equal(expected, output);
        Assert.Contains("Name               : /foo/bar/baz\n", output);
        Assert.Contains("zarr.storage.ZipStore", output);
    }

    [Fact]
    public void Info_with_a_relative_path_finds_the_store_root()
    {
        var output = Cli.Ok(Path.Combine(S.DirPath, "foo"), "info", "bar");
        Assert.StartsWith("Name        : /foo/bar\n", output);
    }

    [Fact]
    public void Tree_equals_the_library_tree()
    {
        var group = (ZarrGroup)OpenDir("");
        Assert.Equal(group.Tree() + "\n", Cli.Ok(S.Root, "tree", S.DirPath));
        Assert.Equal(group.Tree(level: 1) + "\n", Cli.Ok(S.Root, "tree", S.DirPath, "--level", "1"));
        Assert.Equal(group.Tree(ascii: true) + "\n", Cli.Ok(S.Root, "tree", "--ascii", S.DirPath));
        Assert.Equal(((ZarrGroup)OpenDir("foo")).Tree() + "\n", Cli.Ok(S.Root, "tree", "data.zip/foo"));
    }

    [Theory]
    [InlineData("foo/bar/baz", "0:3,::2")]
    [InlineData("foo/bar/baz", "-1")]
    [InlineData("foo/bar/baz", "...,-2")]
    [InlineData("foo/bar/baz", "2:-3:3,5")]
    [InlineData("foo/bar/baz", null)]
    [InlineData("x", null)]
    [InlineData("flags", "1:")]
    [InlineData("names", null)]
    [InlineData("sparse", "30:50")]
    [InlineData("fortran", ":,1")]
    [InlineData("scalar", null)]
    public void Cat_prints_the_selection_as_the_library_formats_it(string path, string? selection)
    {
        var array = (ZarrArray)OpenDir(path);
        var expected = Expected(array, selection);
        string[] args = selection is null ? ["cat", "data.zarr/" + path] : ["cat", "data.zarr/" + path, selection];
        Assert.Equal(expected + "\n", Cli.Ok(S.Root, args));
        // The zip store holds the same data.
        args[1] = "data.zip/" + path;
        Assert.Equal(expected + "\n", Cli.Ok(S.Root, args));
    }

    private static string Expected(ZarrArray array, string? selection)
    {
        var sel = SelectionParser.Parse(selection);
        return array.DType.Kind switch
        {
            DataTypes.DTypeKind.Int when array.DType.ItemSize == 4 => array.As<int>().Get(sel).ToString(),
            DataTypes.DTypeKind.Int => array.As<short>().Get(sel).ToString(),
            DataTypes.DTypeKind.Float when array.DType.ItemSize == 4 => array.As<float>().Get(sel).ToString(),
            DataTypes.DTypeKind.Float => array.As<double>().Get(sel).ToString(),
            DataTypes.DTypeKind.Bool => array.As<bool>().Get(sel).ToString(),
            DataTypes.DTypeKind.Unicode => array.As<string>().Get(sel).ToString(),
            _ => throw new NotSupportedException(array.DType.ToString()),
        };
    }

    [Fact]
    public void Cat_prints_numpy_style_ints()
    {
        Assert.Equal("array([[ 0,  2,  4],\n       [20, 22, 24]], dtype=int32)\n", Cli.Ok(S.Root, "cat", "data.zarr/foo/bar/baz", "0:2,0:5:2"));
        Assert.Equal("array([199], dtype=int32)\n", Cli.Ok(S.Root, "cat", "data.zarr/foo/bar/baz", "-1,-1:"));
    }

    [Theory]
    [InlineData("1:2:0", "step cannot be zero")]
    [InlineData("::-1", "negative slice steps")]
    [InlineData("a", "'a' is not an index")]
    [InlineData("1,2,3", "Too many indices")]
    [InlineData("10", "out of bounds")]
    [InlineData("...,...", "only one '...'")]
    [InlineData("1:2:3:4", "more than two ':'")]
    [InlineData("1,,2", "part 2 is empty")]
    public void Cat_rejects_bad_selections_in_one_line(string selection, string fragment)
    {
        var line = Cli.Fails(S.Root, 1, "cat", "data.zarr/foo/bar/baz", selection);
        Assert.Contains(fragment, line, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("info", "missing.zarr", "does not exist")]
    [InlineData("info", "data.zarr/nope", "does not exist")]
    [InlineData("tree", "data.zip/nope", "not a Zarr array or group")]
    [InlineData("cat", "data.zarr/foo", "is a group, not an array")]
    [InlineData("tree", "data.zarr/x", "is an array, not a group")]
    [InlineData("info", "data.zarr/x/.zarray", "is a file")]
    public void Bad_paths_fail_in_one_line(string command, string path, string fragment)
    {
        var line = Cli.Fails(S.Root, 1, command, path);
        Assert.Contains(fragment, line);
    }

    [Fact]
    public void A_plain_folder_is_not_a_store()
    {
        var folder = S.NewFolder();
        Assert.Contains("not a Zarr array or group", Cli.Fails(S.Root, 1, "info", folder));
        File.WriteAllText(Path.Combine(folder, "bad.zip"), "not a zip");
        Assert.Contains("bad.zip", Cli.Fails(S.Root, 1, "info", Path.Combine(folder, "bad.zip")));
    }

    [Fact]
    public void Corrupt_metadata_fails_in_one_line()
    {
        var folder = S.NewFolder();
        var store = Path.Combine(folder, "bad.zarr");
        Directory.CreateDirectory(store);
        File.WriteAllText(Path.Combine(store, ".zarray"), "{\"zarr_format\": 2, \"shape\": [3]");
        Assert.Contains(".zarray", Cli.Fails(folder, 1, "info", "bad.zarr"));
    }
}
