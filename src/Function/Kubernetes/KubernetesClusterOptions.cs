namespace EcrPublicLambda.Kubernetes;

/// <summary>Tuning of one cluster connection. The defaults suit a Lambda run against an EKS API server.</summary>
internal sealed record KubernetesClusterOptions
{
    /// <summary>At most this many requests in flight to the cluster at once.</summary>
    internal int MaxConcurrency { get; init; } = 32;

    /// <summary>Attempts per request, the first included, for 429, 5xx and transport errors.</summary>
    internal int MaxAttempts { get; init; } = 4;

    /// <summary>The first backoff step; each retry doubles it (full jitter), up to <see cref="MaxBackoff"/>.</summary>
    internal TimeSpan BaseBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    internal TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A server's <c>Retry-After</c> is honoured up to this long.</summary>
    internal TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>One attempt (connect, send, read the answer) may take this long.</summary>
    internal TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a bearer token from the provider is reused. EKS accepts a token for 15 minutes after signing
    /// (and <c>aws eks get-token</c> says 14); a run that lasts longer gets a fresh one.
    /// </summary>
    internal TimeSpan TokenLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Read-then-patch rounds for a service account that keeps changing under us.</summary>
    internal int ServiceAccountAttempts { get; init; } = 5;

    /// <summary>The wait between attempts. Null: <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> on the cluster's clock.</summary>
    internal Func<TimeSpan, CancellationToken, Task>? Delay { get; init; }
}
