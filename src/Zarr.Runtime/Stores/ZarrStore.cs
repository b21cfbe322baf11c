namespace Zarr.Stores;

/// <summary>
/// A key-value store holding Zarr metadata and chunks. Keys are '/'-separated relative paths
/// (validated by <see cref="StoreKey"/>). Synchronous members are the primitive operations;
/// asynchronous and ranged members have default implementations that remote stores override.
/// </summary>
public abstract class ZarrStore : IDisposable
{
    /// <summary>The zarr-python class name this store corresponds to, as shown by <c>Info</c>.</summary>
    public abstract string StoreTypeName { get; }

    /// <summary>True when the store refuses writes.</summary>
    public virtual bool IsReadOnly => false;

    /// <summary>
    /// How many requests the asynchronous members should have in flight for one read or write; 0 (the
    /// default, for local stores) leaves it to the array's <see cref="ArrayOptions.MaxDegreeOfParallelism"/>.
    /// Network stores return their concurrency limit, since their requests wait on the network, not
    /// on the processor.
    /// </summary>
    public virtual int IoConcurrency => 0;

    /// <summary>Returns the value stored under <paramref name="key"/>, or null when it is absent.</summary>
    public abstract byte[]? Get(string key);

    /// <summary>
    /// Returns the value stored under <paramref name="key"/>, or null when it is absent, in a buffer
    /// the store may rent from a pool (chunk reads use this); dispose the result once it has been used.
    /// The default wraps <see cref="Get"/>.
    /// </summary>
    public virtual PooledValue? GetPooled(string key) => Get(key) is { } value ? PooledValue.Wrap(value) : null;

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing any previous value.</summary>
    public abstract void Set(string key, ReadOnlySpan<byte> value);

    /// <summary>Removes <paramref name="key"/>; returns false when it was absent.</summary>
    public abstract bool Delete(string key);

    /// <summary>True when <paramref name="key"/> holds a value.</summary>
    public virtual bool Contains(string key) => Get(key) is not null;

    /// <summary>Every key that starts with <paramref name="prefix"/> (all depths), in ordinal order.</summary>
    public abstract IEnumerable<string> ListPrefix(string prefix);

    /// <summary>
    /// The names of the direct children (keys and sub-folders) of the folder <paramref name="path"/>
    /// ("" for the root), sorted ordinally, without duplicates.
    /// </summary>
    public virtual IReadOnlyList<string> ListDir(string path)
    {
        var prefix = path.Length == 0 ? "" : path.TrimEnd('/') + "/";
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in ListPrefix(prefix))
        {
            var rest = key.AsSpan(prefix.Length);
            var slash = rest.IndexOf('/');
            var name = slash < 0 ? rest : rest[..slash];
            // A key with an empty, '.' or '..' segment names no child: listing it would make a folder
            // its own child (or its parent), and a walk of the hierarchy would never end.
            if (!StoreKey.IsValidName(name)) continue;
            names.Add(name.ToString());
        }
        return names.ToArray();
    }

    /// <summary>Size in bytes of the value under <paramref name="key"/>, or -1 when absent.</summary>
    public virtual long GetSize(string key) => Get(key)?.LongLength ?? -1;

    /// <summary>
    /// Reads <paramref name="length"/> bytes from <paramref name="offset"/> of a value (fewer at its end),
    /// or null when the key is absent. A negative offset counts from the end (suffix request).
    /// </summary>
    public virtual byte[]? GetRange(string key, long offset, int length)
    {
        var all = Get(key);
        if (all is null) return null;
        if (offset < 0) offset = Math.Max(0, all.LongLength + offset);
        if (offset >= all.LongLength) return [];
        var n = (int)Math.Min(length, all.LongLength - offset);
        return all.AsSpan((int)offset, n).ToArray();
    }

    /// <summary>Deletes every key under the folder <paramref name="path"/> ("" = everything).</summary>
    public virtual void DeletePrefix(string path)
    {
        var prefix = path.Length == 0 ? "" : path.TrimEnd('/') + "/";
        foreach (var key in ListPrefix(prefix).ToList()) Delete(key);
    }

    /// <summary>Asynchronous <see cref="Get"/>.</summary>
    public virtual ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Get(key));
    }

    /// <summary>Asynchronous <see cref="GetRange"/>.</summary>
    public virtual ValueTask<byte[]?> GetRangeAsync(string key, long offset, int length, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(GetRange(key, offset, length));
    }

    /// <summary>Asynchronous <see cref="Set"/>.</summary>
    public virtual ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Set(key, value.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Asynchronous <see cref="Delete"/>.</summary>
    public virtual ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Delete(key));
    }

    /// <summary>Flushes pending writes (a zip archive is written out on flush or dispose).</summary>
    public virtual void Flush() { }

    /// <summary>
    /// A descriptor that reopens this store elsewhere (kind and location), or null for stores that
    /// live only in this process.
    /// </summary>
    public virtual StoreDescriptor? Describe() => null;

    /// <summary>Opens a store from a path: a ".zip" file becomes a <see cref="ZipStore"/>, anything else a <see cref="DirectoryStore"/>.</summary>
    /// <remarks>Nodes opened on the result own it: see <see cref="FromPath"/>.</remarks>
    public static implicit operator ZarrStore(string path) => FromPath(path);

    /// <summary>Opens a store from a path: a ".zip" file becomes a <see cref="ZipStore"/>, anything else a <see cref="DirectoryStore"/>.</summary>
    /// <remarks>
    /// A <c>file://</c> URL is taken as its path and an <c>http(s)://</c> URL opens a read-only
    /// <see cref="HttpStore"/>. Other schemes open through the factory registered for them in
    /// <see cref="ZarrStoreSchemes"/> (the store packages register <c>s3://</c> and <c>az://</c>:
    /// <c>S3Store.Register(options)</c>, <c>AzureBlobStore.Register(options)</c>); an http(s) URL whose
    /// host has a registered factory opens through it. Any other URL (<c>gs://bucket/x</c>, or
    /// <c>s3://</c> before it is registered) is refused with <see cref="NotSupportedException"/> rather
    /// than taken for a relative folder. The nodes opened on the result own it: disposing one
    /// (<see cref="ZarrNode.Dispose"/>) disposes the store, which for a zip file writes the archive; one
    /// still open when the process exits is disposed then. The path overloads of <c>Open</c> and
    /// <c>Create</c> use this.
    /// </remarks>
    public static ZarrStore FromPath(string path, bool readOnly = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (TryGetUrlScheme(path, out var scheme))
        {
            if (ZarrStoreSchemes.Find(path, scheme) is { } open) return PathStores.Own(open(path, readOnly));
            if (scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
                return PathStores.Own(new HttpStore(path));
            if (!scheme.Equals("file", StringComparison.OrdinalIgnoreCase))
                throw new NotSupportedException(ZarrStoreSchemes.Hint(scheme) is { } hint
                    ? $"'{path}': {scheme}:// stores need {hint}."
                    : $"'{path}': {scheme}:// stores are not supported; give a folder, a .zip file, a file:// or an http(s):// URL, or register the scheme (ZarrStoreSchemes.Register).");
            path = new Uri(path).LocalPath;
        }
        return PathStores.Own(
            path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
                ? new ZipStore(path, readOnly ? ZipStoreMode.Read : ZipStoreMode.Append)
                : new DirectoryStore(path, readOnly));
    }

    /// <summary>True when <paramref name="location"/> starts with a URL scheme (<c>name://</c>, RFC 3986 §3.1).</summary>
    public static bool TryGetUrlScheme(string location, out string scheme)
    {
        ArgumentNullException.ThrowIfNull(location);
        scheme = "";
        var end = location.IndexOf("://", StringComparison.Ordinal);
        if (end < 1 || !char.IsAsciiLetter(location[0])) return false;
        foreach (var c in location.AsSpan(0, end))
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.')) return false;
        scheme = location[..end];
        return true;
    }

    /// <summary>Throws when the store is read-only.</summary>
    protected void EnsureWritable()
    {
        if (IsReadOnly) throw new ZarrReadOnlyException($"Store {StoreTypeName}");
    }

    /// <summary>Releases resources held by the store.</summary>
    protected virtual void Dispose(bool disposing) { }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }
}
