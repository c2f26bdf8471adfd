namespace EcrPublicLambda.Configuration;

/// <summary>
/// One registered cluster, validated. <see cref="Endpoint"/> and <see cref="CertificateAuthority"/> are both set or both null;
/// <see cref="CertificateAuthority"/> is the base64 of the PEM, as EKS DescribeCluster returns it.
/// </summary>
public sealed record ClusterConfig(
    string Name,
    string Region,
    IReadOnlyList<string> Namespaces,
    IReadOnlyList<string> ServiceAccounts,
    string? RoleArn,
    Uri? Endpoint,
    string? CertificateAuthority)
{
    /// <summary><c>excludeNamespaces</c>: names or patterns removed from the selection (empty: none).</summary>
    public IReadOnlyList<string> ExcludeNamespaces { get; init; } = [];

    /// <summary><c>namespaceSelector</c>: narrows the selection to namespaces with matching labels (null: no narrowing).</summary>
    public LabelSelector? NamespaceSelector { get; init; }

    /// <summary><c>registries</c>: the names of the fleet's registries this cluster receives (null: every one).</summary>
    public IReadOnlyList<string>? Registries { get; init; }

    /// <summary>Every listed service account in every listed namespace, namespace by namespace.</summary>
    public IEnumerable<(string Namespace, string Name)> ServiceAccountTargets =>
        Namespaces.SelectMany(ns => ServiceAccounts.Select(account => (ns, account)));
}
