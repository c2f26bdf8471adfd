namespace EcrPublicLambda.Aws;

/// <summary>The ExecCredential <c>status</c>: RFC 3339 expiry (whole seconds, <c>Z</c>) and the bearer token.</summary>
internal sealed class ExecCredentialStatus(string expirationTimestamp, string token)
{
    public string ExpirationTimestamp { get; } = expirationTimestamp;

    public string Token { get; } = token;

    public override string ToString() => $"ExecCredentialStatus {{ ExpirationTimestamp = {ExpirationTimestamp}, Token = *** }}";
}
