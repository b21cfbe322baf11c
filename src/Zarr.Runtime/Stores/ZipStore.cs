using System.IO.Compression;

namespace Zarr.Stores;

/// <summary>
/// A store inside a single zip file (zarr-python's <c>ZipStore</c>). Entries are stored uncompressed
/// by default, as zarr-python does, since chunks are compressed already. Thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// The file on disk only ever holds a complete archive. Changes are kept in memory and reach the file
/// on <see cref="Flush"/> or dispose, which write a whole new archive to a temporary file next to it
/// (<c>.&lt;name&gt;.&lt;32 hex digits&gt;.partial</c>) and rename that over the file. So a process
/// killed at any moment leaves the archive of the last successful flush, and a flush that fails (a full
/// disk, say) throws, leaves the file as it was and keeps the pending changes for another try. In
/// <see cref="ZipStoreMode.Write"/> mode the existing file is replaced on the first flush, not on open.
/// </para>
/// <para>
/// A zip file has one writer at a time: two stores writing one file (in one process or several) each
/// replace the whole archive on flush, so the last flush wins. Readers in other processes may open the
/// file at any time and see the archive of some flush.
/// </para>
/// </remarks>
public sealed class ZipStore : ZarrStore
{
    private const string TempSuffix = ".partial";
    private readonly Lock _gate = new();
    private readonly ZipStoreMode _mode;
    private readonly CompressionLevel _compression;

    // The archive as last flushed (null when there is no file yet, or in Write mode).
    private FileStream? _stream;
    private ZipArchive? _archive;
    private Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.Ordinal);
    private List<string> _skipped = [];

    // Changes since the last flush: a value, or null for a deletion.
    private readonly Dictionary<string, byte[]?> _pending = new(StringComparer.Ordinal);
    private bool _dirty;
    private bool _reopenCommitted; // a failed flush closed the archive; reopen it before the next access
    private bool _disposed;

    /// <summary>Opens or creates a zip store at <paramref name="path"/>.</summary>
    public ZipStore(string path, ZipStoreMode mode = ZipStoreMode.Append, CompressionLevel compression = CompressionLevel.NoCompression)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        FilePath = Path.GetFullPath(path);
        _mode = mode;
        _compression = compression;
        switch (mode)
        {
            case ZipStoreMode.Read:
                OpenCommitted(mustExist: true);
                break;
            case ZipStoreMode.Write:
                _dirty = true; // an empty archive replaces the file on the first flush
                break;
            default:
                OpenCommitted(mustExist: false);
                break;
        }
    }

    /// <summary>The absolute path of the zip file.</summary>
    public string FilePath { get; }

    /// <inheritdoc />
    public override string StoreTypeName => "zarr.storage.ZipStore";

    /// <inheritdoc />
    public override bool IsReadOnly => _mode == ZipStoreMode.Read;

    /// <summary>
    /// Names of archive entries that are not valid store keys (a '..' or empty segment, an absolute
    /// path, a backslash): they are never listed or read, and a flush keeps them as they are.
    /// </summary>
    public IReadOnlyList<string> SkippedEntries
    {
        get { lock (_gate) return _skipped.ToArray(); }
    }

    /// <summary>True when there are changes that <see cref="Flush"/> has not written yet.</summary>
    public bool HasPendingChanges
    {
        get { lock (_gate) return _dirty; }
    }

    private void OpenCommitted(bool mustExist)
    {
        if (!mustExist && !File.Exists(FilePath)) return;
        // FileShare.Delete lets a writer rename a new archive over the file while this one reads the old.
        var stream = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        try
        {
            var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            var skipped = new List<string>();
            // Python's zipfile lets the last of duplicate names win (zarr-python's 'a' mode appends duplicates).
            foreach (var e in archive.Entries)
            {
                entries[e.FullName] = e;
                // An entry whose name is no valid key ('..', an absolute or empty segment) is never listed or
                // read, so it cannot escape the store or make a group its own child; it is kept on flush.
                if (!e.FullName.EndsWith('/') && !StoreKey.IsValid(e.FullName)) skipped.Add(e.FullName);
            }
            _stream = stream;
            _archive = archive;
            _entries = entries;
            _skipped = skipped;
            foreach (var name in skipped)
                System.Diagnostics.Trace.TraceWarning($"Zarr: skipping zip entry '{name}' of '{FilePath}': it is not a valid store key.");
        }
        catch (InvalidDataException e)
        {
            stream.Dispose();
            throw new ZarrException($"'{FilePath}' is not a valid zip file: {e.Message}", e);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private void CloseCommitted()
    {
        _archive?.Dispose();
        _archive = null;
        _stream?.Dispose();
        _stream = null;
        _entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
    }

    private void EnsureOpen()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_reopenCommitted)
        {
            // Never carry on as if the archive were empty: a later flush would drop its entries.
            OpenCommitted(mustExist: true);
            _reopenCommitted = false;
        }
    }

    private byte[] ReadEntry(ZipArchiveEntry entry)
    {
        // The sizes come from the archive's directory, which anyone can write: a stored entry cannot be
        // larger than its compressed bytes, and deflate expands at most 1032:1, so a larger claim is
        // refused before anything that size is allocated.
        var length = entry.Length;
        var bound = entry.CompressedLength * 1032L + 64;
        if (length > Array.MaxLength || length > bound)
            throw new ZarrException($"Zip entry '{entry.FullName}' of '{FilePath}' claims {length} bytes from {entry.CompressedLength} compressed bytes: the archive is corrupt.");
        try
        {
            using var s = entry.Open();
            var buffer = new byte[length];
            s.ReadExactly(buffer);
            return buffer;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new ZarrException($"Zip entry '{entry.FullName}' of '{FilePath}' cannot be read: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public override byte[]? Get(string key)
    {
        StoreKey.Validate(key);
        lock (_gate)
        {
            EnsureOpen();
            if (_pending.TryGetValue(key, out var value)) return value?.ToArray();
            return _entries.TryGetValue(key, out var entry) ? ReadEntry(entry) : null;
        }
    }

    /// <inheritdoc />
    public override void Set(string key, ReadOnlySpan<byte> value)
    {
        StoreKey.Validate(key);
        EnsureWritable();
        var copy = value.ToArray();
        lock (_gate)
        {
            EnsureOpen();
            _pending[key] = copy;
            _dirty = true;
        }
    }

    /// <inheritdoc />
    public override bool Delete(string key)
    {
        StoreKey.Validate(key);
        EnsureWritable();
        lock (_gate)
        {
            EnsureOpen();
            if (!ContainsCore(key)) return false;
            _pending[key] = null;
            _dirty = true;
            return true;
        }
    }

    private bool ContainsCore(string key) =>
        _pending.TryGetValue(key, out var v) ? v is not null : _entries.ContainsKey(key);

    /// <inheritdoc />
    public override bool Contains(string key)
    {
        lock (_gate)
        {
            EnsureOpen();
            return ContainsCore(key);
        }
    }

    /// <inheritdoc />
    public override long GetSize(string key)
    {
        lock (_gate)
        {
            EnsureOpen();
            if (_pending.TryGetValue(key, out var v)) return v?.LongLength ?? -1;
            return _entries.TryGetValue(key, out var entry) ? entry.Length : -1;
        }
    }

    /// <inheritdoc />
    public override IEnumerable<string> ListPrefix(string prefix)
    {
        lock (_gate)
        {
            EnsureOpen();
            var keys = new List<string>();
            foreach (var name in _entries.Keys)
            {
                if (name.EndsWith('/') || !name.StartsWith(prefix, StringComparison.Ordinal) || _pending.ContainsKey(name) || !StoreKey.IsValid(name)) continue;
                keys.Add(name);
            }
            foreach (var (name, value) in _pending)
            {
                if (value is not null && name.StartsWith(prefix, StringComparison.Ordinal)) keys.Add(name);
            }
            keys.Sort(StringComparer.Ordinal);
            return keys;
        }
    }

    /// <summary>
    /// Writes the pending changes: a new archive goes to a temporary file next to the zip file and is
    /// renamed over it. On failure the file is left as it was, the changes stay pending, and the error
    /// is thrown.
    /// </summary>
    public override void Flush()
    {
        lock (_gate)
        {
            EnsureOpen();
            FlushCore();
        }
    }

    private void FlushCore()
    {
        if (_mode == ZipStoreMode.Read || !_dirty) return;
        if (_reopenCommitted)
        {
            OpenCommitted(mustExist: true); // throws while the last archive is unreadable: better than dropping its entries
            _reopenCommitted = false;
        }
        var dir = Path.GetDirectoryName(FilePath)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, "." + Path.GetFileName(FilePath) + "." + Guid.NewGuid().ToString("N") + TempSuffix);
        var hadCommitted = false;
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                using (var output = new ZipArchive(fs, ZipArchiveMode.Create, leaveOpen: true))
                {
                    // Unchanged entries keep their order; new and changed ones follow in key order.
                    foreach (var (name, entry) in _entries)
                    {
                        if (_pending.ContainsKey(name)) continue;
                        var copy = output.CreateEntry(name, _compression);
                        copy.LastWriteTime = entry.LastWriteTime;
                        using var src = entry.Open();
                        using var dst = copy.Open();
                        src.CopyTo(dst);
                    }
                    foreach (var name in _pending.Keys.Order(StringComparer.Ordinal))
                    {
                        if (_pending[name] is not { } value) continue;
                        using var dst = output.CreateEntry(name, _compression).Open();
                        dst.Write(value);
                    }
                }
                fs.Flush(flushToDisk: true);
            }
            // The old archive must be closed before it is replaced (Windows refuses to replace an open file).
            hadCommitted = _archive is not null;
            CloseCommitted();
            File.Move(temp, FilePath, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            if (hadCommitted && _archive is null)
            {
                _reopenCommitted = true;
                try
                {
                    OpenCommitted(mustExist: true);
                    _reopenCommitted = false;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ZarrException)
                {
                    // Retried by the next call, which throws if the archive is still unreadable.
                }
            }
            throw;
        }
        _pending.Clear();
        _dirty = false;
        OpenCommitted(mustExist: true);
    }

    /// <inheritdoc />
    public override StoreDescriptor Describe() => new("zip", FilePath);

    /// <summary>Flushes pending changes (see <see cref="Flush"/>; a failure is thrown after the file is closed) and closes the file.</summary>
    protected override void Dispose(bool disposing)
    {
        try
        {
            lock (_gate)
            {
                if (_disposed) return;
                try
                {
                    FlushCore();
                }
                finally
                {
                    _disposed = true;
                    CloseCommitted();
                    _pending.Clear();
                }
            }
        }
        finally
        {
            base.Dispose(disposing);
        }
    }
}
