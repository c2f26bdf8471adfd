namespace EcrPublicLambda.Aws;

/// <summary>The body of ECR Public <c>GetAuthorizationToken</c>.</summary>
internal sealed class EcrAuthorizationTokenResponse
{
    public EcrAuthorizationData? AuthorizationData { get; set; }
}
