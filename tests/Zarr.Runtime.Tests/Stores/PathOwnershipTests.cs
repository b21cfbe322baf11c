using Zarr.Stores;

namespace Zarr.Runtime.Tests.Stores;

public sealed class PathOwnershipTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "zarr-path-owned-" + Guid.NewGuid().ToString("N"));

    public PathOwnershipTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AZipWrittenThroughAPathOverloadHoldsTheData()
    {
        var zip = Path.Combine(_dir, "data.zip");
        using (var root = ZarrGroup.Create(zip))
        {
            var z = root.CreateGroup("foo").Zeros<int>("bar", shape: [10, 10], chunks: [5, 5]);
            z[..3, ..] = 42;
            root.Attrs["title"] = "kept";
        }

        using var store = new ZipStore(zip, ZipStoreMode.Read);
        var reopened = ZarrGroup.Open(store, "r");
        Assert.Equal(42, reopened.GetArray<int>("foo/bar").GetValue(2, 9));
        Assert.Equal(0, reopened.GetArray<int>("foo/bar").GetValue(3, 0));
        Assert.Equal("kept", reopened.Attrs["title"]!.GetValue<string>());
    }

    [Fact]
    public void AnArrayOpenedFromAPathWritesItsZipWhenDisposed()
    {
        var zip = Path.Combine(_dir, "array.zip");
        using (var z = ZarrArray.Open<double>(zip, "w", [4], [2]))
        {
            z[..] = NDArray<double>.From([1.5, 2.5, 3.5, 4.5], 4);
        }
        using var node = ZarrNode.Open(zip, "r");
        Assert.Equal([1.5, 2.5, 3.5, 4.5], ((ZarrArray)node).As<double>().Read().Data);
    }

    [Fact]
    public void AStoreTheCallerPassedInIsLeftOpen()
    {
        var zip = Path.Combine(_dir, "mine.zip");
        using var store = new ZipStore(zip, ZipStoreMode.Write);
        using (var root = ZarrGroup.Create(store))
        {
            root.Zeros<int>("a", shape: [2], chunks: [2]);
        }
        store.Set("extra", [1, 2, 3]); // still open: the node did not dispose it
        store.Flush();
        Assert.True(store.Contains("a/.zarray"));
    }
}
