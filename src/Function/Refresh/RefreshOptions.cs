using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Refresh;

/// <summary>Tuning of one run. The defaults suit a Lambda function refreshing hundreds of clusters.</summary>
internal sealed record RefreshOptions
{
    /// <summary>
    /// Clusters worked on at once. Each cluster bounds its own requests (<see cref="KubernetesClusterOptions.MaxConcurrency"/>).
    /// Each cluster in flight holds its own TLS/HTTP/2 connection and its requests: 24 keeps a 200-cluster run near 60 MB
    /// peak RSS (32: 64 MB, 48: 76-84 MB, 96: 88-95 MB), and more in flight is no faster once the run is CPU-bound
    /// (docs/performance.md).
    /// </summary>
    internal int MaxClusters { get; init; } = 24;

    /// <summary>
    /// Clusters whose AWS lookup (role credentials, DescribeCluster) runs at once. The lookups run ahead of the
    /// <see cref="MaxClusters"/> bound, which holds only the Kubernetes connections, and this bound keeps the EKS API calls
    /// (and connections to it) in check.
    /// </summary>
    internal int MaxLookups { get; init; } = 32;

    /// <summary>No new write starts when less than this is left before the invocation deadline.</summary>
    internal TimeSpan DeadlineReserve { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Writes still in flight this long before the deadline are abandoned, so the report can still be sent.</summary>
    internal TimeSpan DeadlineCutoff { get; init; } = TimeSpan.FromSeconds(1);

    internal KubernetesClusterOptions Kubernetes { get; init; } = new();

    /// <summary>
    /// Set: a run that writes holds a Lease in each cluster for this long (<c>RunLease</c>), so runs exclude each other
    /// per cluster without reserved concurrency; null: no Lease. Cover the whole run (the function's timeout and more).
    /// </summary>
    internal TimeSpan? LeaseDuration { get; init; }

    /// <summary>How often a cleanup looks again at a Lease another run holds (it waits for that run, up to its deadline).</summary>
    internal TimeSpan LeaseRetryInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Who runs, as the Leases name their holder (each run adds its own id): the function's name, or <c>bootstrap</c>.</summary>
    internal string LeaseHolder { get; init; } = "bootstrap";
}
