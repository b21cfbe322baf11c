namespace Zarr.Stores;

/// <summary>Validation and normalisation of store keys and node paths.</summary>
public static class StoreKey
{
    /// <summary>
    /// Checks that <paramref name="key"/> is a safe relative key: not empty, no backslash, no leading
    /// '/', no empty, '.' or '..' segment, no NUL. Throws <see cref="ArgumentException"/> naming the key.
    /// </summary>
    public static string Validate(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0) throw new ArgumentException("A store key must not be empty.", nameof(key));
        if (key.Contains('\\')) throw new ArgumentException($"Store key '{key}' contains a backslash.", nameof(key));
        if (key.Contains('\0')) throw new ArgumentException($"Store key '{key}' contains a NUL character.", nameof(key));
        if (key[0] == '/' || Path.IsPathRooted(key)) throw new ArgumentException($"Store key '{key}' is absolute.", nameof(key));
        // Every store operation passes here: walk the segments as ranges rather than splitting the key
        // into new strings.
        foreach (var range in key.AsSpan().Split('/'))
        {
            var segment = key.AsSpan()[range];
            if (segment.Length == 0) throw new ArgumentException($"Store key '{key}' has an empty segment.", nameof(key));
            if (segment is "." or "..") throw new ArgumentException($"Store key '{key}' has a '{segment}' segment.", nameof(key));
        }
        return key;
    }

    /// <summary>
    /// True when <paramref name="key"/> would pass <see cref="Validate"/>: for filtering keys that come
    /// from untrusted listings (zip entries, consolidated metadata) without an exception per key.
    /// </summary>
    public static bool IsValid(string key)
    {
        if (key.Length == 0 || key[0] == '/' || key.Contains('\\') || key.Contains('\0') || Path.IsPathRooted(key)) return false;
        foreach (var segment in key.AsSpan().Split('/'))
        {
            if (!IsValidName(key.AsSpan()[segment])) return false;
        }
        return true;
    }

    /// <summary>True when <paramref name="name"/> is usable as one segment of a key: not empty, '.' or '..', no '/', '\\' or NUL.</summary>
    public static bool IsValidName(ReadOnlySpan<char> name) =>
        name.Length != 0 && !name.SequenceEqual(".") && !name.SequenceEqual("..") && name.IndexOfAny('/', '\\', '\0') < 0;

    /// <summary>
    /// Normalises a node path as zarr-python does: '\' becomes '/', leading and trailing '/' are
    /// removed, runs of '/' collapse; '.' and '..' segments are refused. Returns "" for the root.
    /// </summary>
    public static string NormalizePath(string? path)
    {
        if (string.IsNullOrEmpty(path)) return "";
        var p = path.Replace('\\', '/');
        var segments = p.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var s in segments)
        {
            if (s is "." or "..") throw new ArgumentException($"Path '{path}' has a '{s}' segment.", nameof(path));
        }
        return string.Join('/', segments);
    }

    /// <summary>Joins a node path and a key name ("" path gives the name alone).</summary>
    public static string Join(string path, string name) => path.Length == 0 ? name : path + "/" + name;
}
