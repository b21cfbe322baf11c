using Zarr.Stores.Azure.Tests;
using Zarr.Stores.S3.Tests;

namespace Zarr.Cli.Tests;

/// <summary>zarr copy between a local store and an S3 bucket (s3rver on 127.0.0.1), with the standard AWS_* variables.</summary>
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
}
