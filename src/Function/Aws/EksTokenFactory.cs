using System.Buffers.Text;
using System.Text;

namespace EcrPublicLambda.Aws;

/// <summary>
/// Builds EKS bearer tokens the way <c>aws eks get-token</c> does: a presigned STS <c>GetCallerIdentity</c> GET URL
/// for <c>https://sts.&lt;region&gt;.amazonaws.com/</c> (always that host: the cluster checks it) with the signed header
/// <c>x-k8s-aws-id: &lt;cluster&gt;</c>, valid 60 seconds, as <c>k8s-aws-v1.</c> + base64url without padding.
/// </summary>
internal static class EksTokenFactory
{
    internal const string Prefix = "k8s-aws-v1.";
    internal const string ClusterIdHeader = "x-k8s-aws-id";
    internal const int UrlExpirySeconds = 60;
    internal static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(14);

    /// <param name="now">The signing time (AWS's time, as corrected for clock skew).</param>
    /// <param name="clockOffset">AWS's time minus the machine's: the expiry is given in the machine's time, which is what its reader compares it with.</param>
    internal static EksToken Create(AwsCredentials credentials, string cluster, string region, DateTimeOffset now, TimeSpan clockOffset = default)
    {
        var url = PresignedUrl(credentials, cluster, region, now);
        var token = Prefix + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(url));
        var signedAt = Truncate(now);
        return new EksToken(token, Truncate(signedAt + TokenLifetime - clockOffset));
    }

    private static DateTimeOffset Truncate(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    /// <summary>The presigned URL inside the token. It carries the session token: never log it.</summary>
    internal static string PresignedUrl(AwsCredentials credentials, string cluster, string region, DateTimeOffset now) =>
        SigV4Signer.Presign(
            credentials,
            "sts",
            region,
            new Uri($"https://sts.{region}.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15"),
            [new(ClusterIdHeader, cluster)],
            UrlExpirySeconds,
            now);
}
