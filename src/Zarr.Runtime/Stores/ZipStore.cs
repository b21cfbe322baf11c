using System.IO.Compression;

namespace Zarr.Stores;

/// <summary>
/// A store inside a single zip file (zarr-python's <c>ZipStore</c>). Entries are stored uncompressed
/// by default, as zarr-python does, since chunks are compressed already. Changes reach the file on
/// <see cref="ZarrStore.Flush"/> or dispose. Thread-safe.
/// </summary>
public sealed class ZipStore : ZarrStore
{
    private readonly Lock _gate = new();
    private readonly ZipStoreMode _mode;
    private readonly CompressionLevel _compression;
    private FileStream? _stream;
    private ZipArchive? _archive;

    /// <summary>Opens or creates a zip store at <paramref name="path"/>.</summary>
    public ZipStore(string path, ZipStoreMode mode = ZipStoreMode.Append, CompressionLevel compression = CompressionLevel.NoCompression)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        FilePath = Path.GetFullPath(path);
        _mode = mode;
        _compression = compression;
        Open();
    }

    /// <summary>The absolute path of the zip file.</summary>
    public string FilePath { get; }

    /// <inheritdoc />
    public override string StoreTypeName => "zarr.storage.ZipStore";

    /// <inheritdoc />
    public override bool IsReadOnly => _mode == ZipStoreMode.Read;

    private void Open()
    {
        _duplicates = null;
        switch (_mode)
        {
            case ZipStoreMode.Read:
                _stream = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.Read);
                _archive = new ZipArchive(_stream, ZipArchiveMode.Read, leaveOpen: true);
                break;
            case ZipStoreMode.Write:
                Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
                _stream = new FileStream(FilePath, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
                _archive = new ZipArchive(_stream, ZipArchiveMode.Update, leaveOpen: true);
                break;
            default:
                Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
                _stream = new FileStream(FilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                _archive = new ZipArchive(_stream, ZipArchiveMode.Update, leaveOpen: true);
                break;
        }
    }

    private ZipArchive Archive => _archive ?? throw new ObjectDisposedException(nameof(ZipStore));

    /// <summary>
    /// The entry holding <paramref name="key"/>'s value: the <b>last</b> one of that name. zarr-python's
    /// ZipStore (Python's zipfile) appends a new entry when a key is written again and reads the last,
    /// whereas <see cref="ZipArchive.GetEntry"/> returns the first. Call under the lock.
    /// </summary>
    private ZipArchiveEntry? FindEntry(string key)
    {
        _duplicates ??= Archive.Entries.GroupBy(e => e.FullName, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        if (!_duplicates.Contains(key)) return Archive.GetEntry(key);
        var entries = Archive.Entries;
        for (var i = entries.Count - 1; i >= 0; i--)
            if (entries[i].FullName == key) return entries[i];
        _duplicates.Remove(key); // every copy was deleted
        return null;
    }

    // Names that occur more than once in the archive (written so by Python's zipfile); usually none.
    private HashSet<string>? _duplicates;

    /// <inheritdoc />
    public override byte[]? Get(string key)
    {
        StoreKey.Validate(key);
        lock (_gate)
        {
            var entry = FindEntry(key);
            if (entry is null) return null;
            using var s = entry.Open();
            var length = _mode == ZipStoreMode.Read ? entry.Length : -1;
            if (length >= 0)
            {
                var buffer = new byte[length];
                s.ReadExactly(buffer);
                return buffer;
            }
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            return ms.ToArray();
        }
    }

    /// <inheritdoc />
    public override void Set(string key, ReadOnlySpan<byte> value)
    {
        StoreKey.Validate(key);
        EnsureWritable();
        lock (_gate)
        {
            while (FindEntry(key) is { } old) old.Delete();
            var entry = Archive.CreateEntry(key, _compression);
            using var s = entry.Open();
            s.Write(value);
        }
    }

    /// <inheritdoc />
    public override bool Delete(string key)
    {
        StoreKey.Validate(key);
        EnsureWritable();
        lock (_gate)
        {
            var found = false;
            while (FindEntry(key) is { } entry)
            {
                entry.Delete();
                found = true;
            }
            return found;
        }
    }

    /// <inheritdoc />
    public override bool Contains(string key)
    {
        lock (_gate) return FindEntry(key) is not null;
    }

    /// <inheritdoc />
    public override long GetSize(string key)
    {
        lock (_gate)
        {
            var entry = FindEntry(key);
            if (entry is null) return -1;
            if (_mode == ZipStoreMode.Read) return entry.Length;
            using var s = entry.Open();
            return s.Length;
        }
    }

    /// <inheritdoc />
    public override IEnumerable<string> ListPrefix(string prefix)
    {
        lock (_gate)
        {
            var keys = Archive.Entries.Select(e => e.FullName)
                .Where(k => !k.EndsWith('/') && k.StartsWith(prefix, StringComparison.Ordinal))
                .Distinct().ToList();
            keys.Sort(StringComparer.Ordinal);
            return keys;
        }
    }

    /// <inheritdoc />
    public override void Flush()
    {
        lock (_gate)
        {
            if (_mode == ZipStoreMode.Read || _archive is null) return;
            _archive.Dispose();
            _stream!.Dispose();
            _stream = new FileStream(FilePath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            _archive = new ZipArchive(_stream, ZipArchiveMode.Update, leaveOpen: true);
            _duplicates = null;
        }
    }

    /// <inheritdoc />
    public override StoreDescriptor Describe() => new("zip", FilePath);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        lock (_gate)
        {
            _archive?.Dispose();
            _archive = null;
            _stream?.Dispose();
            _stream = null;
        }
    }
}
