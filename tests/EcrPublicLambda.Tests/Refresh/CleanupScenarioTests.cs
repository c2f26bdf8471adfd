using EcrPublicLambda.Fakes;
using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary>
/// <c>bootstrap cleanup</c> end to end in process, against the fake AWS and API servers: the reverse of a refresh,
/// never touching what is not this tool's.
/// </summary>
public sealed class CleanupScenarioTests
{
    private const string Name = RefreshWorld.SecretName;

    [Fact]
    public async Task Cleanup_after_a_refresh_deletes_our_Secrets_keeps_other_pull_secrets_in_order_and_a_second_finds_all_absent()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("prod-eu", "eu-west-1", "apps", "jobs") { ServiceAccounts = ["default", "builder"] });
        var server = world["prod-eu"];
        foreach (var ns in new[] { "apps", "jobs" })
        {
            server.SeedServiceAccount(ns, "default", ["docker-hub"]);
            server.SeedServiceAccount(ns, "builder", ["quay", "docker-hub"]);
        }

        Assert.Equal(0, (await world.RunAsync()).ExitCode);
        Assert.Equal(["quay", "docker-hub", Name], server.PullSecretsOf("apps", "builder"));
        var logins = world.Aws.Requests.Count(r => r.Operation == FakeAwsOperation.GetAuthorizationToken);

        var cleanup = await world.CleanupAsync();

        Assert.Equal(0, cleanup.ExitCode);
        Assert.Equal("cleanup", cleanup.Report.GetProperty("operation").GetString());
        Assert.Equal("succeeded", cleanup.Status);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleanup.Report.GetProperty("tokenExpiresAt").ValueKind);
        Assert.False(cleanup.Report.GetProperty("dryRun").GetBoolean());
        Assert.Equal(["deleted", "deleted"], cleanup.SecretResults("prod-eu"));
        foreach (var ns in new[] { "apps", "jobs" })
        {
            Assert.Equal(0, world.SecretCount("prod-eu", ns));
            Assert.Equal(("removed", null), cleanup.Account("prod-eu", ns, "default"));
            Assert.Equal(("removed", null), cleanup.Account("prod-eu", ns, "builder"));
            Assert.Equal(["docker-hub"], server.PullSecretsOf(ns, "default"));
            Assert.Equal(["quay", "docker-hub"], server.PullSecretsOf(ns, "builder"));
        }

        // A cleanup needs no registry login.
        Assert.Equal(logins, world.Aws.Requests.Count(r => r.Operation == FakeAwsOperation.GetAuthorizationToken));
        Assert.Contains("cleanup started: 1 cluster(s)", cleanup.Logs, StringComparison.Ordinal);
        Assert.Contains("cleanup: Succeeded; 2 of 2 Secret(s) deleted or absent, 4 of 4 service account(s) no longer list it", cleanup.Logs, StringComparison.Ordinal);

        var again = await world.CleanupAsync();

        Assert.Equal(0, again.ExitCode);
        Assert.Equal("succeeded", again.Status);
        Assert.Equal(["absent", "absent"], again.SecretResults("prod-eu"));
        Assert.All(again.Cluster("prod-eu").GetProperty("serviceAccounts").EnumerateArray(),
            account => Assert.Equal("absent", account.GetProperty("result").GetString()));
        Assert.DoesNotContain(server.Requests.Skip(server.Requests.Count - 6), r => r.Method is "DELETE" or "PATCH");
    }

    [Fact]
    public async Task A_foreign_Secret_is_a_conflict_left_untouched_with_its_service_account_entry_and_the_run_exits_1()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("prod-eu", "eu-west-1", "apps", "theirs") { ServiceAccounts = ["default"] });
        var server = world["prod-eu"];
        server.SeedServiceAccount("apps", "default", []);
        server.SeedServiceAccount("theirs", "default", [Name]);
        Assert.Equal(0, (await world.RunAsync()).ExitCode);
        server.Store.Delete("secrets", "theirs", Name, null, null, dryRun: false);
        server.SeedSecret("theirs", Name, KubernetesCluster.SecretType,
            new Dictionary<string, string> { [KubernetesCluster.DockerConfigKey] = """{"auths":{"registry.example.com":{"auth":"dGVhbTpzM2NyZXQ="}}}""" });
        var before = server.Store.RawJson("secrets", "theirs", Name);
        var accountBefore = server.Store.RawJson("serviceaccounts", "theirs", "default");

        var cleanup = await world.CleanupAsync();

        Assert.Equal(1, cleanup.ExitCode);
        Assert.Equal("partial", cleanup.Status);
        Assert.Equal(("deleted", null), cleanup.Secret("prod-eu", "apps"));
        var (result, error) = cleanup.Secret("prod-eu", "theirs");
        Assert.Equal("conflict", result);
        Assert.Contains("is not labelled app.kubernetes.io/managed-by=ecr-public-lambda", error, StringComparison.Ordinal);
        Assert.Equal("skipped", cleanup.Account("prod-eu", "theirs", "default").Result);
        Assert.Equal(before, server.Store.RawJson("secrets", "theirs", Name));
        Assert.Equal(accountBefore, server.Store.RawJson("serviceaccounts", "theirs", "default"));
        Assert.DoesNotContain(server.Requests, r => r.Method == "DELETE" && r.Path.Contains("/theirs/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Secret_changed_by_someone_else_between_read_and_delete_survives()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("prod-eu", "eu-west-1", "apps"));
        var server = world["prod-eu"];
        Assert.Equal(0, (await world.RunAsync()).ExitCode);
        var raced = 0;
        server.BeforeHandle = request =>
        {
            if (request.Method == "DELETE" && Interlocked.Exchange(ref raced, 1) == 0)
            {
                server.Store.Patch("secrets", "apps", Name, "merge",
                    System.Text.Json.Nodes.JsonNode.Parse("""{"data":{".dockerconfigjson":"eyJhdXRocyI6e319"}}""")!, "kubectl-edit", dryRun: false);
            }
        };

        var cleanup = await world.CleanupAsync();

        Assert.Equal(1, cleanup.ExitCode);
        Assert.Equal("failed", cleanup.Status);
        Assert.Equal("conflict", cleanup.Secret("prod-eu", "apps").Result);
        Assert.Equal("eyJhdXRocyI6e319", (string?)server.Store.Get("secrets", "apps", Name)["data"]![KubernetesCluster.DockerConfigKey]);
    }

    [Fact]
    public async Task A_dry_run_sends_every_write_as_a_dry_run_the_server_honours_and_persists_nothing()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("prod-eu", "eu-west-1", "apps", "jobs") { ServiceAccounts = ["default"] });
        var server = world["prod-eu"];
        server.SeedServiceAccount("apps", "default", ["docker-hub"]);
        server.SeedServiceAccount("jobs", "default", []);
        Assert.Equal(0, (await world.RunAsync()).ExitCode);
        var before = world.Snapshot("prod-eu");
        server.ClearRequests();

        var cleanup = await world.CleanupAsync("--dry-run");

        Assert.Equal(0, cleanup.ExitCode);
        Assert.True(cleanup.Report.GetProperty("dryRun").GetBoolean());
        Assert.Equal(["deleted", "deleted"], cleanup.SecretResults("prod-eu"));
        Assert.Equal(("removed", null), cleanup.Account("prod-eu", "apps", "default"));
        Assert.Equal(before, world.Snapshot("prod-eu"));
        var writes = server.Requests.Where(r => r.Method != "GET").ToList();
        Assert.Equal(4, writes.Count);
        // Where the API server reads it: a PATCH's query, a DELETE's DeleteOptions body (delete.go ignores the query then).
        Assert.All(writes, write => Assert.True(write.DryRun, write.ToString()));
        Assert.All(writes.Where(write => write.Method == "DELETE"), delete => Assert.Equal(string.Empty, delete.Query));
    }

    [Fact]
    public async Task Cluster_narrows_the_cleanup_to_the_named_clusters()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("prod-eu", "eu-west-1", "apps"),
            new WorldCluster("prod-us", "us-east-1", "apps"));
        Assert.Equal(0, (await world.RunAsync()).ExitCode);

        var cleanup = await world.CleanupAsync("--cluster", "prod-us");

        Assert.Equal(0, cleanup.ExitCode);
        Assert.Equal(["prod-us"], cleanup.ClusterNames);
        Assert.Equal(0, world.SecretCount("prod-us", "apps"));
        world.AssertSecret("prod-eu", "apps");
        Assert.DoesNotContain(world["prod-eu"].Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task An_unknown_cluster_is_bad_input_and_nothing_is_sent()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("prod-eu", "eu-west-1", "apps"));

        var cleanup = await world.CleanupAsync("--cluster", "prod-euu");

        Assert.Equal(2, cleanup.ExitCode);
        Assert.Equal(0, world.RequestCount);
    }

    [Fact]
    public async Task Pattern_namespaces_are_resolved_like_a_refresh_and_a_missing_namespace_is_absent()
    {
        // "legacy" is listed in the fleet but does not exist (any more) on the cluster.
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("prod-eu", "eu-west-1", "team-*", "legacy")
        {
            ServiceAccounts = ["default"],
            ExcludeNamespaces = ["team-skip"],
            ServerNamespaces = ["team-a", "team-b", "team-skip", "other"],
        });
        var server = world["prod-eu"];
        foreach (var ns in new[] { "team-a", "team-b", "team-skip" })
        {
            server.SeedServiceAccount(ns, "default", ["docker-hub"]);
        }

        Assert.Equal(1, (await world.RunAsync()).ExitCode);
        Assert.Equal(1, world.SecretCount("prod-eu", "team-a"));
        server.ClearRequests();

        var cleanup = await world.CleanupAsync();

        Assert.Equal(0, cleanup.ExitCode);
        Assert.Equal(("succeeded", null), cleanup.ClusterOutcome("prod-eu"));
        Assert.Equal(("deleted", null), cleanup.Secret("prod-eu", "team-a"));
        Assert.Equal(("deleted", null), cleanup.Secret("prod-eu", "team-b"));
        Assert.Equal(("absent", null), cleanup.Secret("prod-eu", "legacy"));
        Assert.Equal(("absent", null), cleanup.Account("prod-eu", "legacy", "default"));
        Assert.Equal(["legacy", "team-a", "team-b"], cleanup.Cluster("prod-eu").GetProperty("secrets").EnumerateArray().Select(e => e.GetProperty("namespace").GetString()));
        Assert.Equal(["docker-hub"], server.PullSecretsOf("team-a", "default"));
        Assert.Equal(["docker-hub"], server.PullSecretsOf("team-skip", "default"));
        Assert.DoesNotContain(server.Requests, r => r.Path.Contains("/team-skip/", StringComparison.Ordinal) || r.Path.Contains("/other/", StringComparison.Ordinal));
        Assert.Single(server.Requests, r => r.Method == "GET" && r.Path == "/api/v1/namespaces");
    }

    [Fact]
    public async Task A_cleanup_makes_no_registry_login_so_a_failing_ECR_Public_does_not_stop_it()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("prod-eu", "eu-west-1", "apps"));
        Assert.Equal(0, (await world.RunAsync()).ExitCode);
        world.Aws.Script(FakeAwsOperation.GetAuthorizationToken, FakeAwsFailure.AccessDenied, FakeAwsFailure.AccessDenied);
        var logins = world.Aws.Requests.Count(r => r.Operation == FakeAwsOperation.GetAuthorizationToken);

        var cleanup = await world.CleanupAsync();

        Assert.Equal(0, cleanup.ExitCode);
        Assert.Equal(("deleted", null), cleanup.Secret("prod-eu", "apps"));
        Assert.Equal(logins, world.Aws.Requests.Count(r => r.Operation == FakeAwsOperation.GetAuthorizationToken));
    }

    [Fact]
    public async Task Without_delete_permission_the_Secret_fails_stays_and_its_service_account_entry_stays_too()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("prod-eu", "eu-west-1", "apps") { ServiceAccounts = ["default"] });
        var server = world["prod-eu"];
        server.SeedServiceAccount("apps", "default", ["docker-hub"]);
        Assert.Equal(0, (await world.RunAsync()).ExitCode);
        server.Deny(verb: "delete", resource: "secrets");

        var cleanup = await world.CleanupAsync();

        Assert.Equal(1, cleanup.ExitCode);
        Assert.Equal("failed", cleanup.Status);
        var (result, error) = cleanup.Secret("prod-eu", "apps");
        Assert.Equal("failed", result);
        Assert.StartsWith("forbidden (403): secrets \"ecr-public-token\" is forbidden: User ", error, StringComparison.Ordinal);
        Assert.Equal(("skipped", "not attempted: the Secret was not removed in this namespace"), cleanup.Account("prod-eu", "apps", "default"));
        world.AssertSecret("prod-eu", "apps");
        Assert.Equal(["docker-hub", Name], server.PullSecretsOf("apps", "default"));
    }
}
