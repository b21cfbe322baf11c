using Zarr.Stores.Azure.Tests;
using Zarr.Stores.S3.Tests;

namespace Zarr.Cli.Tests;

/// <summary>
/// zarr copy between local stores, an S3 bucket (s3rver on 127.0.0.1) and an Azure container (azurite),
/// with the standard AWS_* and AZURE_STORAGE_* variables.
/// </summary>
public sealed class ObjectStoreCopyTests(S3rverFixture server, AzuriteFixture azurite) : IClassFixture<S3rverFixture>, IClassFixture<AzuriteFixture>
{
    private static readonly Samples S = Samples.Shared;

    private Dictionary<string, string> Environment => new()
    {
        ["AWS_ENDPOINT_URL"] = server.Endpoint,
        ["AWS_ACCESS_KEY_ID"] = "S3RVER",
        ["AWS_SECRET_ACCESS_KEY"] = "S3RVER",
        ["AWS_REGION"] = "us-east-1",
        ["AZURE_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
    };

    private CliResult Zarr(string dir, params string[] args) => Cli.Exec("dotnet", [Cli.Dll, .. args], dir, 120, Environment);

    [Fact]
    public void TheSampleHierarchyGoesLocalToS3ToAzureToLocalUnchanged()
    {
        var url = $"s3://{S3rverFixture.BucketName}/cli-{Guid.NewGuid():N}";
        var dir = Path.Combine(Path.GetTempPath(), "zarr-cli-s3-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var up = Zarr(dir, "copy", S.DirPath, url, "--quiet");
        Assert.True(up.ExitCode == 0, up.ToString());
        var tree = Zarr(dir, "tree", url);
        Assert.True(tree.ExitCode == 0, tree.ToString());
        Assert.Equal(Cli.Ok(S.Root, "tree", S.DirPath), tree.Out);
        var az = $"az://{azurite.NewContainer()}/copied";
        var across = Zarr(dir, "copy", url, az, "--quiet");
        Assert.True(across.ExitCode == 0, across.ToString());
        var down = Zarr(dir, "copy", az, "back.zarr", "--quiet");
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Equal(Cli.Ok(S.Root, "tree", S.DirPath), Cli.Ok(dir, "tree", "back.zarr"));
        Assert.Equal(Cli.Ok(S.Root, "cat", S.DirPath + "/foo/bar/baz", "0:3,::1000"), Cli.Ok(dir, "cat", "back.zarr/foo/bar/baz", "0:3,::1000"));
    }

    [Fact]
    public void AMissingBucketIsOneClearError()
    {
        var r = Zarr(Path.GetTempPath(), "tree", "s3://no-such-bucket/x");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("no-such-bucket", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    private static string TutorialDll => System.Reflection.CustomAttributeExtensions.GetCustomAttributes<System.Reflection.AssemblyMetadataAttribute>(typeof(Cli).Assembly).Single(a => a.Key == "TutorialDll").Value!;

    /// <summary>
    /// The hierarchy the tutorial (samples/Tutorial) writes, each of its four stores (groups, the
    /// 10000² array of 100 Blosc chunks, the 1-d int64 array) copied local → S3 → Azure → local with
    /// the tool, the four in parallel: every file, metadata and chunks, comes back byte for byte.
    /// </summary>
    [Fact]
    public void TheTutorialsHierarchyGoesLocalToS3ToAzureToLocalByteForByte()
    {
        var dir = Path.Combine(Path.GetTempPath(), "zarr-cli-tutorial-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var tutorial = Path.Combine(dir, "tutorial");
            var run = Cli.Exec("dotnet", [TutorialDll, tutorial], dir, 180);
            Assert.True(run.ExitCode == 0, run.ToString());
            var s3 = $"s3://{S3rverFixture.BucketName}/tutorial-{Guid.NewGuid():N}";
            var az = $"az://{azurite.NewContainer()}/tutorial";
            string[] stores = ["root.zarr", "group.zarr", "data/example", "data/walnuts.zarr"];
            Parallel.ForEach(stores, store =>
            {
                var hops = new[] { Path.Combine(tutorial, store), $"{s3}/{store}", $"{az}/{store}", Path.Combine(dir, "back", store) };
                for (var i = 0; i + 1 < hops.Length; i++)
                {
                    var copy = Zarr(dir, "copy", hops[i], hops[i + 1], "--quiet");
                    Assert.True(copy.ExitCode == 0, $"{hops[i]} → {hops[i + 1]}\n{copy}");
                }
            });
            foreach (var store in stores) AssertSameFiles(Path.Combine(tutorial, store), Path.Combine(dir, "back", store));
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    private static void AssertSameFiles(string expected, string actual)
    {
        string[] Files(string root) => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal).ToArray();
        var files = Files(expected);
        Assert.NotEmpty(files);
        Assert.Equal(files, Files(actual));
        foreach (var file in files)
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))), $"{file} differs");
    }
}
