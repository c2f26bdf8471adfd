using System.Net.Http.Headers;

namespace EcrPublicLambda.Common;

/// <summary>
/// The one retry policy of every HTTP call to AWS (ECR Public, EKS, STS) and to Kubernetes API servers. The caller
/// runs one attempt at a time and says whether its failure is retryable; the policy decides whether and how long to
/// wait. Retry number n (1-based) waits a uniformly random time in [0, min(<see cref="RetryOptions.MaxDelay"/>,
/// <see cref="RetryOptions.BaseDelay"/> · 2ⁿ⁻¹)] ("full jitter"), and at least the server's <c>Retry-After</c>
/// (bounded by <see cref="RetryOptions.MaxRetryAfter"/>). It stops after <see cref="RetryOptions.MaxAttempts"/>
/// attempts or when the wait would end after <see cref="RetryOptions.Budget"/>. Waits go through the
/// <see cref="TimeProvider"/>.
/// </summary>
/// <param name="random">The jitter source, a value in [0, 1); <see cref="Random.Shared"/> when null.</param>
internal sealed class RetryPolicy(RetryOptions options, TimeProvider clock, Func<double>? random = null)
{
    internal RetryOptions Options { get; } = options;

    /// <summary>
    /// Runs <paramref name="attempt"/> (given its 1-based number) until it succeeds, fails for good, or the attempts
    /// or the budget run out; returns the last attempt's result and how many attempts were made.
    /// </summary>
    /// <param name="onRetry">Called once the wait before the next attempt has started (number of the failed attempt, its result, the wait).</param>
    internal async Task<(T Result, int Attempts)> ExecuteAsync<T>(
        Func<int, CancellationToken, Task<RetryAttempt<T>>> attempt,
        Action<int, T, TimeSpan> onRetry,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(onRetry);
        var started = clock.GetTimestamp();
        for (var number = 1; ; number++)
        {
            var outcome = await attempt(number, cancellationToken).ConfigureAwait(false);
            if (!outcome.Retryable || number >= Options.MaxAttempts)
            {
                return (outcome.Result, number);
            }

            var wait = Wait(number, outcome.RetryAfter);
            if (clock.GetElapsedTime(started) + wait > Options.Budget)
            {
                return (outcome.Result, number);
            }

            // The wait starts before it is reported, so whoever watches the report sees a wait that is under way.
            var delay = Task.Delay(wait, clock, cancellationToken);
            onRetry(number, outcome.Result, wait);
            await delay.ConfigureAwait(false);
        }
    }

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based): full jitter, and at least <paramref name="retryAfter"/> (bounded).</summary>
    internal TimeSpan Wait(int attempt, TimeSpan? retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var ceiling = Math.Min(Options.MaxDelay.TotalMilliseconds, Options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        var jittered = TimeSpan.FromMilliseconds(ceiling * (random ?? Random.Shared.NextDouble)());
#pragma warning restore CA5394
        if (retryAfter is not { } asked)
        {
            return jittered;
        }

        var honoured = asked < TimeSpan.Zero ? TimeSpan.Zero : asked > Options.MaxRetryAfter ? Options.MaxRetryAfter : asked;
        return honoured > jittered ? honoured : jittered;
    }

    /// <summary>A response's <c>Retry-After</c> (seconds, or an HTTP date relative to <paramref name="clock"/>), or null.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseHeaders headers, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(clock);
        return headers.RetryAfter is not { } header
            ? null
            : header.Delta ?? (header.Date is { } date ? date - clock.GetUtcNow() : null);
    }
}
