using System.Text.Json;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Kubernetes;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcrPublicLambda.Tests.Kubernetes;

/// <summary>
/// A <c>kubernetes</c> cluster's connection: mutual TLS with a client certificate, a fixed ServiceAccount token, the
/// server certificate checked against the given CA only, by IP or DNS subject alternative name.
/// </summary>
public sealed class KubernetesClientCertificateTests
{
    private const string SecretName = "ecr-public-lambda/edge";

    private static async Task<(SecretResult Result, string? Error)> ApplyAsync(Uri endpoint, string authority, KubernetesCredential credential)
    {
        using var cluster = KubernetesCluster.Create(endpoint, authority, credential, TimeProvider.System, NullLogger.Instance);
        return await cluster.ApplySecretAsync("default", "ecr-public-token", "default", ClusterUnderTest.Secret, false, false, CancellationToken.None);
    }

    private static ClusterSecretCredentials MatchingCertificate(FakeKubernetesServer server)
    {
        var (certificate, key) = server.IssueClientCertificate("ecr-public-lambda");
        return ClusterSecretCredentials.Parse(
            JsonSerializer.Serialize(new Dictionary<string, string> { ["clientCertificate"] = certificate, ["clientKey"] = key }), SecretName);
    }

    [Fact]
    public async Task A_certificate_naming_only_the_ip_verifies_at_the_ip_and_one_naming_only_the_host_at_the_host()
    {
        await using var byIp = await FakeKubernetesServer.StartAsync(new FakeKubernetesOptions { ServerCertificateNames = ["127.0.0.1"] });
        await using var byName = await FakeKubernetesServer.StartAsync(new FakeKubernetesOptions { ServerCertificateNames = ["localhost"] });
        var hostUri = new UriBuilder(byName.Endpoint) { Host = "localhost" }.Uri;

        using var ipCredentials = MatchingCertificate(byIp).Credential;
        using var nameCredentials = MatchingCertificate(byName).Credential;
        Assert.Equal((SecretResult.Created, null), await ApplyAsync(byIp.Endpoint, byIp.CertificateAuthority, ipCredentials));
        Assert.Equal((SecretResult.Created, null), await ApplyAsync(hostUri, byName.CertificateAuthority, nameCredentials));
        Assert.Equal(["ecr-public-lambda"], byIp.AuthenticatedUsers);

        // The IP-only certificate does not name localhost.
        using var again = MatchingCertificate(byIp).Credential;
        var (result, error) = await ApplyAsync(new UriBuilder(byIp.Endpoint) { Host = "localhost" }.Uri, byIp.CertificateAuthority, again);
        Assert.Equal(SecretResult.Failed, result);
        Assert.Equal("TLS: the server certificate does not name localhost", error);
    }

    [Fact]
    public async Task A_server_certificate_from_another_ca_fails_before_any_credential_is_sent()
    {
        await using var server = await FakeKubernetesServer.StartAsync(new FakeKubernetesOptions { ServeCertificateFromAnotherCa = true });
        using var credential = MatchingCertificate(server).Credential;

        var (result, error) = await ApplyAsync(server.Endpoint, server.CertificateAuthority, credential);

        Assert.Equal(SecretResult.Failed, result);
        Assert.StartsWith("TLS: the server certificate of 127.0.0.1:", error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_client_certificate_of_another_ca_is_refused_with_the_secrets_message()
    {
        await using var server = await FakeKubernetesServer.StartAsync();
        await using var stranger = await FakeKubernetesServer.StartAsync(new FakeKubernetesOptions { ClusterName = "stranger" });
        using var credential = MatchingCertificate(stranger).Credential;

        var (result, error) = await ApplyAsync(server.Endpoint, server.CertificateAuthority, credential);

        Assert.Equal(SecretResult.Failed, result);
        Assert.Equal($"the credentials in {SecretName} were refused: expired or revoked", error);
        Assert.Equal("client certificate does not verify against the client CA", Assert.Single(server.Requests).AuthenticationFailure);
    }

    [Fact]
    public async Task A_service_account_token_authenticates_and_once_revoked_is_refused_without_a_second_try()
    {
        await using var server = await FakeKubernetesServer.StartAsync();
        var token = server.IssueServiceAccountToken("ecr-public-lambda", "refresher", DateTimeOffset.UtcNow.AddHours(1));
        var parsed = ClusterSecretCredentials.Parse($$"""{"token": "{{token}}"}""", SecretName);
        using var credential = parsed.Credential;

        Assert.Equal((SecretResult.Created, null), await ApplyAsync(server.Endpoint, server.CertificateAuthority, credential));
        Assert.Equal(["system:serviceaccount:ecr-public-lambda:refresher"], server.AuthenticatedUsers);

        server.RevokeToken(token);
        server.ClearRequests();
        var (result, error) = await ApplyAsync(server.Endpoint, server.CertificateAuthority, credential);

        Assert.Equal(SecretResult.Failed, result);
        Assert.Equal($"the credentials in {SecretName} were refused: expired or revoked", error);
        Assert.Equal("service account token has been invalidated", Assert.Single(server.Requests).AuthenticationFailure);
    }
}
