namespace Zarr.Stores;

/// <summary>
/// A store whose writes can be made conditional on the version of the value they replace (HTTP's
/// <c>If-Match</c>/<c>If-None-Match</c> on an ETag): what <see cref="Synchronization.OptimisticSynchronizer"/>
/// needs so that writers on different machines never lose each other's updates.
/// </summary>
public interface IConditionalStore
{
    /// <summary>The value under <paramref name="key"/> and its version, or null (and a null version) when absent.</summary>
    byte[]? GetVersioned(string key, out string? version);

    /// <summary>
    /// Stores <paramref name="value"/> only if the value under <paramref name="key"/> still has
    /// <paramref name="expectedVersion"/> (null: only if the key is absent); false, changing nothing,
    /// when another writer got there first.
    /// </summary>
    bool TrySet(string key, ReadOnlySpan<byte> value, string? expectedVersion);

    /// <summary>Deletes <paramref name="key"/> only if its value still has <paramref name="expectedVersion"/>; false otherwise.</summary>
    bool TryDelete(string key, string expectedVersion);
}
