using System.Diagnostics;
using System.Reflection;

namespace Zarr.Runtime.Tests.Hostile;

/// <summary>
/// The short deterministic run of the fuzzing harness (fuzz/Zarr.Fuzz): a fixed seed and count of
/// mutated chunks and metadata documents, read through every read path in a child process, so that
/// a crash or a hang fails this test instead of taking the test host down.
/// </summary>
public class FuzzRunTests
{
    private static string FuzzDll => typeof(FuzzRunTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ZarrFuzzDll").Value!;

    [Fact]
    public async Task AFixedSeedRunFindsNothing()
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { FuzzDll, "--seed", "1", "--iterations", "15000", "--hang-seconds", "30" }) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode} (3 = a hang, 1 = findings, other = a crash):\n{output}");
        Assert.Contains("findings: 0", output);
        Assert.Contains("0 other exceptions", output);
    }
}
