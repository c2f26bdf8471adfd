namespace EcrPublicLambda.Benchmark;

/// <summary>
/// A fleet shape: this many clusters, each with this many namespaces that all exist; with <paramref name="Http1Only"/>
/// the fake API servers speak HTTP/1.1 only (no h2 in ALPN), as one behind a proxy without HTTP/2 does.
/// </summary>
internal sealed record Scenario(int Clusters, int Namespaces, bool Http1Only = false)
{
    internal int Secrets => Clusters * Namespaces;

    /// <summary>A name for files: <c>100x20</c>, <c>100x20-http1</c>.</summary>
    internal string FileName => $"{Clusters}x{Namespaces}" + (Http1Only ? "-http1" : string.Empty);

    /// <summary>
    /// The lower bound of a run's wall time: the ECR Public call, then (all clusters in parallel) DescribeCluster,
    /// then the writes of one cluster, at most <paramref name="perClusterBound"/> at a time.
    /// </summary>
    internal TimeSpan LowerBound(TimeSpan latency, int perClusterBound) =>
        latency * (2 + ((Namespaces + perClusterBound - 1) / perClusterBound));

    public override string ToString() => $"{Clusters} x {Namespaces}" + (Http1Only ? " (HTTP/1.1 only)" : string.Empty);
}
