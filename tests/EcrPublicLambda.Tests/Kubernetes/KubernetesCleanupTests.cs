using System.Text.Json.Nodes;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Tests.Kubernetes;

/// <summary>The cleanup writes against the fake API server: only our Secret is deleted, only our entry removed.</summary>
public sealed class KubernetesCleanupTests
{
    private const string Name = "ecr-public-token";

    private static readonly Dictionary<string, string> DockerConfig = new() { [KubernetesCluster.DockerConfigKey] = """{"auths":{"example.com":{"auth":"dGVhbTpzM2NyZXQ="}}}""" };

    private static JsonNode Merge(string json) => JsonNode.Parse(json)!;

    /// <summary>Our Secret applied, the request log cleared: what a cleanup finds after a refresh.</summary>
    private static async Task<ClusterUnderTest> WithOurSecretAsync()
    {
        var test = await ClusterUnderTest.StartAsync();
        await test.ApplyAsync();
        test.Server.ClearRequests();
        return test;
    }

    /// <summary>Runs <paramref name="change"/> "concurrently": on the fake, just before it handles the first <paramref name="method"/>.</summary>
    private static void BeforeFirst(ClusterUnderTest test, string method, Action change)
    {
        var done = 0;
        test.Server.BeforeHandle = request =>
        {
            if (request.Method == method && Interlocked.Exchange(ref done, 1) == 0)
            {
                change();
            }
        };
    }

    [Fact]
    public async Task Our_Secret_is_deleted_with_the_uid_and_resourceVersion_it_was_read_with()
    {
        await using var test = await WithOurSecretAsync();

        var (result, error) = await test.DeleteAsync();

        Assert.Equal(SecretResult.Deleted, result);
        Assert.Null(error);
        Assert.Null(test.Server.Store.RawJson("secrets", "default", Name));
        Assert.Equal(["GET", "DELETE"], test.Server.Requests.Select(r => r.Method));
        Assert.Equal(string.Empty, test.Server.Requests[1].Query);
        Assert.False(test.Server.Requests[1].DryRun);
        test.AssertNoSecretIn(error);
    }

    [Fact]
    public async Task No_Secret_or_no_namespace_is_absent_and_nothing_is_sent_but_the_read()
    {
        await using var test = await ClusterUnderTest.StartAsync();

        Assert.Equal((SecretResult.Absent, null), await test.DeleteAsync());
        Assert.Equal((SecretResult.Absent, null), await test.DeleteAsync("no-such-namespace"));
        Assert.Equal(["GET", "GET"], test.Server.Requests.Select(r => r.Method));
    }

    [Theory]
    [InlineData(false, "is not labelled app.kubernetes.io/managed-by=ecr-public-lambda")]
    [InlineData(true, "has data owned by another field manager (kubectl-create)")]
    public async Task A_same_named_Secret_of_anyone_else_is_a_conflict_and_left_exactly_as_it_is(bool copiesOurLabel, string why)
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.SeedSecret("default", Name, KubernetesCluster.SecretType, DockerConfig,
            labels: copiesOurLabel ? new Dictionary<string, string> { [KubernetesCluster.ManagedByLabel] = KubernetesCluster.FieldManager } : null);
        var before = test.Server.Store.RawJson("secrets", "default", Name);

        var (result, error) = await test.DeleteAsync();

        Assert.Equal(SecretResult.Conflict, result);
        Assert.Equal($"Secret \"{Name}\" {why}, so it is not this tool's and was left alone", error);
        Assert.Equal(before, test.Server.Store.RawJson("secrets", "default", Name));
        Assert.Equal(["GET"], test.Server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Our_Secret_with_a_data_key_another_manager_added_is_a_conflict()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        await test.ApplyAsync();
        test.Server.Store.Patch("secrets", "default", Name, "merge", Merge("""{"data":{"extra":"eA=="}}"""), "kubectl-edit", dryRun: false);

        var (result, error) = await test.DeleteAsync();

        Assert.Equal(SecretResult.Conflict, result);
        Assert.Contains("has data owned by another field manager (kubectl-edit)", error, StringComparison.Ordinal);
        Assert.NotNull(test.Server.Store.RawJson("secrets", "default", Name));
    }

    [Fact]
    public async Task A_Secret_taken_over_with_adoptExisting_is_ours_to_delete()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.SeedSecret("default", Name, KubernetesCluster.SecretType, DockerConfig);
        Assert.Equal(SecretResult.Updated, (await test.ApplyAsync(adopt: true)).Result);

        Assert.Equal((SecretResult.Deleted, null), await test.DeleteAsync());
        Assert.Null(test.Server.Store.RawJson("secrets", "default", Name));
    }

    [Fact]
    public async Task A_Secret_someone_else_changed_between_read_and_delete_survives_as_a_conflict()
    {
        await using var test = await WithOurSecretAsync();
        BeforeFirst(test, "DELETE", () =>
        {
            // Someone puts their own credentials into the Secret after our read, before our DELETE lands.
            test.Server.Store.Patch("secrets", "default", Name, "merge",
                Merge("""{"data":{".dockerconfigjson":"eyJhdXRocyI6e319"}}"""), "kubectl-edit", dryRun: false);
        });

        var (result, error) = await test.DeleteAsync();

        Assert.Equal(SecretResult.Conflict, result);
        Assert.Contains("has data owned by another field manager (kubectl-edit)", error, StringComparison.Ordinal);
        Assert.Equal(["GET", "DELETE", "GET"], test.Server.Requests.Select(r => r.Method));
        Assert.Equal([200, 409, 200], test.Server.Requests.Select(r => r.StatusCode));
        Assert.Equal("eyJhdXRocyI6e319", (string?)test.Server.Store.Get("secrets", "default", Name)["data"]![KubernetesCluster.DockerConfigKey]);
        Assert.Contains(test.LogLines, line => line.Contains("changed between read and delete (round 1)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Secret_replaced_by_a_same_named_one_between_read_and_delete_survives()
    {
        await using var test = await WithOurSecretAsync();
        string? replacement = null;
        BeforeFirst(test, "DELETE", () =>
        {
            // Deleted and made again by another tool, labels copied: another uid, another owner.
            var old = test.Server.Store.Get("secrets", "default", Name)["metadata"]!;
            test.Server.Store.Delete("secrets", "default", Name, (string?)old["uid"], (string?)old["resourceVersion"], dryRun: false);
            test.Server.SeedSecret("default", Name, KubernetesCluster.SecretType, DockerConfig,
                labels: new Dictionary<string, string> { [KubernetesCluster.ManagedByLabel] = KubernetesCluster.FieldManager });
            replacement = test.Server.Store.RawJson("secrets", "default", Name);
        });

        var (result, _) = await test.DeleteAsync();

        Assert.Equal(SecretResult.Conflict, result);
        Assert.NotNull(replacement);
        Assert.Equal(replacement, test.Server.Store.RawJson("secrets", "default", Name));
        Assert.Equal([200, 409, 200], test.Server.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Our_Secret_renewed_by_our_own_refresh_in_between_is_read_again_and_deleted()
    {
        await using var test = await WithOurSecretAsync();
        BeforeFirst(test, "DELETE", () =>
        {
            // A concurrent refresh writes a new expiry: still ours, another resourceVersion.
            test.Server.Store.Patch("secrets", "default", Name, "merge",
                new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [KubernetesCluster.ExpiresAtAnnotation] = "2027-01-01T00:00:00Z" } } },
                KubernetesCluster.FieldManager,
                dryRun: false);
        });

        var (result, error) = await test.DeleteAsync();

        Assert.Equal(SecretResult.Deleted, result);
        Assert.Null(error);
        Assert.Null(test.Server.Store.RawJson("secrets", "default", Name));
        Assert.Equal(["GET", "DELETE", "GET", "DELETE"], test.Server.Requests.Select(r => r.Method));
        Assert.Equal([200, 409, 200, 200], test.Server.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task A_Secret_that_keeps_changing_is_left_alone_after_the_second_read()
    {
        await using var test = await WithOurSecretAsync();
        var expiry = 0;
        test.Server.BeforeHandle = request =>
        {
            if (request.Method == "DELETE")
            {
                var annotation = $"2027-01-0{Interlocked.Increment(ref expiry)}T00:00:00Z";
                test.Server.Store.Patch("secrets", "default", Name, "merge",
                    new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [KubernetesCluster.ExpiresAtAnnotation] = annotation } } },
                    KubernetesCluster.FieldManager,
                    dryRun: false);
            }
        };

        var (result, error) = await test.DeleteAsync();

        Assert.Equal(SecretResult.Conflict, result);
        Assert.StartsWith($"Secret \"{Name}\" changed between read and delete 2 times, so it was left alone (conflict (409 Conflict): Operation cannot be fulfilled on Secret", error, StringComparison.Ordinal);
        Assert.NotNull(test.Server.Store.RawJson("secrets", "default", Name));
        Assert.Equal(["GET", "DELETE", "GET", "DELETE"], test.Server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task A_dry_run_delete_carries_dryRun_All_in_its_body_and_keeps_the_Secret()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        await test.ApplyAsync();
        var before = test.Server.Store.RawJson("secrets", "default", Name);
        test.Server.ClearRequests();

        Assert.Equal((SecretResult.Deleted, null), await test.DeleteAsync(dryRun: true));
        Assert.Equal(before, test.Server.Store.RawJson("secrets", "default", Name));
        var delete = test.Server.Requests.Single(r => r.Method == "DELETE");
        Assert.Equal(string.Empty, delete.Query);
        Assert.True(delete.DryRun);
    }

    [Fact]
    public async Task A_forbidden_delete_fails_with_the_reason_and_keeps_the_Secret()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        await test.ApplyAsync();
        test.Server.Deny(verb: "delete", resource: "secrets");

        var (result, error) = await test.DeleteAsync();

        Assert.Equal(SecretResult.Failed, result);
        Assert.StartsWith("forbidden (403): secrets \"ecr-public-token\" is forbidden", error, StringComparison.Ordinal);
        Assert.NotNull(test.Server.Store.RawJson("secrets", "default", Name));
    }

    [Fact]
    public async Task Removing_keeps_every_other_pull_secret_in_order()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.SeedServiceAccount("default", "builder", ["docker-hub", Name, "quay", Name]);

        var (result, error) = await test.RemoveAsync(serviceAccount: "builder");

        Assert.Equal(ServiceAccountResult.Removed, result);
        Assert.Null(error);
        Assert.Equal(["docker-hub", "quay"], test.Server.PullSecretsOf("default", "builder"));
        Assert.Equal(["GET", "PATCH"], test.Server.Requests.Select(r => r.Method));
        Assert.Equal("application/json-patch+json", test.Server.Requests[1].ContentType);
        Assert.Equal("?fieldManager=ecr-public-lambda", test.Server.Requests[1].Query);
    }

    [Fact]
    public async Task Nothing_to_remove_is_absent_without_a_write()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.SeedServiceAccount("default", "default", ["docker-hub"]);
        test.Server.SeedServiceAccount("default", "bare", []);
        var before = test.Server.Store.RawJson("serviceaccounts", "default", "default");

        Assert.Equal((ServiceAccountResult.Absent, null), await test.RemoveAsync());
        Assert.Equal((ServiceAccountResult.Absent, null), await test.RemoveAsync(serviceAccount: "bare"));
        Assert.Equal((ServiceAccountResult.Absent, null), await test.RemoveAsync(serviceAccount: "missing"));
        Assert.Equal((ServiceAccountResult.Absent, null), await test.RemoveAsync("no-such-namespace"));
        Assert.Equal(before, test.Server.Store.RawJson("serviceaccounts", "default", "default"));
        Assert.All(test.Server.Requests, request => Assert.Equal("GET", request.Method));
    }

    [Fact]
    public async Task A_change_between_read_and_patch_is_read_again_and_loses_nothing()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.SeedServiceAccount("default", "default", ["docker-hub", Name]);
        var raced = 0;
        test.Server.BeforeHandle = request =>
        {
            // Another controller puts its pull secret first, moving ours to another index.
            if (request.Method == "PATCH" && Interlocked.Exchange(ref raced, 1) == 0)
            {
                test.Server.Store.Patch("serviceaccounts", "default", "default", "json",
                    Merge("""[{"op":"add","path":"/imagePullSecrets/0","value":{"name":"team-registry"}}]"""), "other-controller", dryRun: false);
            }
        };

        var (result, error) = await test.RemoveAsync();

        Assert.Equal(ServiceAccountResult.Removed, result);
        Assert.Null(error);
        Assert.Equal(["team-registry", "docker-hub"], test.Server.PullSecretsOf("default", "default"));
        Assert.Equal([200, 422, 200, 200], test.Server.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task A_dry_run_removal_is_sent_with_dryRun_All_and_changes_nothing()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.SeedServiceAccount("default", "default", ["docker-hub", Name]);
        var before = test.Server.Store.RawJson("serviceaccounts", "default", "default");

        Assert.Equal((ServiceAccountResult.Removed, null), await test.RemoveAsync(dryRun: true));
        Assert.Equal(before, test.Server.Store.RawJson("serviceaccounts", "default", "default"));
        Assert.Equal("?fieldManager=ecr-public-lambda&dryRun=All", test.Server.Requests.Single(r => r.Method == "PATCH").Query);
    }
}
