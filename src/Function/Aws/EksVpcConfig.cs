namespace EcrPublicLambda.Aws;

/// <summary><c>cluster.resourcesVpcConfig</c> in the <c>DescribeCluster</c> answer (only the endpoint access fields).</summary>
internal sealed class EksVpcConfig
{
    public bool? EndpointPublicAccess { get; set; }

    public bool? EndpointPrivateAccess { get; set; }

    public List<string>? PublicAccessCidrs { get; set; }
}
