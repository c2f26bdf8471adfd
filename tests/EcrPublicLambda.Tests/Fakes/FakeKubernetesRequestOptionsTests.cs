using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Tests.Fakes;

/// <summary>
/// The fake reads and validates a write's options as kube-apiserver does (apimachinery meta/v1 validation): dryRun only
/// All, fieldValidation only Ignore/Warn/Strict, force only on apply; anything else is 422 Invalid naming the options kind.
/// </summary>
public sealed class FakeKubernetesRequestOptionsTests
{
    private const string SecretPath = "/api/v1/namespaces/default/secrets/s";
    private const string SecretsPath = "/api/v1/namespaces/default/secrets";

    private static readonly string SecretBody = new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = "s" },
        ["type"] = "Opaque",
        ["data"] = new JsonObject { ["k"] = "dg==" },
    }.ToJsonString();

    private static async Task<(HttpStatusCode Code, JsonObject Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? contentType = null, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new(contentType!);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [Theory]
    [InlineData("POST", SecretsPath, "application/json", "CreateOptions")]
    [InlineData("PUT", SecretPath, "application/json", "UpdateOptions")]
    [InlineData("PATCH", SecretPath + "?fieldManager=m", "application/apply-patch+yaml", "PatchOptions")]
    public async Task A_dryRun_other_than_All_on_a_write_is_422_Invalid_for_its_options_kind_and_writes_nothing(string method, string path, string contentType, string kind)
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        if (method == "PUT")
        {
            fake.SeedSecret("default", "s", "Opaque", new Dictionary<string, string> { ["k"] = "old" });
        }

        var before = fake.Store.RawJson("secrets", "default", "s");
        using var client = fake.CreateClient();

        var separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var (code, status) = await SendAsync(client, new HttpMethod(method), path + separator + "dryRun=Server", contentType, SecretBody);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Invalid", (string?)status["reason"]);
        Assert.Equal($"{kind}.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: []string{{\"Server\"}}: supported values: \"All\"", (string?)status["message"]);
        Assert.Equal(kind, (string?)status["details"]!["kind"]);
        Assert.Equal("meta.k8s.io", (string?)status["details"]!["group"]);
        Assert.Equal(before, fake.Store.RawJson("secrets", "default", "s"));
    }

    [Theory]
    [InlineData("POST", SecretsPath, "application/json", HttpStatusCode.Created)]
    [InlineData("PATCH", SecretPath + "?fieldManager=m", "application/apply-patch+yaml", HttpStatusCode.Created)]
    public async Task dryRun_All_on_a_write_answers_as_the_write_would_and_persists_nothing(string method, string path, string contentType, HttpStatusCode expected)
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        using var client = fake.CreateClient();

        var separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var (code, _) = await SendAsync(client, new HttpMethod(method), path + separator + "dryRun=All", contentType, SecretBody);

        Assert.Equal(expected, code);
        Assert.Null(fake.Store.RawJson("secrets", "default", "s"));
        Assert.True(fake.Requests.Single().DryRun);
    }

    [Fact]
    public async Task A_dryRun_on_a_read_is_ignored_as_the_read_options_have_none()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        fake.SeedSecret("default", "s", "Opaque", new Dictionary<string, string> { ["k"] = "v" });
        using var client = fake.CreateClient();

        var (get, _) = await SendAsync(client, HttpMethod.Get, SecretPath + "?dryRun=Bogus");
        var (list, _) = await SendAsync(client, HttpMethod.Get, "/api/v1/namespaces?dryRun=Bogus");

        Assert.Equal(HttpStatusCode.OK, get);
        Assert.Equal(HttpStatusCode.OK, list);
        Assert.All(fake.Requests, request => Assert.False(request.DryRun));
    }

    [Theory]
    [InlineData("Strict", HttpStatusCode.Created)]
    [InlineData("Warn", HttpStatusCode.Created)]
    [InlineData("Ignore", HttpStatusCode.Created)]
    [InlineData("strict", HttpStatusCode.UnprocessableEntity)]
    public async Task fieldValidation_takes_Ignore_Warn_or_Strict_exactly(string value, HttpStatusCode expected)
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        using var client = fake.CreateClient();

        var (code, status) = await SendAsync(client, HttpMethod.Patch, SecretPath + "?fieldManager=m&fieldValidation=" + value, "application/apply-patch+yaml", SecretBody);

        Assert.Equal(expected, code);
        if (expected == HttpStatusCode.UnprocessableEntity)
        {
            Assert.Equal(
                $"PatchOptions.meta.k8s.io \"\" is invalid: fieldValidation: Unsupported value: \"{value}\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"",
                (string?)status["message"]);
            Assert.Null(fake.Store.RawJson("secrets", "default", "s"));
        }
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task force_on_a_patch_that_is_not_apply_is_422_even_when_false(string force)
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        fake.SeedServiceAccount("default", "default", ["a"]);
        using var client = fake.CreateClient();

        var (code, status) = await SendAsync(client, HttpMethod.Patch, "/api/v1/namespaces/default/serviceaccounts/default?force=" + force,
            "application/merge-patch+json", """{"imagePullSecrets":[{"name":"b"}]}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch", (string?)status["message"]);
        Assert.Equal("FieldValueForbidden", (string?)status["details"]!["causes"]![0]!["reason"]);
        Assert.Equal(["a"], fake.PullSecretsOf("default", "default"));
    }

    [Fact]
    public async Task Several_invalid_options_are_one_422_listing_each_as_an_aggregate()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        using var client = fake.CreateClient();

        var (code, status) = await SendAsync(client, HttpMethod.Patch, SecretPath + "?dryRun=x&fieldValidation=y", "application/apply-patch+yaml", SecretBody);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal(
            "PatchOptions.meta.k8s.io \"\" is invalid: [fieldManager: Required value: is required for apply patch, dryRun: Unsupported value: []string{\"x\"}: supported values: \"All\", fieldValidation: Unsupported value: \"y\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"]",
            (string?)status["message"]);
        Assert.Equal(3, status["details"]!["causes"]!.AsArray().Count);
    }
}
