namespace EcrPublicLambda.Aws;

/// <summary>The body of EKS <c>DescribeCluster</c> (only the fields we use).</summary>
internal sealed class EksDescribeClusterResponse
{
    public EksCluster? Cluster { get; set; }
}
