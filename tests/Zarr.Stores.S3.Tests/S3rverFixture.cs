using System.Globalization;
using Amazon.Runtime;
using Zarr.Tests.Shared;

namespace Zarr.Stores.S3.Tests;

/// <summary>The npm package s3rver on 127.0.0.1 (a free port, a temporary folder) with one bucket; stopped when the tests end.</summary>
public sealed class S3rverFixture : IDisposable
{
    public const string BucketName = "zarr-tests";

    private readonly NodeServerProcess _server = new(Path.Combine("s3rver", "bin", "s3rver.js"), (port, dir) =>
        ["-d", dir, "-a", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "--silent", "--configure-bucket", BucketName]);

    /// <summary>The port s3rver listens on (a <c>FaultProxy</c> goes in front of it).</summary>
    public int Port => _server.Port;

    public string Endpoint => $"http://127.0.0.1:{_server.Port}";

    /// <summary>s3rver's fixed credentials.</summary>
    public S3StoreOptions Options => new()
    {
        Endpoint = Endpoint,
        Credentials = new BasicAWSCredentials("S3RVER", "S3RVER"),
        MaxRetries = 2,
        RequestTimeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>A client of s3rver's own, straight to it (not through a proxy).</summary>
    public Amazon.S3.IAmazonS3 DirectClient => _direct.Value;

    private readonly Lazy<Amazon.S3.AmazonS3Client> _direct;

    public S3rverFixture() => _direct = new(() => new Amazon.S3.AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"),
        new Amazon.S3.AmazonS3Config { ServiceURL = Endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1" }));

    public void Dispose()
    {
        if (_direct.IsValueCreated) _direct.Value.Dispose();
        _server.Dispose();
    }
}
