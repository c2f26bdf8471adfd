namespace EcrPublicLambda.Configuration;

/// <summary>One registered cluster, validated. <see cref="Endpoint"/> and <see cref="CertificateAuthority"/> are both set or both null.</summary>
internal sealed record ClusterConfig(
    string Name,
    string Region,
    IReadOnlyList<string> Namespaces,
    IReadOnlyList<string> ServiceAccounts,
    string? RoleArn,
    Uri? Endpoint,
    string? CertificateAuthority);
