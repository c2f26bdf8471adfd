using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Tests.Fakes;

/// <summary>DELETE on the fake answers as a real API server does: preconditions, NotFound, dry run, Status Success.</summary>
public sealed class FakeKubernetesDeleteTests
{
    private const string SecretPath = "/api/v1/namespaces/default/secrets/s";

    private static async Task<(HttpStatusCode Code, JsonObject Body)> DeleteAsync(HttpClient client, string path, string? body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static string Options(string? uid, string? resourceVersion, string[]? dryRun = null)
    {
        var options = new JsonObject
        {
            ["kind"] = "DeleteOptions",
            ["apiVersion"] = "v1",
            ["preconditions"] = new JsonObject { ["uid"] = uid, ["resourceVersion"] = resourceVersion },
        };
        if (dryRun is not null)
        {
            options["dryRun"] = new JsonArray([.. dryRun.Select(value => (JsonNode?)value)]);
        }

        return options.ToJsonString();
    }

    private static async Task<(FakeKubernetesServer Fake, string Uid, string ResourceVersion)> WithSecretAsync()
    {
        var fake = await FakeKubernetesServer.StartAsync();
        fake.SeedSecret("default", "s", "Opaque", new Dictionary<string, string> { ["k"] = "v" });
        var metadata = fake.Store.Get("secrets", "default", "s")["metadata"]!;
        return (fake, (string)metadata["uid"]!, (string)metadata["resourceVersion"]!);
    }

    [Fact]
    public async Task Matching_preconditions_delete_and_answer_a_Status_Success_naming_the_object()
    {
        var (fake, uid, resourceVersion) = await WithSecretAsync();
        await using var _ = fake;
        using var client = fake.CreateClient();

        var (code, body) = await DeleteAsync(client, SecretPath, Options(uid, resourceVersion));

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("Status", (string?)body["kind"]);
        Assert.Equal("Success", (string?)body["status"]);
        Assert.Equal("s", (string?)body["details"]!["name"]);
        Assert.Equal("secrets", (string?)body["details"]!["kind"]);
        Assert.Equal(uid, (string?)body["details"]!["uid"]);
        Assert.Null(fake.Store.RawJson("secrets", "default", "s"));
    }

    [Fact]
    public async Task A_uid_precondition_that_does_not_match_is_409_and_deletes_nothing()
    {
        var (fake, uid, resourceVersion) = await WithSecretAsync();
        await using var _ = fake;
        using var client = fake.CreateClient();
        var before = fake.Store.RawJson("secrets", "default", "s");

        var (code, status) = await DeleteAsync(client, SecretPath, Options("0f0f0f0f-other", resourceVersion));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Conflict", (string?)status["reason"]);
        Assert.Equal(409, (int?)status["code"]);
        Assert.Equal(
            $"Operation cannot be fulfilled on Secret \"s\": the UID in the precondition (0f0f0f0f-other) does not match the UID in record ({uid}). The object might have been deleted and then recreated",
            (string?)status["message"]);
        Assert.Equal(before, fake.Store.RawJson("secrets", "default", "s"));
    }

    [Fact]
    public async Task A_resourceVersion_precondition_that_does_not_match_is_409_and_deletes_nothing()
    {
        var (fake, uid, resourceVersion) = await WithSecretAsync();
        await using var _ = fake;
        using var client = fake.CreateClient();

        var (code, status) = await DeleteAsync(client, SecretPath, Options(uid, "1"));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal(
            $"Operation cannot be fulfilled on Secret \"s\": the ResourceVersion in the precondition (1) does not match the ResourceVersion in record ({resourceVersion}). The object might have been modified",
            (string?)status["message"]);
        Assert.NotNull(fake.Store.RawJson("secrets", "default", "s"));
    }

    [Fact]
    public async Task An_absent_object_or_namespace_is_404_NotFound_for_the_object()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        using var client = fake.CreateClient();

        var (code, status) = await DeleteAsync(client, SecretPath, null);
        var (otherCode, otherStatus) = await DeleteAsync(client, "/api/v1/namespaces/gone/secrets/s", Options("u", "1"));

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("secrets \"s\" not found", (string?)status["message"]);
        Assert.Equal(HttpStatusCode.NotFound, otherCode);
        Assert.Equal("secrets", (string?)otherStatus["details"]!["kind"]);
    }

    [Fact]
    public async Task A_dry_run_in_the_body_answers_like_a_delete_and_keeps_the_object()
    {
        var (fake, uid, resourceVersion) = await WithSecretAsync();
        await using var _ = fake;
        using var client = fake.CreateClient();
        var before = fake.Store.RawJson("secrets", "default", "s");

        var (code, body) = await DeleteAsync(client, SecretPath, Options(uid, resourceVersion, ["All"]));

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("Success", (string?)body["status"]);
        Assert.Equal(before, fake.Store.RawJson("secrets", "default", "s"));
        Assert.True(fake.Requests.Single().DryRun);
    }

    [Fact]
    public async Task A_dry_run_in_the_query_of_a_DELETE_without_a_body_keeps_the_object()
    {
        var (fake, _, _) = await WithSecretAsync();
        await using var __ = fake;
        using var client = fake.CreateClient();
        var before = fake.Store.RawJson("secrets", "default", "s");

        var (code, _) = await DeleteAsync(client, SecretPath + "?dryRun=All", null);

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(before, fake.Store.RawJson("secrets", "default", "s"));
    }

    [Fact]
    public async Task With_a_body_the_query_is_ignored_so_dryRun_in_the_query_alone_deletes_for_real()
    {
        // delete.go, DeleteResource: the options are decoded from the body when there is one, from the query only when not.
        var (fake, uid, resourceVersion) = await WithSecretAsync();
        await using var _ = fake;
        using var client = fake.CreateClient();

        var (code, body) = await DeleteAsync(client, SecretPath + "?dryRun=All", Options(uid, resourceVersion));

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("Success", (string?)body["status"]);
        Assert.Null(fake.Store.RawJson("secrets", "default", "s"));
        Assert.False(fake.Requests.Single().DryRun);
    }

    [Fact]
    public async Task With_a_body_an_invalid_dryRun_in_the_query_is_not_even_read()
    {
        var (fake, uid, resourceVersion) = await WithSecretAsync();
        await using var _ = fake;
        using var client = fake.CreateClient();

        var (code, _) = await DeleteAsync(client, SecretPath + "?dryRun=Bogus", Options(uid, resourceVersion, ["All"]));

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.NotNull(fake.Store.RawJson("secrets", "default", "s"));
    }

    [Fact]
    public async Task A_dryRun_value_other_than_All_is_422_Invalid_DeleteOptions_from_the_body_or_the_query_and_deletes_nothing()
    {
        var (fake, uid, resourceVersion) = await WithSecretAsync();
        await using var _ = fake;
        using var client = fake.CreateClient();

        var (bodyCode, fromBody) = await DeleteAsync(client, SecretPath, Options(uid, resourceVersion, ["Server"]));
        var (queryCode, fromQuery) = await DeleteAsync(client, SecretPath + "?dryRun=All&dryRun=Client", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bodyCode);
        Assert.Equal("Invalid", (string?)fromBody["reason"]);
        Assert.Equal(422, (int?)fromBody["code"]);
        Assert.Equal("DeleteOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: []string{\"Server\"}: supported values: \"All\"", (string?)fromBody["message"]);
        Assert.Equal("meta.k8s.io", (string?)fromBody["details"]!["group"]);
        Assert.Equal("DeleteOptions", (string?)fromBody["details"]!["kind"]);
        Assert.Equal("FieldValueNotSupported", (string?)fromBody["details"]!["causes"]![0]!["reason"]);
        Assert.Equal("dryRun", (string?)fromBody["details"]!["causes"]![0]!["field"]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, queryCode);
        Assert.Equal("DeleteOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: []string{\"All\", \"Client\"}: supported values: \"All\"", (string?)fromQuery["message"]);
        Assert.NotNull(fake.Store.RawJson("secrets", "default", "s"));
    }

    [Fact]
    public async Task A_body_of_another_kind_is_400_and_a_denied_delete_is_403()
    {
        var (fake, _, _) = await WithSecretAsync();
        await using var __ = fake;
        using var client = fake.CreateClient();

        var (badCode, _) = await DeleteAsync(client, SecretPath, """{"kind":"Secret"}""");
        fake.Deny(verb: "delete", resource: "secrets");
        var (deniedCode, denied) = await DeleteAsync(client, SecretPath, null);

        Assert.Equal(HttpStatusCode.BadRequest, badCode);
        Assert.Equal(HttpStatusCode.Forbidden, deniedCode);
        Assert.Contains("cannot delete resource \"secrets\"", (string?)denied["message"], StringComparison.Ordinal);
        Assert.NotNull(fake.Store.RawJson("secrets", "default", "s"));
    }
}
