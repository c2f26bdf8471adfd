namespace EcrPublicLambda.Common;

/// <summary>
/// The numbers of the one retry policy (<see cref="RetryPolicy"/>) that every call to AWS and to a Kubernetes API
/// server goes through. The defaults suit a Lambda run: at most 4 attempts within 30 s.
/// </summary>
internal sealed record RetryOptions
{
    /// <summary>Attempts per call, the first included.</summary>
    internal int MaxAttempts { get; init; } = 4;

    /// <summary>The backoff ceiling of the first retry; it doubles with each retry, up to <see cref="MaxDelay"/>.</summary>
    internal TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The largest backoff ceiling.</summary>
    internal TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A server's <c>Retry-After</c> is honoured up to this long.</summary>
    internal TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The time budget of one call, measured from the start of its first attempt: no retry is started whose wait
    /// would end after it (an attempt already under way is bounded by its own timeout, not by the budget).
    /// </summary>
    internal TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(30);
}
