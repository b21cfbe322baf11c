using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Zarr.Codecs;
using Zarr.Stores;

namespace Zarr.Cli.Tests;

/// <summary>The tool on stores built to break it: it must finish, and name what is wrong.</summary>
public sealed class HostileStoreTests
{
    private static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "zarr-cli-hostile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private const string Group = "{\n    \"zarr_format\": 2\n}";
    private const string Array = "{\"chunks\": [4], \"compressor\": null, \"dtype\": \"<i4\", \"fill_value\": 0, \"filters\": null, \"order\": \"C\", \"shape\": [4], \"zarr_format\": 2}";

    private static string ZipWithAnEmptyName(string dir)
    {
        var path = Path.Combine(dir, "evil.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, text) in new[] { (".zgroup", Group), ("/abs/x/.zarray", Array), ("/.zgroup", Group), ("a/../../up", "x"), ("ok/.zarray", Array) })
        {
            using var s = zip.CreateEntry(name).Open();
            s.Write(Encoding.UTF8.GetBytes(text));
        }
        return path;
    }

    [Fact]
    public void TreeOfAZipWhoseEntriesHaveEmptyNamesFinishes()
    {
        var dir = TempDir();
        ZipWithAnEmptyName(dir);
        Assert.Equal("/\n └── ok (4,) int32\n", Cli.Ok(dir, "tree", "evil.zip"));
    }

    [Fact]
    public void CopyOfSuchAZipCopiesTheValidNodes()
    {
        var dir = TempDir();
        ZipWithAnEmptyName(dir);
        Cli.Ok(dir, "copy", "evil.zip", "out.zarr");
        Assert.True(File.Exists(Path.Combine(dir, "out.zarr", "ok", ".zarray")));
        Assert.False(Directory.Exists(Path.Combine(dir, "up")));
        Assert.Equal("/\n └── ok (4,) int32\n", Cli.Ok(dir, "tree", "out.zarr"));
    }

    [Fact]
    public void CatOfACorruptChunkNamesTheCodecAndTheChunkNotTheSelection()
    {
        var dir = TempDir();
        var store = new DirectoryStore(Path.Combine(dir, "a.zarr"));
        var z = ZarrArray.Create<int>([1000], [1000], new ArrayOptions { Compressor = new BloscCodec() }, store);
        z[Selector.Ellipsis] = NDArray<int>.From(Enumerable.Range(0, 1000).ToArray(), 1000);
        var frame = new byte[16];
        frame[0] = 2; frame[1] = 1; frame[2] = 0x11; frame[3] = 4; // a frame that holds nothing
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(12), 16);
        store.Set("0", frame);
        var line = Cli.Fails(dir, 1, "cat", "a.zarr", "10:20");
        Assert.Contains("blosc", line);
        Assert.Contains("'0'", line);
        Assert.DoesNotContain("bad selection", line);
    }
}

public sealed class UrlTests
{
    [Theory]
    [InlineData("gs://bucket/x")]
    [InlineData("hdfs://namenode/x")]
    [InlineData("ftp://example.org/data.zarr")]
    public void AUrlSchemeTheToolCannotOpenIsRefusedNotTakenForAFolder(string url)
    {
        var dir = Path.Combine(Path.GetTempPath(), "zarr-cli-url-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        Directory.CreateDirectory(Path.Combine(dir, "src.zarr"));
        File.WriteAllText(Path.Combine(dir, "src.zarr", ".zgroup"), "{\n    \"zarr_format\": 2\n}");
        var line = Cli.Fails(dir, 1, "copy", "src.zarr", url);
        Assert.Contains("not supported", line);
        Assert.DoesNotContain(Directory.GetDirectories(dir), d => Path.GetFileName(d).EndsWith(':'));
        Assert.Contains("not supported", Cli.Fails(dir, 1, "tree", url));
    }

    [Fact]
    public void AnHttpDestinationIsRefusedAsReadOnly()
    {
        var dir = Path.Combine(Path.GetTempPath(), "zarr-cli-url-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "src.zarr"));
        File.WriteAllText(Path.Combine(dir, "src.zarr", ".zgroup"), "{\n    \"zarr_format\": 2\n}");
        Assert.Contains("read-only", Cli.Fails(dir, 1, "copy", "src.zarr", "http://127.0.0.1:9/x.zarr"));
    }

    [Fact]
    public void AFileUrlIsItsPath()
    {
        var dir = Path.Combine(Path.GetTempPath(), "zarr-cli-url-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "src.zarr"));
        File.WriteAllText(Path.Combine(dir, "src.zarr", ".zgroup"), "{\n    \"zarr_format\": 2\n}");
        Assert.Equal("/\n", Cli.Ok(dir, "tree", new Uri(Path.Combine(dir, "src.zarr")).AbsoluteUri));
        Assert.Throws<NotSupportedException>(() => ZarrStore.FromPath("gs://bucket/x"));
    }
}
