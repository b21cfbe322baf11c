namespace Zarr.Runtime.Tests.Interop;

public class PythonSmokeTests
{
    [SkippableFact]
    public void DebianZarrIsTheJudge()
    {
        var version = Python.Run("import zarr; print(zarr.__version__)").Trim();
        Assert.StartsWith("2.13", version);
    }
}
