namespace Zarr.Synchronization;

/// <summary>
/// A serialisable description of a synchronizer: <c>thread</c> (a fresh <see cref="ThreadSynchronizer"/>;
/// its locks only ever coordinate threads of one process, so a new one is equivalent) or <c>process</c>
/// (a <see cref="ProcessSynchronizer"/> on the same lock folder).
/// </summary>
/// <param name="Kind"><c>thread</c> or <c>process</c>.</param>
/// <param name="Path">The lock folder of a process synchronizer; null otherwise.</param>
public sealed record SynchronizerDescriptor(string Kind, string? Path = null)
{
    /// <summary>The kind of <see cref="ThreadSynchronizer"/>.</summary>
    public const string ThreadKind = "thread";

    /// <summary>The kind of <see cref="ProcessSynchronizer"/>.</summary>
    public const string ProcessKind = "process";

    /// <summary>Creates the synchronizer this descriptor names.</summary>
    public ISynchronizer Create() => Kind switch
    {
        ThreadKind => new ThreadSynchronizer(),
        ProcessKind when !string.IsNullOrEmpty(Path) => new ProcessSynchronizer(Path),
        ProcessKind => throw new ZarrException("A process synchronizer descriptor needs the path of its lock folder."),
        _ => throw new ZarrException($"Unknown synchronizer kind '{Kind}' in a descriptor; expected '{ThreadKind}' or '{ProcessKind}'."),
    };
}
