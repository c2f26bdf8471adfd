using EcrPublicLambda.Common;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// Reuses a bearer token from the provider for a bounded time, so a long run asks for a fresh one before the
/// cluster stops accepting the old. Thread-safe; one fetch at a time. Never prints the token.
/// </summary>
internal sealed class BearerTokenCache(
    Func<CancellationToken, ValueTask<string>> provider,
    TimeProvider clock,
    TimeSpan lifetime) : IDisposable
{
    private readonly SemaphoreSlim fetchGate = new(1, 1);
    private CachedToken? current;

    /// <summary>The cached token while it is younger than the lifetime, else a fresh one from the provider.</summary>
    internal async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        var cached = Volatile.Read(ref current);
        if (IsFresh(cached))
        {
            return cached!.Value;
        }

        await fetchGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cached = Volatile.Read(ref current);
            if (IsFresh(cached))
            {
                return cached!.Value;
            }

            var token = await provider(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(token))
            {
                throw new InvalidOperationException("the bearer token provider returned an empty token");
            }

            Volatile.Write(ref current, new CachedToken(token, clock.GetUtcNow()));
            return token;
        }
        finally
        {
            fetchGate.Release();
        }
    }

    /// <summary>Forgets <paramref name="rejected"/> (the cluster answered 401 to it), unless a newer token replaced it already.</summary>
    internal void Invalidate(string rejected)
    {
        var cached = Volatile.Read(ref current);
        if (cached is not null && string.Equals(cached.Value, rejected, StringComparison.Ordinal))
        {
            Interlocked.CompareExchange(ref current, null, cached);
        }
    }

    public void Dispose() => fetchGate.Dispose();

    public override string ToString() => $"BearerTokenCache({Redaction.Marker})";

    private bool IsFresh(CachedToken? cached) =>
        cached is not null && clock.GetUtcNow() - cached.FetchedAt < lifetime;

    private sealed record CachedToken(string Value, DateTimeOffset FetchedAt)
    {
        public override string ToString() => $"CachedToken({Redaction.Marker})";
    }
}
