using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Amazon.Runtime;

namespace Zarr.Stores.S3.Tests;

/// <summary>
/// The npm package s3rver, started on 127.0.0.1 on a free port over a temporary folder (installed
/// into tests/servers by scripts/test.sh), with one bucket; stopped when the tests end.
/// </summary>
public sealed class S3rverFixture : IDisposable
{
    public const string BucketName = "zarr-tests";

    private readonly Process _process;
    private readonly string _directory;

    public S3rverFixture()
    {
        var servers = typeof(S3rverFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ServersDirectory").Value!;
        var bin = Path.Combine(servers, "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(bin)) throw new InvalidOperationException($"s3rver is not installed: run 'npm ci' in {servers} (scripts/test.sh does).");
        _directory = Path.Combine(Path.GetTempPath(), "zarr-s3rver-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_directory, BucketName));
        Port = FreePort();
        var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { bin, "-d", _directory, "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", "--configure-bucket", BucketName })
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
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(30) && !_process.HasExited)
            {
                Thread.Sleep(100);
            }
        }
        if (_process.HasExited) throw new InvalidOperationException($"s3rver exited with code {_process.ExitCode}");
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>s3rver's fixed credentials.</summary>
    public S3StoreOptions Options => new()
    {
        Endpoint = Endpoint,
        Credentials = new BasicAWSCredentials("S3RVER", "S3RVER"),
        MaxRetries = 2,
        RequestTimeout = TimeSpan.FromSeconds(20),
    };

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
