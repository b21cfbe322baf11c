using System.Globalization;
using Azure.Storage.Blobs;
using Zarr.Tests.Shared;

namespace Zarr.Stores.Azure.Tests;

/// <summary>
/// Microsoft's Azure Storage emulator azurite (npm), its blob service on 127.0.0.1 (a free port, a
/// temporary folder); stopped when the tests end.
/// </summary>
public sealed class AzuriteFixture : IDisposable
{
    // azurite's well-known development account (documented by Microsoft; not a secret).
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly NodeServerProcess _server = new(Path.Combine("azurite", "dist", "src", "blob", "main.js"), (port, dir) =>
        ["--blobHost", "127.0.0.1", "--blobPort", port.ToString(CultureInfo.InvariantCulture), "--location", dir, "--silent", "--skipApiVersionCheck", "--loose"]);

    /// <summary>The port azurite's blob service listens on (a <c>FaultProxy</c> goes in front of it).</summary>
    public int Port => _server.Port;

    public string ConnectionString => ConnectionStringFor(_server.Port);

    /// <summary>The connection string of the development account reached on <paramref name="port"/> (azurite's, or a proxy's in front of it).</summary>
    public static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};BlobEndpoint=http://127.0.0.1:{port}/{Account};";

    /// <summary>Options for azurite's development account, with short retries for tests.</summary>
    public AzureBlobStoreOptions Options => new() { ConnectionString = ConnectionString, MaxRetries = 3, RequestTimeout = TimeSpan.FromSeconds(20) };

    /// <summary>A new, empty container.</summary>
    public string NewContainer()
    {
        var name = "c" + Guid.NewGuid().ToString("N")[..20];
        new BlobContainerClient(ConnectionString, name).Create();
        return name;
    }

    public void Dispose() => _server.Dispose();
}
