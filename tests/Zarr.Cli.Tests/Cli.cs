using System.Diagnostics;
using System.Reflection;

namespace Zarr.Cli.Tests;

/// <summary>The result of one run of the tool.</summary>
public sealed record CliResult(int ExitCode, string Out, string Err)
{
    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Err}";
}

/// <summary>Runs the built tool (<c>dotnet Zarr.Cli.dll …</c>) as a separate process, output redirected.</summary>
public static class Cli
{
    private static string Metadata(string key) =>
        typeof(Cli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>The tool's build output.</summary>
    public static string Dll => Metadata("ZarrCliDll");

    /// <summary>The tool's project file.</summary>
    public static string Project => Metadata("ZarrCliProject");

    /// <summary>The build configuration the tests were built with.</summary>
    public static string Configuration => Metadata("Configuration");

    /// <summary>Runs <c>zarr args…</c> in <paramref name="workingDirectory"/>.</summary>
    public static CliResult Run(string workingDirectory, params string[] args) => Exec("dotnet", [Dll, .. args], workingDirectory);

    /// <summary>Runs any program; fails the test after <paramref name="timeoutSeconds"/>.</summary>
    public static CliResult Exec(string fileName, IEnumerable<string> args, string workingDirectory, int timeoutSeconds = 60, IDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment.Remove("ZARR_CLI_DEBUG");
        if (environment is not null) foreach (var (k, v) in environment) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            p.Kill(true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within {timeoutSeconds} s");
        }
        p.WaitForExit();
        return new CliResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Asserts success and returns stdout.</summary>
    public static string Ok(string workingDirectory, params string[] args)
    {
        var r = Run(workingDirectory, args);
        Assert.True(r.ExitCode == 0 && r.Err.Length == 0, $"zarr {string.Join(' ', args)}\n{r}");
        return r.Out;
    }

    /// <summary>Asserts a failure reported as one line on stderr (no stack trace) and returns that line.</summary>
    public static string Fails(string workingDirectory, int expectedExitCode, params string[] args)
    {
        var r = Run(workingDirectory, args);
        Assert.True(r.ExitCode == expectedExitCode, $"expected exit {expectedExitCode}: zarr {string.Join(' ', args)}\n{r}");
        var lines = r.Err.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, $"expected one line on stderr: zarr {string.Join(' ', args)}\n{r}");
        Assert.StartsWith("zarr: ", lines[0]);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.DoesNotContain("Exception", r.Err);
        return lines[0];
    }
}
