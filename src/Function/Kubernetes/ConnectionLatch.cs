namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// Trips once a cluster's connection has failed for good (refused, timed out, TLS failed, no answer, after the retries
/// the failure allows): the cluster's other requests, queued or in flight, then fail at once with the same error
/// instead of each waiting for its own timeout.
/// </summary>
internal sealed class ConnectionLatch : IDisposable
{
    private readonly CancellationTokenSource broken = new();
    private Failure? failure;

    /// <summary>Cancelled when the latch trips.</summary>
    internal CancellationToken Token => broken.Token;

    /// <summary>The failure that tripped the latch, or null while the connection is not known to be broken.</summary>
    internal Failure? Tripped => Volatile.Read(ref failure);

    /// <summary>Trips the latch with <paramref name="error"/> (the first failure wins) and cancels the waiting requests.</summary>
    internal void Trip(string error, int attempts, bool unreachable)
    {
        if (Interlocked.CompareExchange(ref failure, new Failure(error, attempts, unreachable), null) is null)
        {
            broken.Cancel();
        }
    }

    public void Dispose() => broken.Dispose();

    internal sealed record Failure(string Error, int Attempts, bool Unreachable);
}
