using System.Text;
using Zarr.Runtime.Tests.Interop;
using Zarr.Metadata.Json;
using Zarr.Stores;

namespace Zarr.Cli.Tests;

/// <summary>zarr consolidate writes .zmetadata as zarr-python's consolidate_metadata does.</summary>
public sealed class ConsolidateTests
{
    private static readonly Samples S = Samples.Shared;

    [Fact]
    public void WritesEveryMetadataDocumentParsedUnderItsKey()
    {
        var folder = S.NewFolder();
        Cli.Ok(folder, "copy", S.DirPath, "c.zarr", "-q");
        var output = Cli.Ok(folder, "consolidate", "c.zarr");
        Assert.StartsWith("wrote ", output);
        var text = File.ReadAllText(Path.Combine(folder, "c.zarr", ".zmetadata"));
        Assert.StartsWith("{\n    \"metadata\": {\n        \".zattrs\": {\n            \"title\": \"demo\"\n        },\n        \".zgroup\": {\n            \"zarr_format\": 2\n        },\n", text);
        Assert.EndsWith("\n    },\n    \"zarr_consolidated_format\": 1\n}", text);
        Assert.Contains("\"foo/.zattrs\": {\n            \"scale\": NaN,", text);
        Assert.Contains("\"fortran/.zarray\": {", text);
        using var store = new DirectoryStore(Path.Combine(folder, "c.zarr"), readOnly: true);
        AssertConsolidated(store);
    }

    [Fact]
    public void WorksOnZipStores()
    {
        var folder = S.NewFolder();
        Cli.Ok(folder, "copy", S.ZipPath, "c.zip", "-q");
        Cli.Ok(folder, "consolidate", "c.zip");
        using var zip = new ZipStore(Path.Combine(folder, "c.zip"), ZipStoreMode.Read);
        Assert.NotNull(zip.Get(".zmetadata"));
        Assert.NotNull(zip.Get("foo/bar/baz/0.0")); // nothing else lost on rewrite
    }

    [Fact]
    public void CopyingAConsolidatedStoreConsolidatesTheCopy()
    {
        var folder = S.NewFolder();
        Cli.Ok(folder, "copy", S.DirPath, "c.zarr", "-q");
        Cli.Ok(folder, "consolidate", "c.zarr");
        Assert.EndsWith("metadata consolidated\n", Cli.Ok(folder, "copy", "c.zarr", "d.zip", "--compressor", "zstd:level=3"));
        using var zip = new ZipStore(Path.Combine(folder, "d.zip"), ZipStoreMode.Read);
        AssertConsolidated(zip);
        Assert.Contains("\"zstd\"", Encoding.ASCII.GetString(zip.Get(".zmetadata")!));
        // A sub-group copied elsewhere is not consolidated on its own.
        Assert.DoesNotContain("consolidated", Cli.Ok(folder, "copy", "c.zarr/foo", "e.zarr"));
        Assert.False(File.Exists(Path.Combine(folder, "e.zarr", ".zmetadata")));
    }

    // .zmetadata holds exactly the store's metadata documents, each as stored.
    private static void AssertConsolidated(ZarrStore store)
    {
        var doc = ZarrJson.Parse(store.Get(".zmetadata"), ".zmetadata")!["metadata"]!.AsObject();
        var keys = store.ListPrefix("").Where(Commands.ConsolidateCommand.IsMetadataKey).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(keys, doc.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var key in keys) Assert.Equal(ZarrJson.Serialize(ZarrJson.Parse(store.Get(key), key)), ZarrJson.Serialize(doc[key]));
    }

    [Fact]
    public void BadTargetsFailInOneLine()
    {
        var folder = S.NewFolder();
        Assert.Contains("does not exist", Cli.Fails(folder, 1, "consolidate", "missing.zarr"));
        Assert.Contains("whole store", Cli.Fails(S.Root, 1, "consolidate", "data.zarr/foo"));
        Assert.Contains("not a Zarr store", Cli.Fails(S.Root, 1, "consolidate", folder));
        var arrays = S.NewFolder();
        Cli.Ok(arrays, "copy", S.DirPath + "/x", "arr.zarr", "-q");
        Assert.Contains("holds an array at its root", Cli.Fails(arrays, 1, "consolidate", "arr.zarr"));
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [SkippableFact]
    public void MatchesZarrPythonByteForByte()
    {
        Python.Require();
        var folder = S.NewFolder();
        Cli.Ok(folder, "copy", S.DirPath, "ours.zarr", "-q");
        Cli.Ok(folder, "consolidate", "ours.zarr");
        var ours = File.ReadAllBytes(Path.Combine(folder, "ours.zarr", ".zmetadata"));
        var theirs = Python.Run($$"""
            import zarr, sys
            store = zarr.DirectoryStore('{{Path.Combine(folder, "ours.zarr")}}')
            del store['.zmetadata']
            zarr.consolidate_metadata(store)
            sys.stdout.write(store['.zmetadata'].decode('ascii'))
            """);
        Assert.Equal(theirs, Encoding.ASCII.GetString(ours));
    }
}
