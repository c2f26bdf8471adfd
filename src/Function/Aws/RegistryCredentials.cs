using EcrPublicLambda.Common;

namespace EcrPublicLambda.Aws;

/// <summary>
/// The ECR Public registry login from <c>GetAuthorizationToken</c>: user name (always <c>AWS</c> today), password and
/// expiry. <see cref="ToString"/> never shows the password.
/// </summary>
internal sealed class RegistryCredentials(string username, string password, DateTimeOffset expiresAt)
{
    internal string Username { get; } = username;

    /// <summary>The registry password. A credential: never log it.</summary>
    internal string Password { get; } = password;

    internal DateTimeOffset ExpiresAt { get; } = expiresAt;

    public override string ToString() => $"RegistryCredentials {{ Username = {Username}, Password = {Redaction.Marker}, ExpiresAt = {Rfc3339.Format(ExpiresAt)} }}";
}
