using System.Globalization;
using System.Text;
using System.Text.Json;
using EcrPublicLambda.Aws;

namespace EcrPublicLambda.Tests.Aws;

/// <summary>Our signatures and bearer tokens against botocore's, byte for byte.</summary>
public sealed class SigV4VectorTests
{
    public static IEnumerable<object[]> EksTokenCases => GoldenVectors.OfKind("eks-token");

    public static IEnumerable<object[]> SigV4Cases => GoldenVectors.OfKind("sigv4");

    [Fact]
    public void The_vector_file_covers_what_the_clients_send()
    {
        Assert.True(EksTokenCases.Count() >= 20);
        var sigv4 = SigV4Cases.Select(c => JsonDocument.Parse((string)c[1]).RootElement).ToList();
        Assert.Contains(sigv4, c => c.GetProperty("service").GetString() == "ecr-public" && c.GetProperty("method").GetString() == "POST");
        Assert.Contains(sigv4, c => c.GetProperty("service").GetString() == "eks" && c.TryGetProperty("sessionToken", out _));
        Assert.Contains(sigv4, c => c.GetProperty("service").GetString() == "eks" && !c.TryGetProperty("sessionToken", out _));
    }

    [Theory]
    [MemberData(nameof(EksTokenCases))]
    public void Eks_token_equals_botocore(int index, string json)
    {
        using var document = JsonDocument.Parse(json);
        var c = document.RootElement;
        var expected = c.GetProperty("expected");
        var time = Time(c);

        var url = EksTokenFactory.PresignedUrl(Credentials(c), Str(c, "cluster"), Str(c, "region"), time);
        var token = EksTokenFactory.Create(Credentials(c), Str(c, "cluster"), Str(c, "region"), time.AddMilliseconds(999));

        SecretAssert.Equal(Str(expected, "url"), url, $"case {index}: url");
        SecretAssert.Equal(Str(expected, "token"), token.Token, $"case {index}: token");
        Assert.Equal(Str(expected, "expirationTimestamp"), token.ExpiresAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(SigV4Cases))]
    public void Header_signature_equals_botocore(int index, string json)
    {
        using var document = JsonDocument.Parse(json);
        var c = document.RootElement;
        var expected = c.GetProperty("expected");
        var headers = c.GetProperty("headers").EnumerateObject()
            .Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)).ToList();

        var signature = SigV4Signer.Sign(
            Credentials(c), Str(c, "service"), Str(c, "region"), Str(c, "method"), new Uri(Str(c, "url")),
            headers, Encoding.UTF8.GetBytes(Str(c, "body")), Time(c));

        SecretAssert.Equal(Str(expected, "canonicalRequest"), signature.CanonicalRequest, $"case {index}: canonical request");
        var added = expected.GetProperty("headers");
        Assert.Equal(Str(added, "X-Amz-Date"), signature.AmzDate);
        SecretAssert.Equal(Str(added, "Authorization"), signature.Authorization, $"case {index}: Authorization");
        SecretAssert.Equal(added.TryGetProperty("X-Amz-Security-Token", out var token) ? token.GetString() : null, signature.SecurityToken, $"case {index}: X-Amz-Security-Token");
    }

    [Fact]
    public void Nothing_secret_in_ToString()
    {
        var credentials = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "SESSIONTOKEN");
        var token = EksTokenFactory.Create(credentials, "prod-eu", "eu-west-1", DateTimeOffset.UnixEpoch);
        var signature = SigV4Signer.Sign(credentials, "eks", "eu-west-1", "GET", new Uri("https://eks.eu-west-1.amazonaws.com/clusters/x"), [], [], DateTimeOffset.UnixEpoch);
        foreach (var text in new[] { credentials.ToString(), token.ToString(), signature.ToString() })
        {
            Assert.DoesNotContain("wJalrXUtnFEMI", text, StringComparison.Ordinal);
            Assert.DoesNotContain("SESSIONTOKEN", text, StringComparison.Ordinal);
            Assert.DoesNotContain(token.Token[12..40], text, StringComparison.Ordinal);
            Assert.DoesNotContain("Signature=", text, StringComparison.Ordinal);
        }
    }

    private static AwsCredentials Credentials(JsonElement c) =>
        new(Str(c, "accessKey"), Str(c, "secretKey"), c.TryGetProperty("sessionToken", out var t) ? t.GetString() : null);

    private static DateTimeOffset Time(JsonElement c) =>
        DateTimeOffset.ParseExact(Str(c, "time"), "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static string Str(JsonElement e, string name) => e.GetProperty(name).GetString()!;
}
