namespace Zarr;

/// <summary>A <see cref="Synchronization.ProcessSynchronizer"/> could not take a chunk's lock file within its timeout.</summary>
public sealed class ZarrLockTimeoutException : ZarrException
{
    /// <summary>Creates the exception for a store key, its lock file and the time waited.</summary>
    public ZarrLockTimeoutException(string key, string lockPath, TimeSpan waited, Exception? inner = null)
        : base($"Timed out after {waited.TotalSeconds:0.###} s waiting for the lock of '{key}' (lock file '{lockPath}'). " +
               "Another process holds it, or a process that held it hangs; locks held by processes that died are released by the operating system.", inner)
    {
        Key = key;
        LockPath = lockPath;
        Waited = waited;
    }

    /// <summary>The store key whose lock was wanted.</summary>
    public string Key { get; }

    /// <summary>The lock file.</summary>
    public string LockPath { get; }

    /// <summary>How long the caller waited.</summary>
    public TimeSpan Waited { get; }
}
