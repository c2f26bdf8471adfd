using System.Text;
using System.Text.Json;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Tests.Aws;

namespace EcrPublicLambda.Tests.Fakes;

/// <summary>
/// The fakes' own SigV4 verifier (independent of the production signer) against botocore's golden vectors: it accepts
/// what botocore signed and rejects a request whose signature, body, header or secret differs.
/// </summary>
public sealed class FakeSigV4VerifierTests
{
    public static IEnumerable<object[]> SigV4Cases => GoldenVectors.OfKind("sigv4");

    [Theory]
    [MemberData(nameof(SigV4Cases))]
    public void Accepts_a_request_botocore_signed(int index, string json)
    {
        var (request, secret) = Request(json);

        Assert.True(FakeSigV4Verifier.Verify(request.Method, request.Url, request.Headers, request.Body, secret) is null, $"case {index} rejected");
    }

    [Theory]
    [MemberData(nameof(SigV4Cases))]
    public void Rejects_a_changed_signature_body_header_or_secret(int index, string json)
    {
        var (request, secret) = Request(json);
        var authorization = request.Headers["Authorization"];
        var flipped = authorization[..^1] + (authorization[^1] == '0' ? '1' : '0');
        var badSignature = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase) { ["Authorization"] = flipped };
        var laterDate = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase) { ["X-Amz-Date"] = request.Headers["X-Amz-Date"][..^2] + "1Z" };

        Rejected(index, "signature", FakeSigV4Verifier.Verify(request.Method, request.Url, badSignature, request.Body, secret));
        Rejected(index, "body", FakeSigV4Verifier.Verify(request.Method, request.Url, request.Headers, [.. request.Body, (byte)' '], secret));
        Rejected(index, "X-Amz-Date", FakeSigV4Verifier.Verify(request.Method, request.Url, laterDate, request.Body, secret));
        Rejected(index, "method", FakeSigV4Verifier.Verify(request.Method == "GET" ? "POST" : "GET", request.Url, request.Headers, request.Body, secret));
        Rejected(index, "path", FakeSigV4Verifier.Verify(request.Method, new Uri(request.Url, "/other"), request.Headers, request.Body, secret));
        Rejected(index, "secret", FakeSigV4Verifier.Verify(request.Method, request.Url, request.Headers, request.Body, secret + "x"));
    }

    [Fact]
    public void Rejects_a_request_without_a_well_formed_Authorization_header()
    {
        var url = new Uri("https://eks.eu-west-1.amazonaws.com/clusters/x");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Host"] = url.Authority, ["X-Amz-Date"] = "20261126T120000Z" };

        Assert.Equal("missing Authorization header", FakeSigV4Verifier.Verify("GET", url, headers, [], "secret"));
        headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/eu-west-1/eks/aws4_request";
        Assert.StartsWith("Authorization header is not", FakeSigV4Verifier.Verify("GET", url, headers, [], "secret"), StringComparison.Ordinal);
    }

    private static void Rejected(int index, string changed, string? problem) =>
        Assert.True(
            problem?.StartsWith("signature does not match", StringComparison.Ordinal) == true,
            $"case {index}: a changed {changed} was not rejected as a signature mismatch ({problem ?? "accepted"})");

    /// <summary>The request as it goes on the wire: the vector's headers, <c>Host</c>, and the headers botocore added.</summary>
    private static ((string Method, Uri Url, Dictionary<string, string> Headers, byte[] Body) Request, string Secret) Request(string json)
    {
        using var document = JsonDocument.Parse(json);
        var c = document.RootElement;
        var url = new Uri(c.GetProperty("url").GetString()!);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Host"] = url.Authority };
        foreach (var header in c.GetProperty("headers").EnumerateObject().Concat(c.GetProperty("expected").GetProperty("headers").EnumerateObject()))
        {
            headers[header.Name] = header.Value.GetString()!;
        }

        var body = Encoding.UTF8.GetBytes(c.GetProperty("body").GetString()!);
        return ((c.GetProperty("method").GetString()!, url, headers, body), c.GetProperty("secretKey").GetString()!);
    }
}
