using Zarr.Runtime.Tests.Interop;
using Zarr.Stores;

namespace Zarr.Cli.Tests;

/// <summary>
/// Every JSON number in attributes survives <c>zarr copy</c> exactly (issue 21): zarr-python keeps
/// Python ints exact (18446744073709551617 is not 1.8446744073709552e+19), and floats as written.
/// </summary>
public sealed class ExactAttributeTests
{
    private static readonly Samples S = Samples.Shared;

    private static string PyStr(string s) => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    [SkippableFact]
    public void BigIntegersAndFloatsInAttributesSurviveACopyExactly()
    {
        Python.Require();
        var folder = S.NewFolder();
        var source = Path.Combine(folder, "exact.zarr");
        const string attrs = """
            {'big': 18446744073709551617, 'neg': -18446744073709551617, 'u64': 18446744073709551615,
             'huge': 10**40, 'f': 1.0000000000000002, 'tiny': 5e-324, 'large': 1.7976931348623157e308,
             'nested': {'ids': [2**64, -(2**63) - 1, 0.1], 'deep': [[2**65]]}, 'nan': float('nan')}
            """;
        Python.Run($$"""
            import zarr
            root = zarr.open_group(zarr.DirectoryStore({{PyStr(source)}}), mode='w')
            root.attrs.put({{attrs}})
            a = root.zeros('a', shape=(4,), chunks=(2,), dtype='i4')
            a.attrs.put({{attrs}})
            zarr.consolidate_metadata(root.store)
            """);
        Cli.Ok(folder, "copy", "exact.zarr", "copy.zarr");
        Cli.Ok(folder, "copy", "exact.zarr", "copy.zip", "--compressor", "zstd:level=3");
        Cli.Ok(folder, "copy", "exact.zarr/a", "single.zarr");

        using (var src = new DirectoryStore(source, readOnly: true))
        using (var copy = new DirectoryStore(Path.Combine(folder, "copy.zarr"), readOnly: true))
        using (var zip = new ZipStore(Path.Combine(folder, "copy.zip"), ZipStoreMode.Read))
        using (var single = new DirectoryStore(Path.Combine(folder, "single.zarr"), readOnly: true))
        {
            // zarr-python and the copy write the same document, byte for byte.
            foreach (var key in new[] { ".zattrs", "a/.zattrs" })
            {
                Assert.Equal(System.Text.Encoding.UTF8.GetString(src.Get(key)!), System.Text.Encoding.UTF8.GetString(copy.Get(key)!));
                Assert.Equal(src.Get(key), zip.Get(key));
            }
            Assert.Equal(src.Get("a/.zattrs"), single.Get(".zattrs"));
            if (copy.Get(".zmetadata") is { } consolidated)
                Assert.Equal(System.Text.Encoding.UTF8.GetString(src.Get(".zmetadata")!), System.Text.Encoding.UTF8.GetString(consolidated));
        }

        var output = Python.Run($$"""
            import math, zarr
            expected = {{attrs}}
            def same(x, y):
                if isinstance(x, float) and math.isnan(x):
                    return isinstance(y, float) and math.isnan(y)
                if type(x) is not type(y):
                    return False
                if isinstance(x, dict):
                    return x.keys() == y.keys() and all(same(x[k], y[k]) for k in x)
                if isinstance(x, list):
                    return len(x) == len(y) and all(same(a, b) for a, b in zip(x, y))
                return x == y
            n = 0
            for store in [zarr.DirectoryStore({{PyStr(Path.Combine(folder, "copy.zarr"))}}), zarr.ZipStore({{PyStr(Path.Combine(folder, "copy.zip"))}}, mode='r')]:
                g = zarr.open_consolidated(store, mode='r') if '.zmetadata' in store else zarr.open_group(store, mode='r')
                assert same(dict(g.attrs), expected), dict(g.attrs)
                assert same(dict(g['a'].attrs), expected), dict(g['a'].attrs)
                n += 2
            single = zarr.open_array(zarr.DirectoryStore({{PyStr(Path.Combine(folder, "single.zarr"))}}), mode='r')
            assert same(dict(single.attrs), expected)
            print(n + 1)
            """);
        Assert.Equal("5", output.Trim());
    }

    [SkippableFact]
    public void NumbersWrittenByOtherToolsAreCopiedAsZarrPythonWouldWriteThem()
    {
        Python.Require();
        var folder = S.NewFolder();
        var source = Path.Combine(folder, "hand.zarr");
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, ".zgroup"), "{\"zarr_format\": 2}");
        const string text = """{"a": 1.50, "b": 1e5, "c": -0, "d": 1E400, "e": 123456789012345678901234567890.5, "f": -0.0, "g": 1e-400, "h": 340282366920938463463374607431768211457}""";
        File.WriteAllText(Path.Combine(source, ".zattrs"), text);
        Cli.Ok(folder, "copy", "hand.zarr", "copy.zarr");
        var expected = Python.Run($$"""
            import json, sys
            sys.stdout.write(json.dumps(json.loads({{PyStr(text)}}), indent=4, sort_keys=True, ensure_ascii=True))
            """);
        Assert.Equal(expected, File.ReadAllText(Path.Combine(folder, "copy.zarr", ".zattrs")));
    }
}
