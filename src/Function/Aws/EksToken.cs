using EcrPublicLambda.Common;

namespace EcrPublicLambda.Aws;

/// <summary>An EKS bearer token (<c>k8s-aws-v1.…</c>) and when to stop using it. <see cref="ToString"/> hides the token.</summary>
internal sealed class EksToken(string token, DateTimeOffset expiresAt)
{
    /// <summary>The bearer token. A credential: never log it.</summary>
    internal string Token { get; } = token;

    /// <summary>Signing time + 14 minutes, as <c>aws eks get-token</c> reports it (the presigned URL itself lives 15).</summary>
    internal DateTimeOffset ExpiresAt { get; } = expiresAt;

    public override string ToString() => $"EksToken {{ Token = k8s-aws-v1.{Redaction.Marker}, ExpiresAt = {Rfc3339.Format(ExpiresAt)} }}";
}
