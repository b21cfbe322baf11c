namespace Zarr.Runtime.Tests.Hierarchy;

/// <summary>Opening what is not there names the folder or file (issue 21), not only the node path.</summary>
public class MissingNodeTests
{
    private static string MissingFolder() => Path.Combine(Path.GetTempPath(), "zarr-missing-" + Guid.NewGuid().ToString("N"), "data.zarr");

    [Fact]
    public void OpeningAGroupInAMissingFolderNamesTheFolder()
    {
        var folder = MissingFolder();
        var e = Assert.Throws<ZarrNodeException>(() => ZarrGroup.Open(folder, "r"));
        Assert.Equal($"'/': no group found (no .zgroup or zarr.json) in the folder '{folder}', which does not exist.", e.Message);
    }

    [Fact]
    public void OpeningANodeOrArrayInAMissingFolderNamesTheFolder()
    {
        var folder = MissingFolder();
        Assert.Contains($"in the folder '{folder}', which does not exist", Assert.Throws<ZarrNodeException>(() => ZarrNode.Open(folder, "r")).Message);
        Assert.Contains($"in the folder '{folder}', which does not exist", Assert.Throws<ZarrNodeException>(() => ZarrArray.Open(folder, "r")).Message);
    }

    [Fact]
    public void AnExistingFolderWithoutTheNodeIsNamedWithoutSayingItIsMissing()
    {
        var folder = MissingFolder();
        Directory.CreateDirectory(folder);
        try
        {
            var e = Assert.Throws<ZarrNodeException>(() => ZarrGroup.Open(folder, "r", "sub"));
            Assert.Equal($"'sub': no group found (no .zgroup or zarr.json) in the folder '{folder}'.", e.Message);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }

    [Fact]
    public void AMissingZipFileIsNamed()
    {
        var file = Path.ChangeExtension(MissingFolder(), ".zip");
        var e = Assert.ThrowsAny<Exception>(() => ZarrGroup.Open(file, "r"));
        Assert.Contains(file, e.Message);
    }
}
