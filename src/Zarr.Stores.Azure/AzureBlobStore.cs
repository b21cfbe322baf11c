using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Zarr.Stores;

/// <summary>Where an <see cref="AzureBlobStore"/> lives, how it signs in, and how it retries.</summary>
public sealed record AzureBlobStoreOptions
{
    /// <summary>The storage account's connection string (azurite's development account included); it names the account and its key.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>
    /// The account's blob endpoint (<c>https://account.blob.core.windows.net</c>), used when there is no
    /// connection string, with <see cref="Credential"/>, with <see cref="Sas"/>, or with neither for a
    /// public container (anonymous reads).
    /// </summary>
    public Uri? AccountUrl { get; init; }

    /// <summary>A token credential (Azure.Identity's <c>DefaultAzureCredential</c>, a managed identity…) for <see cref="AccountUrl"/>.</summary>
    public TokenCredential? Credential { get; init; }

    /// <summary>A shared access signature for <see cref="AccountUrl"/>: the query string, with or without its leading '?'.</summary>
    public string? Sas { get; init; }

    /// <summary>Most requests in flight at once through the asynchronous members (default 32).</summary>
    public int MaxConcurrency { get; init; } = 32;

    /// <summary>Retries of a throttled (503 ServerBusy), failed, timed-out or dropped request, with exponential back-off and jitter (default 5).</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The first back-off; each retry doubles it (default 100 ms).</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long one attempt may wait on the network, reads of an answer's body included, before it is retried (default 30 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The options the environment gives, as the Azure tools read it: <c>AZURE_STORAGE_CONNECTION_STRING</c>,
    /// or <c>AZURE_STORAGE_ACCOUNT_NAME</c> (the account URL) with <c>AZURE_STORAGE_SAS_TOKEN</c> when set.
    /// </summary>
    public static AzureBlobStoreOptions FromEnvironment()
    {
        var account = Environment.GetEnvironmentVariable("AZURE_STORAGE_ACCOUNT_NAME");
        return new AzureBlobStoreOptions
        {
            ConnectionString = Environment.GetEnvironmentVariable("AZURE_STORAGE_CONNECTION_STRING") is { Length: > 0 } c ? c : null,
            AccountUrl = account is { Length: > 0 } ? new Uri($"https://{account}.blob.core.windows.net") : null,
            Sas = Environment.GetEnvironmentVariable("AZURE_STORAGE_SAS_TOKEN") is { Length: > 0 } sas ? sas : null,
        };
    }

    internal BlobClientOptions ClientOptions()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries);
        var options = new BlobClientOptions();
        // The store retries (RetryPolicy): an error answer whose body is cut short or stalls escapes the
        // SDK's retries, and two layers of retries would multiply.
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = RequestTimeout;
        return options;
    }

    internal RetryPolicy Retry() => new(MaxRetries + 1, InitialBackoff, RequestTimeout);
}

/// <summary>
/// A store in an Azure Blob Storage container under a prefix: connection string, SAS URL or token
/// credential; ranges and suffix ranges, paginated listing, bounded asynchronous concurrency, retries
/// with exponential back-off and jitter (<see cref="RetryPolicy"/>), and conditional writes on ETags
/// (<see cref="IConditionalStore"/>), so that <see cref="Synchronization.OptimisticSynchronizer"/>
/// keeps writers on different machines from losing each other's updates.
/// </summary>
public sealed class AzureBlobStore : ZarrStore, IConditionalStore
{
    private readonly BlobContainerClient _container;
    private readonly SemaphoreSlim _gate;
    private readonly bool _readOnly;
    private readonly RetryPolicy _retry;

    /// <summary>
    /// Opens <c>az://<paramref name="container"/>/<paramref name="prefix"/></c> in the account the
    /// options name (a connection string, or an account URL with a credential, a SAS or neither).
    /// </summary>
    public AzureBlobStore(string container, string prefix = "", AzureBlobStoreOptions? options = null, bool readOnly = false)
        : this(options ?? AzureBlobStoreOptions.FromEnvironment(), container, prefix, readOnly)
    {
    }

    private AzureBlobStore(AzureBlobStoreOptions options, string container, string prefix, bool readOnly)
        : this(CreateClient(container, options), prefix, options.MaxConcurrency, readOnly, options.Retry())
    {
    }

    /// <summary>Opens the store over a container client of the caller's (whose own retries then add to the store's).</summary>
    public AzureBlobStore(BlobContainerClient container, string prefix = "", int maxConcurrency = 32, bool readOnly = false)
        : this(container, prefix, maxConcurrency, readOnly, new AzureBlobStoreOptions().Retry())
    {
    }

    private AzureBlobStore(BlobContainerClient container, string prefix, int maxConcurrency, bool readOnly, RetryPolicy retry)
    {
        _retry = retry;
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

    private static BlobContainerClient CreateClient(string container, AzureBlobStoreOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(container);
        if (options.ConnectionString is { } connection) return new BlobContainerClient(connection, container, options.ClientOptions());
        if (options.AccountUrl is not { } account)
            throw new ArgumentException($"No storage account for the container '{container}': give AzureBlobStoreOptions.ConnectionString or AccountUrl (or set AZURE_STORAGE_CONNECTION_STRING).", nameof(options));
        var url = new UriBuilder(account) { Path = account.AbsolutePath.TrimEnd('/') + "/" + container };
        if (options.Sas is { Length: > 0 } sas) url.Query = sas.TrimStart('?');
        return options.Credential is { } credential
            ? new BlobContainerClient(url.Uri, credential, options.ClientOptions())
            : new BlobContainerClient(url.Uri, options.ClientOptions());
    }

    /// <summary>
    /// Opens <c>az://container/prefix</c> (in the account the options name) or
    /// <c>https://account.blob.core.windows.net/container/prefix</c> (a SAS in its query is used;
    /// otherwise the options' credential or SAS, or anonymous access). Null options read the environment
    /// (<see cref="AzureBlobStoreOptions.FromEnvironment"/>).
    /// </summary>
    public static AzureBlobStore Open(string url, AzureBlobStoreOptions? options = null, bool readOnly = false)
    {
        ArgumentNullException.ThrowIfNull(url);
        options ??= AzureBlobStoreOptions.FromEnvironment();
        if (url.StartsWith("az://", StringComparison.OrdinalIgnoreCase))
        {
            var (container, prefix) = ZarrStoreSchemes.SplitObjectUrl(url, "az");
            return new AzureBlobStore(container, prefix, options, readOnly);
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !IsBlobHost(uri.Host))
            throw new ArgumentException($"'{url}' is neither an az:// URL nor https://<account>.blob.core.windows.net/<container>.", nameof(url));
        if (uri.AbsolutePath.Trim('/').Length == 0) throw new ArgumentException($"'{url}' names no container.", nameof(url));
        // The same split as az://container/prefix, on the URL's path.
        var (name, path) = ZarrStoreSchemes.SplitObjectUrl("az://" + Uri.UnescapeDataString(uri.AbsolutePath.Trim('/')), "az");
        var account = new Uri($"{uri.Scheme}://{uri.Authority}");
        var sas = uri.Query.Length > 1 ? uri.Query : options.Sas;
        return new AzureBlobStore(name, path, options with { ConnectionString = null, AccountUrl = account, Sas = sas }, readOnly);
    }

    /// <summary>
    /// Lets <see cref="ZarrStore.FromPath"/> (and so <c>ZarrGroup.Open("az://container/prefix")</c>, the other path
    /// overloads and the <c>zarr</c> tool's library users) open <c>az://</c> URLs and
    /// <c>https://account.blob.core.windows.net/…</c> URLs as Azure Blob stores with these options (null:
    /// read from the environment when a store is opened).
    /// </summary>
    public static void Register(AzureBlobStoreOptions? options = null)
    {
        ZarrStoreFactory open = (url, readOnly) => Open(url, options, readOnly);
        ZarrStoreSchemes.Register("az", open);
        ZarrStoreSchemes.RegisterHost(BlobHostSuffix, open);
    }

    private const string BlobHostSuffix = ".blob.core.windows.net";

    /// <summary>True for an account's blob host (<c>account.blob.core.windows.net</c>).</summary>
    public static bool IsBlobHost(string host) => host.EndsWith(BlobHostSuffix, StringComparison.OrdinalIgnoreCase) && host.Length > BlobHostSuffix.Length;

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

    private Task<(byte[]? Value, string? ETag)> GetCoreAsync(string key, HttpRange? range, CancellationToken cancellationToken)
    {
        var blob = Blob(key);
        return Run("GET", blob, async token =>
        {
            try
            {
                var response = await blob.DownloadContentAsync(new BlobDownloadOptions { Range = range ?? default }, token).ConfigureAwait(false);
                return ((byte[]?)response.Value.Content.ToArray(), (string?)response.Value.Details.ETag.ToString());
            }
            catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode != "ContainerNotFound")
            {
                return (null, null);
            }
            catch (RequestFailedException e) when (e.Status == 416)
            {
                return ([], null);
            }
        }, cancellationToken);
    }

    // One request under the retry policy; an error that is not transient, or the last one, becomes a
    // ZarrException naming the request and the blob.
    private async Task<T> Run<T>(string verb, BlobClient blob, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        try
        {
            return await _retry.RunAsync(attempt, Transient, (attempts, failure) => new ZarrException($"{verb} '{Where(blob)}' failed after {attempts} attempts: {failure}."), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            throw Failure(verb, blob, e);
        }
    }

    // Worth another attempt: throttling (503 ServerBusy) and server errors, and failures of the
    // connection (dropped, reset, an answer cut short).
    private static string? Transient(Exception e) => e switch
    {
        RequestFailedException { Status: 408 or 429 or 500 or 502 or 503 or 504 } r => $"HTTP {r.Status} {r.ErrorCode}",
        RequestFailedException { Status: 0, InnerException: { } inner } r => Transient(inner) ?? r.Message,
        IOException or HttpRequestException or System.Net.Sockets.SocketException => e.Message,
        System.Xml.XmlException => "the answer was cut short",
        AggregateException a => a.InnerExceptions.Select(Transient).FirstOrDefault(d => d is not null),
        _ => null,
    };

    // The blob's URL without its query, which may hold a SAS.
    private static string Where(BlobClient blob) => blob.Uri.GetLeftPart(UriPartial.Path);

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
    // A conditional put whose answer was lost may have landed, and its retry (ours, or the HTTP stack's
    // own on a reused connection) then fails the condition: the blob's write mark, a random token sent
    // with the put, tells whether the blob is ours, so a change is neither lost nor applied twice.
    private Task<bool> PutAsync(string key, byte[] value, BlobRequestConditions? conditions, CancellationToken cancellationToken)
    {
        var blob = Blob(key);
        var mark = conditions is null ? null : Guid.NewGuid().ToString("N");
        return Run("PUT", blob, async token =>
        {
            try
            {
                var options = new BlobUploadOptions
                {
                    Conditions = conditions,
                    Metadata = mark is null ? null : new Dictionary<string, string> { [WriteMark] = mark },
                    TransferOptions = new Azure.Storage.StorageTransferOptions { InitialTransferSize = Math.Max(1, value.Length), MaximumTransferSize = Math.Max(1, value.Length) },
                };
                await blob.UploadAsync(new BinaryData(value), options, token).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException e) when (conditions is not null && e.Status is 409 or 412)
            {
                return await HasMark(blob, mark!, token).ConfigureAwait(false);
            }
        }, cancellationToken);
    }

    private const string WriteMark = "zarrwrite";

    private static async Task<bool> HasMark(BlobClient blob, string mark, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return properties.Value.Metadata.TryGetValue(WriteMark, out var found) && found == mark;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public override bool Delete(string key)
    {
        EnsureWritable();
        var blob = Blob(key);
        return Sync(Run("DELETE", blob, async token => (await blob.DeleteIfExistsAsync(cancellationToken: token).ConfigureAwait(false)).Value, CancellationToken.None));
    }

    /// <inheritdoc />
    public bool TryDelete(string key, string expectedVersion)
    {
        EnsureWritable();
        var blob = Blob(key);
        return Sync(Run("DELETE", blob, async token =>
        {
            try
            {
                await blob.DeleteAsync(DeleteSnapshotsOption.None, new BlobRequestConditions { IfMatch = new ETag(expectedVersion) }, token).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
            {
                return false;
            }
        }, CancellationToken.None));
    }

    /// <inheritdoc />
    public override bool Contains(string key) => GetSize(key) >= 0;

    /// <inheritdoc />
    public override long GetSize(string key)
    {
        var blob = Blob(key);
        return Sync(Run("HEAD", blob, async token =>
        {
            try { return (await blob.GetPropertiesAsync(cancellationToken: token).ConfigureAwait(false)).Value.ContentLength; }
            catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode != "ContainerNotFound") { return -1L; }
        }, CancellationToken.None));
    }

    /// <inheritdoc />
    public override IEnumerable<string> ListPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > 0) StoreKey.Validate(prefix.EndsWith('/') ? prefix[..^1] : prefix);
        var full = Prefix.Length == 0 ? prefix : Prefix + "/" + prefix;
        var keys = new List<string>();
        string? marker = null;
        do
        {
            // One page per request, each retried on its own (continuation markers).
            var page = Sync(Run("LIST", _container.GetBlobClient(full), async token =>
            {
                await foreach (var p in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, full, token).AsPages(marker).ConfigureAwait(false))
                    return p;
                throw new InvalidOperationException("no page");
            }, CancellationToken.None));
            foreach (var item in page.Values)
            {
                var key = Prefix.Length == 0 ? item.Name : item.Name[(Prefix.Length + 1)..];
                if (StoreKey.IsValid(key)) keys.Add(key);
            }
            marker = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(marker));
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
        return new ZarrException($"{verb} '{Where(blob)}' failed: {what}.", e);
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
