using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EcrPublicLambda.Fakes;

/// <summary>
/// Checks an EKS bearer token the way aws-iam-authenticator and STS do together: the <c>k8s-aws-v1.</c> prefix,
/// base64url without padding, an https URL to <c>sts.REGION.amazonaws.com/</c> carrying only the allowed query
/// parameters, <c>Action=GetCallerIdentity</c>, <c>x-k8s-aws-id</c> among the signed headers, an
/// <c>X-Amz-Date</c> within 15 minutes of the fake's clock, and a SigV4 signature that recomputes with the
/// known secret key and this cluster's name as the <c>x-k8s-aws-id</c> value. Like the API server's webhook token
/// authenticator (<c>--authentication-token-webhook-cache-ttl</c>, 2 minutes by default), a token that passed is
/// accepted again without a new check for <see cref="CacheTtl"/> on the fake's clock; a rejected one is checked every time.
/// </summary>
internal sealed class FakeKubernetesAuthenticator(
    string clusterName,
    string region,
    IReadOnlyDictionary<string, FakeKubernetesCredential> credentials,
    TimeProvider clock)
{
    internal static readonly TimeSpan TokenWindow = TimeSpan.FromMinutes(15);

    internal static readonly TimeSpan CacheTtl = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, (string User, DateTimeOffset CheckedAt)> accepted = new(StringComparer.Ordinal);

    private static readonly HashSet<string> AllowedParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "Action", "Version", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
        "X-Amz-SignedHeaders", "X-Amz-Security-Token", "X-Amz-Signature",
    };

    /// <summary>The user the token authenticates as, or null with <paramref name="failure"/> saying why not.</summary>
    internal string? Authenticate(string? authorization, out string? failure)
    {
        var now = clock.GetUtcNow();
        if (authorization is not null && accepted.TryGetValue(authorization, out var cached) && now - cached.CheckedAt < CacheTtl && now >= cached.CheckedAt)
        {
            failure = null;
            return cached.User;
        }

        failure = Check(authorization, out var user);
        if (failure is not null)
        {
            return null;
        }

        accepted[authorization!] = (user!, now);
        return user;
    }

    private string? Check(string? authorization, out string? user)
    {
        user = null;
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return "no bearer token";
        }

        var token = authorization["Bearer ".Length..].Trim();
        if (!token.StartsWith(FakeKubernetesSigV4.TokenPrefix, StringComparison.Ordinal))
        {
            return "token lacks the k8s-aws-v1. prefix";
        }

        var encoded = token[FakeKubernetesSigV4.TokenPrefix.Length..];
        if (encoded.Contains('=', StringComparison.Ordinal) || encoded.Contains('+', StringComparison.Ordinal) || encoded.Contains('/', StringComparison.Ordinal))
        {
            return "token is not base64url without padding";
        }

        string url;
        try
        {
            var padded = encoded.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            url = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
        }
        catch (FormatException)
        {
            return "token is not base64url";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "token does not hold a URL";
        }

        var expectedHost = $"sts.{region}.amazonaws.com";
        if (uri.Scheme != Uri.UriSchemeHttps || !string.Equals(uri.Host, expectedHost, StringComparison.Ordinal) || !uri.IsDefaultPort)
        {
            return $"URL is not https://{expectedHost}";
        }

        if (uri.AbsolutePath != "/")
        {
            return "URL path is not /";
        }

        var parameters = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Unescape(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Unescape(pair[(equals + 1)..]);
            if (!AllowedParameters.Contains(key))
            {
                return $"query parameter {key} is not allowed";
            }

            if (!seen.Add(key))
            {
                return $"query parameter {key} is repeated";
            }

            parameters.Add(new(key, value));
        }

        string? Get(string name) => parameters.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

        if (Get("Action") != "GetCallerIdentity")
        {
            return "action is not GetCallerIdentity";
        }

        var signedHeaders = (Get("X-Amz-SignedHeaders") ?? string.Empty).Split(';');
        if (!signedHeaders.Contains("x-k8s-aws-id", StringComparer.Ordinal))
        {
            return "x-k8s-aws-id is not a signed header";
        }

        if (!signedHeaders.Order(StringComparer.Ordinal).SequenceEqual(["host", "x-k8s-aws-id"], StringComparer.Ordinal))
        {
            return "signed headers are not host;x-k8s-aws-id";
        }

        var amzDate = Get("X-Amz-Date") ?? string.Empty;
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return "X-Amz-Date is missing or malformed";
        }

        if ((clock.GetUtcNow() - signedAt).Duration() > TokenWindow)
        {
            return "token is expired (X-Amz-Date is more than 15 minutes away)";
        }

        if (Get("X-Amz-Algorithm") != FakeKubernetesSigV4.Algorithm)
        {
            return "X-Amz-Algorithm is not AWS4-HMAC-SHA256";
        }

        var scope = (Get("X-Amz-Credential") ?? string.Empty).Split('/');
        if (scope.Length != 5 || scope[1] != amzDate[..8] || scope[2] != region || scope[3] != "sts" || scope[4] != "aws4_request")
        {
            return "X-Amz-Credential scope is wrong";
        }

        if (!credentials.TryGetValue(scope[0], out var credential))
        {
            return "unknown access key";
        }

        var expected = FakeKubernetesSigV4.Sign(parameters, expectedHost, clusterName, credential.SecretAccessKey, region, amzDate);
        var given = Get("X-Amz-Signature") ?? string.Empty;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given)))
        {
            return "signature does not match";
        }

        user = credential.UserName;
        return null;
    }

    private static string Unescape(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
