namespace EcrPublicLambda.Fakes;

/// <summary>A cluster <see cref="FakeAwsServer"/> describes.</summary>
internal sealed record FakeEksCluster(
    string Name,
    string Region,
    string Endpoint,
    string CertificateAuthority,
    string Status = "ACTIVE",
    string? AuthenticationMode = "API_AND_CONFIG_MAP");
