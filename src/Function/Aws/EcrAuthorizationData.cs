namespace EcrPublicLambda.Aws;

/// <summary><c>authorizationData</c>: base64 <c>user:password</c> and the expiry in epoch seconds (may be fractional).</summary>
internal sealed class EcrAuthorizationData
{
    public string? AuthorizationToken { get; set; }

    public double? ExpiresAt { get; set; }

    public override string ToString() => $"EcrAuthorizationData {{ AuthorizationToken = ***, ExpiresAt = {ExpiresAt} }}";
}
