using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Zarr.Stores;

/// <summary>Where an <see cref="S3Store"/> lives and how it signs in.</summary>
public sealed record S3StoreOptions
{
    /// <summary>
    /// An S3-compatible endpoint (<c>http://127.0.0.1:9000</c> for MinIO); null for AWS. A custom
    /// endpoint uses path-style addressing, as S3-compatible servers expect.
    /// </summary>
    public string? Endpoint { get; init; }

    /// <summary>The region (default <c>us-east-1</c>).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Explicit credentials; null takes the SDK's usual chain (environment, profile, instance role).</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Unsigned requests, for public buckets.</summary>
    public bool Anonymous { get; init; }

    /// <summary>Most requests in flight at once through the asynchronous members (default 32).</summary>
    public int MaxConcurrency { get; init; } = 32;

    /// <summary>
    /// The server honours <c>If-Match</c> and <c>If-None-Match</c> on PutObject (AWS S3 since 2024,
    /// MinIO, Cloudflare R2…; not s3rver), so the store's conditional writes
    /// (<see cref="IConditionalStore"/>) can serve <see cref="Synchronization.OptimisticSynchronizer"/>.
    /// Off by default: a server that ignores the conditions would lose updates silently, so the store
    /// refuses conditional writes unless this is set, and then checks once, before its first
    /// conditional write, that the server refuses a write whose condition fails (two small writes and
    /// a delete of a probe object under the prefix).
    /// </summary>
    public bool ConditionalWrites { get; init; }

    /// <summary>
    /// Retries of a request that was throttled (503 SlowDown), failed on the server, timed out, lost its
    /// connection or had its answer cut short (default 5), with exponential back-off and jitter.
    /// </summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The first back-off; each retry doubles it, with up to half of it added at random (default 100 ms).</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long one attempt may take, its answer's body included, before it is abandoned and retried (default 30 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The options the standard environment variables give: <c>AWS_ENDPOINT_URL</c>, <c>AWS_REGION</c>
    /// (or <c>AWS_DEFAULT_REGION</c>), and <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c> when both are set.
    /// </summary>
    public static S3StoreOptions FromEnvironment()
    {
        var key = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
        var secret = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
        return new S3StoreOptions
        {
            Endpoint = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") is { Length: > 0 } e ? e : null,
            Region = Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? "us-east-1",
            Credentials = key is { Length: > 0 } && secret is { Length: > 0 } ? new BasicAWSCredentials(key, secret) : null,
        };
    }
}

/// <summary>
/// A store in an S3 bucket under a prefix (zarr-python's <c>FSStore</c> over s3fs): any S3-compatible
/// endpoint, byte-range and suffix-range reads, paginated listing, asynchronous members with bounded
/// concurrency, and retries (<see cref="RetryPolicy"/>) of throttled, failed, dropped, cut-short and
/// timed-out requests. Each value is one object written by one PUT, so a
/// reader or an interrupted writer only ever sees a whole old or whole new chunk. Where the server
/// has conditional writes (<see cref="S3StoreOptions.ConditionalWrites"/>) it is an
/// <see cref="IConditionalStore"/> for writers on many machines.
/// </summary>
public sealed class S3Store : ZarrStore, IConditionalStore
{
    private readonly IAmazonS3 _client;
    private readonly bool _ownsClient;
    private readonly SemaphoreSlim _gate;
    private readonly bool _readOnly;
    private readonly RetryPolicy _retry;
    private readonly bool _conditionalWrites;
    private readonly Lock _checkLock = new();
    private Task? _conditionsChecked; // the check that the server honours conditions, once it has started

    /// <summary>Opens the store <c>s3://<paramref name="bucket"/>/<paramref name="prefix"/></c>.</summary>
    public S3Store(string bucket, string prefix = "", S3StoreOptions? options = null, bool readOnly = false)
        : this(CreateClient(options ?? new S3StoreOptions()), bucket, prefix, options ?? new S3StoreOptions(), readOnly, ownsClient: true)
    {
    }

    /// <summary>
    /// Opens the store over a client of the caller's (not disposed by the store); of the options, those
    /// that do not make a client apply (concurrency, retries, conditional writes).
    /// </summary>
    public S3Store(IAmazonS3 client, string bucket, string prefix = "", S3StoreOptions? options = null, bool readOnly = false)
        : this(client, bucket, prefix, options ?? new S3StoreOptions(), readOnly, ownsClient: false)
    {
    }

    private S3Store(IAmazonS3 client, string bucket, string prefix, S3StoreOptions options, bool readOnly, bool ownsClient)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxConcurrency);
        _client = client;
        _ownsClient = ownsClient;
        Bucket = bucket;
        Prefix = prefix.Trim('/');
        if (Prefix.Length > 0) StoreKey.Validate(Prefix);
        _gate = new SemaphoreSlim(options.MaxConcurrency);
        IoConcurrency = options.MaxConcurrency;
        _readOnly = readOnly;
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        _retry = new RetryPolicy(options.MaxRetries + 1, options.InitialBackoff, options.RequestTimeout);
        _conditionalWrites = options.ConditionalWrites;
    }

    /// <summary>
    /// Opens <c>s3://bucket/prefix</c>. Null options read the standard environment variables
    /// (<see cref="S3StoreOptions.FromEnvironment"/>).
    /// </summary>
    public static S3Store Open(string url, S3StoreOptions? options = null, bool readOnly = false)
    {
        var (bucket, prefix) = ZarrStoreSchemes.SplitObjectUrl(url, "s3");
        return new S3Store(bucket, prefix, options ?? S3StoreOptions.FromEnvironment(), readOnly);
    }

    /// <summary>
    /// Lets <see cref="ZarrStore.FromPath"/> (and so <c>ZarrGroup.Open("s3://bucket/prefix")</c> and the
    /// other path overloads) open <c>s3://</c> URLs as S3 stores with these options (null: read from the
    /// environment each time a store is opened). Call it once at start-up.
    /// </summary>
    public static void Register(S3StoreOptions? options = null) =>
        ZarrStoreSchemes.Register("s3", (url, readOnly) => Open(url, options, readOnly));

    private static AmazonS3Client CreateClient(S3StoreOptions options)
    {
        var config = new AmazonS3Config
        {
            AuthenticationRegion = options.Region,
            // The store retries (RetryPolicy): the SDK does not retry an answer whose body is cut short
            // or stalls, and two layers of retries would multiply.
            MaxErrorRetry = 0,
            Timeout = options.RequestTimeout,
            // S3-compatible servers do not all take the SDK's default trailing checksums.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.Endpoint is not null)
        {
            config.ServiceURL = options.Endpoint;
            config.ForcePathStyle = true;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }
        if (options.Anonymous) return new AmazonS3Client(new AnonymousAWSCredentials(), config);
        return options.Credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(options.Credentials, config);
    }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }

    /// <summary>The prefix of every key ("" for the bucket's root).</summary>
    public string Prefix { get; }

    /// <summary>The store as a URL.</summary>
    public string Url => Prefix.Length == 0 ? $"s3://{Bucket}" : $"s3://{Bucket}/{Prefix}";

    /// <inheritdoc />
    public override string StoreTypeName => "zarr.storage.FSStore";

    /// <inheritdoc />
    public override bool IsReadOnly => _readOnly;

    /// <inheritdoc />
    public override int IoConcurrency { get; }

    private string ObjectKey(string key) => Prefix.Length == 0 ? StoreKey.Validate(key) : Prefix + "/" + StoreKey.Validate(key);

    private static T Sync<T>(Task<T> task) => task.GetAwaiter().GetResult();

    /// <inheritdoc />
    public override byte[]? Get(string key) => Sync(GetCoreAsync(key, null, CancellationToken.None)).Body;

    /// <inheritdoc />
    public override byte[]? GetRange(string key, long offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return length == 0 ? (Contains(key) ? [] : null) : Sync(GetCoreAsync(key, RangeOf(offset, length), CancellationToken.None)).Body;
    }

    /// <inheritdoc />
    public override async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try { return (await GetCoreAsync(key, null, cancellationToken).ConfigureAwait(false)).Body; }
        finally { _gate.Release(); }
    }

    /// <inheritdoc />
    public override async ValueTask<byte[]?> GetRangeAsync(string key, long offset, int length, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length == 0) return Contains(key) ? [] : null;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try { return (await GetCoreAsync(key, RangeOf(offset, length), cancellationToken).ConfigureAwait(false)).Body; }
        finally { _gate.Release(); }
    }

    private static ByteRange RangeOf(long offset, int length) =>
        offset < 0 ? new ByteRange($"bytes=-{-offset}") : new ByteRange(offset, offset + length - 1);

    // The value or a range of it (null when absent, empty past its end), with its ETag.
    private async Task<(byte[]? Body, string? ETag)> GetCoreAsync(string key, ByteRange? range, CancellationToken cancellationToken)
    {
        var objectKey = ObjectKey(key);
        var (body, status, contentRange, etag) = await Run("GET", objectKey, async token =>
        {
            try
            {
                using var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = Bucket, Key = objectKey, ByteRange = range }, token).ConfigureAwait(false);
                var length = response.ContentLength;
                using var buffer = length is >= 0 and <= int.MaxValue ? new MemoryStream((int)length) : new MemoryStream();
                await response.ResponseStream.CopyToAsync(buffer, token).ConfigureAwait(false);
                var bytes = buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
                return ((byte[]?)bytes, response.HttpStatusCode, (string?)response.ContentRange, (string?)response.ETag);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket")
            {
                return (null, HttpStatusCode.NotFound, null, null);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                return ([], HttpStatusCode.RequestedRangeNotSatisfiable, null, null);
            }
        }, cancellationToken).ConfigureAwait(false);
        if (body is null || range is null) return (body, etag);
        // A server that ignores the range answers 200 with the whole object: cut it here.
        if (status == HttpStatusCode.OK) return (Slice(body, range), etag);
        // A server that misreads a suffix range (s3rver serves bytes=-N from the start) is asked again
        // for the explicit range, now that the object's size is known from Content-Range.
        if (IsSuffix(range, out var suffix) && TryParseContentRange(contentRange, out var start, out var total) && start != Math.Max(0, total - suffix))
        {
            var from = Math.Max(0, total - suffix);
            return total == 0 ? ([], etag) : await GetCoreAsync(key, new ByteRange(from, total - 1), cancellationToken).ConfigureAwait(false);
        }
        return (body, etag);
    }

    // One request under the retry policy; an error that is not transient, or the last one, becomes a
    // ZarrException naming the request and the object.
    private async Task<T> Run<T>(string verb, string objectKey, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        try
        {
            return await _retry.RunAsync(attempt, Transient, (attempts, failure) => new ZarrException($"{verb} '{Where(objectKey)}' failed after {attempts} attempts: {failure}."), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException)
        {
            throw Failure(verb, objectKey, e);
        }
    }

    // Worth another attempt: throttling and server errors, and failures of the connection (dropped,
    // reset, an answer cut short, which the SDK reports as an unreadable answer).
    private static string? Transient(Exception e) => e switch
    {
        AmazonUnmarshallingException => "the answer was cut short",
        AmazonServiceException { StatusCode: (HttpStatusCode)429 or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout } s =>
            $"HTTP {(int)s.StatusCode} {s.ErrorCode}",
        AmazonServiceException { ErrorCode: "SlowDown" or "RequestTimeout" or "InternalError" or "ServiceUnavailable" } s => $"HTTP {(int)s.StatusCode} {s.ErrorCode}",
        IOException or HttpRequestException or System.Net.Sockets.SocketException => e.Message,
        TimeoutException => "no answer in time",
        // The SDK checks a body against its MD5: a mismatch is a body damaged on the way (or, on s3rver, an
        // object read while it was being replaced).
        AmazonClientException when e.Message.Contains("hash", StringComparison.OrdinalIgnoreCase) => "the body did not match its checksum",
        AmazonClientException or AmazonServiceException when e.InnerException is { } inner => Transient(inner),
        _ => null,
    };

    private static bool IsSuffix(ByteRange range, out long suffix)
    {
        suffix = 0;
        return range.FormattedByteRange is { } text && text.StartsWith("bytes=-", StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(7), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out suffix);
    }

    // "bytes 0-23/1000"
    private static bool TryParseContentRange(string? header, out long start, out long total)
    {
        start = total = 0;
        if (header is null || !header.StartsWith("bytes ", StringComparison.Ordinal)) return false;
        var dash = header.IndexOf('-');
        var slash = header.IndexOf('/');
        return dash > 6 && slash > dash
            && long.TryParse(header.AsSpan(6, dash - 6), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out start)
            && long.TryParse(header.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out total);
    }

    private static byte[] Slice(byte[] body, ByteRange range)
    {
        long from, to;
        if (IsSuffix(range, out var suffix))
        {
            from = Math.Max(0, body.LongLength - suffix);
            to = body.LongLength - 1;
        }
        else
        {
            from = range.Start;
            to = Math.Min(range.End, body.LongLength - 1);
        }
        return from > to ? [] : body.AsSpan((int)from, (int)(to - from + 1)).ToArray();
    }

    /// <inheritdoc />
    public override void Set(string key, ReadOnlySpan<byte> value)
    {
        EnsureWritable();
        Sync(PutAsync(key, value.ToArray(), CancellationToken.None));
    }

    /// <inheritdoc />
    public override async ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        EnsureWritable();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try { await PutAsync(key, value.ToArray(), cancellationToken).ConfigureAwait(false); }
        finally { _gate.Release(); }
    }

    // One PUT of the whole value (no multi-part upload): the object is replaced whole or not at all.
    private Task<bool> PutAsync(string key, byte[] value, CancellationToken cancellationToken) =>
        PutCoreAsync(ObjectKey(key), value, null, null, cancellationToken);

    // A put, conditional when ifMatch or ifNoneMatch is given: false when the condition failed (412, or
    // 409 when another conditional write raced this one). A conditional put whose answer was lost may
    // have landed, and its retry (ours, or the HTTP stack's own on a reused connection) then fails the
    // condition: the object's write mark, a random token sent with the put, tells whether the object
    // is ours, so a change is neither lost nor applied twice.
    private Task<bool> PutCoreAsync(string objectKey, byte[] value, string? ifMatch, string? ifNoneMatch, CancellationToken cancellationToken)
    {
        var conditional = ifMatch is not null || ifNoneMatch is not null;
        var mark = conditional ? Guid.NewGuid().ToString("N") : null;
        return Run("PUT", objectKey, async token =>
        {
            using var body = new MemoryStream(value, writable: false);
            var request = new PutObjectRequest { BucketName = Bucket, Key = objectKey, InputStream = body, UseChunkEncoding = false, AutoCloseStream = false, IfMatch = ifMatch, IfNoneMatch = ifNoneMatch };
            if (mark is not null) request.Metadata.Add(WriteMark, mark);
            try
            {
                await _client.PutObjectAsync(request, token).ConfigureAwait(false);
                return true;
            }
            catch (AmazonS3Exception e) when (conditional && e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
            {
                return await MarkOf(objectKey, token).ConfigureAwait(false) == mark;
            }
        }, cancellationToken);
    }

    private const string WriteMark = "zarrwrite";

    // The write mark of the object, or null (absent, or written without one).
    private async Task<string?> MarkOf(string objectKey, CancellationToken cancellationToken)
    {
        try
        {
            var head = await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = objectKey }, cancellationToken).ConfigureAwait(false);
            return head.Metadata[WriteMark];
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    // ---- conditional writes (IConditionalStore) -------------------------------------------------

    /// <inheritdoc />
    public byte[]? GetVersioned(string key, out string? version)
    {
        var (body, etag) = Sync(GetCoreAsync(key, null, CancellationToken.None));
        version = body is null ? null : etag;
        return body;
    }

    /// <inheritdoc />
    /// <exception cref="ZarrException">Conditional writes are off (<see cref="S3StoreOptions.ConditionalWrites"/>), or the server ignored a condition when the store checked.</exception>
    public bool TrySet(string key, ReadOnlySpan<byte> value, string? expectedVersion)
    {
        EnsureWritable();
        EnsureConditions();
        return Sync(PutCoreAsync(ObjectKey(key), value.ToArray(), expectedVersion, expectedVersion is null ? "*" : null, CancellationToken.None));
    }

    /// <inheritdoc />
    /// <remarks>Sends <c>If-Match</c> with the delete; a server with conditional puts but not conditional deletes ignores it (an update racing a chunk that becomes all fill could then be lost; <see cref="ArrayOptions.WriteEmptyChunks"/>, on by default, avoids such deletes).</remarks>
    public bool TryDelete(string key, string expectedVersion)
    {
        EnsureWritable();
        EnsureConditions();
        var objectKey = ObjectKey(key);
        return Sync(Run("DELETE", objectKey, async token =>
        {
            try
            {
                await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = objectKey, IfMatch = expectedVersion }, token).ConfigureAwait(false);
                return true;
            }
            catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict or HttpStatusCode.NotFound)
            {
                return false;
            }
        }, CancellationToken.None));
    }

    private void EnsureConditions()
    {
        if (!_conditionalWrites)
            throw new ZarrException($"S3 store '{Url}' has conditional writes off, which {nameof(Synchronization.OptimisticSynchronizer)} needs: set S3StoreOptions.ConditionalWrites when the server honours If-Match/If-None-Match (AWS S3, MinIO, Cloudflare R2; not s3rver).");
        Task check;
        lock (_checkLock) check = _conditionsChecked ??= CheckConditionsAsync();
        try
        {
            check.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not ConditionsIgnoredException)
        {
            // The network failed the check, not the server's answer: the next conditional write checks again.
            lock (_checkLock) if (_conditionsChecked == check) _conditionsChecked = null;
            throw;
        }
    }

    // A probe object under the prefix, written unconditionally, then again with If-None-Match: * and
    // with an If-Match that cannot match: both must be refused.
    private async Task CheckConditionsAsync()
    {
        var probe = ObjectKey(".zarr-conditional-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            await PutCoreAsync(probe, [0], null, null, CancellationToken.None).ConfigureAwait(false);
            if (await PutCoreAsync(probe, [1], null, "*", CancellationToken.None).ConfigureAwait(false)
                || await PutCoreAsync(probe, [2], "\"0000000000000000000000000000000\"", null, CancellationToken.None).ConfigureAwait(false))
                throw new ConditionsIgnoredException($"The S3 server of '{Url}' ignored a conditional write (If-None-Match/If-Match on PutObject): it has no conditional writes, so {nameof(Synchronization.OptimisticSynchronizer)} would lose updates on it. Coordinate the writers otherwise (disjoint chunks, or one writer per chunk), or use a server that has them.");
        }
        finally
        {
            try { await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = probe }).ConfigureAwait(false); }
            catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException) { }
        }
    }

    private sealed class ConditionsIgnoredException(string message) : ZarrException(message);

    /// <inheritdoc />
    public override bool Delete(string key)
    {
        EnsureWritable();
        if (!Contains(key)) return false;
        var objectKey = ObjectKey(key);
        return Sync(Run("DELETE", objectKey, async token =>
        {
            await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = objectKey }, token).ConfigureAwait(false);
            return true;
        }, CancellationToken.None));
    }

    /// <inheritdoc />
    public override bool Contains(string key) => GetSize(key) >= 0;

    /// <inheritdoc />
    public override long GetSize(string key)
    {
        var objectKey = ObjectKey(key);
        return Sync(Run("HEAD", objectKey, async token =>
        {
            try
            {
                return (await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = objectKey }, token).ConfigureAwait(false)).ContentLength;
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket")
            {
                return -1L;
            }
        }, CancellationToken.None));
    }

    /// <inheritdoc />
    public override IEnumerable<string> ListPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > 0) StoreKey.Validate(prefix.EndsWith('/') ? prefix[..^1] : prefix);
        var full = Prefix.Length == 0 ? prefix : Prefix + "/" + prefix;
        var keys = new List<string>();
        // ListObjects (v1) with markers: every S3-compatible server pages it (s3rver fails on a truncated
        // ListObjectsV2 page).
        var request = new ListObjectsRequest { BucketName = Bucket, Prefix = full };
        while (true)
        {
            var page = Sync(Run("LIST", full, token => _client.ListObjectsAsync(request, token), CancellationToken.None));
            var objects = page.S3Objects ?? [];
            foreach (var o in objects)
            {
                var key = Prefix.Length == 0 ? o.Key : o.Key[(Prefix.Length + 1)..];
                if (StoreKey.IsValid(key)) keys.Add(key);
            }
            if (page.IsTruncated != true || objects.Count == 0) break;
            request.Marker = objects[^1].Key;
        }
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    private string Where(string objectKey) => $"s3://{Bucket}/{objectKey}";

    private ZarrException Failure(string verb, string objectKey, Exception e)
    {
        var where = Where(objectKey);
        var what = e switch
        {
            AmazonS3Exception { ErrorCode: "NoSuchBucket" } => $"the bucket '{Bucket}' does not exist",
            AmazonS3Exception { StatusCode: HttpStatusCode.Forbidden } s3 => $"access denied ({s3.ErrorCode}): check the credentials",
            AmazonServiceException s => $"HTTP {(int)s.StatusCode} {s.ErrorCode}: {s.Message}",
            _ => e.Message,
        };
        return new ZarrException($"{verb} '{where}' failed: {what}.", e);
    }

    /// <inheritdoc />
    public override StoreDescriptor? Describe() => null;

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
