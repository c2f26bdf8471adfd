namespace EcrPublicLambda.Aws;

/// <summary><c>cluster.certificateAuthority</c>: the base64-encoded PEM of the cluster CA.</summary>
internal sealed class EksCertificateAuthority
{
    public string? Data { get; set; }
}
