using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Tests.Fakes;

/// <summary>The fake's namespaces: labels and phases, <c>GET /api/v1/namespaces</c> with <c>labelSelector</c>, and the NamespaceLifecycle admission.</summary>
public sealed class FakeKubernetesNamespaceTests
{
    private static readonly Dictionary<string, Dictionary<string, string>> Labelled = new(StringComparer.Ordinal)
    {
        ["team-a"] = new(StringComparer.Ordinal) { ["env"] = "prod", ["ecr-public-lambda/pull-secret"] = "enabled" },
        ["team-b"] = new(StringComparer.Ordinal) { ["env"] = "staging" },
        ["team-c"] = new(StringComparer.Ordinal) { ["env"] = "prod", ["tier"] = "system" },
        ["batch"] = new(StringComparer.Ordinal) { ["replicas"] = "7" },
    };

    [Fact]
    public async Task The_list_is_a_real_NamespaceList_with_labels_uid_and_phase()
    {
        await using var fake = await StartAsync();
        using var client = fake.CreateClient();

        var (code, body) = await GetAsync(client, "/api/v1/namespaces");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("v1", (string?)body["apiVersion"]);
        Assert.Equal("NamespaceList", (string?)body["kind"]);
        Assert.False(string.IsNullOrEmpty((string?)body["metadata"]!["resourceVersion"]));
        var items = body["items"]!.AsArray();
        Assert.Equal(["batch", "default", "kube-system", "team-a", "team-b", "team-c", "team-old"], items.Select(i => (string)i!["metadata"]!["name"]!));
        var teamA = items.Single(i => (string?)i!["metadata"]!["name"] == "team-a")!;
        Assert.Equal("Namespace", (string?)teamA["kind"]);
        Assert.Equal("prod", (string?)teamA["metadata"]!["labels"]!["env"]);
        Assert.Equal("team-a", (string?)teamA["metadata"]!["labels"]!["kubernetes.io/metadata.name"]);
        Assert.True(Guid.TryParse((string?)teamA["metadata"]!["uid"], out _));
        Assert.Equal("Active", (string?)teamA["status"]!["phase"]);
        Assert.Equal("Terminating", (string?)items.Single(i => (string?)i!["metadata"]!["name"] == "team-old")!["status"]!["phase"]);
        Assert.Equal(items.Count, items.Select(i => (string?)i!["metadata"]!["uid"]).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("env=prod", new[] { "team-a", "team-c", "team-old" })]
    [InlineData("env==prod", new[] { "team-a", "team-c", "team-old" })]
    [InlineData("env!=prod", new[] { "batch", "default", "kube-system", "team-b" })]
    [InlineData("env in (staging, prod),tier!=system", new[] { "team-a", "team-b", "team-old" })]
    [InlineData("env notin (prod)", new[] { "batch", "default", "kube-system", "team-b" })]
    [InlineData("tier", new[] { "team-c" })]
    [InlineData("!env", new[] { "batch", "default", "kube-system" })]
    [InlineData("ecr-public-lambda/pull-secret=enabled", new[] { "team-a" })]
    [InlineData("kubernetes.io/metadata.name in (default,team-b)", new[] { "default", "team-b" })]
    [InlineData("replicas>5", new[] { "batch" })]
    [InlineData("replicas<5", new string[0])]
    [InlineData("", new[] { "batch", "default", "kube-system", "team-a", "team-b", "team-c", "team-old" })]
    public async Task The_list_honours_labelSelector(string selector, string[] expected)
    {
        await using var fake = await StartAsync();
        using var client = fake.CreateClient();

        var (code, body) = await GetAsync(client, "/api/v1/namespaces?labelSelector=" + Uri.EscapeDataString(selector));

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(expected, body["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!));
    }

    [Theory]
    [InlineData("env in (prod")]
    [InlineData("env=prod,")]
    [InlineData("-env=prod")]
    [InlineData("env=pr*d")]
    [InlineData("env in ()")]
    [InlineData("replicas>many")]
    [InlineData("env prod")]
    public async Task A_malformed_labelSelector_is_400_BadRequest_with_a_Status(string selector)
    {
        await using var fake = await StartAsync();
        using var client = fake.CreateClient();

        var (code, body) = await GetAsync(client, "/api/v1/namespaces?labelSelector=" + Uri.EscapeDataString(selector));

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("Status", (string?)body["kind"]);
        Assert.Equal("Failure", (string?)body["status"]);
        Assert.Equal("BadRequest", (string?)body["reason"]);
        Assert.Equal(400, (int?)body["code"]);
        Assert.False(string.IsNullOrEmpty((string?)body["message"]));
    }

    [Fact]
    public async Task Listing_needs_a_valid_token_and_cluster_scoped_list_on_namespaces()
    {
        await using var fake = await StartAsync();
        using (var anonymous = fake.CreateClient("k8s-aws-v1.not-a-token"))
        {
            var (code, body) = await GetAsync(anonymous, "/api/v1/namespaces");
            Assert.Equal(HttpStatusCode.Unauthorized, code);
            Assert.Equal("Unauthorized", (string?)body["reason"]);
        }

        fake.Deny(verb: "list", resource: "namespaces");
        using var client = fake.CreateClient();
        var (denied, status) = await GetAsync(client, "/api/v1/namespaces?labelSelector=env");
        Assert.Equal(HttpStatusCode.Forbidden, denied);
        Assert.Equal("Forbidden", (string?)status["reason"]);
        Assert.EndsWith("cannot list resource \"namespaces\" in API group \"\" at the cluster scope", (string?)status["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_in_a_terminating_namespace_is_403_and_writes_nothing()
    {
        await using var fake = await StartAsync();
        using var client = fake.CreateClient();

        using var content = new StringContent("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"type":"Opaque"}""", Encoding.UTF8, "application/json");
        using var post = await client.PostAsync(new Uri("/api/v1/namespaces/team-old/secrets", UriKind.Relative), content);
        var body = JsonNode.Parse(await post.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        AssertTerminating(body, "secrets", "s", "team-old");

        using var apply = new StringContent("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"t"},"type":"Opaque"}""", Encoding.UTF8, "application/apply-patch+yaml");
        using var patch = await client.PatchAsync(new Uri("/api/v1/namespaces/team-old/secrets/t?fieldManager=x", UriKind.Relative), apply);
        Assert.Equal(HttpStatusCode.Forbidden, patch.StatusCode);
        AssertTerminating(JsonNode.Parse(await patch.Content.ReadAsStringAsync())!.AsObject(), "secrets", "t", "team-old");

        Assert.Null(fake.Store.RawJson("secrets", "team-old", "s"));
        Assert.Null(fake.Store.RawJson("secrets", "team-old", "t"));
    }

    [Fact]
    public async Task An_object_that_exists_in_a_namespace_being_terminated_can_still_be_changed()
    {
        // NamespaceLifecycle refuses only creates: updates of what is there go on while the namespace drains.
        await using var fake = await StartAsync();
        fake.SeedServiceAccount("team-a", "default", []);
        fake.TerminateNamespace("team-a");
        using var client = fake.CreateClient();

        using var merge = new StringContent("""{"imagePullSecrets":[{"name":"x"}]}""", Encoding.UTF8, "application/merge-patch+json");
        using var patch = await client.PatchAsync(new Uri("/api/v1/namespaces/team-a/serviceaccounts/default", UriKind.Relative), merge);

        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal(["x"], fake.PullSecretsOf("team-a", "default"));
        var (_, ns) = await GetAsync(client, "/api/v1/namespaces/team-a");
        Assert.Equal("Terminating", (string?)ns["status"]!["phase"]);
    }

    private static void AssertTerminating(JsonObject body, string resource, string name, string ns)
    {
        Assert.Equal("Status", (string?)body["kind"]);
        Assert.Equal("Forbidden", (string?)body["reason"]);
        Assert.Equal(403, (int?)body["code"]);
        Assert.Equal($"{resource} \"{name}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated", (string?)body["message"]);
        Assert.Equal(resource, (string?)body["details"]!["kind"]);
        Assert.Equal(name, (string?)body["details"]!["name"]);
        Assert.Equal("NamespaceTerminating", (string?)body["details"]!["causes"]![0]!["reason"]);
    }

    private static async Task<FakeKubernetesServer> StartAsync()
    {
        var fake = await FakeKubernetesServer.StartAsync();
        foreach (var (name, labels) in Labelled)
        {
            fake.SeedNamespace(name, labels);
        }

        fake.SeedNamespace("team-old", new Dictionary<string, string>(StringComparer.Ordinal) { ["env"] = "prod" }, FakeKubernetesNamespace.Terminating);
        return fake;
    }

    private static async Task<(HttpStatusCode Code, JsonObject Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }
}
