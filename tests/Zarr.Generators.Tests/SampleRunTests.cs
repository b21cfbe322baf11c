using Zarr.Generators.Tests.Infrastructure;
using System.Diagnostics;

namespace Zarr.Generators.Tests;

/// <summary>
/// Runs the samples in samples/TypedBindings as built by the solution build (with the SDK's own
/// compiler loading the generator). Skipped when the solution was not built in this configuration,
/// except under CI, where a missing sample is a failure.
/// </summary>
public class SampleRunTests
{
    [SkippableFact]
    public void SchemaFirstSampleRuns()
    {
        var output = RunSample("SchemaFirst");
        Assert.Contains("temperature 7x4x5, chunks 1x4x5, dtype float32", output);
        Assert.Contains("station Tromsø", output);
        Assert.Contains("/temperature: dtype: expected <f4, found <f8", output);
        Assert.Contains("/stations/position: missing array", output);
    }

    [SkippableFact]
    public void MetadataFirstSampleRuns()
    {
        var output = RunSample("MetadataFirst");
        Assert.Contains("Sea surface sample from Zarr.Typed samples, version 2", output);
        Assert.Contains("sea_surface_temperature 4x6x8 in degC", output);
        Assert.Contains("station 3 Cádiz", output);
    }

    private static string RunSample(string name)
    {
        var dll = Path.Combine(Repository.Root, "samples", "TypedBindings", name, "bin", Repository.Configuration, "net10.0", name + ".dll");
        var ci = Environment.GetEnvironmentVariable("CI") is "true" or "1";
        Skip.If(!File.Exists(dll) && !ci, $"{dll} is not built; build Zarr.Typed.sln in {Repository.Configuration} first.");
        Assert.True(File.Exists(dll), $"{dll} is missing: the solution build should have built the sample.");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = System.Text.Encoding.UTF8 };
        psi.ArgumentList.Add(dll);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), name + " timed out");
        Assert.True(process.ExitCode == 0, $"{name} failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }
}
