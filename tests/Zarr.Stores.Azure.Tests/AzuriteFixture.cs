using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Azure.Storage.Blobs;

namespace Zarr.Stores.Azure.Tests;

/// <summary>
/// Microsoft's Azure Storage emulator azurite (npm), its blob service started on 127.0.0.1 on a free
/// port over a temporary folder (installed into tests/servers by scripts/test.sh); stopped when the
/// tests end.
/// </summary>
public sealed class AzuriteFixture : IDisposable
{
    // azurite's well-known development account (documented by Microsoft; not a secret).
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly string _directory;

    public AzuriteFixture()
    {
        var servers = typeof(AzuriteFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ServersDirectory").Value!;
        var main = Path.Combine(servers, "node_modules", "azurite", "dist", "src", "blob", "main.js");
        if (!File.Exists(main)) throw new InvalidOperationException($"azurite is not installed: run 'npm ci' in {servers} (scripts/test.sh does).");
        _directory = Path.Combine(Path.GetTempPath(), "zarr-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        Port = FreePort();
        var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { main, "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(CultureInfo.InvariantCulture), "--location", _directory, "--silent", "--skipApiVersionCheck", "--loose" })
            psi.ArgumentList.Add(a);
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                break;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(60) && !_process.HasExited)
            {
                Thread.Sleep(100);
            }
        }
        if (_process.HasExited) throw new InvalidOperationException($"azurite exited with code {_process.ExitCode}");
    }

    public int Port { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};BlobEndpoint=http://127.0.0.1:{Port}/{Account};";

    /// <summary>A new, empty container.</summary>
    public string NewContainer()
    {
        var name = "c" + Guid.NewGuid().ToString("N")[..20];
        new BlobContainerClient(ConnectionString, name).Create();
        return name;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.WaitForExit(5000);
        _process.Dispose();
        try { Directory.Delete(_directory, true); } catch (IOException) { }
    }
}
