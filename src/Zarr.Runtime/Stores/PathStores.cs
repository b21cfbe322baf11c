using System.Runtime.CompilerServices;

namespace Zarr.Stores;

/// <summary>
/// The stores made from a path (<see cref="ZarrStore.FromPath"/>, a string converted to
/// <see cref="ZarrStore"/>, and with them the path overloads of <c>ZarrGroup.Create</c>/<c>Open</c>,
/// <c>ZarrArray.Open</c> and <c>ZarrNode.Open</c>). The caller never sees such a store being made, so
/// the nodes opened on it own it: <see cref="ZarrNode.Dispose"/> disposes it (for a zip file, that
/// writes the archive). A store the caller made and passed in stays the caller's.
/// As a last resort, stores made from a path that are still open when the process exits are disposed
/// then, so a zip written through a path overload and never disposed still reaches the disk.
/// </summary>
internal static class PathStores
{
    // Weak keys: a store nobody references any more is not kept alive (a zip store with pending
    // changes is referenced by the nodes that wrote them until they too are unreachable).
    private static readonly ConditionalWeakTable<ZarrStore, object> s_owned = [];
    private static readonly object s_mark = new();
    private static int s_hooked;

    /// <summary>Marks <paramref name="store"/> as made from a path; returns it.</summary>
    public static ZarrStore Own(ZarrStore store)
    {
        s_owned.AddOrUpdate(store, s_mark);
        if (Interlocked.Exchange(ref s_hooked, 1) == 0) AppDomain.CurrentDomain.ProcessExit += (_, _) => DisposeAll();
        return store;
    }

    /// <summary>True when <paramref name="store"/> was made from a path (so the nodes on it own it).</summary>
    public static bool IsOwned(ZarrStore store) => s_owned.TryGetValue(store, out _);

    /// <summary>Disposes a store made from a path, once.</summary>
    public static void Release(ZarrStore store)
    {
        if (s_owned.Remove(store)) store.Dispose();
    }

    // At exit nothing can catch an error any more, and one store's failure (its folder deleted, a
    // full disk) must not keep the others from being written: say so on stderr and go on.
    private static void DisposeAll()
    {
        foreach (var (store, _) in s_owned.ToList()) // Release removes entries: iterate over a copy
        {
            try
            {
                Release(store);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"Zarr.Typed: a store opened from a path could not be written at exit ({store.Describe()?.Location ?? store.StoreTypeName}): {e.Message}");
            }
        }
    }
}
