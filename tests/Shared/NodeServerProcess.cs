using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Zarr.Tests.Shared;

/// <summary>
/// A server from the npm packages in tests/servers (installed by scripts/test.sh), run with node on
/// 127.0.0.1 on a free port over a temporary folder, and stopped (its folder removed) on dispose.
/// Shared by the fixtures of every test project that needs one (compiled into each).
/// </summary>
internal sealed class NodeServerProcess : IDisposable
{
    private readonly Process _process;

    /// <param name="script">The server's entry point under tests/servers/node_modules.</param>
    /// <param name="arguments">Its arguments, given the port and the data folder.</param>
    public NodeServerProcess(string script, Func<int, string, IEnumerable<string>> arguments)
    {
        var servers = typeof(NodeServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ServersDirectory").Value!;
        var main = Path.Combine(servers, "node_modules", script);
        if (!File.Exists(main)) throw new InvalidOperationException($"{script} is not installed: run 'npm ci' in {servers} (scripts/test.sh does).");
        Directory = Path.Combine(Path.GetTempPath(), "zarr-server-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Port = FreePort();
        var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(main);
        foreach (var a in arguments(Port, Directory)) psi.ArgumentList.Add(a);
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(60) && !_process.HasExited)
            {
                Thread.Sleep(100);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException(_process.HasExited ? $"{script} exited with code {_process.ExitCode}" : $"{script} did not listen on port {Port} within 60 s");
            }
        }
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>Its data folder.</summary>
    public string Directory { get; }

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
        try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { }
    }
}
