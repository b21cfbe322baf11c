using System.Collections.Concurrent;
using System.Diagnostics;
using Zarr.Runtime.Tests.Concurrency.Worker;

namespace Zarr.Runtime.Tests.Concurrency;

/// <summary>
/// A child process running this test assembly's <see cref="WorkerProgram"/>: stdout lines are queued
/// for <see cref="WaitForLine"/>, stderr is kept for failure messages, and dispose kills whatever is
/// still running.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private ChildProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) _lines.CompleteAdding();
            else _lines.Add(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) _errors.Enqueue(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Starts <c>dotnet exec Zarr.Runtime.Tests.dll worker &lt;command&gt; &lt;args&gt;</c>.</summary>
    public static ChildProcess Start(string command, params string[] args)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(typeof(WorkerProgram).Assembly.Location);
        info.ArgumentList.Add("worker");
        info.ArgumentList.Add(command);
        foreach (var a in args) info.ArgumentList.Add(a);
        // Children share 2 cores with the test host: keep their JIT cheap and their start fast.
        info.Environment["DOTNET_TieredPGO"] = "0";
        info.Environment["DOTNET_TC_QuickJitForLoops"] = "1";
        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start the worker process"));
    }

    private static string DotnetHost()
    {
        // Set by the dotnet CLI for the processes it starts (dotnet test → test host).
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return self;
        return "dotnet";
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the next stdout line, failing with the child's stderr when it ends or times out first.</summary>
    public string WaitForLine(TimeSpan timeout)
    {
        try
        {
            if (_lines.TryTake(out var line, timeout)) return line;
        }
        catch (InvalidOperationException) { } // completed: the process closed stdout
        throw new Xunit.Sdk.XunitException($"worker {Id} printed no line within {timeout.TotalSeconds} s (exited: {HasExited}). stderr:\n{Errors}");
    }

    /// <summary>Waits for a stdout line that equals <paramref name="expected"/>.</summary>
    public void Expect(string expected, TimeSpan timeout)
    {
        var line = WaitForLine(timeout);
        if (line != expected) throw new Xunit.Sdk.XunitException($"worker {Id} printed '{line}', expected '{expected}'. stderr:\n{Errors}");
    }

    public void Send(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>Waits for a normal exit with code 0.</summary>
    public void WaitForSuccess(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) throw new Xunit.Sdk.XunitException($"worker {Id} did not exit within {timeout.TotalSeconds} s. stderr:\n{Errors}");
        _process.WaitForExit(); // drains the output events
        if (_process.ExitCode != 0) throw new Xunit.Sdk.XunitException($"worker {Id} exited with {_process.ExitCode}. stderr:\n{Errors}");
    }

    /// <summary>SIGKILL (TerminateProcess on Windows): no finally blocks, no flushing, as in a crash.</summary>
    public void Kill()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.WaitForExit();
    }

    public string Errors => string.Join('\n', _errors);

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
        _lines.Dispose();
    }
}

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "zarr-sync", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Test classes that start child processes run one at a time: the CI machine has 2 cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessTestsCollection
{
    public const string Name = "child processes";
}
