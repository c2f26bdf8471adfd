namespace EcrPublicLambda.Configuration;

/// <summary>
/// How the function reaches a cluster (<c>kind</c> in the fleet): <see cref="Eks"/> (the default) through EKS
/// (DescribeCluster, a bearer token from a presigned STS call, an access entry), <see cref="Kubernetes"/> (any
/// conformant API server) with the endpoint and CA from the fleet and credentials read from Secrets Manager.
/// </summary>
public enum ClusterKind
{
    Eks,
    Kubernetes,
}
