using System.Diagnostics;
using Zarr.Stores;

namespace Zarr.Synchronization;

/// <summary>
/// Per-chunk locks shared by processes (zarr-python's <c>ProcessSynchronizer</c>): the lock of a store
/// key is the file <c>&lt;folder&gt;/&lt;key&gt;</c> (a key <c>foo/0.1</c> locks <c>foo/0.1</c> under
/// the folder, as zarr-python names its lock files), held open with <see cref="FileShare.None"/>
/// while the chunk is read, modified and written. Threads of one process first queue on an in-process
/// lock, so only one of them at a time competes for the file.
/// </summary>
/// <remarks>
/// <para>
/// The folder must be on a file system that every writing process sees, and must not be the array's
/// own store folder. Lock files are empty and are never deleted (deleting a lock file while another
/// process waits on it would let two processes lock two different files of the same name); remove the
/// folder when no writer is running.
/// </para>
/// <para>
/// Where file locking is not reliable: on Linux and macOS .NET implements <see cref="FileShare.None"/>
/// with advisory <c>flock(2)</c> locks. They exclude every process that uses this class on the same
/// file, but not programs that ignore them, and they are only as good as the file system's support:
/// local file systems (ext4, xfs, btrfs, APFS, NTFS) are fine; NFS works only when the server and every
/// client run the lock service (NFSv4, or NFSv3 with <c>lockd</c>; mounts with <c>nolock</c>/<c>local_lock</c>
/// lock only within one machine); SMB/CIFS mounts with <c>nobrl</c>, many FUSE file systems (sshfs, s3fs,
/// gcsfuse) and object stores do not lock at all. The constructor checks that a second open of a probe
/// file is refused and throws <see cref="NotSupportedException"/> when it is not (which also catches the
/// <c>System.IO.DisableFileLocking</c> switch), but it cannot see whether locks reach other machines.
/// The locks are not compatible with zarr-python's (fasteners uses <c>fcntl</c> record locks): do not
/// let zarr-python and Zarr.Typed write the same chunks at the same time through one lock folder.
/// </para>
/// </remarks>
public sealed class ProcessSynchronizer : ISynchronizer
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(50);
    private readonly KeyedLock _local = new();

    /// <summary>Creates a synchronizer whose lock files live under <paramref name="path"/> (created when missing).</summary>
    /// <param name="path">The lock folder: shared by every writer, different from the store's folder.</param>
    /// <param name="timeout">How long <see cref="Acquire"/> waits for another process before throwing
    /// <see cref="ZarrLockTimeoutException"/>; default one minute, <see cref="Timeout.InfiniteTimeSpan"/> for ever.</param>
    public ProcessSynchronizer(string path, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var t = timeout ?? TimeSpan.FromMinutes(1);
        if (t < TimeSpan.Zero && t != System.Threading.Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeout), t, "The timeout must be non-negative or Timeout.InfiniteTimeSpan.");
        Path = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        Timeout = t;
        Directory.CreateDirectory(Path);
        CheckLockingWorks(Path);
    }

    /// <summary>The absolute path of the lock folder.</summary>
    public string Path { get; }

    /// <summary>How long an acquisition waits for another process.</summary>
    public TimeSpan Timeout { get; }

    /// <inheritdoc />
    public string TypeName => "zarr.sync.ProcessSynchronizer";

    /// <summary>The lock file of a store key.</summary>
    public string LockFilePath(string key) =>
        System.IO.Path.Combine(Path, StoreKey.Validate(key).Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <inheritdoc />
    /// <exception cref="ZarrLockTimeoutException">Another process held the lock for longer than <see cref="Timeout"/>.</exception>
    public IDisposable Acquire(string key)
    {
        var file = LockFilePath(key);
        var start = Stopwatch.GetTimestamp();
        var local = _local.Enter(key);
        try
        {
            var delay = TimeSpan.FromMilliseconds(1);
            while (true)
            {
                var handle = TryLock(file, out var failure);
                if (handle is not null) return new Holder(handle, local);
                var waited = Stopwatch.GetElapsedTime(start);
                if (Timeout != System.Threading.Timeout.InfiniteTimeSpan && waited >= Timeout)
                    throw new ZarrLockTimeoutException(key, file, waited, failure);
                Thread.Sleep(Jitter(delay));
                delay = Next(delay);
            }
        }
        catch
        {
            local.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    /// <exception cref="ZarrLockTimeoutException">Another process held the lock for longer than <see cref="Timeout"/>.</exception>
    public async ValueTask<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken = default)
    {
        var file = LockFilePath(key);
        var start = Stopwatch.GetTimestamp();
        var local = await _local.EnterAsync(key, cancellationToken).ConfigureAwait(false);
        try
        {
            var delay = TimeSpan.FromMilliseconds(1);
            while (true)
            {
                var handle = TryLock(file, out var failure);
                if (handle is not null) return new Holder(handle, local);
                var waited = Stopwatch.GetElapsedTime(start);
                if (Timeout != System.Threading.Timeout.InfiniteTimeSpan && waited >= Timeout)
                    throw new ZarrLockTimeoutException(key, file, waited, failure);
                await Task.Delay(Jitter(delay), cancellationToken).ConfigureAwait(false);
                delay = Next(delay);
            }
        }
        catch
        {
            local.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public SynchronizerDescriptor Describe() => new(SynchronizerDescriptor.ProcessKind, Path);

    /// <summary>Opens the lock file exclusively, or returns null (with the reason) when another holder has it.</summary>
    private static FileStream? TryLock(string file, out IOException? failure)
    {
        failure = null;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
            }
            catch (DirectoryNotFoundException) when (attempt == 0)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
            }
            catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException or DriveNotFoundException))
            {
                // A sharing violation (Windows) or EWOULDBLOCK from flock (Unix): someone else holds it.
                failure = e;
                return null;
            }
        }
    }

    private static TimeSpan Next(TimeSpan delay) => delay * 2 < MaxBackoff ? delay * 2 : MaxBackoff;

    // Spread retries so waiting processes do not wake in lockstep.
    private static TimeSpan Jitter(TimeSpan delay) => delay * (0.5 + Random.Shared.NextDouble());

    private static void CheckLockingWorks(string folder)
    {
        var probe = System.IO.Path.Combine(folder, ".lock-probe-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var first = new FileStream(probe, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
            try
            {
                using var second = new FileStream(probe, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
            }
            catch (IOException)
            {
                return; // refused, as it must be
            }
            throw new NotSupportedException(
                $"File locking is not enforced in '{folder}' (a second exclusive open of a file succeeded): the file system does not " +
                "support locks, or file locking is disabled (DOTNET_SYSTEM_IO_DISABLEFILELOCKING / System.IO.DisableFileLocking). " +
                "A ProcessSynchronizer cannot protect writers there; use a lock folder on a local file system.");
        }
        finally
        {
            try { File.Delete(probe); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private sealed class Holder(FileStream file, IDisposable local) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            try
            {
                file.Dispose(); // closing the handle releases the file lock
            }
            finally
            {
                local.Dispose();
            }
        }
    }
}
