using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests.Diagnostics;

/// <summary>ZARR107: a metadata file whose path is not inside its ZarrRoot.</summary>
public class ZARR107Tests
{
    [Fact]
    public Task FileOutsideTheRootIsReported()
    {
        var test = new ZarrGeneratorTest { TestCode = "// user code" };
        test.TestState.AdditionalFiles.Add(("/elsewhere/.zgroup", "{\"zarr_format\": 2}"));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", """
            is_global = true
            [/elsewhere/.zgroup]
            build_metadata.AdditionalFiles.ZarrRoot = /repo/store.zarr
            build_metadata.AdditionalFiles.ZarrClass = Demo.Store
            """));
        return test.Expect("ZARR107", "/elsewhere/.zgroup", 1, 1, "/elsewhere/.zgroup", "/repo/store.zarr").RunAsync();
    }

    [Fact]
    public Task RelativeRootMatchesTheTrailingFolders()
    {
        var test = new ZarrGeneratorTest { TestCode = "// user code" };
        test.TestState.AdditionalFiles.Add(("/home/me/project/data/store.zarr/.zgroup", "{\"zarr_format\": 2}"));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", """
            is_global = true
            [/home/me/project/data/store.zarr/.zgroup]
            build_metadata.AdditionalFiles.ZarrRoot = data/store.zarr
            build_metadata.AdditionalFiles.ZarrClass = Demo.Store
            """));
        return test.RunAsync();
    }
}
