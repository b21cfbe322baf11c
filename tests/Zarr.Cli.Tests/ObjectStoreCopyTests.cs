using Zarr.Stores.S3.Tests;

namespace Zarr.Cli.Tests;

/// <summary>zarr copy between a local store and an S3 bucket (s3rver on 127.0.0.1), with the standard AWS_* variables.</summary>
public sealed class ObjectStoreCopyTests(S3rverFixture server) : IClassFixture<S3rverFixture>
{
    private static readonly Samples S = Samples.Shared;

    private Dictionary<string, string> Environment => new()
    {
        ["AWS_ENDPOINT_URL"] = server.Endpoint,
        ["AWS_ACCESS_KEY_ID"] = "S3RVER",
        ["AWS_SECRET_ACCESS_KEY"] = "S3RVER",
        ["AWS_REGION"] = "us-east-1",
    };

    private CliResult Zarr(string dir, params string[] args) => Cli.Exec("dotnet", [Cli.Dll, .. args], dir, 120, Environment);

    [Fact]
    public void The_sample_hierarchy_goes_local_to_s3_to_local_unchanged()
    {
        var url = $"s3://{S3rverFixture.BucketName}/cli-{Guid.NewGuid():N}";
        var dir = Path.Combine(Path.GetTempPath(), "zarr-cli-s3-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var up = Zarr(dir, "copy", S.DirPath, url, "--quiet");
        Assert.True(up.ExitCode == 0, up.ToString());
        var tree = Zarr(dir, "tree", url);
        Assert.True(tree.ExitCode == 0, tree.ToString());
        Assert.Equal(Cli.Ok(S.Root, "tree", S.DirPath), tree.Out);
        var down = Zarr(dir, "copy", url, "back.zarr", "--quiet");
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Equal(Cli.Ok(S.Root, "tree", S.DirPath), Cli.Ok(dir, "tree", "back.zarr"));
        Assert.Equal(Cli.Ok(S.Root, "cat", S.DirPath + "/foo/bar/baz", "0:3,::1000"), Cli.Ok(dir, "cat", "back.zarr/foo/bar/baz", "0:3,::1000"));
    }

    [Fact]
    public void A_missing_bucket_is_one_clear_error()
    {
        var r = Zarr(Path.GetTempPath(), "tree", "s3://no-such-bucket/x");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("no-such-bucket", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }
}
