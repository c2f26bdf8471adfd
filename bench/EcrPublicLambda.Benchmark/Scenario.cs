namespace EcrPublicLambda.Benchmark;

/// <summary>A fleet shape: this many clusters, each with this many namespaces that all exist.</summary>
internal sealed record Scenario(int Clusters, int Namespaces)
{
    internal int Secrets => Clusters * Namespaces;

    /// <summary>
    /// The lower bound of a run's wall time: the ECR Public call, then (all clusters in parallel) DescribeCluster,
    /// then the writes of one cluster, at most <paramref name="perClusterBound"/> at a time.
    /// </summary>
    internal TimeSpan LowerBound(TimeSpan latency, int perClusterBound) =>
        latency * (2 + ((Namespaces + perClusterBound - 1) / perClusterBound));

    public override string ToString() => $"{Clusters} x {Namespaces}";
}
