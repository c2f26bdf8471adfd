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
    /// <summary>Every listed service account in every listed namespace, namespace by namespace.</summary>
    public IEnumerable<(string Namespace, string Name)> ServiceAccountTargets =>
        Namespaces.SelectMany(ns => ServiceAccounts.Select(account => (ns, account)));
}
