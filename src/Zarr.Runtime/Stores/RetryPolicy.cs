namespace Zarr.Stores;

/// <summary>
/// The retry loop of the network stores: each attempt has its own time-out (covering the answer's
/// body, not only its headers, so a connection that stalls half-way is abandoned), and a transient
/// failure (throttling, a server error, a dropped connection, an answer cut short, a time-out) is
/// retried after an exponential back-off with up to half of it added at random, so that many
/// clients throttled at once do not come back in step.
/// </summary>
/// <param name="MaxAttempts">Attempts in all, the first included.</param>
/// <param name="InitialBackoff">The first back-off; each retry doubles it.</param>
/// <param name="AttemptTimeout">How long one attempt may take before it is abandoned and retried.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan InitialBackoff, TimeSpan AttemptTimeout)
{
    /// <summary>
    /// Runs <paramref name="attempt"/> until it returns, throws an error that <paramref name="transient"/>
    /// does not recognise (rethrown as it is), or the attempts run out (then <paramref name="exhausted"/>
    /// makes the error, given the number of attempts and the last failure's description).
    /// </summary>
    /// <param name="attempt">One attempt; it must observe the token it is given, which also carries the attempt's time-out.</param>
    /// <param name="transient">A description of a failure worth retrying, or null for one that is not.</param>
    /// <param name="exhausted">The error thrown when no attempt succeeded.</param>
    /// <param name="cancellationToken">The caller's token: its cancellation is never retried.</param>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> attempt, Func<Exception, string?> transient,
        Func<int, string, Exception> exhausted, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxAttempts);
        var delay = InitialBackoff;
        for (var n = 1; ; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string failure;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(AttemptTimeout);
                try
                {
                    return await attempt(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = $"no answer in {AttemptTimeout.TotalSeconds:0.#} s";
                }
                catch (Exception e) when (transient(e) is { } description)
                {
                    failure = description;
                }
            }
            if (n >= MaxAttempts) throw exhausted(n, failure);
            var jitter = TimeSpan.FromTicks((long)(delay.Ticks * 0.5 * Random.Shared.NextDouble()));
            await Task.Delay(delay + jitter, cancellationToken).ConfigureAwait(false);
            delay *= 2;
        }
    }
}
