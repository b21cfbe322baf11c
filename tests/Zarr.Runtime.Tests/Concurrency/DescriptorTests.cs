using Xunit.Abstractions;
using Zarr.Stores;
using Zarr.Synchronization;

namespace Zarr.Runtime.Tests.Concurrency;

/// <summary>Shareable handles: zarr-python's pickling section, as JSON descriptors.</summary>
public class DescriptorTests(ITestOutputHelper output)
{
    [Fact]
    public void ArrayHandleRoundTripsThroughSmallJson()
    {
        using var dir = new TempDir();
        var z3 = ZarrArray.Open<long>(dir.Sub("walnuts.zarr"), "w", [100000]);
        z3.Set([Selector.Ellipsis], Enumerable.Range(0, 100000).Select(i => (long)i).ToArray());
        var s = z3.Describe()!.ToJson();
        output.WriteLine($"len(s) = {s.Length}: {s}");
        Assert.True(s.Length < 200, $"descriptor is {s.Length} characters"); // zarr-python's pickle is 501 bytes
        Assert.DoesNotContain("99999", s); // never the data
        var z4 = NodeDescriptor.FromJson(s).OpenArray<long>();
        Assert.True(z3 == z4);
        Assert.False(z3 != z4);
        Assert.Equal(z3, z4);
        Assert.Equal(z3.GetHashCode(), z4.GetHashCode());
        Assert.Equal(z3.Read().Data, z4.Read().Data);
        Assert.Equal(s, z4.Describe()!.ToJson());
    }

    [Fact]
    public void JsonShapeIsCompactAndStable()
    {
        var d = new NodeDescriptor(new StoreDescriptor("directory", "/data/example"), "foo/bar", true, "r+", new SynchronizerDescriptor("process", "/data/example.sync"));
        Assert.Equal("""{"store":{"kind":"directory","location":"/data/example"},"path":"foo/bar","array":true,"mode":"r+","sync":{"kind":"process","path":"/data/example.sync"}}""", d.ToJson());
        Assert.Equal(d, NodeDescriptor.FromJson(d.ToJson()));
        var g = d with { IsArray = false, Synchronizer = null, Mode = "r" };
        Assert.Equal("""{"store":{"kind":"directory","location":"/data/example"},"path":"foo/bar","array":false,"mode":"r"}""", g.ToJson());
        Assert.Equal(g, NodeDescriptor.FromJson(g.ToJson()));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("""{"path":"","array":true,"mode":"r"}""")]
    [InlineData("""{"store":{"kind":"directory","location":"/x"},"path":"","array":true,"mode":"w"}""")]
    [InlineData("""{"store":{"kind":"directory","location":"/x"},"path":"","array":true,"mode":"q"}""")]
    [InlineData("""{"store":{"kind":"directory","location":null},"path":"","array":true,"mode":"r"}""")]
    public void InvalidDescriptorsAreRefusedClearly(string json)
    {
        var e = Record.Exception(() => NodeDescriptor.FromJson(json));
        Assert.True(e is ZarrException or ArgumentException, $"got {e?.GetType().Name ?? "no exception"}");
    }

    [Fact]
    public void EqualityFollowsZarrPython()
    {
        using var dir = new TempDir();
        var path = dir.Sub("eq.zarr");
        var root = ZarrGroup.Create(new DirectoryStore(path));
        root.Zeros<int>("a/x", [10], [5]);
        var x1 = ZarrArray.Open(new DirectoryStore(path), "r+", "a/x");
        var x2 = ZarrArray.Open(new DirectoryStore(path + Path.DirectorySeparatorChar), "a", "/a/x/").As<int>();
        Assert.Equal<ZarrNode>(x1, x2); // another store instance on the same folder, a typed view
        Assert.Equal(x1.GetHashCode(), x2.GetHashCode());
        Assert.NotEqual<ZarrNode>(x1, ZarrArray.Open(new DirectoryStore(path), "r", "a/x")); // read-only differs, as in zarr-python
        Assert.NotEqual<ZarrNode>(x1, root.GetGroup("a"));
        Assert.Equal<ZarrNode>(root.GetGroup("a"), ZarrGroup.Open(new DirectoryStore(path), "r+", "a"));
        var set = new HashSet<ZarrNode> { x1, x2, root, ZarrGroup.Open(new DirectoryStore(path), "r+") };
        Assert.Equal(2, set.Count);
        var memory = new MemoryStore();
        var m = ZarrArray.Zeros<int>([3], store: memory);
        Assert.Equal<ZarrNode>(m, ZarrArray.Open(memory, "r+"));
        Assert.NotEqual<ZarrNode>(m, ZarrArray.Zeros<int>([3]));
        Assert.Null(m.Describe()); // lives only in this process
    }

    [Fact]
    public void SynchronizersAreDescribedAndRecreated()
    {
        using var dir = new TempDir();
        var store = new DirectoryStore(dir.Sub("s.zarr"));
        var sync = new ProcessSynchronizer(dir.Sub("s.sync"));
        var g = ZarrGroup.Create(store, synchronizer: sync);
        var z = g.Zeros<int>("x", [10], [5]);
        Assert.Same(sync, z.Synchronizer); // groups pass theirs to their arrays, as zarr-python does
        Assert.Same(sync, ((ZarrArray)g["x"]).Synchronizer);
        Assert.Contains("Synchronizer type : zarr.sync.ProcessSynchronizer", g.Info);
        var d = z.Describe()!;
        Assert.Equal(new SynchronizerDescriptor("process", sync.Path), d.Synchronizer);
        var reopened = NodeDescriptor.FromJson(d.ToJson()).OpenArray();
        Assert.Equal(sync.Path, Assert.IsType<ProcessSynchronizer>(reopened.Synchronizer).Path);
        var t = ZarrArray.Open(store, "r+", "x", new ThreadSynchronizer());
        Assert.IsType<ThreadSynchronizer>(NodeDescriptor.FromJson(t.Describe()!.ToJson()).OpenArray().Synchronizer);
        Assert.Null(ZarrArray.Open(store, "r+", "x", new CustomSynchronizer()).Describe()); // cannot be recreated elsewhere
        var gd = NodeDescriptor.FromJson(g.Describe()!.ToJson());
        Assert.False(gd.IsArray);
        Assert.Equal<ZarrNode>(g, gd.OpenGroup());
        Assert.Throws<ZarrNodeException>(() => gd.OpenArray());
        Assert.Throws<ZarrNodeException>(() => d.OpenGroup());
    }

    private sealed class CustomSynchronizer : ISynchronizer
    {
        public string TypeName => "custom";

        public IDisposable Acquire(string key) => new MemoryStream();
    }
}

[Collection(ProcessTestsCollection.Name)]
public class DescriptorChildProcessTests(ITestOutputHelper output)
{
    [Fact]
    public void AnotherProcessReopensArrayAndGroupFromTheirDescriptors()
    {
        using var dir = new TempDir();
        var path = dir.Sub("shared.zarr");
        var root = ZarrGroup.Create(new DirectoryStore(path));
        var sync = new ProcessSynchronizer(dir.Sub("shared.sync"));
        var z = ZarrArray.Open<long>(new DirectoryStore(path), "w", [1000], [100], new ArrayOptions { Synchronizer = sync }, "data/values");
        z.Set([Selector.Ellipsis], Enumerable.Range(1, 1000).Select(i => (long)i).ToArray());
        var json = z.Describe()!.ToJson();
        output.WriteLine($"array descriptor ({json.Length} chars): {json}");

        using (var child = ChildProcess.Start("reopen", json))
        {
            child.Expect("type=ZarrArray", TimeSpan.FromSeconds(60));
            child.Expect("sync=zarr.sync.ProcessSynchronizer", TimeSpan.FromSeconds(30));
            child.Expect("sum=500500", TimeSpan.FromSeconds(30));
            var echoed = child.WaitForLine(TimeSpan.FromSeconds(30));
            Assert.Equal("descriptor=" + json, echoed); // the child's handle describes itself identically
            child.WaitForSuccess(TimeSpan.FromSeconds(30));
        }
        Assert.Equal(-1, z.GetValue(0)); // the child wrote through its handle

        var readOnly = ZarrArray.Open(new DirectoryStore(path), "r", "data/values").Describe()!.ToJson();
        using (var child = ChildProcess.Start("reopen", readOnly))
        {
            child.Expect("type=ZarrArray", TimeSpan.FromSeconds(60));
            child.Expect("sync=none", TimeSpan.FromSeconds(30));
            child.Expect("sum=" + (500500 - 2), TimeSpan.FromSeconds(30));
            Assert.Equal("descriptor=" + readOnly, child.WaitForLine(TimeSpan.FromSeconds(30)));
            child.WaitForSuccess(TimeSpan.FromSeconds(30));
        }

        var group = root.GetGroup("data").Describe()!.ToJson();
        using (var child = ChildProcess.Start("reopen", group))
        {
            child.Expect("type=ZarrGroup", TimeSpan.FromSeconds(60));
            child.Expect("sync=none", TimeSpan.FromSeconds(30));
            child.Expect("members=values", TimeSpan.FromSeconds(30));
            Assert.Equal("descriptor=" + group, child.WaitForLine(TimeSpan.FromSeconds(30)));
            child.WaitForSuccess(TimeSpan.FromSeconds(30));
        }
    }
}
