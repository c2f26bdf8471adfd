namespace EcrPublicLambda.Aws;

/// <summary><c>cluster</c> in the <c>DescribeCluster</c> answer.</summary>
internal sealed class EksCluster
{
    public string? Name { get; set; }

    public string? Endpoint { get; set; }

    public EksCertificateAuthority? CertificateAuthority { get; set; }

    public string? Status { get; set; }

    public EksAccessConfig? AccessConfig { get; set; }

    public EksVpcConfig? ResourcesVpcConfig { get; set; }
}
