using System.Net;
using System.Text.Json.Nodes;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Tests.Fakes;

/// <summary>
/// Lists as kube-apiserver answers them: across namespaces at <c>/api/v1/secrets</c>, filtered by the field selectors the
/// kind supports (400 for any other), paged by <c>limit</c> with a <c>continue</c> token, and a cluster-wide list
/// denied by RBAC as a 403.
/// </summary>
public sealed class FakeKubernetesListTests
{
    private static async Task<(HttpStatusCode Code, JsonObject Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static IEnumerable<string> Items(JsonObject list) =>
        list["items"]!.AsArray().Select(item => $"{item!["metadata"]!["namespace"]}/{item["metadata"]!["name"]}");

    private static async Task<FakeKubernetesServer> ServerWithSecretsAsync()
    {
        var fake = await FakeKubernetesServer.StartAsync(new FakeKubernetesOptions { Namespaces = ["a", "b", "c"] });
        foreach (var ns in new[] { "a", "b", "c" })
        {
            fake.SeedSecret(ns, "pull", "kubernetes.io/dockerconfigjson", new Dictionary<string, string> { [".dockerconfigjson"] = "{}" });
            fake.SeedSecret(ns, "other", "Opaque", new Dictionary<string, string> { ["k"] = "v" });
        }

        return fake;
    }

    [Fact]
    public async Task A_cluster_wide_list_with_a_name_field_selector_gives_that_name_in_every_namespace()
    {
        await using var fake = await ServerWithSecretsAsync();
        using var client = fake.CreateClient();

        var (code, body) = await GetAsync(client, "/api/v1/secrets?fieldSelector=metadata.name%3Dpull");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("SecretList", (string?)body["kind"]);
        Assert.Equal(["a/pull", "b/pull", "c/pull"], Items(body));
    }

    [Fact]
    public async Task A_limit_pages_the_list_with_a_continue_token_until_it_is_done()
    {
        await using var fake = await ServerWithSecretsAsync();
        using var client = fake.CreateClient();

        var (_, first) = await GetAsync(client, "/api/v1/secrets?fieldSelector=metadata.name%3Dpull&limit=2");
        var token = (string?)first["metadata"]!["continue"];
        var (_, second) = await GetAsync(client, $"/api/v1/secrets?fieldSelector=metadata.name%3Dpull&limit=2&continue={Uri.EscapeDataString(token!)}");

        Assert.Equal(["a/pull", "b/pull"], Items(first));
        Assert.Equal(["c/pull"], Items(second));
        Assert.Null(second["metadata"]!["continue"]);
    }

    [Theory]
    [InlineData("type%3DOpaque", "a/other,b/other,c/other")]
    [InlineData("metadata.namespace%3Db", "b/other,b/pull")]
    [InlineData("metadata.name!%3Dpull,metadata.namespace%3D%3Dc", "c/other")]
    public async Task The_fields_a_secret_supports_select(string selector, string expected)
    {
        await using var fake = await ServerWithSecretsAsync();
        using var client = fake.CreateClient();

        var (_, body) = await GetAsync(client, $"/api/v1/secrets?fieldSelector={selector}");

        Assert.Equal(expected.Split(','), Items(body));
    }

    [Fact]
    public async Task An_unsupported_field_is_a_400_naming_it()
    {
        await using var fake = await ServerWithSecretsAsync();
        using var client = fake.CreateClient();

        var (code, body) = await GetAsync(client, "/api/v1/secrets?fieldSelector=data.k%3Dv");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("field label not supported: data.k", (string?)body["message"]);
    }

    [Fact]
    public async Task A_denied_list_is_forbidden_across_the_cluster_while_get_still_works()
    {
        await using var fake = await ServerWithSecretsAsync();
        fake.Deny(verb: "list", resource: "secrets");
        using var client = fake.CreateClient();

        var (listed, _) = await GetAsync(client, "/api/v1/secrets?fieldSelector=metadata.name%3Dpull");
        var (got, _) = await GetAsync(client, "/api/v1/namespaces/a/secrets/pull");

        Assert.Equal(HttpStatusCode.Forbidden, listed);
        Assert.Equal(HttpStatusCode.OK, got);
    }
}
