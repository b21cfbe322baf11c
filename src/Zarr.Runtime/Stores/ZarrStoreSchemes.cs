namespace Zarr.Stores;

/// <summary>Opens a store from a URL whose scheme (or host) it was registered for.</summary>
/// <param name="url">The URL as the caller gave it.</param>
/// <param name="readOnly">True when the store is opened for reading only.</param>
public delegate ZarrStore ZarrStoreFactory(string url, bool readOnly);

/// <summary>
/// The URL schemes <see cref="ZarrStore.FromPath"/> opens beyond its own (folders, <c>.zip</c> files,
/// <c>file://</c>, <c>http(s)://</c>), and so the path overloads of <c>ZarrGroup.Open</c>/<c>Create</c>,
/// <c>ZarrArray.Open</c> and <c>ZarrNode.Open</c>. The runtime knows no cloud SDK: a store package
/// registers its scheme when asked to (<c>S3Store.Register(options)</c> for <c>s3://</c>,
/// <c>AzureBlobStore.Register(options)</c> for <c>az://</c> and the account URLs of Azure Blob Storage),
/// with the options every store it opens will get. A plain table of delegates: nothing is discovered
/// by reflection, so it trims and compiles ahead of time.
/// </summary>
public static class ZarrStoreSchemes
{
    private static readonly Lock s_lock = new();
    private static readonly Dictionary<string, ZarrStoreFactory> s_schemes = new(StringComparer.OrdinalIgnoreCase);
    private static readonly List<(string HostSuffix, ZarrStoreFactory Open)> s_hosts = [];

    // Where to find the stores of schemes people try before registering them.
    private static readonly Dictionary<string, string> s_hints = new(StringComparer.OrdinalIgnoreCase)
    {
        ["s3"] = "the package Zarr.Typed.Stores.S3 and S3Store.Register(options) at start-up (or S3Store.Open(url, options))",
        ["az"] = "the package Zarr.Typed.Stores.Azure and AzureBlobStore.Register(options) at start-up (or AzureBlobStore.Open(url, options))",
    };

    /// <summary>
    /// Opens <c><paramref name="scheme"/>://…</c> URLs with <paramref name="factory"/> from now on,
    /// replacing an earlier registration of the scheme. <c>file</c>, <c>http</c> and <c>https</c> are
    /// the runtime's own (for the URLs of one host, use <see cref="RegisterHost"/>).
    /// </summary>
    public static void Register(string scheme, ZarrStoreFactory factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        ArgumentNullException.ThrowIfNull(factory);
        if (!ZarrStore.TryGetUrlScheme(scheme + "://", out _))
            throw new ArgumentException($"'{scheme}' is not a URL scheme.", nameof(scheme));
        if (scheme.ToLowerInvariant() is "file" or "http" or "https")
            throw new ArgumentException($"{scheme}:// is opened by the runtime itself; register the http(s) URLs of a host with RegisterHost.", nameof(scheme));
        lock (s_lock) s_schemes[scheme] = factory;
    }

    /// <summary>
    /// Opens <c>http(s)://</c> URLs whose host ends with <paramref name="hostSuffix"/>
    /// (<c>.blob.core.windows.net</c>) with <paramref name="factory"/> rather than as an <see cref="HttpStore"/>,
    /// replacing an earlier registration of the same suffix.
    /// </summary>
    public static void RegisterHost(string hostSuffix, ZarrStoreFactory factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostSuffix);
        ArgumentNullException.ThrowIfNull(factory);
        lock (s_lock)
        {
            s_hosts.RemoveAll(h => h.HostSuffix.Equals(hostSuffix, StringComparison.OrdinalIgnoreCase));
            s_hosts.Add((hostSuffix, factory));
        }
    }

    /// <summary>True when <c><paramref name="scheme"/>://</c> URLs open through a registered factory.</summary>
    public static bool IsRegistered(string scheme)
    {
        lock (s_lock) return s_schemes.ContainsKey(scheme);
    }

    /// <summary>
    /// Splits an object-store URL <c>scheme://container/prefix</c> (<c>s3://bucket/data.zarr</c>,
    /// <c>az://container</c>) into its container (bucket) and the prefix inside it ("" for none).
    /// </summary>
    /// <exception cref="ArgumentException">The URL is not <c><paramref name="scheme"/>://</c> or names no container.</exception>
    public static (string Container, string Prefix) SplitObjectUrl(string url, string scheme)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!ZarrStore.TryGetUrlScheme(url, out var actual) || !actual.Equals(scheme, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"'{url}' is not a {scheme}:// URL.", nameof(url));
        var rest = url[(scheme.Length + 3)..].TrimEnd('/');
        var slash = rest.IndexOf('/');
        var container = slash < 0 ? rest : rest[..slash];
        if (container.Length == 0) throw new ArgumentException($"'{url}' names no {(scheme == "s3" ? "bucket" : "container")}.", nameof(url));
        return (container, slash < 0 ? "" : rest[(slash + 1)..]);
    }

    /// <summary>The factory registered for <paramref name="scheme"/>, or for the host of an http(s) URL; null when none is.</summary>
    internal static ZarrStoreFactory? Find(string url, string scheme)
    {
        lock (s_lock)
        {
            if (s_schemes.TryGetValue(scheme, out var factory)) return factory;
            if (s_hosts.Count == 0 || scheme.ToLowerInvariant() is not ("http" or "https") || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
            foreach (var (suffix, open) in s_hosts)
                if (uri.Host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return open;
            return null;
        }
    }

    /// <summary>What to add or call so that <paramref name="scheme"/> opens, when it is one the project has a store for.</summary>
    internal static string? Hint(string scheme) => s_hints.GetValueOrDefault(scheme);
}
