using Zarr.Runtime.Tests.Interop;
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
    public void InfoOfADirectoryNodeEqualsTheLibraryReport(string path)
    {
        var arg = path.Length == 0 ? S.DirPath : S.DirPath + "/" + path;
        Assert.Equal(OpenDir(path).Info, Cli.Ok(S.Root, "info", arg));
    }

    [Fact]
    public void InfoInsideAZipNamesTheNodeAsZarrPythonDoes()
    {
        using var zip = new ZipStore(S.ZipPath, ZipStoreMode.Read);
        var expected = ZarrNode.Open(zip, "r", "foo/bar/baz").Info;
        var output = Cli.Ok(S.Root, "info", "data.zip/foo/bar/baz");
        Assert.Equal(expected, output);
        Assert.Contains("Name               : /foo/bar/baz\n", output);
        Assert.Contains("zarr.storage.ZipStore", output);
    }

    [Fact]
    public void InfoWithARelativePathFindsTheStoreRoot()
    {
        var output = Cli.Ok(Path.Combine(S.DirPath, "foo"), "info", "bar");
        Assert.StartsWith("Name        : /foo/bar\n", output);
    }

    [Fact]
    public void TreeEqualsTheLibraryTree()
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
    [InlineData("raw", "-1")]
    [InlineData("words", "1:")]
    [InlineData("sparse", "30:50")]
    [InlineData("fortran", ":,1")]
    [InlineData("scalar", null)]
    public void CatPrintsTheSelectionAsTheLibraryFormatsIt(string path, string? selection)
    {
        var array = (ZarrArray)OpenDir(path);
        var expected = Expected(array, selection);
        string[] args = selection is null ? ["cat", "data.zarr/" + path] : ["cat", "data.zarr/" + path, selection];
        Assert.Equal(expected + "\n", Cli.Ok(S.Root, args));
    }

    [Theory]
    [InlineData("fortran", "1:3")]
    [InlineData("raw", null)]
    public void CatReadsZipStoresToo(string path, string? selection)
    {
        var expected = Expected((ZarrArray)OpenDir(path), selection);
        string[] args = selection is null ? ["cat", "data.zip/" + path] : ["cat", "data.zip/" + path, selection];
        Assert.Equal(expected + "\n", Cli.Ok(S.Root, args));
    }

    private static string Expected(ZarrArray array, string? selection)
    {
        var sel = SelectionParser.Parse(selection);
        var dt = array.DType;
        return dt.Kind switch
        {
            DataTypes.DTypeKind.Int when dt.ItemSize == 4 => array.As<int>().Get(sel).ToString(dt),
            DataTypes.DTypeKind.Int => array.As<short>().Get(sel).ToString(dt),
            DataTypes.DTypeKind.Float when dt.ItemSize == 4 => array.As<float>().Get(sel).ToString(dt),
            DataTypes.DTypeKind.Float => array.As<double>().Get(sel).ToString(dt),
            DataTypes.DTypeKind.Bool => array.As<bool>().Get(sel).ToString(dt),
            DataTypes.DTypeKind.Unicode or DataTypes.DTypeKind.Object => array.As<string>().Get(sel).ToString(dt),
            DataTypes.DTypeKind.Bytes => array.As<byte[]>().Get(sel).ToString(dt),
            _ => throw new NotSupportedException(dt.ToString()),
        };
    }

    [SkippableFact]
    public void CatPrintsWhatNumpyPrintsForEveryCommonDtype()
    {
        Python.Require();
        var folder = S.NewFolder();
        var cases = new (string Name, string Selection)[]
        {
            ("i4", "1:3,::2"), ("be", "..."), ("f4", ":4"), ("f8", "-3:"), ("b1", "..."), ("u1", "0"),
            ("S", "..."), ("U", "::2"), ("U0", "..."), ("M", "..."), ("Mms", "..."), ("m", "..."), ("big", "0:40"),
            ("o", "..."), ("ob", "1:"), ("oa", "..."), ("blosc", "::5"), ("json", "..."), ("msgpack", "1:"),
        };
        AssertCatMatchesNumpy(folder, "py.zarr", $$"""
            import zarr, zarr.storage, numcodecs, numpy as np
            zarr.storage.default_compressor = numcodecs.Zlib(1)
            g = zarr.open_group('{{folder}}/py.zarr', mode='w')
            g.create_dataset('i4', data=np.arange(24, dtype='<i4').reshape(4, 6) - 7, chunks=(3, 4))
            g.create_dataset('be', data=np.array([1, -300, 7], dtype='>i2'), compressor=None)
            g.create_dataset('f4', data=np.array([0.1, 2.5, -3, 0.25, 7], dtype='<f4'), chunks=2)
            g.create_dataset('f8', data=np.array([1.0, 12.5, -0.25, 100.125]), chunks=3)
            g.create_dataset('b1', data=np.array([[True, False], [False, False]]))
            g.create_dataset('u1', data=np.arange(12, dtype='u1').reshape(3, 4))
            g.create_dataset('S', data=np.array([b'a', b'b\x00c', b'\xff\n', b"it's"], dtype='S4'), chunks=3)
            g.create_dataset('U', data=np.array(['ab', 'cd\u00e9', "it's", 'x\ty', ''], dtype='<U5'), chunks=2)
            g.create_dataset('U0', data=np.array('x', dtype='<U3'))
            g.create_dataset('M', data=np.array(['NaT', '2020-01-01', '1969-12-31'], dtype='M8[D]'))
            g.create_dataset('Mms', data=np.array(['2020-01-01T01:02:03.5', '1960-05-06T07:08:09.001'], dtype='M8[10ms]'))
            g.create_dataset('m', data=np.array([1, 'NaT', 1234567], dtype='m8[s]'))
            g.create_dataset('big', data=np.arange(100, dtype='<i8') ** 3, chunks=7)
            g.create_dataset('o', data=np.array(['a', 'bb', "it's", ''], dtype=object), object_codec=numcodecs.VLenUTF8(), chunks=3)
            g.create_dataset('ob', data=np.array([b'a', b'b\x00'], dtype=object), object_codec=numcodecs.VLenBytes())
            g.create_dataset('oa', data=np.array([np.array([1, 2]), np.array([3])], dtype=object), object_codec=numcodecs.VLenArray('<i4'))
            g.create_dataset('json', data=np.array(['a', 1, None, 1.5, True, "it's"], dtype=object), object_codec=numcodecs.JSON(), chunks=4)
            g.create_dataset('msgpack', data=np.array(['a', 2, 2.5], dtype=object), object_codec=numcodecs.MsgPack())
            g.create_dataset('blosc', data=np.arange(50, dtype='<u2'), chunks=9, compressor=numcodecs.Blosc('zstd', 3, numcodecs.Blosc.BITSHUFFLE))
            """, cases);
    }

    [SkippableFact]
    public void CatPrintsRecordsAsNumpyDoes()
    {
        // Structured arrays printed records as System.Byte[] before (issue 21).
        Python.Require();
        var folder = S.NewFolder();
        var cases = new (string Name, string Selection)[]
        {
            ("simple", "..."), ("simple", "1:"), ("one", "..."), ("nested", "..."), ("grid", "..."), ("grid", "1,0:2"), ("zero", "..."),
        };
        AssertCatMatchesNumpy(folder, "rec.zarr", $$"""
            import zarr, numpy as np
            g = zarr.open_group('{{folder}}/rec.zarr', mode='w')
            simple = np.array([(1.5, 2, b'ab', True), (0.0, 0, b'', False), (-3.25, 100000, b'\xff\x00', True)],
                              dtype=[('x', '<f8'), ('n', '<i4'), ('s', 'S2'), ('ok', '?')])
            g.create_dataset('simple', data=simple, chunks=2)
            g.create_dataset('one', data=np.array([(1.5,), (2.0,)], dtype=[('a', '<f8')]))
            nested = np.array([((1, 2), [1.5, 2.5, -1.0], '\u00e9', np.datetime64('2020-01-01', 'D'), 7, b'\x01\x02\x03')],
                              dtype=[('a', [('p', '<i2'), ('q', 'u1')]), ('v', '<f4', (3,)), ('u', '<U2'), ('d', '<M8[D]'), ('t', '>m8[s]'), ('raw', 'V3')])
            g.create_dataset('nested', data=np.concatenate([nested, nested]))
            grid = np.zeros((3, 4), dtype=[('a', '<i8'), ('b', '<f4', (2, 2))])
            grid['a'] = np.arange(12).reshape(3, 4) * 1000
            grid['b'][1, 1] = [[0.5, 1e-5], [3, 4]]
            g.create_dataset('grid', data=grid, chunks=(2, 3))
            g.create_dataset('zero', data=np.array((True, 3), dtype=[('a', '?'), ('b', '<u2')]))
            """, cases);
    }

    // Runs `setup` (which opens the group `g` in `store` under `folder`), prints NumPy's repr of every
    // case's selection, and compares each with what `zarr cat` prints.
    private static void AssertCatMatchesNumpy(string folder, string store, string setup, (string Name, string Selection)[] cases)
    {
        var output = Python.Run(setup + $$"""

            sels = {{"["}}{{string.Join(", ", cases.Select(c => $"('{c.Name}', '{c.Selection}')"))}}{{"]"}}
            for name, sel in sels:
                a = g[name]
                idx = tuple(Ellipsis if p == '...' else (slice(*[int(x) if x else None for x in p.split(':')]) if ':' in p else int(p)) for p in sel.split(','))
                print(repr(a[idx]))
                print('----')
            """);
        var expected = output.Split("----\n");
        for (var i = 0; i < cases.Length; i++)
        {
            var (name, selection) = cases[i];
            Assert.Equal(expected[i], Cli.Ok(folder, "cat", store + "/" + name, selection));
        }
    }

    [Fact]
    public void CatPrintsNumpyStyleInts()
    {
        Assert.Equal("array([[ 0,  2,  4],\n       [20, 22, 24]], dtype=int32)\n", Cli.Ok(S.Root, "cat", "data.zarr/foo/bar/baz", "0:2,0:5:2"));
        Assert.Equal("array([199], dtype=int32)\n", Cli.Ok(S.Root, "cat", "data.zarr/foo/bar/baz", "-1,-1:"));
    }

    [Fact]
    public void CatRefusesSelectionsOverTheLimit()
    {
        Assert.Contains("200 elements, more than --limit 100", Cli.Fails(S.Root, 1, "cat", "data.zarr/foo/bar/baz", "--limit", "100"));
        Assert.StartsWith("array([[ 0,  1,", Cli.Ok(S.Root, "cat", "data.zarr/foo/bar/baz", "0:5", "--limit", "100"));
        Assert.StartsWith("array([[  0,   1,", Cli.Ok(S.Root, "cat", "--limit", "0", "data.zarr/foo/bar/baz"));
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
    public void CatRejectsBadSelectionsInOneLine(string selection, string fragment)
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
    public void BadPathsFailInOneLine(string command, string path, string fragment)
    {
        var line = Cli.Fails(S.Root, 1, command, path);
        Assert.Contains(fragment, line);
    }

    [Fact]
    public void APlainFolderIsNotAStore()
    {
        var folder = S.NewFolder();
        Assert.Contains("not a Zarr array or group", Cli.Fails(S.Root, 1, "info", folder));
        File.WriteAllText(Path.Combine(folder, "bad.zip"), "not a zip");
        Assert.Contains("bad.zip", Cli.Fails(S.Root, 1, "info", Path.Combine(folder, "bad.zip")));
    }

    [Fact]
    public void CorruptMetadataFailsInOneLine()
    {
        var folder = S.NewFolder();
        var store = Path.Combine(folder, "bad.zarr");
        Directory.CreateDirectory(store);
        File.WriteAllText(Path.Combine(store, ".zarray"), "{\"zarr_format\": 2, \"shape\": [3]");
        Assert.Contains(".zarray", Cli.Fails(folder, 1, "info", "bad.zarr"));
    }
}
