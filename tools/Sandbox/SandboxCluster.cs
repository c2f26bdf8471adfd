namespace EcrPublicLambda.Sandbox;

/// <summary>
/// One cluster of the sandbox: its name and region, the namespaces its API server has (all of them registered), and
/// whether the fleet gives its endpoint and CA (else the bootstrap asks the fake EKS <c>DescribeCluster</c>), and whether
/// it is not EKS (<c>"kind": "kubernetes"</c>: a ServiceAccount token read from the fake Secrets Manager).
/// </summary>
internal sealed record SandboxCluster(string Name, string Region, IReadOnlyList<string> Namespaces, bool EndpointInFleet, bool Kubernetes = false)
{
    /// <summary>The partial ARN of a <c>kubernetes</c> cluster's credentials secret.</summary>
    internal string SecretArn => $"arn:aws:secretsmanager:{Region}:111122223333:secret:ecr-public-lambda/{Name}";
}
