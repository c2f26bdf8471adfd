namespace EcrPublicLambda.Configuration;

/// <summary>The validated fleet: what to refresh and how.</summary>
public sealed record Fleet(string SecretName, bool AdoptExisting, IReadOnlyList<ClusterConfig> Clusters)
{
    public const string DefaultSecretName = "ecr-public-token";

    /// <summary>The <c>instance</c> of a fleet that names none, and of a Secret of ours without the instance label.</summary>
    public const string DefaultInstance = "default";

    /// <summary>
    /// Which deployment this fleet is (<c>instance</c>): written as a label on every Secret it applies, so that sweeps
    /// and cleanups of two deployments sharing a cluster and a Secret name never touch each other's Secrets.
    /// </summary>
    public string Instance { get; init; } = DefaultInstance;

    /// <summary>How many names <see cref="DescribeClusterNames"/> lists before it counts the rest.</summary>
    private const int MaxListedNames = 20;

    /// <summary>Whether a cluster of this name is registered (in any region).</summary>
    public bool HasCluster(string name) => Clusters.Any(cluster => string.Equals(cluster.Name, name, StringComparison.Ordinal));

    /// <summary>The registered names, each once, for messages: <c>a, b, c</c>, or the first 20 and <c>... N more</c>.</summary>
    public string DescribeClusterNames()
    {
        var names = Clusters.Select(cluster => cluster.Name).Distinct(StringComparer.Ordinal).ToList();
        var listed = string.Join(", ", names.Take(MaxListedNames));
        return names.Count > MaxListedNames ? $"{listed}, ... {names.Count - MaxListedNames} more" : listed;
    }
}
