using System.Net;

namespace EcrPublicLambda.Aws;

/// <summary>
/// The one <see cref="HttpClient"/> of the AWS calls (ECR Public, EKS, STS). It follows no redirect: an AWS API never
/// answers with one, and a signed request (its <c>Authorization</c>, a session token) must not travel to wherever a
/// proxy or a wrong endpoint points. Plain <c>http</c> is refused by <see cref="AwsEndpoints"/> except on loopback.
/// </summary>
internal static class AwsHttpClient
{
    internal static HttpClient Create() =>
        new(
            new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            },
            disposeHandler: true);
}
