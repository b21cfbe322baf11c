namespace Zarr.Stores;

/// <summary>
/// A store on the local file system (zarr-python's <c>DirectoryStore</c>): each key is a file under
/// the root folder, '/' in keys becoming sub-folders. Writes go to a temporary file in the same
/// folder that is then renamed into place, so a reader never sees a torn value and a writer that
/// dies mid-write leaves the previous value intact.
/// </summary>
public sealed class DirectoryStore : ZarrStore
{
    private const string TempSuffix = ".partial";
    private readonly bool _readOnly;

    /// <summary>Opens (without creating) a directory store rooted at <paramref name="path"/>.</summary>
    public DirectoryStore(string path, bool readOnly = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Root = Path.GetFullPath(path);
        _readOnly = readOnly;
    }

    /// <summary>The absolute path of the store's root folder.</summary>
    public string Root { get; }

    /// <inheritdoc />
    public override string StoreTypeName => "zarr.storage.DirectoryStore";

    /// <inheritdoc />
    public override bool IsReadOnly => _readOnly;

    private string FilePath(string key) => Path.Combine(Root, StoreKey.Validate(key).Replace('/', Path.DirectorySeparatorChar));

    /// <inheritdoc />
    public override byte[]? Get(string key)
    {
        var file = FilePath(key);
        try
        {
            return File.ReadAllBytes(file);
        }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
        catch (UnauthorizedAccessException) when (Directory.Exists(file)) { return null; }
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

    /// <inheritdoc />
    public override void Set(string key, ReadOnlySpan<byte> value)
    {
        EnsureWritable();
        var file = FilePath(key);
        var dir = Path.GetDirectoryName(file)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, "." + Path.GetFileName(file) + "." + Guid.NewGuid().ToString("N") + TempSuffix);
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
            {
                fs.Write(value);
            }
            File.Move(temp, file, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { }
            throw;
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
        if (!Directory.Exists(Root)) return [];
        // Start from the deepest folder the prefix names, so large stores are not walked whole.
        var lastSlash = prefix.LastIndexOf('/');
        var folder = lastSlash < 0 ? Root : Path.Combine(Root, prefix[..lastSlash].Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(folder)) return [];
        var keys = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            if (name.EndsWith(TempSuffix, StringComparison.Ordinal) && name.StartsWith('.')) continue;
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
            if (name.EndsWith(TempSuffix, StringComparison.Ordinal) && name.StartsWith('.')) continue;
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
