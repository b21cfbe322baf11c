using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Zarr.Codecs;
using Zarr.Stores;

namespace Zarr.Runtime.Tests.Stores;

/// <summary>
/// A static file server of our own on 127.0.0.1 (a free port, a temporary folder), with byte ranges
/// and injectable faults: answers of 503, dropped connections, delays.
/// </summary>
internal sealed class StaticServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _root;
    private readonly Task _loop;
    private int _failuresLeft;
    private int _dropsLeft;

    public StaticServer(string root)
    {
        _root = root;
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            try
            {
                _listener.Prefixes.Clear();
                _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5) { }
        }
        _loop = Task.Run(Serve);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/";

    public int Requests;

    public long BytesServed;

    /// <summary>The next <paramref name="count"/> requests are answered 503 Slow Down.</summary>
    public void Throttle(int count) => _failuresLeft = count;

    /// <summary>The next <paramref name="count"/> requests have their connection dropped mid-answer.</summary>
    public void Drop(int count) => _dropsLeft = count;

    public TimeSpan Delay { get; set; }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(() => Handle(context));
        }
    }

    private async Task Handle(HttpListenerContext context)
    {
        Interlocked.Increment(ref Requests);
        var response = context.Response;
        try
        {
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                response.StatusCode = 503;
                response.Close();
                return;
            }
            var path = Path.Combine(_root, Uri.UnescapeDataString(context.Request.Url!.AbsolutePath.TrimStart('/')));
            if (!File.Exists(path))
            {
                response.StatusCode = 404;
                response.Close();
                return;
            }
            var data = await File.ReadAllBytesAsync(path);
            var range = context.Request.Headers["Range"];
            var (from, count) = (0L, (long)data.Length);
            if (range is not null && range.StartsWith("bytes=", StringComparison.Ordinal))
            {
                var parts = range[6..].Split('-');
                if (parts[0].Length == 0) { count = Math.Min(long.Parse(parts[1], CultureInfo.InvariantCulture), data.Length); from = data.Length - count; }
                else { from = long.Parse(parts[0], CultureInfo.InvariantCulture); count = Math.Min(long.Parse(parts[1], CultureInfo.InvariantCulture), data.Length - 1) - from + 1; }
                response.StatusCode = 206;
                response.AddHeader("Content-Range", $"bytes {from}-{from + count - 1}/{data.Length}");
            }
            response.ContentLength64 = count;
            if (context.Request.HttpMethod == "HEAD") { response.Close(); return; }
            if (Interlocked.Decrement(ref _dropsLeft) >= 0)
            {
                await response.OutputStream.WriteAsync(data.AsMemory((int)from, (int)(count / 2)));
                response.Abort(); // the connection goes away half-way through the body
                return;
            }
            await response.OutputStream.WriteAsync(data.AsMemory((int)from, (int)count));
            Interlocked.Add(ref BytesServed, count);
            response.Close();
        }
        catch (Exception)
        {
            response.Abort();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}

public class HttpStoreTests
{
    private static (string Dir, int[] Data) WriteHierarchy(bool consolidate)
    {
        var dir = Path.Combine(Path.GetTempPath(), "zarr-http-" + Guid.NewGuid().ToString("N"));
        var data = Enumerable.Range(0, 100 * 120).Select(i => i * 7 % 1000).ToArray();
        using (var store = new DirectoryStore(dir))
        {
            var root = ZarrGroup.Open(store, "w");
            root.Attrs["title"] = "served";
            var z = root.CreateGroup("g").Zeros<int>("a", shape: [100, 120], chunks: [30, 50]);
            z[Selector.Ellipsis] = NDArray<int>.From(data, 100, 120);
            if (consolidate) ZarrGroup.ConsolidateMetadata(store);
        }
        return (dir, data);
    }

    private static HttpStoreOptions Fast => new() { InitialBackoff = TimeSpan.FromMilliseconds(5), RequestTimeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public void AConsolidatedHierarchyOpensInOneRequestAndReadsAsTheLocalCopy()
    {
        var (dir, data) = WriteHierarchy(consolidate: true);
        using var server = new StaticServer(dir);
        using var store = new HttpStore(server.Url, Fast);
        var root = ZarrGroup.OpenConsolidated(store, "r");
        Assert.Equal(1, store.RequestCount);
        Assert.Equal("/\n └── g\n     └── a (100, 120) int32", root.Tree());
        Assert.Equal("served", (string)root.Attrs["title"]!);
        var z = root.GetArray<int>("g/a");
        Assert.Equal(data, z.Read().Data);
        Assert.Equal(ZarrGroup.Open(new DirectoryStore(dir, readOnly: true), "r").GetArray<int>("g/a")[5..77, 3..101].Data, z[5..77, 3..101].Data);
        Assert.Throws<ZarrReadOnlyException>(() => z[0, 0] = 1);
    }

    [Fact]
    public void AShardedV3HierarchyConsolidatedByZarrPython3RulesReadsOverHttp()
    {
        var dir = Path.Combine(Path.GetTempPath(), "zarr-http-v3-" + Guid.NewGuid().ToString("N"));
        var data = Enumerable.Range(0, 100 * 120).Select(i => i * 3 % 1000).ToArray();
        using (var local = new DirectoryStore(dir))
        {
            var root = ZarrGroup.Create(local, zarrFormat: 3);
            var z = root.CreateGroup("g").Create<int>("a", [100, 120], [10, 10], new ArrayOptions { Shards = [50, 60] });
            z[Selector.Ellipsis] = NDArray<int>.From(data, 100, 120);
            ZarrGroup.ConsolidateMetadata(local);
        }
        using var server = new StaticServer(dir);
        using var store = new HttpStore(server.Url, Fast);
        var opened = ZarrGroup.OpenConsolidated(store, "r");
        Assert.Equal("/\n └── g\n     └── a (100, 120) int32", opened.Tree());
        var a = opened.GetArray<int>("g/a");
        Assert.Equal(data, a.Read().Data);
        var before = server.BytesServed;
        Assert.Equal(new[] { data[55 * 120 + 66] }, a[55, 66].Data);
        // One inner chunk (400 bytes before compression) and the shard's 30-entry index, not the shard.
        Assert.True(server.BytesServed - before < 30 * 16 + 4 + 600, $"{server.BytesServed - before} bytes served");
    }

    [Fact]
    public async Task ByteRangesAndSuffixRangesReadOnlyWhatTheyAskFor()
    {
        var (dir, _) = WriteHierarchy(consolidate: false);
        using var server = new StaticServer(dir);
        using var store = new HttpStore(server.Url, Fast);
        var whole = File.ReadAllBytes(Path.Combine(dir, "g", "a", "0.0"));
        Assert.Equal(whole[10..30], store.GetRange("g/a/0.0", 10, 20));
        Assert.Equal(whole[^16..], await store.GetRangeAsync("g/a/0.0", -16, 16));
        Assert.Equal(whole.LongLength, store.GetSize("g/a/0.0"));
        Assert.Null(store.Get("g/a/99.99"));
        Assert.Equal(-1, store.GetSize("g/a/99.99"));
        Assert.True(server.BytesServed < whole.Length + 64);
    }

    [Fact]
    public void WithoutConsolidatedMetadataListingIsRefusedClearlyButPathsOpen()
    {
        var (dir, data) = WriteHierarchy(consolidate: false);
        using var server = new StaticServer(dir);
        using var store = new HttpStore(server.Url, Fast);
        var error = Assert.Throws<NotSupportedException>(() => store.ListPrefix("").ToList());
        Assert.Contains("consolidated metadata", error.Message);
        Assert.Equal(data, ZarrArray.Open(store, "r", "g/a").As<int>().Read().Data);
    }

    [Fact]
    public async Task ThrottlingAndDroppedConnectionsAreRetriedWithNothingLost()
    {
        var (dir, data) = WriteHierarchy(consolidate: true);
        using var server = new StaticServer(dir);
        using var store = new HttpStore(server.Url, Fast with { MaxAttempts = 6 });
        var z = ZarrGroup.OpenConsolidated(store, "r").GetArray<int>("g/a");
        server.Throttle(4);
        Assert.Equal(data, z.Read().Data);
        server.Drop(3);
        Assert.Equal(data, (await z.GetAsync([Selector.Ellipsis])).Data);
    }

    [Fact]
    public void AServerThatKeepsFailingGivesOneClearErrorAndNoHang()
    {
        var (dir, _) = WriteHierarchy(consolidate: true);
        using var server = new StaticServer(dir);
        using var store = new HttpStore(server.Url, Fast with { MaxAttempts = 3 });
        server.Throttle(1000);
        var error = Assert.Throws<ZarrException>(() => ZarrGroup.OpenConsolidated(store, "r"));
        Assert.Contains("after 3 attempts", error.Message);
        Assert.Contains("503", error.Message);
        server.Throttle(0);
        server.Delay = TimeSpan.FromSeconds(3);
        using var slow = new HttpStore(server.Url, Fast with { MaxAttempts = 2, RequestTimeout = TimeSpan.FromMilliseconds(300) });
        var timeout = Assert.Throws<ZarrException>(() => slow.Get(".zgroup"));
        Assert.Contains("no answer", timeout.Message);
    }

    [Fact]
    public void AMissingServerAndAnUnsupportedSchemeEachGiveOneClearError()
    {
        int port;
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }
        using var store = new HttpStore($"http://127.0.0.1:{port}/nothing/", Fast with { MaxAttempts = 2 });
        var error = Assert.Throws<ZarrException>(() => store.Get(".zgroup"));
        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.IsType<HttpStore>(ZarrStore.FromPath($"http://127.0.0.1:{port}/x"));
        Assert.Throws<NotSupportedException>(() => ZarrStore.FromPath("s3://bucket/prefix"));
        Assert.Throws<ArgumentException>(() => new HttpStore("ftp://example.org/x"));
    }
}
