using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Tests.Fakes;

/// <summary>The fake behaves like a real API server where a wrong client would be caught.</summary>
public sealed class FakeKubernetesServerTests
{
    private const string ServiceAccountPath = "/api/v1/namespaces/default/serviceaccounts/default";
    private const string SecretPath = "/api/v1/namespaces/default/secrets/s";

    private static async Task<(HttpStatusCode Code, JsonObject Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? contentType = null, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new(contentType!);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static string SecretApply(string data, string? label = null)
    {
        var metadata = new JsonObject { ["name"] = "s" };
        if (label is not null)
        {
            metadata["labels"] = new JsonObject { [label] = "x" };
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = metadata,
            ["type"] = "Opaque",
            ["data"] = new JsonObject { ["k"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(data)) },
        }.ToJsonString();
    }

    [Theory]
    [InlineData("application/merge-patch+json")]
    [InlineData("application/strategic-merge-patch+json")]
    public async Task Merge_patches_replace_the_whole_imagePullSecrets_list(string contentType)
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        fake.SeedServiceAccount("default", "default", ["docker-hub"]);
        using var client = fake.CreateClient();

        var (code, _) = await SendAsync(client, HttpMethod.Patch, ServiceAccountPath, contentType, """{"imagePullSecrets":[{"name":"ecr-public-token"}]}""");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(["ecr-public-token"], fake.PullSecretsOf("default", "default"));
    }

    [Fact]
    public async Task Server_side_apply_replaces_the_list_too()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        fake.SeedServiceAccount("default", "default", ["docker-hub"]);
        using var client = fake.CreateClient();

        var (code, body) = await SendAsync(client, HttpMethod.Patch, ServiceAccountPath + "?fieldManager=x&force=true", "application/apply-patch+yaml",
            """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"default"},"imagePullSecrets":[{"name":"ecr-public-token"}]}""");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(["ecr-public-token"], fake.PullSecretsOf("default", "default"));
        Assert.Equal("x", (string?)body["metadata"]!["managedFields"]![0]!["manager"]);
    }

    [Fact]
    public async Task Json_patch_test_failure_is_422_and_changes_nothing()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        fake.SeedServiceAccount("default", "default", ["docker-hub"]);
        using var client = fake.CreateClient();

        var (code, status) = await SendAsync(client, HttpMethod.Patch, ServiceAccountPath, "application/json-patch+json",
            """[{"op":"test","path":"/metadata/resourceVersion","value":"1"},{"op":"add","path":"/imagePullSecrets/-","value":{"name":"x"}}]""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Invalid", (string?)status["reason"]);
        Assert.Equal("the server rejected our request due to an error in our request", (string?)status["message"]);
        Assert.Equal("{}", status["details"]!.ToJsonString());
        Assert.Equal(["docker-hub"], fake.PullSecretsOf("default", "default"));
    }

    [Fact]
    public async Task Put_with_a_stale_resourceVersion_is_409()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        fake.SeedServiceAccount("default", "default", []);
        using var client = fake.CreateClient();
        var (_, current) = await SendAsync(client, HttpMethod.Get, ServiceAccountPath);
        current["imagePullSecrets"] = new JsonArray(new JsonObject { ["name"] = "a" });
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Put, ServiceAccountPath, "application/json", current.ToJsonString())).Code);

        current["imagePullSecrets"] = new JsonArray(new JsonObject { ["name"] = "b" });
        var (code, status) = await SendAsync(client, HttpMethod.Put, ServiceAccountPath, "application/json", current.ToJsonString());

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Conflict", (string?)status["reason"]);
        Assert.Equal(["a"], fake.PullSecretsOf("default", "default"));
    }

    [Fact]
    public async Task Unknown_patch_type_is_415_and_apply_without_a_field_manager_is_422_Invalid_PatchOptions()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        using var client = fake.CreateClient();

        var (unknown, _) = await SendAsync(client, HttpMethod.Patch, SecretPath, "application/json", "{}");
        var (noManager, status) = await SendAsync(client, HttpMethod.Patch, SecretPath, "application/apply-patch+yaml", SecretApply("v"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unknown);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noManager);
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch", (string?)status["message"]);
        Assert.Null(fake.Store.RawJson("secrets", "default", "s"));
    }

    [Fact]
    public async Task Apply_creates_updates_and_drops_fields_the_manager_no_longer_sends()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        using var client = fake.CreateClient();

        var (created, _) = await SendAsync(client, HttpMethod.Patch, SecretPath + "?fieldManager=m", "application/apply-patch+yaml", SecretApply("v1", label: "team"));
        var (updated, body) = await SendAsync(client, HttpMethod.Patch, SecretPath + "?fieldManager=m", "application/apply-patch+yaml", SecretApply("v2"));

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(HttpStatusCode.OK, updated);
        Assert.Null(body["metadata"]!["labels"]);
        Assert.Equal(Convert.ToBase64String("v2"u8.ToArray()), (string?)body["data"]!["k"]);
    }

    [Fact]
    public async Task Applying_the_same_values_changes_no_resourceVersion_and_shares_ownership_without_conflict()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        fake.SeedSecret("default", "s", "Opaque", new Dictionary<string, string> { ["k"] = "same" });
        using var client = fake.CreateClient();
        var before = (string?)fake.Store.Get("secrets", "default", "s")["metadata"]!["resourceVersion"];

        var (code, body) = await SendAsync(client, HttpMethod.Patch, SecretPath + "?fieldManager=m", "application/apply-patch+yaml", SecretApply("same"));
        var (conflict, status) = await SendAsync(client, HttpMethod.Patch, SecretPath + "?fieldManager=m", "application/apply-patch+yaml", SecretApply("changed"));

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.NotEqual(before, (string?)body["metadata"]!["resourceVersion"]);
        Assert.Equal(2, body["metadata"]!["managedFields"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.Conflict, conflict);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-create\" using v1: .data.k", (string?)status["message"]);
        Assert.Equal(".data.k", (string?)status["details"]!["causes"]![0]!["field"]);
    }

    [Fact]
    public async Task Missing_namespace_and_missing_object_answer_NotFound_statuses()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        using var client = fake.CreateClient();

        var (applyCode, applyStatus) = await SendAsync(client, HttpMethod.Patch, "/api/v1/namespaces/team-x/secrets/s?fieldManager=m", "application/apply-patch+yaml", SecretApply("v"));
        var (getCode, getStatus) = await SendAsync(client, HttpMethod.Get, "/api/v1/namespaces/team-x/serviceaccounts/default");

        Assert.Equal(HttpStatusCode.NotFound, applyCode);
        Assert.Equal("namespaces \"team-x\" not found", (string?)applyStatus["message"]);
        Assert.Equal("namespaces", (string?)applyStatus["details"]!["kind"]);
        Assert.Equal(HttpStatusCode.NotFound, getCode);
        Assert.Equal("serviceaccounts \"default\" not found", (string?)getStatus["message"]);
    }

    [Fact]
    public async Task Dry_run_answers_like_a_write_but_persists_nothing()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        using var client = fake.CreateClient();

        var (code, body) = await SendAsync(client, HttpMethod.Patch, SecretPath + "?fieldManager=m&dryRun=All", "application/apply-patch+yaml", SecretApply("v"));

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal("s", (string?)body["metadata"]!["name"]);
        Assert.Null(fake.Store.RawJson("secrets", "default", "s"));
    }

    [Fact]
    public async Task Faults_are_counted_and_answered_with_Status_and_Retry_After()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        fake.InjectFault(429, times: 1, retryAfter: TimeSpan.FromSeconds(7));
        using var client = fake.CreateClient();

        using var throttled = await client.GetAsync(new Uri("/api/v1/namespaces", UriKind.Relative));
        using var ok = await client.GetAsync(new Uri("/api/v1/namespaces", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), throttled.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(2, fake.CountRequests("GET", "/namespaces"));
    }
}
