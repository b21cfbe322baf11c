using System.Diagnostics;

namespace Zarr.Runtime.Tests.Interop;

/// <summary>
/// Runs Debian's /usr/bin/python3 with zarr 2.13 and numcodecs 0.11, the judges of byte compatibility.
/// Outside CI a machine without them skips the interop tests with a visible reason; under CI
/// (the CI variable set) their absence is a failure.
/// </summary>
public static class Python
{
    public const string Interpreter = "/usr/bin/python3";
    private static readonly Lazy<string?> Missing = new(Probe);

    private static string? Probe()
    {
        if (!File.Exists(Interpreter)) return $"{Interpreter} is not installed";
        try
        {
            var (code, _, err) = RunRaw("import zarr, numcodecs, numpy; print(zarr.__version__, numcodecs.__version__)", null, TimeSpan.FromSeconds(60));
            return code == 0 ? null : "zarr/numcodecs are not importable: " + err.Trim();
        }
        catch (Exception e)
        {
            return "python could not be started: " + e.Message;
        }
    }

    /// <summary>Skips the calling test (or fails it under CI) when python, zarr or numcodecs is missing.</summary>
    public static void Require()
    {
        var missing = Missing.Value;
        if (missing is null) return;
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            throw new InvalidOperationException("CI is set but the interop judge is unavailable: " + missing + ". Run scripts/test.sh, which installs python3-zarr and python3-numcodecs.");
        Skip.If(true, "zarr-python interop skipped: " + missing + " (scripts/test.sh installs python3-zarr and python3-numcodecs)");
    }

    /// <summary>Runs a script; returns stdout, or throws with stderr when it fails.</summary>
    public static string Run(string script, string? stdin = null, int timeoutSeconds = 300)
    {
        Require();
        var (code, output, error) = RunRaw(script, stdin, TimeSpan.FromSeconds(timeoutSeconds));
        if (code != 0) throw new InvalidOperationException($"python exited with {code}:\n{error}\n--- script ---\n{script}");
        return output;
    }

    /// <summary>Runs a script file with arguments; returns stdout, or throws with stderr when it fails.</summary>
    public static string RunFile(string scriptPath, IEnumerable<string> args, string? stdin = null, int timeoutSeconds = 300)
    {
        Require();
        var (code, output, error) = Start([scriptPath, .. args], stdin, TimeSpan.FromSeconds(timeoutSeconds));
        if (code != 0) throw new InvalidOperationException($"python {scriptPath} exited with {code}:\n{error}");
        return output;
    }

    private static (int Code, string Out, string Err) RunRaw(string script, string? stdin, TimeSpan timeout)
    {
        var scriptFile = Path.Combine(Path.GetTempPath(), "zarr-typed-" + Guid.NewGuid().ToString("N") + ".py");
        File.WriteAllText(scriptFile, script);
        try
        {
            return Start([scriptFile], stdin, timeout);
        }
        finally
        {
            File.Delete(scriptFile);
        }
    }

    private static (int Code, string Out, string Err) Start(string[] args, string? stdin, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(Interpreter, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // Keep numpy/blosc single-threaded and free of the host's BLAS tweaks.
        psi.Environment["OMP_NUM_THREADS"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(true);
            throw new TimeoutException($"python did not finish within {timeout}");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
