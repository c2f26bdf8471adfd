namespace EcrPublicLambda.Fakes;

/// <summary>
/// A cluster <see cref="FakeAwsServer"/> describes. <paramref name="Status"/> is EKS's (<c>ACTIVE</c>, <c>UPDATING</c>,
/// <c>CREATING</c>, <c>DELETING</c>, <c>FAILED</c>, <c>PENDING</c>); the endpoint fields are those of
/// <c>resourcesVpcConfig</c> (null <paramref name="PublicAccessCidrs"/>: EKS's default, <c>0.0.0.0/0</c>).
/// </summary>
internal sealed record FakeEksCluster(
    string Name,
    string Region,
    string Endpoint,
    string CertificateAuthority,
    string Status = "ACTIVE",
    string? AuthenticationMode = "API_AND_CONFIG_MAP",
    bool EndpointPublicAccess = true,
    bool EndpointPrivateAccess = false,
    IReadOnlyList<string>? PublicAccessCidrs = null);
