using System.Text;
using System.Text.Json;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Tests.Kubernetes;

/// <summary>The SecretString of a <c>kubernetes</c> cluster: its two forms, the expiry read from them, and errors that never quote it.</summary>
public sealed class ClusterSecretCredentialsTests
{
    private const string Name = "ecr-public-lambda/edge";

    private static string Jwt(string payload) =>
        $"eyJhbGciOiJSUzI1NiJ9.{Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.c2lnbmF0dXJl";

    [Fact]
    public void A_jwt_token_gives_its_exp_and_a_bearer_token_that_is_not_renewed()
    {
        var parsed = ClusterSecretCredentials.Parse($$"""{"token": "{{Jwt("""{"exp":1795694399,"sub":"system:serviceaccount:a:b"}""")}}"}""", Name);

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795694399), parsed.ExpiresAt);
        Assert.NotNull(parsed.Credential.BearerToken);
        Assert.False(parsed.Credential.Renewable);
        Assert.Null(parsed.Credential.ClientCertificate);
        Assert.Equal($"the credentials in {Name} were refused: expired or revoked", parsed.Credential.RefusedMessage);
    }

    [Theory]
    [InlineData("opaque-static-token")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")]
    public void A_token_that_is_no_jwt_or_has_no_exp_has_no_expiry(string token) =>
        Assert.Null(ClusterSecretCredentials.Parse(JsonSerializer.Serialize(new Dictionary<string, string> { ["token"] = token }), Name).ExpiresAt);

    [Fact]
    public async Task A_client_certificate_gives_its_not_after_and_no_bearer_token()
    {
        await using var server = await FakeKubernetesServer.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var notAfter = new DateTimeOffset(now.Year, now.Month, now.Day, 3, 4, 5, TimeSpan.Zero).AddDays(10);
        var (certificate, key) = server.IssueClientCertificate("ecr-public-lambda", notAfter: notAfter);

        var parsed = ClusterSecretCredentials.Parse(JsonSerializer.Serialize(new Dictionary<string, string> { ["clientCertificate"] = certificate, ["clientKey"] = key }), Name);
        using var credential = parsed.Credential;

        Assert.Equal(notAfter, parsed.ExpiresAt);
        Assert.Null(credential.BearerToken);
        Assert.True(credential.ClientCertificate!.HasPrivateKey);
    }

    [Theory]
    [InlineData("not json at all s3cr3t", "is not JSON")]
    [InlineData("[\"s3cr3t\"]", "is not a JSON object")]
    [InlineData("{\"password\": \"s3cr3t\"}", "has neither \"token\" nor \"clientCertificate\" and \"clientKey\"")]
    [InlineData("{\"token\": \"s3cr3t\", \"clientKey\": \"s3cr3t\"}", "holds both \"token\" and a client certificate; keep one")]
    [InlineData("{\"clientKey\": \"s3cr3t\"}", "has \"clientKey\" without \"clientCertificate\"")]
    [InlineData("{\"token\": 42}", "has a \"token\" that is not a non-empty string")]
    [InlineData("{\"clientCertificate\": \"s3cr3t\", \"clientKey\": \"s3cr3t\"}", "has a \"clientCertificate\" and \"clientKey\" that are not a PEM certificate and its matching private key")]
    public void A_secret_string_of_neither_form_is_an_error_naming_the_secret_and_not_the_value(string value, string problem)
    {
        var error = Assert.Throws<FormatException>(() => ClusterSecretCredentials.Parse(value, Name)).Message;

        Assert.StartsWith($"the SecretString of {Name} {problem} (expected ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error, StringComparison.Ordinal);
    }
}
