using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Refresh;

/// <summary>Tuning of one run. The defaults suit a Lambda function refreshing hundreds of clusters.</summary>
internal sealed record RefreshOptions
{
    /// <summary>Clusters worked on at once. Each cluster bounds its own requests (<see cref="KubernetesClusterOptions.MaxConcurrency"/>).</summary>
    internal int MaxClusters { get; init; } = 256;

    /// <summary>No new write starts when less than this is left before the invocation deadline.</summary>
    internal TimeSpan DeadlineReserve { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Writes still in flight this long before the deadline are abandoned, so the report can still be sent.</summary>
    internal TimeSpan DeadlineCutoff { get; init; } = TimeSpan.FromSeconds(1);

    internal KubernetesClusterOptions Kubernetes { get; init; } = new();
}
