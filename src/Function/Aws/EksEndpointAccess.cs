namespace EcrPublicLambda.Aws;

/// <summary>
/// Who can reach a cluster's API server endpoint, from <c>resourcesVpcConfig</c>: a public endpoint (open to every
/// address or to some CIDRs only), a private one (inside the cluster's VPC), or both.
/// </summary>
internal sealed record EksEndpointAccess(bool PublicAccess, bool PrivateAccess, IReadOnlyList<string> PublicAccessCidrs)
{
    private const string Anywhere = "0.0.0.0/0";

    /// <summary>
    /// Why the function may fail to reach the endpoint, for an error that says the API server could not be reached;
    /// null when the endpoint is open to every address (then the reason lies elsewhere).
    /// </summary>
    internal string? UnreachableHint()
    {
        if (!PublicAccess)
        {
            return "the cluster's endpoint is private only: the function must run in the cluster's VPC (or one with a route to it), "
                + "and the cluster's security group must allow HTTPS (443) from the function's security group";
        }

        if (PublicAccessCidrs.Count == 0 || PublicAccessCidrs.Contains(Anywhere, StringComparer.Ordinal))
        {
            return null;
        }

        var cidrs = string.Join(", ", PublicAccessCidrs);
        return PrivateAccess
            ? $"public access is limited to {cidrs}; the function's egress address must be in it or the function must run in the VPC"
            : $"public access is limited to {cidrs}; the function's egress address (its NAT gateway's, in a VPC) must be in it";
    }
}
