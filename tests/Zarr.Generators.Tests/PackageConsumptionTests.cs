using Zarr.Generators.Tests.Infrastructure;
using System.Diagnostics;
using Xunit.Abstractions;

namespace Zarr.Generators.Tests;

/// <summary>
/// Packs the runtime (which carries the generator) and builds and runs a project that consumes it
/// with one PackageReference from a local folder feed, as a user would. The package gets a version of
/// its own and restores into a private packages folder, so a stale package can never be used.
/// </summary>
public class PackageConsumptionTests(ITestOutputHelper output)
{
    /// <summary>The RIDs whose ReadyToRun image of Zarr.Runtime the package carries (src/Zarr.Runtime/ReadyToRun.targets).</summary>
    private static readonly string[] ReadyToRunRuntimes = ["linux-x64", "linux-arm64", "osx-arm64", "win-x64"];

    [Fact]
    public void ConsumerBuildsAndRunsFromLocalFeed()
    {
        var root = Repository.Root;
        var work = Directory.CreateTempSubdirectory("zarr-typed-pack-").FullName;
        try
        {
            var version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
            var feed = Path.Combine(work, "feed");
            // The test project builds the runtime and the generator, so the package is made without building again.
            Run(root, "dotnet", "pack", Path.Combine(root, "src/Zarr.Runtime/Zarr.Runtime.csproj"), "--no-build", "-c", Repository.Configuration, "-o", feed, "-p:PackageVersion=" + version, "-nologo");
            var package = Path.Combine(feed, $"Zarr.Typed.Runtime.{version}.nupkg");
            using (var zip = System.IO.Compression.ZipFile.OpenRead(package))
            {
                var entries = zip.Entries.Select(e => e.FullName).ToList();
                Assert.Contains("analyzers/dotnet/cs/Zarr.Generators.dll", entries);
                Assert.Contains("buildTransitive/Zarr.Typed.Runtime.props", entries);
                Assert.Contains("README.md", entries);
                Assert.False(IsReadyToRun(zip, "lib/net10.0/Zarr.Runtime.dll"), "lib/ keeps the IL-only assembly");
                foreach (var packed in ReadyToRunRuntimes)
                    Assert.True(IsReadyToRun(zip, $"runtimes/{packed}/lib/net10.0/Zarr.Runtime.dll"), $"no ReadyToRun image for {packed}");
                var nuspec = new StreamReader(zip.GetEntry("Zarr.Typed.Runtime.nuspec")!.Open()).ReadToEnd();
                Assert.Contains("<readme>README.md</readme>", nuspec);
                Assert.DoesNotContain("Zarr.Generators", nuspec);
                Assert.DoesNotContain("Microsoft.CodeAnalysis", nuspec);
            }

            var consumer = Path.Combine(work, "consumer");
            WriteConsumer(consumer, feed, version);
            var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work, "packages") };
            RunWith(consumer, "dotnet", env, "build", "-c", "Release", "-nologo", "--disable-build-servers", "-p:UseSharedCompilation=false");
            // The app is framework-dependent with no RID of its own, as `dotnet build` makes it: the host picks
            // the package's image for this machine. The JIT's summary shows what was compiled at run time.
            var jitLog = Path.Combine(work, "jit.txt");
            var printed = RunWith(consumer, "dotnet", new() { ["DOTNET_JitStdOutFile"] = jitLog, ["DOTNET_JitDisasmSummary"] = "1" },
                Path.Combine(consumer, "bin", "Release", "net10.0", "Consumer.dll")).Trim().Split('\n');
            Assert.Equal("schema 42 | metadata 7.5 (3, 4) \"m/s\"", printed[0].Trim());
            var rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
            if (ReadyToRunRuntimes.Contains(rid))
            {
                Assert.Equal($"runtimes/{rid}/lib/net10.0/Zarr.Runtime.dll readytorun=True", printed[1].Trim());
                var jitted = File.ReadAllText(jitLog);
                Assert.Contains("JIT compiled Program:", jitted); // the summary works: the app's own code is compiled
                Assert.DoesNotContain("JIT compiled Zarr.Stores.MemoryStore:", jitted); // the library's is precompiled
            }
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    private static bool IsReadyToRun(System.IO.Compression.ZipArchive zip, string entry)
    {
        using var copy = new MemoryStream();
        using (var stream = zip.GetEntry(entry)!.Open()) stream.CopyTo(copy);
        copy.Position = 0;
        using var pe = new System.Reflection.PortableExecutable.PEReader(copy);
        return pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
    }

    private static void WriteConsumer(string dir, string feed, string version)
    {
        Directory.CreateDirectory(Path.Combine(dir, "store", "wind"));
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <!-- The runtime's own dependencies, already restored on this machine when the solution was built. -->
                <add key="machine" value="{globalPackages}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(dir, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <!-- The one reference a user adds: the runtime package carries the generator. -->
                <PackageReference Include="Zarr.Typed.Runtime" Version="{version}" />
                <AdditionalFiles Include="store\**\.zgroup;store\**\.zarray;store\**\.zattrs" ZarrRoot="store" ZarrClass="Consumer.Weather" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "store", ".zgroup"), "{\"zarr_format\": 2}");
        File.WriteAllText(Path.Combine(dir, "store", "wind", ".zattrs"), "{\"units\": \"m/s\"}");
        File.WriteAllText(Path.Combine(dir, "store", "wind", ".zarray"), """
            {"chunks": [2, 2], "compressor": {"id": "zlib", "level": 1}, "dtype": "<f8", "fill_value": 0.0,
             "filters": null, "order": "C", "shape": [3, 4], "zarr_format": 2}
            """);
        File.WriteAllText(Path.Combine(dir, "Program.cs"), """
            using Zarr;
            using Zarr.Stores;

            var store = new MemoryStore();
            var schema = Consumer.Counts.Create(store);
            schema.Values[1, 2] = 42;
            int fromSchema = Consumer.Counts.Open(store).Values[1, 2];

            var wind = Consumer.Weather.Create(new MemoryStore());
            wind.Wind.Attrs["units"] = "m/s";
            wind.Wind[.., ..] = new double[3, 4];
            wind.Wind[2, 3] = 7.5;
            double[,] all = wind.Wind.Read();
            Console.WriteLine(FormattableString.Invariant($"schema {fromSchema} | metadata {all[2, 3]} ({all.GetLength(0)}, {all.GetLength(1)}) \"{wind.Wind.Units}\""));

            // Which Zarr.Runtime the host loaded, and whether it is a ReadyToRun image.
            var runtime = typeof(ZarrGroup).Assembly.Location;
            using (var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(runtime)))
                Console.WriteLine($"{Path.GetRelativePath(AppContext.BaseDirectory, runtime).Replace('\\', '/')} readytorun={pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0}");

            namespace Consumer
            {
                [ZarrGroup]
                public partial class Counts
                {
                    [ZarrArray(Shape = [4, 4], Chunks = [2, 2])]
                    public partial ZarrArray2D<int> Values { get; }
                }
            }
            """);
    }

    private string Run(string workingDirectory, string fileName, params string[] args) => RunWith(workingDirectory, fileName, null, args);

    private string RunWith(string workingDirectory, string fileName, Dictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{fileName} {string.Join(' ', args)} timed out");
        }
        output.WriteLine($"{fileName} {string.Join(' ', args)}: {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(process.ExitCode == 0, $"{fileName} {string.Join(' ', args)} failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }
}
