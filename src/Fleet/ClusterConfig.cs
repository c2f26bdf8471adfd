namespace EcrPublicLambda.Configuration;

/// <summary>
/// One registered cluster, validated. <see cref="Endpoint"/> and <see cref="CertificateAuthority"/> are both set or both null;
/// <see cref="CertificateAuthority"/> is the base64 of the PEM, as EKS DescribeCluster returns it.
/// A <see cref="ClusterKind.Kubernetes"/> cluster always has both, and a <see cref="CredentialsSecretArn"/>; its
/// <see cref="RoleArn"/> is the role that reads that secret and its <see cref="Region"/> the secret's region.
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
    /// <summary><c>kind</c>: how the cluster is reached and authenticated to.</summary>
    public ClusterKind Kind { get; init; } = ClusterKind.Eks;

    /// <summary><c>credentialsSecretArn</c> (kind kubernetes only): the Secrets Manager secret holding the cluster credentials.</summary>
    public string? CredentialsSecretArn { get; init; }

    /// <summary><c>kmsKeyArn</c> (kind kubernetes only): the customer managed key that encrypts that secret, if any.</summary>
    public string? KmsKeyArn { get; init; }

    /// <summary>The secret's name as its ARN gives it (after <c>secret:</c>), for messages; null for an EKS cluster.</summary>
    public string? CredentialsSecretName => CredentialsSecretArn is { } arn ? FleetRules.SecretArnName(arn) : null;

    /// <summary><c>excludeNamespaces</c>: names or patterns removed from the selection (empty: none).</summary>
    public IReadOnlyList<string> ExcludeNamespaces { get; init; } = [];

    /// <summary><c>namespaceSelector</c>: narrows the selection to namespaces with matching labels (null: no narrowing).</summary>
    public LabelSelector? NamespaceSelector { get; init; }

    /// <summary>Every listed service account in every listed namespace, namespace by namespace.</summary>
    public IEnumerable<(string Namespace, string Name)> ServiceAccountTargets =>
        Namespaces.SelectMany(ns => ServiceAccounts.Select(account => (ns, account)));
}
