using EcrPublicLambda.Aws;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Kubernetes;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// Where a cluster's endpoint, CA and credentials come from, by its kind. EKS: the fleet or DescribeCluster, and an
/// EKS bearer token signed afresh whenever the connection asks. <c>kubernetes</c>: the fleet, and the credentials read
/// once from the cluster's Secrets Manager secret (with <c>roleArn</c>'s credentials when set), for this run only.
/// Shared by the refresh engine and the status reader.
/// </summary>
internal sealed class ClusterCredentialSource(AwsClients aws, TimeProvider clock, ILogger logger)
{
    /// <summary>A token or certificate ending within this time is a warning in the log.</summary>
    internal static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(1);

    /// <exception cref="AwsServiceException">A lookup or the secret's read failed.</exception>
    /// <exception cref="AwsCredentialsException">No credentials.</exception>
    /// <exception cref="FormatException">The secret does not hold cluster credentials (the message names the secret, never the value).</exception>
    internal async Task<ClusterTarget> OpenAsync(ClusterConfig cluster, CancellationToken cancellationToken)
    {
        var credentials = await aws.CredentialsForAsync(cluster.RoleArn, cluster.Region, cancellationToken).ConfigureAwait(false);
        if (cluster.Kind == ClusterKind.Kubernetes)
        {
            return await FromSecretAsync(cluster, credentials, cancellationToken).ConfigureAwait(false);
        }

        var token = KubernetesCredential.RenewableToken(BearerTokens(cluster));
        if (cluster.Endpoint is { } known)
        {
            return new ClusterTarget(known, cluster.CertificateAuthority!, null, token, null);
        }

        var info = await aws.DescribeClusterAsync(cluster.Name, cluster.Region, credentials, cancellationToken).ConfigureAwait(false);
        return new ClusterTarget(info.Endpoint, info.CertificateAuthority, info.EndpointAccess?.UnreachableHint(), token, null);
    }

    private async Task<ClusterTarget> FromSecretAsync(ClusterConfig cluster, AwsCredentials reader, CancellationToken cancellationToken)
    {
        var secretName = cluster.CredentialsSecretName!;
        var value = await aws.GetSecretStringAsync(cluster.CredentialsSecretArn!, cluster.Region, reader, cancellationToken).ConfigureAwait(false);
        var parsed = ClusterSecretCredentials.Parse(value, secretName);
        if (parsed.ExpiresAt is { } expiresAt && expiresAt - clock.GetUtcNow() < ExpiryWarning)
        {
            logger.ClusterCredentialsExpiring(cluster.Name, cluster.Region, secretName, expiresAt);
        }

        return new ClusterTarget(cluster.Endpoint!, cluster.CertificateAuthority!, null, parsed.Credential, parsed.ExpiresAt);
    }

    /// <summary>A fresh EKS bearer token on each call (the connection caches it); role credentials come from the per-role cache.</summary>
    private Func<CancellationToken, ValueTask<string>> BearerTokens(ClusterConfig cluster) =>
        async cancellationToken =>
        {
            var credentials = await aws.CredentialsForAsync(cluster.RoleArn, cluster.Region, cancellationToken).ConfigureAwait(false);
            return aws.CreateBearerToken(credentials, cluster.Name, cluster.Region).Token;
        };
}
