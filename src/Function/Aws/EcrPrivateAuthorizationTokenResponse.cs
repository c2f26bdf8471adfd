namespace EcrPublicLambda.Aws;

/// <summary>The body of ECR <c>GetAuthorizationToken</c>: a list of <c>authorizationData</c> (with <c>proxyEndpoint</c>, unused).</summary>
internal sealed class EcrPrivateAuthorizationTokenResponse
{
    public List<EcrAuthorizationData>? AuthorizationData { get; set; }
}
