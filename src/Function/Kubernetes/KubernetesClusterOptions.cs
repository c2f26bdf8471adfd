using EcrPublicLambda.Common;

namespace EcrPublicLambda.Kubernetes;

/// <summary>Tuning of one cluster connection. The defaults suit a Lambda run against an EKS API server.</summary>
internal sealed record KubernetesClusterOptions
{
    /// <summary>At most this many requests in flight to the cluster at once.</summary>
    internal int MaxConcurrency { get; init; } = 32;

    /// <summary>The retry numbers for 429, 5xx and transport errors (the one policy AWS calls use too).</summary>
    internal RetryOptions Retry { get; init; } = new();

    /// <summary>One attempt (connect, send, read the answer) may take this long.</summary>
    internal TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a bearer token from the provider is reused. EKS accepts a token for 15 minutes after signing
    /// (and <c>aws eks get-token</c> says 14); a run that lasts longer gets a fresh one.
    /// </summary>
    internal TimeSpan TokenLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Read-then-patch rounds for a service account that keeps changing under us.</summary>
    internal int ServiceAccountAttempts { get; init; } = 5;
}
