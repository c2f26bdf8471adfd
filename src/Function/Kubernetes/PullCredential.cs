using EcrPublicLambda.Common;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// One registry's login as a pull Secret carries it: the <c>auths</c> keys it is written for, the user name and password,
/// and when it stops working (null: no known expiry, e.g. a password kept in Secrets Manager). Never printed.
/// </summary>
internal sealed class PullCredential(IReadOnlyList<string> servers, string username, string password, DateTimeOffset? expiresAt)
{
    internal IReadOnlyList<string> Servers { get; } = servers;

    internal string Username { get; } = username;

    /// <summary>A credential: never log it.</summary>
    internal string Password { get; } = password;

    internal DateTimeOffset? ExpiresAt { get; } = expiresAt?.ToUniversalTime();

    public override string ToString() =>
        $"PullCredential({string.Join(",", Servers)}, password: {Redaction.Marker}, expiresAt: {(ExpiresAt is { } at ? Rfc3339.Format(at) : "none")})";
}
