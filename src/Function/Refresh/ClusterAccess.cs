using EcrPublicLambda.Aws;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// How any run reaches one cluster's API server: its endpoint and CA from the fleet file, or from DescribeCluster with
/// the cluster's credentials (which also says who can reach the endpoint, for the error when it cannot be reached), and
/// a bearer-token function for the connection. Shared by the refresh engine and the status reader.
/// </summary>
internal static class ClusterAccess
{
    /// <summary>The endpoint, CA and unreachable hint; AWS failures are thrown as the clients throw them.</summary>
    internal static async Task<(Uri Endpoint, string Authority, string? UnreachableHint)> LookUpAsync(AwsClients aws, ClusterConfig cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aws);
        ArgumentNullException.ThrowIfNull(cluster);
        var credentials = await aws.CredentialsForAsync(cluster.RoleArn, cluster.Region, cancellationToken).ConfigureAwait(false);
        if (cluster.Endpoint is { } known)
        {
            return (known, cluster.CertificateAuthority!, null);
        }

        var info = await aws.DescribeClusterAsync(cluster.Name, cluster.Region, credentials, cancellationToken).ConfigureAwait(false);
        return (info.Endpoint, info.CertificateAuthority, info.EndpointAccess?.UnreachableHint());
    }

    /// <summary>A fresh bearer token on each call (the connection caches it); role credentials come from the per-role cache.</summary>
    internal static Func<CancellationToken, ValueTask<string>> BearerTokens(AwsClients aws, ClusterConfig cluster) =>
        async cancellationToken =>
        {
            var credentials = await aws.CredentialsForAsync(cluster.RoleArn, cluster.Region, cancellationToken).ConfigureAwait(false);
            return aws.CreateBearerToken(credentials, cluster.Name, cluster.Region).Token;
        };
}
