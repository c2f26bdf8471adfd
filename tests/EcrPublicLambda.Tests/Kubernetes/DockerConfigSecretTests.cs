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
        Assert.Equal("DockerConfigSecret(servers: public.ecr.aws,ecr-public.aws.com, passwords: <redacted>, expiresAt: 1970-01-01T00:00:00Z)", secret.ToString());
    }

    [Fact]
    public void With_several_registries_each_server_entry_equals_kubectls_for_that_server_and_the_expiry_is_the_earliest()
    {
        static JsonNode Golden(string file, string server) =>
            JsonNode.Parse(Convert.FromBase64String((string)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Kubernetes", file)))!["data"]![".dockerconfigjson"]!))!["auths"]![server]!;
        const string ecr = "111122223333.dkr.ecr.eu-west-1.amazonaws.com";
        const string hub = "https://index.docker.io/v1/";
        var later = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
        var earlier = later.AddHours(-3);

        var secret = new DockerConfigSecret(
        [
            new PullCredential(DockerConfigSecret.Registries, "AWS", GoldenPassword, later),
            new PullCredential([ecr, "111122223333.dkr-ecr.eu-west-1.on.aws"], "AWS", "eyJwYXlsb2FkIjoiK3ByaXZhdGUvPD4mIn0=", earlier),
            new PullCredential([hub], "octo-cat", "dckr_pat_+/<h&>\"\u00e9=", null),
        ]);

        var auths = JsonNode.Parse(secret.ToDockerConfigJson())!["auths"]!.AsObject();
        Assert.Equal(["public.ecr.aws", "ecr-public.aws.com", ecr, "111122223333.dkr-ecr.eu-west-1.on.aws", hub], auths.Select(a => a.Key));
        Assert.True(JsonNode.DeepEquals(KubectlDockerConfig()["auths"]!["public.ecr.aws"], auths["ecr-public.aws.com"]));
        Assert.True(JsonNode.DeepEquals(Golden("kubectl-docker-registry-ecr.json", ecr), auths[ecr]));
        Assert.True(JsonNode.DeepEquals(Golden("kubectl-docker-registry-ecr.json", ecr), auths["111122223333.dkr-ecr.eu-west-1.on.aws"]));
        Assert.True(JsonNode.DeepEquals(Golden("kubectl-docker-registry-dockerhub.json", hub), auths[hub]));
        Assert.Equal("2026-11-26T21:00:00Z", secret.ExpiresAtRfc3339);
        Assert.Equal("public.ecr.aws=2026-11-27T00:00:00Z,ecr-public.aws.com=2026-11-27T00:00:00Z,"
            + $"{ecr}=2026-11-26T21:00:00Z,111122223333.dkr-ecr.eu-west-1.on.aws=2026-11-26T21:00:00Z", secret.ServerExpiries);
        Assert.DoesNotContain("dckr_pat", secret.ToString(), StringComparison.Ordinal);
    }
}
