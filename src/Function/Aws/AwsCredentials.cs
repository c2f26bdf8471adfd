using EcrPublicLambda.Common;

namespace EcrPublicLambda.Aws;

/// <summary>
/// One set of AWS credentials. <see cref="ExpiresAt"/> is null for long-lived keys.
/// <see cref="ToString"/> never shows the secret key or the session token.
/// </summary>
internal sealed class AwsCredentials(string accessKeyId, string secretAccessKey, string? sessionToken, DateTimeOffset? expiresAt = null)
{
    internal string AccessKeyId { get; } = accessKeyId;

    internal string SecretAccessKey { get; } = secretAccessKey;

    internal string? SessionToken { get; } = string.IsNullOrEmpty(sessionToken) ? null : sessionToken;

    internal DateTimeOffset? ExpiresAt { get; } = expiresAt;

    /// <summary>Replaces the secret key and session token with <see cref="Redaction.Marker"/> wherever they occur in <paramref name="text"/>.</summary>
    internal string Redact(string text) => Redaction.Replace(text, [SecretAccessKey, SessionToken]);

    public override string ToString() =>
        $"AwsCredentials {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = {Redaction.Marker}, SessionToken = {(SessionToken is null ? "(none)" : Redaction.Marker)}, ExpiresAt = {ExpiresAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "(never)"} }}";
}
