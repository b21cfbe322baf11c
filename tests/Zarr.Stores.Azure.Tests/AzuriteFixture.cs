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

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};BlobEndpoint=http://127.0.0.1:{_server.Port}/{Account};";

    /// <summary>A new, empty container.</summary>
    public string NewContainer()
    {
        var name = "c" + Guid.NewGuid().ToString("N")[..20];
        new BlobContainerClient(ConnectionString, name).Create();
        return name;
    }

    public void Dispose() => _server.Dispose();
}
