using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Zarr.Stores;

/// <summary>
/// A store in an Azure Blob Storage container under a prefix: connection string, SAS URL or token
/// credential; ranges and suffix ranges, paginated listing, bounded asynchronous concurrency, the
/// SDK's retries with exponential back-off, and conditional writes on ETags
/// (<see cref="IConditionalStore"/>), so that <see cref="Synchronization.OptimisticSynchronizer"/>
/// keeps writers on different machines from losing each other's updates.
/// </summary>
public sealed class AzureBlobStore : ZarrStore, IConditionalStore
{
    private readonly BlobContainerClient _container;
    private readonly SemaphoreSlim _gate;
    private readonly bool _readOnly;

    /// <summary>Opens <paramref name="container"/> with a connection string.</summary>
    public AzureBlobStore(string connectionString, string container, string prefix = "", int maxConcurrency = 32, bool readOnly = false)
        : this(new BlobContainerClient(connectionString, container, Options()), prefix, maxConcurrency, readOnly)
    {
    }

    /// <summary>Opens a container by URL (<c>https://account.blob.core.windows.net/container</c>, with a SAS query or not) and an optional token credential.</summary>
    public AzureBlobStore(Uri containerUrl, TokenCredential? credential = null, string prefix = "", int maxConcurrency = 32, bool readOnly = false)
        : this(credential is null ? new BlobContainerClient(containerUrl, Options()) : new BlobContainerClient(containerUrl, credential, Options()), prefix, maxConcurrency, readOnly)
    {
    }

    /// <summary>Opens the store over a container client of the caller's.</summary>
    public AzureBlobStore(BlobContainerClient container, string prefix = "", int maxConcurrency = 32, bool readOnly = false)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxConcurrency);
        _container = container;
        Prefix = prefix.Trim('/');
        if (Prefix.Length > 0) StoreKey.Validate(Prefix);
        _gate = new SemaphoreSlim(maxConcurrency);
        IoConcurrency = maxConcurrency;
        _readOnly = readOnly;
    }

    private static BlobClientOptions Options()
    {
        var options = new BlobClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 5;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return options;
    }

    /// <summary>The prefix of every blob ("" for the container's root).</summary>
    public string Prefix { get; }

    /// <summary>The container's name.</summary>
    public string Container => _container.Name;

    /// <inheritdoc />
    public override string StoreTypeName => "zarr.storage.ABSStore";

    /// <inheritdoc />
    public override bool IsReadOnly => _readOnly;

    /// <inheritdoc />
    public override int IoConcurrency { get; }

    private BlobClient Blob(string key) => _container.GetBlobClient(Prefix.Length == 0 ? StoreKey.Validate(key) : Prefix + "/" + StoreKey.Validate(key));

    private static T Sync<T>(Task<T> task) => task.GetAwaiter().GetResult();

    /// <inheritdoc />
    public override byte[]? Get(string key) => Sync(GetCoreAsync(key, null, CancellationToken.None)).Value;

    /// <inheritdoc />
    public byte[]? GetVersioned(string key, out string? version)
    {
        var (value, etag) = Sync(GetCoreAsync(key, null, CancellationToken.None));
        version = etag;
        return value;
    }

    /// <inheritdoc />
    public override byte[]? GetRange(string key, long offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return Sync(GetRangeCoreAsync(key, offset, length, CancellationToken.None));
    }

    /// <inheritdoc />
    public override async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try { return (await GetCoreAsync(key, null, cancellationToken).ConfigureAwait(false)).Value; }
        finally { _gate.Release(); }
    }

    /// <inheritdoc />
    public override async ValueTask<byte[]?> GetRangeAsync(string key, long offset, int length, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try { return await GetRangeCoreAsync(key, offset, length, cancellationToken).ConfigureAwait(false); }
        finally { _gate.Release(); }
    }

    private async Task<byte[]?> GetRangeCoreAsync(string key, long offset, int length, CancellationToken cancellationToken)
    {
        if (length == 0) return Contains(key) ? [] : null;
        if (offset < 0)
        {
            // Blob Storage has no suffix ranges: the size first, then the range.
            var size = GetSize(key);
            if (size < 0) return null;
            offset = Math.Max(0, size + offset);
            if (offset >= size) return [];
        }
        return (await GetCoreAsync(key, new HttpRange(offset, length), cancellationToken).ConfigureAwait(false)).Value;
    }

    private async Task<(byte[]? Value, string? ETag)> GetCoreAsync(string key, HttpRange? range, CancellationToken cancellationToken)
    {
        var blob = Blob(key);
        try
        {
            var options = new BlobDownloadOptions { Range = range ?? default };
            var response = await blob.DownloadContentAsync(options, cancellationToken).ConfigureAwait(false);
            return (response.Value.Content.ToArray(), response.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode != "ContainerNotFound")
        {
            return (null, null);
        }
        catch (RequestFailedException e) when (e.Status == 416)
        {
            return ([], null);
        }
        catch (RequestFailedException e)
        {
            throw Failure("GET", blob, e);
        }
    }

    /// <inheritdoc />
    public override void Set(string key, ReadOnlySpan<byte> value)
    {
        EnsureWritable();
        Sync(PutAsync(key, value.ToArray(), null, CancellationToken.None));
    }

    /// <inheritdoc />
    public bool TrySet(string key, ReadOnlySpan<byte> value, string? expectedVersion)
    {
        EnsureWritable();
        var conditions = expectedVersion is null
            ? new BlobRequestConditions { IfNoneMatch = ETag.All }
            : new BlobRequestConditions { IfMatch = new ETag(expectedVersion) };
        return Sync(PutAsync(key, value.ToArray(), conditions, CancellationToken.None));
    }

    /// <inheritdoc />
    public override async ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        EnsureWritable();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try { await PutAsync(key, value.ToArray(), null, cancellationToken).ConfigureAwait(false); }
        finally { _gate.Release(); }
    }

    // One Put Blob of the whole value: below the SDK's single-upload limit (256 MiB) the blob is
    // replaced whole or not at all, so an interrupted writer leaves the old chunk or the new one.
    private async Task<bool> PutAsync(string key, byte[] value, BlobRequestConditions? conditions, CancellationToken cancellationToken)
    {
        var blob = Blob(key);
        try
        {
            var options = new BlobUploadOptions
            {
                Conditions = conditions,
                TransferOptions = new Azure.Storage.StorageTransferOptions { InitialTransferSize = Math.Max(1, value.Length), MaximumTransferSize = Math.Max(1, value.Length) },
            };
            await blob.UploadAsync(new BinaryData(value), options, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (conditions is not null && e.Status is 409 or 412)
        {
            return false;
        }
        catch (RequestFailedException e)
        {
            throw Failure("PUT", blob, e);
        }
    }

    /// <inheritdoc />
    public override bool Delete(string key)
    {
        EnsureWritable();
        var blob = Blob(key);
        try { return Sync(blob.DeleteIfExistsAsync()).Value; }
        catch (RequestFailedException e) { throw Failure("DELETE", blob, e); }
    }

    /// <inheritdoc />
    public bool TryDelete(string key, string expectedVersion)
    {
        EnsureWritable();
        var blob = Blob(key);
        try
        {
            Sync(blob.DeleteAsync(DeleteSnapshotsOption.None, new BlobRequestConditions { IfMatch = new ETag(expectedVersion) }));
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return false;
        }
        catch (RequestFailedException e)
        {
            throw Failure("DELETE", blob, e);
        }
    }

    /// <inheritdoc />
    public override bool Contains(string key) => GetSize(key) >= 0;

    /// <inheritdoc />
    public override long GetSize(string key)
    {
        var blob = Blob(key);
        try { return Sync(blob.GetPropertiesAsync()).Value.ContentLength; }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode != "ContainerNotFound") { return -1; }
        catch (RequestFailedException e) { throw Failure("HEAD", blob, e); }
    }

    /// <inheritdoc />
    public override IEnumerable<string> ListPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > 0) StoreKey.Validate(prefix.EndsWith('/') ? prefix[..^1] : prefix);
        var full = Prefix.Length == 0 ? prefix : Prefix + "/" + prefix;
        var keys = new List<string>();
        try
        {
            // The SDK follows the continuation markers page by page.
            foreach (var item in _container.GetBlobs(BlobTraits.None, BlobStates.None, full, CancellationToken.None))
            {
                var key = Prefix.Length == 0 ? item.Name : item.Name[(Prefix.Length + 1)..];
                if (StoreKey.IsValid(key)) keys.Add(key);
            }
        }
        catch (RequestFailedException e)
        {
            throw Failure("LIST", _container.GetBlobClient(full), e);
        }
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    private ZarrException Failure(string verb, BlobClient blob, RequestFailedException e)
    {
        var what = e.ErrorCode switch
        {
            "ContainerNotFound" => $"the container '{Container}' does not exist",
            "AuthenticationFailed" or "AuthorizationFailure" => "access denied: check the connection string, SAS or credential",
            _ => $"HTTP {e.Status} {e.ErrorCode}",
        };
        return new ZarrException($"{verb} '{blob.Uri}' failed: {what}.", e);
    }

    /// <inheritdoc />
    public override StoreDescriptor? Describe() => null;

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _gate.Dispose();
        base.Dispose(disposing);
    }
}
