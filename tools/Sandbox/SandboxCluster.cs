namespace EcrPublicLambda.Sandbox;

/// <summary>
/// One cluster of the sandbox: its name and region, the namespaces its API server has (all of them registered), and
/// whether the fleet gives its endpoint and CA (else the bootstrap asks the fake EKS <c>DescribeCluster</c>).
/// </summary>
internal sealed record SandboxCluster(string Name, string Region, IReadOnlyList<string> Namespaces, bool EndpointInFleet);
