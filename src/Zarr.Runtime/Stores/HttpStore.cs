using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Zarr.Metadata;
using Zarr.Metadata.Json;

namespace Zarr.Stores;

/// <summary>Settings of an <see cref="HttpStore"/>.</summary>
public sealed record HttpStoreOptions
{
    /// <summary>Most requests in flight at once through the asynchronous members (default 16).</summary>
    public int MaxConcurrency { get; init; } = 16;

    /// <summary>Attempts per request when the server throttles (429, 503), fails (500, 502, 504), times out or drops the connection (default 5).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The first back-off; each retry doubles it, with up to half of it added at random (default 100 ms).</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long one request may take before it is abandoned and retried (default 30 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// A read-only store over HTTP(S), as zarr-python reads one through fsspec: each key is a URL under
/// the base URL, fetched with GET (byte ranges with a <c>Range</c> header, the end of a value with a
/// suffix range). HTTP cannot list a folder, so listing uses the consolidated metadata
/// (<c>.zmetadata</c>) when the server has it and is refused with a clear error otherwise; open such
/// a hierarchy with <see cref="ZarrGroup.OpenConsolidated"/>, which reads all metadata in one request.
/// Throttling (429, 503), server errors, time-outs and dropped connections are retried with
/// exponential back-off and jitter.
/// </summary>
public sealed class HttpStore : ZarrStore
{
    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly HttpStoreOptions _options;
    private readonly RetryPolicy _retry;
    private readonly SemaphoreSlim _gate;
    private readonly Lazy<IReadOnlyList<string>?> _consolidatedKeys;

    /// <summary>Opens the store at <paramref name="baseUrl"/> (a folder URL; a trailing '/' is added).</summary>
    /// <param name="baseUrl">An http:// or https:// URL.</param>
    /// <param name="options">Concurrency, retries and time-outs; null for the defaults.</param>
    /// <param name="client">The client to send requests with (not disposed by the store); null for one of the store's own.</param>
    public HttpStore(Uri baseUrl, HttpStoreOptions? options = null, HttpClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || baseUrl.Scheme is not ("http" or "https"))
            throw new ArgumentException($"'{baseUrl}' is not an http:// or https:// URL.", nameof(baseUrl));
        BaseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _options = options ?? new HttpStoreOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxConcurrency);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxAttempts);
        _client = client ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _ownsClient = client is null;
        _gate = new SemaphoreSlim(_options.MaxConcurrency);
        _retry = new RetryPolicy(_options.MaxAttempts, _options.InitialBackoff, _options.RequestTimeout);
        _consolidatedKeys = new Lazy<IReadOnlyList<string>?>(ReadConsolidatedKeys);
    }

    /// <summary>Opens the store at <paramref name="baseUrl"/>.</summary>
    public HttpStore(string baseUrl, HttpStoreOptions? options = null, HttpClient? client = null)
        : this(new Uri(baseUrl ?? throw new ArgumentNullException(nameof(baseUrl))), options, client)
    {
    }

    /// <summary>The base URL, ending in '/'.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Requests sent so far, retries included.</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    private long _requests;

    /// <inheritdoc />
    public override string StoreTypeName => "fsspec.implementations.http.HTTPFileSystem";

    /// <inheritdoc />
    public override bool IsReadOnly => true;

    /// <inheritdoc />
    public override int IoConcurrency => _options.MaxConcurrency;

    private Uri UrlOf(string key) => new(BaseUrl, string.Join('/', StoreKey.Validate(key).Split('/').Select(Uri.EscapeDataString)));

    /// <inheritdoc />
    public override byte[]? Get(string key) => GetBody(key, null, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc />
    public override byte[]? GetRange(string key, long offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length == 0) return Contains(key) ? [] : null;
        return GetBody(key, RangeOf(offset, length), CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <inheritdoc />
    public override async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try { return await GetBody(key, null, cancellationToken).ConfigureAwait(false); }
        finally { _gate.Release(); }
    }

    /// <inheritdoc />
    public override async ValueTask<byte[]?> GetRangeAsync(string key, long offset, int length, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length == 0) return Contains(key) ? [] : null;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try { return await GetBody(key, RangeOf(offset, length), cancellationToken).ConfigureAwait(false); }
        finally { _gate.Release(); }
    }

    private static RangeHeaderValue RangeOf(long offset, int length) =>
        offset < 0 ? new RangeHeaderValue(null, -offset) : new RangeHeaderValue(offset, offset + length - 1);

    /// <inheritdoc />
    public override bool Contains(string key) => GetSize(key) >= 0;

    /// <inheritdoc />
    public override long GetSize(string key)
    {
        return Send(key, HttpMethod.Head, null, notFound: -1L, rangeNotSatisfiable: -1L,
            async (response, ct) => response.Content.Headers.ContentLength ?? (await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false)).LongLength,
            CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <inheritdoc />
    public override void Set(string key, ReadOnlySpan<byte> value) => throw new ZarrReadOnlyException($"Store {StoreTypeName} ('{BaseUrl}')");

    /// <inheritdoc />
    public override bool Delete(string key) => throw new ZarrReadOnlyException($"Store {StoreTypeName} ('{BaseUrl}')");

    /// <summary>
    /// The metadata keys of the consolidated metadata under <paramref name="prefix"/>. HTTP has no
    /// listing: without a <c>.zmetadata</c> document this throws <see cref="NotSupportedException"/>.
    /// </summary>
    public override IEnumerable<string> ListPrefix(string prefix)
    {
        var keys = _consolidatedKeys.Value
            ?? throw new NotSupportedException($"'{BaseUrl}' cannot be listed: HTTP has no folder listing and the store has no consolidated metadata (.zmetadata, or consolidated_metadata in the root zarr.json). Consolidate it where it is written (zarr.consolidate_metadata, or 'zarr consolidate'), or open nodes by path.");
        return keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }

    private List<string>? ReadConsolidatedKeys()
    {
        var bytes = Get(MetadataKeys.Consolidated);
        if (bytes is null)
        {
            // zarr v3 (zarr-python 3): consolidated metadata inline in the root zarr.json.
            const string v3Key = Metadata.V3.V3Document.Key;
            if (Get(v3Key) is not { } v3Root) return null;
            var (_, rootDoc) = Metadata.V3.V3Document.ParseNode(v3Root, v3Key);
            if (rootDoc["consolidated_metadata"]?["metadata"] is not JsonObject nodes) return null;
            return nodes.Select(p => p.Key + "/" + v3Key).Where(StoreKey.IsValid).Append(v3Key).Order(StringComparer.Ordinal).ToList();
        }
        if (ZarrJson.Parse(bytes, MetadataKeys.Consolidated) is not JsonObject { } root || root["metadata"] is not JsonObject documents)
            throw new ZarrMetadataException(MetadataKeys.Consolidated, "metadata", "missing or not an object.");
        return documents.Select(p => p.Key).Where(StoreKey.IsValid).Append(MetadataKeys.Consolidated).Order(StringComparer.Ordinal).ToList();
    }

    // The value, or a range of it (null for 404, empty for a range past its end).
    private Task<byte[]?> GetBody(string key, RangeHeaderValue? range, CancellationToken cancellationToken) =>
        Send<byte[]?>(key, HttpMethod.Get, range, notFound: null, rangeNotSatisfiable: [], async (response, ct) =>
        {
            var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            // A server that ignores Range answers 200 with the whole value: cut the range out of it.
            return range is not null && response.StatusCode == HttpStatusCode.OK ? Slice(body, range) : body;
        }, cancellationToken);

    // One request with retries; read turns a successful response into the result (inside the retried
    // part, so a connection dropped or stalled while the body arrives is retried too).
    private Task<T> Send<T>(string key, HttpMethod method, RangeHeaderValue? range, T notFound, T rangeNotSatisfiable,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var url = UrlOf(key);
        return _retry.RunAsync(async token =>
        {
            using var request = new HttpRequestMessage(method, url);
            if (range is not null) request.Headers.Range = range;
            Interlocked.Increment(ref _requests);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound) return notFound;
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable) return rangeNotSatisfiable;
            if (response.IsSuccessStatusCode) return await read(response, token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is 429 or 500 or 502 or 503 or 504) throw new RetryableStatus($"HTTP {status} {response.ReasonPhrase}");
            throw new ZarrException($"{method} '{url}' failed: HTTP {status} {response.ReasonPhrase}.");
        }, e => e is RetryableStatus or HttpRequestException or IOException ? e.Message : null,
        (attempts, failure) => new ZarrException($"{method} '{url}' failed after {attempts} attempts: {failure}."), cancellationToken);
    }

    /// <summary>An answer worth asking again for (throttling, a server error).</summary>
    private sealed class RetryableStatus(string message) : Exception(message);

    private static byte[] Slice(byte[] body, RangeHeaderValue range)
    {
        var r = range.Ranges.First();
        long from = r.From ?? Math.Max(0, body.LongLength - (r.To ?? 0));
        long to = r.From is null ? body.LongLength - 1 : Math.Min(r.To ?? body.LongLength - 1, body.LongLength - 1);
        return from > to || from >= body.LongLength ? [] : body.AsSpan((int)from, (int)(to - from + 1)).ToArray();
    }

    /// <inheritdoc />
    public override StoreDescriptor? Describe() => new("http", BaseUrl.AbsoluteUri);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (_ownsClient) _client.Dispose();
            _gate.Dispose();
        }
        base.Dispose(disposing);
    }
}
