using Microsoft.Win32.SafeHandles;

namespace Zarr.Stores;

/// <summary>
/// A store on the local file system (zarr-python's <c>DirectoryStore</c>): each key is a file under
/// the root folder, '/' in keys becoming sub-folders. Thread-safe, and safe for many processes.
/// </summary>
/// <remarks>
/// Every write (chunk or metadata) goes to a temporary file in the same folder, named
/// <c>.&lt;name&gt;.&lt;32 hex digits&gt;.partial</c>, which is then renamed over the key's file. A rename
/// within one folder is atomic, so a reader sees the old value or the new one, never a torn one, and a
/// writer killed mid-write leaves the old value plus, at worst, a stray temporary file. Stray files are
/// invisible to listings (so to <c>NChunksInitialized</c> and group members) and can be swept with
/// <see cref="RemoveTemporaryFiles"/>. By default nothing is forced to disk, as in zarr-python: a
/// process crash loses nothing that was written, but a power failure may; set
/// <see cref="FlushToDisk"/> to flush each file before it is renamed into place.
/// </remarks>
public sealed class DirectoryStore : ZarrStore, IConditionalStore
{
    private const string TempSuffix = ".partial";
    private const int TempIdLength = 32;
    private readonly bool _readOnly;

    /// <summary>Opens (without creating) a directory store rooted at <paramref name="path"/>.</summary>
    public DirectoryStore(string path, bool readOnly = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        _readOnly = readOnly;
    }

    /// <summary>The absolute path of the store's root folder (no trailing separator).</summary>
    public string Root { get; }

    /// <summary>
    /// When true, each written file is flushed to the storage device before it is renamed into place,
    /// so a power failure cannot leave an empty or torn value either (slower: one flush per chunk).
    /// </summary>
    public bool FlushToDisk { get; init; }

    /// <summary>
    /// True for names of temporary files that listings hide: this store's
    /// (<c>.&lt;name&gt;.&lt;id&gt;.partial</c>) and zarr-python's (<c>&lt;name&gt;.&lt;32 hex digits&gt;.partial</c>),
    /// so that a file left by a writer killed mid-write is never taken for a key or a chunk.
    /// </summary>
    public static bool IsTemporaryFileName(ReadOnlySpan<char> name)
    {
        if (!name.EndsWith(TempSuffix, StringComparison.Ordinal)) return false;
        var stem = name[..^TempSuffix.Length];
        var dot = stem.LastIndexOf('.');
        if (dot <= 0 || dot == stem.Length - 1) return false;
        var target = stem[..dot];
        if (target[0] == '.') return target.Length > 1;
        var id = stem[(dot + 1)..];
        if (id.Length != TempIdLength) return false;
        foreach (var c in id) if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c)) return false;
        return true;
    }

    /// <summary>
    /// Deletes temporary files (see <see cref="IsTemporaryFileName"/>) left by writers that died
    /// mid-write, this library's or zarr-python's, that are older than
    /// <paramref name="minimumAge"/> (keep it well above the time one write takes, so that live
    /// writers are not disturbed). Returns how many were deleted.
    /// </summary>
    public int RemoveTemporaryFiles(TimeSpan minimumAge)
    {
        EnsureWritable();
        if (!Directory.Exists(Root)) return 0;
        var cutoff = DateTime.UtcNow - minimumAge;
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(Root, "*" + TempSuffix, SearchOption.AllDirectories))
        {
            if (!IsTemporaryFileName(Path.GetFileName(file.AsSpan()))) continue;
            try
            {
                if (File.GetLastWriteTimeUtc(file) > cutoff) continue;
                File.Delete(file);
                removed++;
            }
            catch (IOException) { }
        }
        return removed;
    }

    /// <inheritdoc />
    public override string StoreTypeName => "zarr.storage.DirectoryStore";

    /// <inheritdoc />
    public override bool IsReadOnly => _readOnly;

    private string FilePath(string key) => Path.Combine(Root, StoreKey.Validate(key).Replace('/', Path.DirectorySeparatorChar));

    /// <inheritdoc />
    public override byte[]? Get(string key)
    {
        if (!TryRead(key, rent: false, out var buffer, out var length)) return null;
        return length == buffer.Length ? buffer : buffer[..length];
    }

    /// <inheritdoc />
    /// <remarks>The file is read into a buffer rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/>.</remarks>
    public override PooledValue? GetPooled(string key) =>
        TryRead(key, rent: true, out var buffer, out var length) ? PooledValue.FromRented(buffer, length) : null;

    private bool TryRead(string key, bool rent, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? buffer, out int length)
    {
        buffer = null;
        length = 0;
        var file = FilePath(key);
        // Metadata documents (.zarray, .zgroup, .zattrs…) are often absent: a group has no .zarray, and
        // opening or walking a hierarchy probes for them. A stat is far cheaper than the exception a
        // failed open costs (~2,000 of them made up a third of creating and walking 1,000 arrays).
        // Chunks are usually present, so they skip the stat; a missing one still reads as null.
        if (IsMetadataKey(key) && !File.Exists(file)) return false;
        try
        {
            // FileShare.Delete: a concurrent writer may rename a new value over this file (Windows refuses otherwise).
            using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var size = RandomAccess.GetLength(handle);
            if (size > Array.MaxLength) throw new IOException($"The value of '{key}' ({size} bytes) is too large to read at once.");
            buffer = rent ? System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(1, (int)size)) : new byte[size];
            while (length < size)
            {
                var n = RandomAccess.Read(handle, buffer.AsSpan(length, (int)size - length), length);
                if (n == 0) break; // the file shrank under us: what was read is the value
                length += n;
            }
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException
            || e is UnauthorizedAccessException && Directory.Exists(file))
        {
            if (rent && buffer is not null) System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
            return false;
        }
        catch when (rent && buffer is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <inheritdoc />
    public override byte[]? GetRange(string key, long offset, int length)
    {
        var file = FilePath(key);
        try
        {
            using var fs = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.RandomAccess);
            var size = fs.Length;
            if (offset < 0) offset = Math.Max(0, size + offset);
            if (offset >= size) return [];
            var n = (int)Math.Min(length, size - offset);
            var buffer = new byte[n];
            RandomAccess.Read(fs.SafeFileHandle, buffer, offset);
            return buffer;
        }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
    }

    /// <summary>
    /// Whether a key names a metadata document: zarr v2's start with a dot (.zarray, .zattrs…) and zarr
    /// v3's is zarr.json; chunk keys are neither ("0.0", "c/0/0", "0/0").
    /// </summary>
    private static bool IsMetadataKey(string key)
    {
        var name = key.AsSpan(key.LastIndexOf('/') + 1);
        return name.StartsWith('.') || name.SequenceEqual(Metadata.V3.V3Document.Key);
    }

    // The folder usually exists for a chunk (every chunk of an array shares one): try first, create on
    // demand, which saves a stat per write on stores with many small chunks. A metadata document is
    // usually the first file of a new node's folder, so its folder is made first instead: a failed
    // create costs an exception, far more than the stat.
    // The folder this store made last: a node's second document (.zattrs after .zarray) goes into the
    // folder its first one made, so it skips the mkdir (and the stat .NET adds when mkdir says EEXIST).
    // Were the folder removed in between, the create below still finds out and makes it again.
    private volatile string? _lastFolderMade;

    private SafeFileHandle CreateTemp(string temp, string dir, bool metadata)
    {
        if (metadata && !string.Equals(dir, _lastFolderMade, StringComparison.Ordinal))
        {
            Directory.CreateDirectory(dir);
            _lastFolderMade = dir;
        }
        try
        {
            return OpenTemp(temp);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            // ENOENT from an exclusive create can only mean a missing folder; .NET reports it as
            // FileNotFoundException when another writer created the folder before the error was mapped.
            Directory.CreateDirectory(dir);
            return OpenTemp(temp);
        }
    }

    // A new file under a name no one else uses (CreateNew is O_EXCL), written once at offset 0 through
    // the handle: no FileStream and its buffer around a single write. FileShare.None: on Unix a shared
    // mode costs .NET an fstatfs per open on top of the advisory lock both modes take.
    private static SafeFileHandle OpenTemp(string temp) =>
        File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);

    /// <inheritdoc />
    public override void Set(string key, ReadOnlySpan<byte> value)
    {
        EnsureWritable();
        var file = FilePath(key);
        var dir = Path.GetDirectoryName(file)!;
        var temp = Path.Combine(dir, "." + Path.GetFileName(file) + "." + Guid.NewGuid().ToString("N") + TempSuffix);
        try
        {
            using (var handle = CreateTemp(temp, dir, IsMetadataKey(key)))
            {
                RandomAccess.Write(handle, value, 0);
                if (FlushToDisk) RandomAccess.FlushToDisk(handle);
            }
            // rename(2) on Unix, MoveFileEx(REPLACE_EXISTING) on Windows: atomic within one folder.
            File.Move(temp, file, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { }
            throw;
        }
    }

    // ---- conditional writes (IConditionalStore) ----------------------------------------------------
    // The version of a value is the SHA-256 of its bytes: a chunk read-modify-write is safe exactly
    // when the chunk still holds what was read. Check and replace run under one exclusive lock file
    // per store, kept in the temporary folder (not in the store), shared by every process on this
    // machine; plain Set and Delete do not take it.

    /// <inheritdoc />
    public byte[]? GetVersioned(string key, out string? version)
    {
        var value = Get(key);
        version = value is null ? null : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(value));
        return value;
    }

    /// <inheritdoc />
    public bool TrySet(string key, ReadOnlySpan<byte> value, string? expectedVersion)
    {
        EnsureWritable();
        using var held = ConditionalLock();
        GetVersioned(key, out var current);
        if (current != expectedVersion) return false;
        Set(key, value);
        return true;
    }

    /// <inheritdoc />
    public bool TryDelete(string key, string expectedVersion)
    {
        EnsureWritable();
        using var held = ConditionalLock();
        GetVersioned(key, out var current);
        if (current != expectedVersion) return false;
        return Delete(key);
    }

    private string ConditionalLockPath => _conditionalLockPath ??= Path.Combine(Path.GetTempPath(),
        "zarr-typed-cas-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Root)))[..32] + ".lock");

    private string? _conditionalLockPath;

    private FileStream ConditionalLock()
    {
        var path = ConditionalLockPath;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(1);
            }
        }
    }

    /// <inheritdoc />
    public override bool Delete(string key)
    {
        EnsureWritable();
        var file = FilePath(key);
        if (File.Exists(file))
        {
            File.Delete(file);
            return true;
        }
        if (Directory.Exists(file))
        {
            Directory.Delete(file, recursive: true);
            return true;
        }
        return false;
    }

    /// <inheritdoc />
    public override bool Contains(string key) => File.Exists(FilePath(key));

    /// <inheritdoc />
    public override long GetSize(string key)
    {
        var info = new FileInfo(FilePath(key));
        return info.Exists ? info.Length : -1;
    }

    /// <inheritdoc />
    public override IEnumerable<string> ListPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        // A prefix is a key, or the start of one, with an optional trailing '/': refuse '..', absolute
        // and empty segments as every other member does, so a listing never leaves the root.
        if (prefix.Length > 0) StoreKey.Validate(prefix.EndsWith('/') ? prefix[..^1] : prefix);
        if (!Directory.Exists(Root)) return [];
        // Start from the deepest folder the prefix names, so large stores are not walked whole.
        var lastSlash = prefix.LastIndexOf('/');
        var folder = lastSlash < 0 ? Root : Path.Combine(Root, prefix[..lastSlash].Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(folder)) return [];
        var keys = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            if (IsTemporaryFileName(Path.GetFileName(file.AsSpan()))) continue;
            var key = Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(prefix, StringComparison.Ordinal)) keys.Add(key);
        }
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> ListDir(string path)
    {
        var folder = path.Length == 0 ? Root : Path.Combine(Root, StoreKey.Validate(path.TrimEnd('/')).Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(folder)) return [];
        var names = new List<string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder))
        {
            var name = Path.GetFileName(entry);
            if (IsTemporaryFileName(name)) continue;
            names.Add(name);
        }
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <inheritdoc />
    public override void DeletePrefix(string path)
    {
        EnsureWritable();
        if (path.Length == 0)
        {
            if (Directory.Exists(Root))
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(Root))
                {
                    if (Directory.Exists(entry)) Directory.Delete(entry, true);
                    else File.Delete(entry);
                }
            }
            return;
        }
        var folder = FilePath(path.TrimEnd('/'));
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    /// <inheritdoc />
    public override StoreDescriptor Describe() => new("directory", Root);
}
