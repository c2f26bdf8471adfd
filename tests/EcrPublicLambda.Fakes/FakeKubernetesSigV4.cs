using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EcrPublicLambda.Fakes;

/// <summary>
/// SigV4 query signing of the STS <c>GetCallerIdentity</c> URL inside an EKS bearer token, as STS checks it:
/// canonical request over <c>GET /</c>, the sorted query without <c>X-Amz-Signature</c>, the signed headers
/// <c>host</c> and <c>x-k8s-aws-id</c>, and the SHA-256 of the empty body.
/// </summary>
internal static class FakeKubernetesSigV4
{
    internal const string Algorithm = FakeSigV4Verifier.Algorithm;
    internal const string TokenPrefix = "k8s-aws-v1.";
    private const string EmptyBodySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>Mints a bearer token the way <c>aws eks get-token</c> does (same parameters, same order).</summary>
    internal static string MintToken(
        string clusterName,
        string region,
        string accessKeyId,
        string secretAccessKey,
        string? sessionToken,
        DateTimeOffset signedAt)
    {
        var host = $"sts.{region}.amazonaws.com";
        var amzDate = signedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var scope = $"{amzDate[..8]}/{region}/sts/aws4_request";
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("Action", "GetCallerIdentity"),
            new("Version", "2011-06-15"),
            new("X-Amz-Algorithm", Algorithm),
            new("X-Amz-Credential", $"{accessKeyId}/{scope}"),
            new("X-Amz-Date", amzDate),
            new("X-Amz-Expires", "60"),
            new("X-Amz-SignedHeaders", "host;x-k8s-aws-id"),
        };
        if (sessionToken is not null)
        {
            parameters.Add(new("X-Amz-Security-Token", sessionToken));
        }

        var signature = Sign(parameters, host, clusterName, secretAccessKey, region, amzDate);
        parameters.Add(new("X-Amz-Signature", signature));
        var url = $"https://{host}/?" + string.Join('&', parameters.Select(p => Encode(p.Key) + "=" + Encode(p.Value)));
        return TokenPrefix + Base64Url(Encoding.UTF8.GetBytes(url));
    }

    /// <summary>The hex signature over the given query parameters (any <c>X-Amz-Signature</c> among them is left out).</summary>
    internal static string Sign(
        IEnumerable<KeyValuePair<string, string>> parameters,
        string host,
        string clusterName,
        string secretAccessKey,
        string scopeRegion,
        string amzDate)
    {
        var canonicalQuery = string.Join('&', parameters
            .Where(p => !string.Equals(p.Key, "X-Amz-Signature", StringComparison.Ordinal))
            .Select(p => (Key: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));
        var canonicalRequest = string.Join('\n',
            "GET",
            "/",
            canonicalQuery,
            "host:" + host,
            "x-k8s-aws-id:" + clusterName,
            string.Empty,
            "host;x-k8s-aws-id",
            EmptyBodySha256);
        return FakeSigV4Verifier.Signature(canonicalRequest, secretAccessKey, amzDate, scopeRegion, "sts");
    }

    internal static string Encode(string value) => FakeSigV4Verifier.UriEncode(value);

    internal static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
