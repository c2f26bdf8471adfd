using System.Net;
using System.Text.Json.Nodes;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Tests.Fakes;

/// <summary>
/// Lists on the fake answer as a real API server does: pages with <c>limit</c>, <c>metadata.continue</c> and
/// <c>remainingItemCount</c> (only when no selector filters), 410 Expired for a compacted continue token, field
/// selectors on the fields a Secret declares, and the name of a list taken from an exact <c>metadata.name</c> selector
/// for RBAC <c>resourceNames</c>.
/// </summary>
public sealed class FakeKubernetesPagingTests
{
    private static async Task<(HttpStatusCode Code, JsonObject Body)> GetAsync(HttpClient client, string pathAndQuery)
    {
        using var response = await client.GetAsync(new Uri(pathAndQuery, UriKind.Relative));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static async Task<FakeKubernetesServer> WithSecretsAsync()
    {
        var fake = await FakeKubernetesServer.StartAsync(new FakeKubernetesOptions { Namespaces = ["a", "b", "c"] });
        foreach (var ns in new[] { "a", "b", "c" })
        {
            fake.SeedSecret(ns, "pull", "Opaque", new Dictionary<string, string> { ["k"] = "v" });
            fake.SeedSecret(ns, "other", "Opaque", new Dictionary<string, string> { ["k"] = "v" });
        }

        return fake;
    }

    private static List<string> Keys(JsonObject list) =>
        [.. list["items"]!.AsArray().Select(item => $"{item!["metadata"]!["namespace"]}/{item["metadata"]!["name"]}")];

    [Fact]
    public async Task A_limited_list_answers_pages_in_key_order_with_continue_and_remainingItemCount_until_the_last()
    {
        await using var fake = await WithSecretsAsync();
        using var client = fake.CreateClient();

        var (code, first) = await GetAsync(client, "/api/v1/secrets?limit=4");
        var token = (string)first["metadata"]!["continue"]!;
        var (_, last) = await GetAsync(client, $"/api/v1/secrets?limit=4&continue={Uri.EscapeDataString(token)}");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("SecretList", (string?)first["kind"]);
        Assert.Equal(["a/other", "a/pull", "b/other", "b/pull"], Keys(first));
        Assert.Equal(2, (int)first["metadata"]!["remainingItemCount"]!);
        Assert.Equal(["c/other", "c/pull"], Keys(last));
        Assert.Null(last["metadata"]!["continue"]);
        Assert.Null(last["metadata"]!["remainingItemCount"]);
    }

    [Fact]
    public async Task A_field_selector_on_metadata_name_selects_across_namespaces_and_leaves_remainingItemCount_out()
    {
        await using var fake = await WithSecretsAsync();
        using var client = fake.CreateClient();

        var (_, page) = await GetAsync(client, "/api/v1/secrets?fieldSelector=metadata.name%3Dpull&limit=2");

        Assert.Equal(["a/pull", "b/pull"], Keys(page));
        Assert.NotNull(page["metadata"]!["continue"]);
        Assert.Null(page["metadata"]!["remainingItemCount"]);
    }

    [Fact]
    public async Task A_field_the_resource_does_not_declare_is_a_bad_request()
    {
        await using var fake = await WithSecretsAsync();
        using var client = fake.CreateClient();

        var (code, body) = await GetAsync(client, "/api/v1/secrets?fieldSelector=spec.foo%3Dbar");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("field label not supported: spec.foo", (string?)body["message"]);
    }

    [Fact]
    public async Task A_continue_token_older_than_a_compaction_is_410_Expired_and_a_new_list_works()
    {
        await using var fake = await WithSecretsAsync();
        using var client = fake.CreateClient();
        var (_, first) = await GetAsync(client, "/api/v1/namespaces?limit=1");
        var token = (string)first["metadata"]!["continue"]!;

        fake.Store.Compact();
        var (code, status) = await GetAsync(client, $"/api/v1/namespaces?limit=1&continue={Uri.EscapeDataString(token)}");
        var (again, list) = await GetAsync(client, "/api/v1/namespaces?limit=10");

        Assert.Equal(HttpStatusCode.Gone, code);
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal("Expired", (string?)status["reason"]);
        Assert.Equal(410, (int)status["code"]!);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(3, list["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_continue_token_that_does_not_decode_is_a_bad_request()
    {
        await using var fake = await WithSecretsAsync();
        using var client = fake.CreateClient();

        var (code, _) = await GetAsync(client, "/api/v1/namespaces?limit=1&continue=not-a-token");

        Assert.Equal(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task A_grant_by_resource_name_allows_a_list_with_an_exact_name_selector_and_refuses_any_other_list()
    {
        await using var fake = await WithSecretsAsync();
        using var client = fake.CreateClient();
        fake.AllowOnlyNames("list", "secrets", "pull");

        var (named, page) = await GetAsync(client, "/api/v1/secrets?fieldSelector=metadata.name%3Dpull");
        var (unnamed, _) = await GetAsync(client, "/api/v1/secrets");
        var (notEqual, _) = await GetAsync(client, "/api/v1/secrets?fieldSelector=metadata.name%21%3Dpull");
        var (other, refused) = await GetAsync(client, "/api/v1/secrets?fieldSelector=metadata.name%3Dother");

        Assert.Equal(HttpStatusCode.OK, named);
        Assert.Equal(["a/pull", "b/pull", "c/pull"], Keys(page));
        Assert.Equal(HttpStatusCode.Forbidden, unnamed);
        Assert.Equal(HttpStatusCode.Forbidden, notEqual);
        Assert.Equal(HttpStatusCode.Forbidden, other);
        Assert.Equal("other", (string?)refused["details"]!["name"]);
    }
}
