using System.Text;
using System.Text.Json.Nodes;
using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Tests.Kubernetes;

public sealed class DockerConfigSecretTests
{
    // The password of the golden file: base64-ish with characters JSON encoders like to escape (+ / = < > &).
    private const string GoldenPassword = "eyJwYXlsb2FkIjoiK3Rva2VuLzw+JiIsInZlcnNpb24iOiIyIn0=";

    private static JsonNode KubectlDockerConfig()
    {
        var secret = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Kubernetes", "kubectl-docker-registry-secret.json")))!;
        return JsonNode.Parse(Convert.FromBase64String((string)secret["data"]![".dockerconfigjson"]!))!;
    }

    [Fact]
    public void Each_registry_entry_equals_the_one_kubectl_create_secret_docker_registry_makes()
    {
        var kubectl = KubectlDockerConfig()["auths"]!["public.ecr.aws"]!;

        var ours = JsonNode.Parse(new DockerConfigSecret(GoldenPassword, DateTimeOffset.UnixEpoch).ToDockerConfigJson())!;

        var auths = ours["auths"]!.AsObject();
        Assert.Equal(["public.ecr.aws", "ecr-public.aws.com"], auths.Select(a => a.Key));
        Assert.All(auths, entry => Assert.True(JsonNode.DeepEquals(kubectl, entry.Value), $"{entry.Key}: {entry.Value!.ToJsonString().Length} chars differ from kubectl's entry"));
        Assert.Equal(["username", "password", "auth"], auths["public.ecr.aws"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Carries_the_password_as_kubectl_does_and_the_expiry_in_RFC_3339_UTC_whole_seconds()
    {
        var secret = new DockerConfigSecret(GoldenPassword, new DateTimeOffset(2026, 11, 26, 23, 59, 59, 123, TimeSpan.FromHours(2)));

        var entry = JsonNode.Parse(secret.ToDockerConfigJson())!["auths"]!["public.ecr.aws"]!;
        Assert.True(JsonNode.DeepEquals(KubectlDockerConfig()["auths"]!["public.ecr.aws"], entry));
        Assert.Equal("2026-11-26T21:59:59Z", secret.ExpiresAtRfc3339);
    }

    [Fact]
    public void ToString_never_shows_the_password()
    {
        var secret = new DockerConfigSecret(GoldenPassword, DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain(GoldenPassword, secret.ToString(), StringComparison.Ordinal);
        Assert.Equal("DockerConfigSecret(password: <redacted>, expiresAt: 1970-01-01T00:00:00Z)", secret.ToString());
    }
}
