namespace EcrPublicLambda.Configuration;

/// <summary>The validated cluster registry: what to refresh and how.</summary>
internal sealed record Registry(string SecretName, bool AdoptExisting, IReadOnlyList<ClusterConfig> Clusters)
{
    internal const string DefaultSecretName = "ecr-public-token";
}
