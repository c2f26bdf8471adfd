namespace EcrPublicLambda.Aws;

/// <summary>What the refresh needs to reach a cluster's API server.</summary>
/// <param name="CertificateAuthority">Base64 PEM, exactly as <c>DescribeCluster</c> returns it.</param>
/// <param name="AuthenticationMode">Null when the answer has no <c>accessConfig</c> (older clusters).</param>
/// <param name="EndpointAccess">Null when the answer has no <c>resourcesVpcConfig</c>.</param>
internal sealed record EksClusterInfo(
    string Name, string Region, Uri Endpoint, string CertificateAuthority, string Status, string? AuthenticationMode, EksEndpointAccess? EndpointAccess = null);
