using Zarr.Stores;

namespace Zarr.Runtime.Tests.Concurrency;

/// <summary>
/// A memory store whose chunk reads meet: each of the first <c>parties</c> reads of a chunk key waits
/// (up to a timeout) until that many readers have arrived. Two unsynchronized read-modify-writes of
/// one chunk then both read the old chunk before either writes, so one update is lost every time;
/// with a synchronizer the second reader only arrives after the first writer is done, the first
/// reader gives up waiting, and nothing is lost. Deterministic either way.
/// </summary>
internal sealed class RendezvousStore(int parties, TimeSpan wait) : MemoryStore
{
    private readonly CountdownEvent _arrived = new(parties);
    private int _armed;
    private int _signals;

    /// <summary>Starts the rendezvous for the next chunk reads.</summary>
    public void Arm() => Volatile.Write(ref _armed, 1);

    /// <summary>How many readers gave up waiting for the others.</summary>
    public int TimedOut;

    public override byte[]? Get(string key)
    {
        var value = base.Get(key);
        if (Volatile.Read(ref _armed) == 1 && !key.EndsWith(".zarray", StringComparison.Ordinal) && !key.EndsWith(".zattrs", StringComparison.Ordinal))
        {
            // Read first, then wait: the value is the one seen before any writer of this round ran.
            if (Interlocked.Increment(ref _signals) <= parties) _arrived.Signal();
            if (!_arrived.Wait(wait)) Interlocked.Increment(ref TimedOut);
        }
        return value;
    }
}

/// <summary>A memory store that throws on chosen writes, as a full disk or a lost connection would.</summary>
internal sealed class FaultyStore : MemoryStore
{
    public Func<string, bool> FailOn { get; set; } = _ => false;

    public override void Set(string key, ReadOnlySpan<byte> value)
    {
        if (FailOn(key)) throw new IOException($"injected failure writing '{key}'");
        base.Set(key, value);
    }
}

/// <summary>
/// A memory store whose asynchronous members take <paramref name="latency"/> (like a remote store)
/// and count how many calls are in flight at once.
/// </summary>
internal sealed class LatencyStore(TimeSpan latency) : MemoryStore
{
    private int _inFlight;
    private int _maxInFlight;
    private int _calls;

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int Calls => Volatile.Read(ref _calls);

    public void Reset()
    {
        Volatile.Write(ref _maxInFlight, 0);
        Volatile.Write(ref _calls, 0);
    }

    private async ValueTask Enter(CancellationToken ct)
    {
        Interlocked.Increment(ref _calls);
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen) { }
        try
        {
            await Task.Delay(latency, ct);
        }
        catch
        {
            Interlocked.Decrement(ref _inFlight);
            throw;
        }
    }

    public override async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await Enter(cancellationToken);
        try { return Get(key); }
        finally { Interlocked.Decrement(ref _inFlight); }
    }

    public override async ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        await Enter(cancellationToken);
        try { Set(key, value.Span); }
        finally { Interlocked.Decrement(ref _inFlight); }
    }

    public override async ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        await Enter(cancellationToken);
        try { return Delete(key); }
        finally { Interlocked.Decrement(ref _inFlight); }
    }
}
