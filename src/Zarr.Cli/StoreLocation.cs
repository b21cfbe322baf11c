using Zarr.Stores;

namespace Zarr.Cli;

/// <summary>
/// A command-line PATH split into a store (a directory or a .zip file) and a node path inside it:
/// <c>data.zarr/foo/bar</c> is the node <c>foo/bar</c> of the directory store <c>data.zarr</c> when
/// <c>data.zarr</c> and <c>data.zarr/foo</c> are groups; <c>data.zip/foo</c> is the node <c>foo</c>
/// of the zip store <c>data.zip</c>.
/// </summary>
/// <param name="StorePath">The file-system path of the store.</param>
/// <param name="NodePath">The node's path inside the store ("" for the root).</param>
/// <param name="IsZip">True for a zip store.</param>
internal sealed record StoreLocation(string StorePath, string NodePath, bool IsZip)
{
    /// <summary>The store's URL for an object store (<c>s3://bucket/prefix</c>, <c>http(s)://…</c>); null for a local store.</summary>
    public string? Url { get; init; }

    /// <summary>How the location reads in messages: the argument as the user typed it, normalised.</summary>
    public string Display => Url ?? (NodePath.Length == 0 ? StorePath : StorePath.TrimEnd('/', '\\') + "/" + NodePath);

    /// <summary>
    /// Splits <paramref name="argument"/>. A segment ending in ".zip" that is a file (or, for a
    /// destination, the first such segment) is a zip store. Otherwise the store is the top of the chain of
    /// group folders (folders holding a .zgroup) that leads to the path, so node names print as
    /// zarr-python shows them when the store is opened at its root.
    /// </summary>
    public static StoreLocation Parse(string argument, bool forWriting = false)
    {
        if (string.IsNullOrWhiteSpace(argument)) throw new CliException("the path is empty.");
        if (ZarrStore.TryGetUrlScheme(argument, out var scheme) && scheme.ToLowerInvariant() is "s3" or "az" or "http" or "https")
            return new StoreLocation(argument.TrimEnd('/'), "", false) { Url = argument.TrimEnd('/') };
        argument = StripScheme(argument);
        var full = Path.GetFullPath(argument);
        var root = Path.GetPathRoot(full) ?? "/";
        var segments = full[root.Length..].Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);

        // A zip file anywhere along the path.
        var prefix = root;
        for (var i = 0; i < segments.Length; i++)
        {
            prefix = Path.Combine(prefix, segments[i]);
            if (!segments[i].EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) continue;
            if (File.Exists(prefix) || (forWriting && !Directory.Exists(prefix)))
                return new StoreLocation(prefix, string.Join('/', segments[(i + 1)..]), true);
        }

        // The deepest folder that exists, and the group chain above it.
        var existing = full;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
                throw new CliException($"'{argument}' is a file, not a Zarr store (a directory or a .zip file).");
            var parent = Path.GetDirectoryName(existing);
            if (parent is null) break;
            existing = parent;
        }
        if (!Directory.Exists(existing)) return new StoreLocation(full, "", false);
        if (existing != full && !IsNodeFolder(existing))
        {
            if (!forWriting) throw new CliException($"'{argument}' does not exist.");
            return new StoreLocation(full, "", false);
        }
        var storeRoot = existing;
        while (IsNodeFolder(storeRoot) && Path.GetDirectoryName(storeRoot) is { } up && File.Exists(Path.Combine(up, ".zgroup")))
            storeRoot = up;
        var inner = Path.GetRelativePath(storeRoot, full).Replace('\\', '/');
        if (inner == ".") inner = "";
        if (!forWriting && inner.Length > 0 && !Directory.Exists(full))
            throw new CliException($"'{argument}' does not exist.");
        return new StoreLocation(storeRoot, inner, false);
    }

    /// <summary>
    /// A <c>file://</c> URL becomes its path; any other URL scheme (<c>s3://</c>, <c>https://</c>…) is
    /// refused, never taken for a relative folder named after the scheme.
    /// </summary>
    private static string StripScheme(string argument)
    {
        if (!ZarrStore.TryGetUrlScheme(argument, out var scheme)) return argument;
        if (scheme.Equals("file", StringComparison.OrdinalIgnoreCase)) return new Uri(argument).LocalPath;
        throw new CliException($"'{argument}': {scheme}:// stores are not supported; give a folder, a .zip file, or an s3://, az://, http(s):// or file:// URL.");
    }

    private static bool IsNodeFolder(string dir) =>
        File.Exists(Path.Combine(dir, ".zgroup")) || File.Exists(Path.Combine(dir, ".zarray")) || File.Exists(Path.Combine(dir, "zarr.json"));

    /// <summary>Opens the store (read-only unless <paramref name="writable"/>).</summary>
    public ZarrStore Open(bool writable)
    {
        if (Url is not null) return OpenUrl(writable);
        try
        {
            if (!writable)
            {
                if (IsZip && !File.Exists(StorePath)) throw new CliException($"'{StorePath}' does not exist.");
                if (!IsZip && !Directory.Exists(StorePath)) throw new CliException($"'{StorePath}' does not exist.");
            }
            return IsZip
                ? new ZipStore(StorePath, writable ? ZipStoreMode.Append : ZipStoreMode.Read)
                : new DirectoryStore(StorePath, readOnly: !writable);
        }
        catch (IOException e)
        {
            throw new CliException($"cannot open '{StorePath}': {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            throw new CliException($"'{StorePath}' is not a readable zip file: {e.Message}", e);
        }
    }

    // s3:// takes its endpoint, region and credentials from the standard AWS_* environment variables
    // (a custom AWS_ENDPOINT_URL uses path-style addressing); az:// its account from
    // AZURE_STORAGE_CONNECTION_STRING (or AZURE_STORAGE_ACCOUNT_NAME and AZURE_STORAGE_SAS_TOKEN), and
    // https://account.blob.core.windows.net/container/prefix the SAS in its query, if any; other
    // http(s):// URLs are read-only.
    private ZarrStore OpenUrl(bool writable)
    {
        var url = Url!;
        try
        {
            if (url.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
                return S3Store.Open(url, S3StoreOptions.FromEnvironment(), readOnly: !writable);
            if (url.StartsWith("az://", StringComparison.OrdinalIgnoreCase) || IsAzureBlobUrl(url))
                return AzureBlobStore.Open(url, AzureBlobStoreOptions.FromEnvironment(), readOnly: !writable);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal), e);
        }
        if (writable) throw new CliException($"'{url}': http(s) stores are read-only; copy to a folder, a .zip file, s3:// or az:// instead.");
        return new HttpStore(url);
    }

    private static bool IsAzureBlobUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && AzureBlobStore.IsBlobHost(uri.Host);

    /// <summary>True when both name the same store on disk.</summary>
    public bool SameStoreAs(StoreLocation other) => Url is not null || other.Url is not null
        ? string.Equals(Url, other.Url, StringComparison.Ordinal)
        : string.Equals(Path.GetFullPath(StorePath).TrimEnd('/'), Path.GetFullPath(other.StorePath).TrimEnd('/'),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
