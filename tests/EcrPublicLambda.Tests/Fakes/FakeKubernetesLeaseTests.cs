using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Tests.Fakes;

/// <summary>The fake's Leases answer as kube-apiserver does (Lease strategy, generic store Update, delete preconditions).</summary>
public sealed class FakeKubernetesLeaseTests
{
    private const string Collection = "/apis/coordination.k8s.io/v1/namespaces/default/leases";
    private const string LeasePath = Collection + "/run";

    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static async Task<(HttpStatusCode Code, JsonObject Body)> SendAsync(HttpClient client, HttpMethod method, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static JsonObject Lease(string? resourceVersion = null, int duration = 60) =>
        FakeKubernetesLeases.Body("run", resourceVersion, "me", Now, duration);

    [Fact]
    public async Task Create_stores_the_Lease_and_a_second_create_is_409_AlreadyExists()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        using var client = fake.CreateClient();

        var (created, body) = await SendAsync(client, HttpMethod.Post, Collection, Lease());
        var (again, status) = await SendAsync(client, HttpMethod.Post, Collection, Lease());

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("coordination.k8s.io/v1", (string?)body["apiVersion"]);
        Assert.False(string.IsNullOrEmpty((string?)body["metadata"]!["resourceVersion"]));
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("AlreadyExists", (string?)status["reason"]);
        Assert.Equal("leases.coordination.k8s.io \"run\" already exists", (string?)status["message"]);
    }

    [Fact]
    public async Task An_update_with_a_stale_resourceVersion_is_409_Conflict_and_changes_nothing()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        using var client = fake.CreateClient();
        var (_, created) = await SendAsync(client, HttpMethod.Post, Collection, Lease());
        var first = (string)created["metadata"]!["resourceVersion"]!;
        var (ok, updated) = await SendAsync(client, HttpMethod.Put, LeasePath, Lease(first, duration: 90));

        var (stale, status) = await SendAsync(client, HttpMethod.Put, LeasePath, Lease(first, duration: 30));

        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.NotEqual(first, (string?)updated["metadata"]!["resourceVersion"]);
        Assert.Equal(HttpStatusCode.Conflict, stale);
        Assert.Equal("Conflict", (string?)status["reason"]);
        Assert.Contains("the object has been modified", (string?)status["message"], StringComparison.Ordinal);
        Assert.Equal(90, (int)fake.Leases.Find("default", "run")!["spec"]!["leaseDurationSeconds"]!);
    }

    [Fact]
    public async Task An_update_without_a_resourceVersion_is_422_and_a_PUT_of_a_missing_Lease_creates_it()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        using var client = fake.CreateClient();

        var (created, _) = await SendAsync(client, HttpMethod.Put, LeasePath, Lease());
        var (unconditional, status) = await SendAsync(client, HttpMethod.Put, LeasePath, Lease());

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconditional);
        Assert.Contains("must be specified for an update", (string?)status["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delete_whose_resourceVersion_precondition_fails_is_409_and_the_Lease_stays()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        using var client = fake.CreateClient();
        var (_, created) = await SendAsync(client, HttpMethod.Post, Collection, Lease());
        var options = new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1", ["preconditions"] = new JsonObject { ["resourceVersion"] = "1" } };

        var (refused, status) = await SendAsync(client, HttpMethod.Delete, LeasePath, options);
        options["preconditions"]!["resourceVersion"] = (string?)created["metadata"]!["resourceVersion"];
        var (deleted, _) = await SendAsync(client, HttpMethod.Delete, LeasePath, options);

        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.Equal("Conflict", (string?)status["reason"]);
        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Null(fake.Leases.Find("default", "run"));
    }

    [Fact]
    public async Task A_delete_with_a_body_ignores_dryRun_in_the_query_and_deletes()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        using var client = fake.CreateClient();
        await SendAsync(client, HttpMethod.Post, Collection, Lease());

        var (code, _) = await SendAsync(client, HttpMethod.Delete, LeasePath + "?dryRun=All", new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1" });

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Null(fake.Leases.Find("default", "run"));
    }

    [Fact]
    public async Task A_non_positive_duration_is_422_and_a_Lease_in_a_missing_namespace_is_404()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        using var client = fake.CreateClient();

        var (invalid, status) = await SendAsync(client, HttpMethod.Post, Collection, Lease(duration: 0));
        var (missing, _) = await SendAsync(client, HttpMethod.Post, "/apis/coordination.k8s.io/v1/namespaces/nope/leases", Lease());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid);
        Assert.Contains("spec.leaseDurationSeconds", (string?)status["message"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }
}
