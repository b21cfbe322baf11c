using System.Diagnostics;
using System.Globalization;
using Zarr;
using Zarr.Stores;

// ObjectStoreBench <url> <whole|windows> <concurrency> [warm]: reads the w1 array (10000² int32,
// Blosc, consolidated) from a store and prints "seconds requests bytes". url: http(s)://…,
// s3://bucket/prefix (AWS_* variables), az://container/prefix (AZURE_STORAGE_CONNECTION_STRING) or
// a folder. Used by benchmarks/object_stores.py; the operation alone is timed.
if (args is ["mkcontainer", var name])
{
    new Azure.Storage.Blobs.BlobContainerClient(Environment.GetEnvironmentVariable("AZURE_STORAGE_CONNECTION_STRING"), name).CreateIfNotExists();
    return 0;
}
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: ObjectStoreBench <url> <whole|windows> <concurrency> [warm]");
    return 2;
}
var (url, mode, concurrency) = (args[0], args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
var warm = args.Length > 3 && args[3] == "warm";

ZarrStore Open()
{
    if (url.StartsWith("s3://", StringComparison.Ordinal))
        return S3Store.Open(url, S3StoreOptions.FromEnvironment() with { MaxConcurrency = concurrency }, readOnly: true);
    if (url.StartsWith("az://", StringComparison.Ordinal))
        return AzureBlobStore.Open(url, AzureBlobStoreOptions.FromEnvironment() with { MaxConcurrency = concurrency }, readOnly: true);
    if (url.StartsWith("http", StringComparison.Ordinal))
        return new HttpStore(url, new HttpStoreOptions { MaxConcurrency = concurrency });
    return new DirectoryStore(url, readOnly: true);
}

double Run(CountingStore store, out long check)
{
    var sw = Stopwatch.StartNew();
    var z = ZarrGroup.OpenConsolidated(store, "r").GetArray<int>("w1");
    check = 0;
    if (mode == "whole")
    {
        var a = z.GetAsync([Selector.Ellipsis], default).AsTask().GetAwaiter().GetResult();
        check = a.Data[12345];
    }
    else
    {
        var rng = new Lcg(7);
        for (var i = 0; i < 200; i++)
        {
            long r = rng.Next(10000 - 300), c = rng.Next(10000 - 300);
            check += z.GetAsync([Selector.Slice(r, r + 300), Selector.Slice(c, c + 300)], default).AsTask().GetAwaiter().GetResult().Data[0];
        }
    }
    return sw.Elapsed.TotalSeconds;
}

if (warm)
{
    using var w = new CountingStore(Open());
    Run(w, out _);
}
using var store = new CountingStore(Open());
var seconds = Run(store, out var sum);
if (sum == 0) throw new InvalidOperationException("read wrong data");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{seconds:F6} {store.Requests} {store.Bytes}"));
return 0;

/// <summary>Counts what a store hands out: requests (reads, sizes, existence checks, listings) and bytes.</summary>
internal sealed class CountingStore(ZarrStore inner) : ZarrStore
{
    private long _requests, _bytes;
    public long Requests => Interlocked.Read(ref _requests);
    public long Bytes => Interlocked.Read(ref _bytes);
    public override string StoreTypeName => inner.StoreTypeName;
    public override bool IsReadOnly => true;
    public override int IoConcurrency => inner.IoConcurrency;
    private byte[]? Count(byte[]? v) { Interlocked.Increment(ref _requests); if (v is not null) Interlocked.Add(ref _bytes, v.LongLength); return v; }
    public override byte[]? Get(string key) => Count(inner.Get(key));
    public override byte[]? GetRange(string key, long offset, int length) => Count(inner.GetRange(key, offset, length));
    public override async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default) => Count(await inner.GetAsync(key, cancellationToken));
    public override bool Contains(string key) { Interlocked.Increment(ref _requests); return inner.Contains(key); }
    public override long GetSize(string key) { Interlocked.Increment(ref _requests); return inner.GetSize(key); }
    public override IEnumerable<string> ListPrefix(string prefix) { Interlocked.Increment(ref _requests); return inner.ListPrefix(prefix); }
    public override void Set(string key, ReadOnlySpan<byte> value) => throw new NotSupportedException();
    public override bool Delete(string key) => throw new NotSupportedException();
    protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
}

/// <summary>The same generator as benchmarks/compare.py's Lcg, so both sides read the same windows.</summary>
internal sealed class Lcg(ulong state)
{
    public long Next(long bound)
    {
        state = unchecked(state * 6364136223846793005UL + 1442695040888963407UL);
        return (long)((state >> 33) % (ulong)bound);
    }
}
