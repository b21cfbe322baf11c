using System.Diagnostics;

namespace Zarr.Tests.Shared;

/// <summary>
/// The writer processes of the multi-process proofs: the test assembly itself run with <c>dotnet</c>
/// (its own Main), one OS process per writer.
/// </summary>
internal static class WriterProcesses
{
    /// <summary>Starts <c>dotnet &lt;test assembly&gt; args…</c>.</summary>
    public static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(typeof(WriterProcesses).Assembly.Location);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    /// <summary>Waits for every writer (killing those still running after <paramref name="timeout"/>) and asserts that each succeeded.</summary>
    public static void WaitAll(IEnumerable<Process> processes, TimeSpan timeout)
    {
        var all = processes.ToList();
        var errors = all.Select(p => p.StandardError.ReadToEndAsync()).ToList();
        var deadline = Stopwatch.StartNew();
        try
        {
            for (var i = 0; i < all.Count; i++)
            {
                var left = timeout - deadline.Elapsed;
                Assert.True(all[i].WaitForExit(left > TimeSpan.Zero ? left : TimeSpan.Zero), $"writer {i} hung");
                Assert.True(all[i].ExitCode == 0, $"writer {i} failed ({all[i].ExitCode}): {errors[i].Result}");
            }
        }
        finally
        {
            foreach (var p in all)
            {
                try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                p.Dispose();
            }
        }
    }
}
