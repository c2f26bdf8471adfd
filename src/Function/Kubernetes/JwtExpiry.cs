using System.Buffers.Text;
using System.Text.Json;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// The <c>exp</c> claim of a bearer token that is a JWT (a ServiceAccount token: header.payload.signature, each
/// base64url, RFC 7519 section 4.1.4: seconds since the epoch). Read only to report when the token ends; the
/// signature is the API server's to check, not ours. Null for a token that is not a JWT or has no numeric exp.
/// </summary>
internal static class JwtExpiry
{
    internal static DateTimeOffset? Read(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[1].Length == 0)
        {
            return null;
        }

        byte[] payload;
        try
        {
            payload = Base64Url.DecodeFromChars(parts[1]);
        }
        catch (FormatException)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("exp", out var exp)
                && exp.ValueKind == JsonValueKind.Number
                && exp.TryGetInt64(out var seconds)
                && seconds is > 0 and < 253402300800
                    ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
