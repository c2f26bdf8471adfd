using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EcrPublicLambda.Aws;

/// <summary>
/// AWS Signature Version 4, as botocore computes it. We build the canonical request (botocore's rules: every given
/// header is signed, plus <c>host</c>, <c>x-amz-date</c> and <c>x-amz-security-token</c>), the string to sign and the
/// HMAC-SHA256 key chain (<c>AWS4 + secret</c> → date → region → service → <c>aws4_request</c>) with
/// <see cref="HMACSHA256"/>. The SDK's signer is not used: its request-level signer needs the SDK's request/config
/// pipeline and adds a signed <c>x-amz-content-sha256</c> header that botocore does not.
/// </summary>
internal static class SigV4Signer
{
    internal const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Signs a request with the <c>Authorization</c> header.</summary>
    /// <param name="headers">The headers to sign besides <c>host</c> (e.g. Content-Type, X-Amz-Target).</param>
    internal static SigV4Signature Sign(
        AwsCredentials credentials,
        string service,
        string region,
        string method,
        Uri url,
        IEnumerable<KeyValuePair<string, string>> headers,
        ReadOnlySpan<byte> body,
        DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(headers);
        var signedAt = Truncate(time);
        var amzDate = AmzDate(signedAt);
        var toSign = new List<KeyValuePair<string, string>>(headers)
        {
            new("x-amz-date", amzDate),
        };
        if (credentials.SessionToken is { } token)
        {
            toSign.Add(new("x-amz-security-token", token));
        }

        var (canonicalHeaders, signedHeaders) = CanonicalHeaders(url, toSign);
        var canonicalRequest = string.Join(
            '\n',
            method,
            CanonicalPath(url),
            CanonicalQuery(url.Query.TrimStart('?')),
            canonicalHeaders,
            signedHeaders,
            Convert.ToHexStringLower(SHA256.HashData(body)));
        var signature = Signature(credentials.SecretAccessKey, signedAt, region, service, canonicalRequest);
        var authorization =
            $"{Algorithm} Credential={credentials.AccessKeyId}/{Scope(signedAt, region, service)}, SignedHeaders={signedHeaders}, Signature={signature}";
        return new SigV4Signature(amzDate, credentials.SessionToken, authorization, canonicalRequest);
    }

    /// <summary>
    /// A presigned GET URL (query-string SigV4) in botocore's parameter order: the URL's own query, then
    /// X-Amz-Algorithm, -Credential, -Date, -Expires, -SignedHeaders, -Security-Token, and last X-Amz-Signature.
    /// </summary>
    /// <param name="url">The URL with its query already percent-encoded, e.g. <c>https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity&amp;Version=2011-06-15</c>.</param>
    internal static string Presign(
        AwsCredentials credentials,
        string service,
        string region,
        Uri url,
        IEnumerable<KeyValuePair<string, string>> headers,
        int expiresSeconds,
        DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(url);
        var signedAt = Truncate(time);
        var (canonicalHeaders, signedHeaders) = CanonicalHeaders(url, headers);
        var authParameters = new List<KeyValuePair<string, string>>
        {
            new("X-Amz-Algorithm", Algorithm),
            new("X-Amz-Credential", $"{credentials.AccessKeyId}/{Scope(signedAt, region, service)}"),
            new("X-Amz-Date", AmzDate(signedAt)),
            new("X-Amz-Expires", expiresSeconds.ToString(CultureInfo.InvariantCulture)),
            new("X-Amz-SignedHeaders", signedHeaders),
        };
        if (credentials.SessionToken is { } token)
        {
            authParameters.Add(new("X-Amz-Security-Token", token));
        }

        var encodedAuth = string.Join('&', authParameters.Select(p => $"{Encode(p.Key)}={Encode(p.Value)}"));
        var ownQuery = url.Query.TrimStart('?');
        var query = ownQuery.Length == 0 ? encodedAuth : $"{ownQuery}&{encodedAuth}";
        var canonicalRequest = string.Join(
            '\n',
            "GET",
            CanonicalPath(url),
            CanonicalQuery(query),
            canonicalHeaders,
            signedHeaders,
            Convert.ToHexStringLower(SHA256.HashData(ReadOnlySpan<byte>.Empty)));
        var signature = Signature(credentials.SecretAccessKey, signedAt, region, service, canonicalRequest);
        return $"{url.Scheme}://{url.Authority}{url.AbsolutePath}?{query}&X-Amz-Signature={signature}";
    }

    /// <summary>RFC 3986 percent-encoding as SigV4 wants it: everything but <c>A-Z a-z 0-9 - _ . ~</c> (and <c>/</c> when asked).</summary>
    internal static string Encode(string value, bool keepSlash = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The hex signature: <c>HMAC(signingKey, stringToSign)</c>, where the string to sign is the algorithm, the
    /// <c>x-amz-date</c>, the credential scope and the hex SHA-256 of the canonical request, one per line, and the
    /// signing key is <c>HMAC(HMAC(HMAC(HMAC("AWS4" + secret, yyyyMMdd), region), service), "aws4_request")</c>.
    /// </summary>
    private static string Signature(string secretAccessKey, DateTimeOffset signedAt, string region, string service, string canonicalRequest)
    {
        var stringToSign = string.Join(
            '\n',
            Algorithm,
            AmzDate(signedAt),
            Scope(signedAt, region, service),
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        foreach (var part in (ReadOnlySpan<string>)[signedAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture), region, service, "aws4_request"])
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static string AmzDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Scope(DateTimeOffset time, string region, string service) =>
        $"{time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}/{region}/{service}/aws4_request";

    private static string CanonicalPath(Uri url)
    {
        var path = url.AbsolutePath;
        return path.Length == 0 ? "/" : Encode(Uri.UnescapeDataString(path), keepSlash: true);
    }

    /// <summary>The query's <c>name=value</c> pairs (already encoded) sorted by name, then value.</summary>
    private static string CanonicalQuery(string query)
    {
        if (query.Length == 0)
        {
            return string.Empty;
        }

        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Contains('=', StringComparison.Ordinal) ? pair : pair + "=")
            .Select(pair => (Name: pair[..pair.IndexOf('=', StringComparison.Ordinal)], Pair: pair))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Pair, StringComparer.Ordinal)
            .Select(p => p.Pair);
        return string.Join('&', pairs);
    }

    /// <summary>Lower-cased names, sorted; values trimmed with inner whitespace runs collapsed; <c>host</c> always included.</summary>
    private static (string Canonical, string Signed) CanonicalHeaders(Uri url, IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var byName = new SortedDictionary<string, List<string>>(StringComparer.Ordinal)
        {
            ["host"] = [url.Authority],
        };
        foreach (var (name, value) in headers)
        {
            var key = name.ToLowerInvariant();
            if (key == "host")
            {
                continue;
            }

            if (!byName.TryGetValue(key, out var values))
            {
                byName[key] = values = [];
            }

            values.Add(string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        }

        var canonical = new StringBuilder();
        foreach (var (name, values) in byName)
        {
            canonical.Append(name).Append(':').AppendJoin(',', values).Append('\n');
        }

        return (canonical.ToString(), string.Join(';', byName.Keys));
    }
}
