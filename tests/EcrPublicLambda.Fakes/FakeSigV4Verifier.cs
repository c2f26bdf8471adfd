using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace EcrPublicLambda.Fakes;

/// <summary>
/// The fakes' own SigV4 check, written from the AWS Signature Version 4 rules and sharing no code with the production
/// signer (so a signing bug cannot pass its own check): canonical request (method, normalized path, sorted query,
/// signed headers lower-cased with trimmed values, hex SHA-256 of the body), string to sign (algorithm, X-Amz-Date,
/// scope, hex SHA-256 of the canonical request) and the HMAC-SHA256 key chain
/// <c>"AWS4" + secret → yyyyMMdd → region → service → "aws4_request"</c>.
/// </summary>
internal static partial class FakeSigV4Verifier
{
    internal const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>
    /// Checks a header-signed request: the <c>Authorization</c> header is recomputed from the request as it arrived.
    /// Returns null when the signature matches, else why not (a mismatch starts with "signature").
    /// </summary>
    /// <param name="headers">The request's headers by name (case-insensitive), <c>Host</c> included.</param>
    internal static string? Verify(string method, Uri url, IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body, string secretAccessKey)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(headers);
        if (!headers.TryGetValue("Authorization", out var authorization))
        {
            return "missing Authorization header";
        }

        var match = AuthorizationPattern().Match(authorization);
        if (!match.Success)
        {
            return "Authorization header is not AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…";
        }

        if (!headers.TryGetValue("X-Amz-Date", out var amzDate) || !amzDate.StartsWith(match.Groups["date"].Value, StringComparison.Ordinal))
        {
            return "X-Amz-Date is missing or does not match the credential scope date";
        }

        var signedHeaders = match.Groups["signed"].Value.Split(';');
        var canonicalHeaders = new StringBuilder();
        foreach (var name in signedHeaders)
        {
            if (!headers.TryGetValue(name, out var value))
            {
                return $"signed header {name} is not on the request";
            }

            canonicalHeaders.Append(name).Append(':').Append(string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))).Append('\n');
        }

        var canonicalRequest = string.Join(
            '\n',
            method,
            CanonicalUri(url.AbsolutePath),
            CanonicalQuery(url.Query.TrimStart('?')),
            canonicalHeaders.ToString(),
            match.Groups["signed"].Value,
            Convert.ToHexStringLower(SHA256.HashData(body)));
        var expected = Signature(canonicalRequest, secretAccessKey, amzDate, match.Groups["region"].Value, match.Groups["service"].Value);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(match.Groups["signature"].Value))
            ? null
            : "signature does not match the request on the wire";
    }

    /// <summary>The hex signature of a canonical request: HMAC of the string to sign under the derived signing key.</summary>
    internal static string Signature(string canonicalRequest, string secretAccessKey, string amzDate, string region, string service)
    {
        var date = amzDate[..8];
        var stringToSign = Algorithm + "\n"
            + amzDate + "\n"
            + date + "/" + region + "/" + service + "/aws4_request\n"
            + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)));
        var dateKey = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), date);
        var regionKey = Hmac(dateKey, region);
        var serviceKey = Hmac(regionKey, service);
        var signingKey = Hmac(serviceKey, "aws4_request");
        return Convert.ToHexStringLower(Hmac(signingKey, stringToSign));
    }

    /// <summary>RFC 3986 percent-encoding of everything but the unreserved characters <c>A-Z a-z 0-9 - _ . ~</c>.</summary>
    internal static string UriEncode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>Each path segment decoded and encoded again; an empty path is <c>/</c>.</summary>
    private static string CanonicalUri(string path) =>
        path.Length == 0 ? "/" : string.Join('/', path.Split('/').Select(segment => UriEncode(Uri.UnescapeDataString(segment))));

    /// <summary>Each <c>name=value</c> decoded and encoded again, sorted by encoded name, then value.</summary>
    private static string CanonicalQuery(string query) =>
        string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => (Name: UriEncode(Uri.UnescapeDataString(parts[0])), Value: UriEncode(Uri.UnescapeDataString(parts.Length == 2 ? parts[1] : string.Empty))))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[A-Z0-9]{1,128})/(?<date>[0-9]{8})/(?<region>[a-z0-9-]+)/(?<service>[a-z0-9-]+)/aws4_request, SignedHeaders=(?<signed>[a-z0-9-]+(;[a-z0-9-]+)*), Signature=(?<signature>[0-9a-f]{64})$")]
    internal static partial Regex AuthorizationPattern();
}
