using System.Net;

namespace EcrPublicLambda.Aws;

/// <summary>
/// Bounded retries with exponential backoff and full jitter: attempt n waits a random time in
/// [0, min(<see cref="MaxDelay"/>, <see cref="BaseDelay"/> · 2ⁿ)). Retried: throttling (HTTP 429, or an error code
/// ending in ThrottlingException / TooManyRequestsException, Throttling, RequestLimitExceeded), 5xx and transport
/// errors. Never other 4xx. The wait goes through <paramref name="delay"/> so tests need not sleep.
/// </summary>
internal sealed class AwsRetryPolicy(int maxRetries, TimeSpan baseDelay, TimeSpan maxDelay, Func<TimeSpan, CancellationToken, Task> delay, Func<double>? random = null)
{
    internal int MaxRetries { get; } = maxRetries;

    internal TimeSpan BaseDelay { get; } = baseDelay;

    internal TimeSpan MaxDelay { get; } = maxDelay;

    /// <summary>3 retries, 200 ms base, 5 s cap, waiting on <paramref name="clock"/>.</summary>
    internal static AwsRetryPolicy Standard(TimeProvider clock) =>
        new(3, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), (wait, token) => Task.Delay(wait, clock, token));

    internal static bool IsThrottling(HttpStatusCode status, string? code) =>
        status == HttpStatusCode.TooManyRequests
        || (code is not null && (code.EndsWith("ThrottlingException", StringComparison.Ordinal)
            || code.EndsWith("TooManyRequestsException", StringComparison.Ordinal)
            || code is "Throttling" or "ThrottledException" or "RequestLimitExceeded" or "RequestThrottled" or "SlowDown"));

    /// <summary>Whether an HTTP error response is worth another attempt.</summary>
    internal static bool IsRetryable(HttpStatusCode status, string? code) =>
        IsThrottling(status, code) || (int)status >= 500;

    /// <summary>The wait before retry number <paramref name="retry"/> (0-based).</summary>
    internal TimeSpan DelayFor(int retry)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, retry));
        return TimeSpan.FromMilliseconds(ceiling * (random ?? Random.Shared.NextDouble)());
    }

    internal Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken) => delay(wait, cancellationToken);
}
