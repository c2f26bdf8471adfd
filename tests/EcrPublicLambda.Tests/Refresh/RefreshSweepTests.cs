using System.Text.Json;
using System.Text.Json.Nodes;
using EcrPublicLambda.Hosting.Logging;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Refresh;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary>
/// No Secret outlives its selection: a refresh of a cluster chosen by pattern or selector removes our Secret (and our
/// service-account entry) where a namespace no longer matches, as a cleanup would; it never touches a foreign Secret of
/// the same name or another deployment's (instance); a dry run changes nothing; a refused Secret list falls back to the
/// namespaces the fleet names and says what it could not check.
/// </summary>
public sealed class RefreshSweepTests
{
    private const string Cluster = "prod-eu";
    private const string Name = RefreshWorld.SecretName;
    private const string Selector = "pull=enabled";

    private static readonly Dictionary<string, string> Enabled = new(StringComparer.Ordinal) { ["pull"] = "enabled" };

    private static async Task<RefreshWorld> SelectedWorldAsync()
    {
        var world = await RefreshWorld.StartAsync(new WorldCluster(Cluster, "eu-west-1", "*")
        {
            ServiceAccounts = ["default"],
            NamespaceSelector = Selector,
            ServerNamespaces = ["kube-system"],
        });
        var server = world[Cluster];
        foreach (var ns in new[] { "apps", "tools" })
        {
            server.SeedNamespace(ns, Enabled);
            server.SeedServiceAccount(ns, "default", ["docker-hub"]);
        }

        return world;
    }

    private static string[] Namespaces(RefreshRun run) =>
        [.. run.Cluster(Cluster).GetProperty("secrets").EnumerateArray().Select(s => s.GetProperty("namespace").GetString()!)];

    [Fact]
    public async Task A_namespace_whose_label_was_removed_loses_our_Secret_and_its_service_account_entry_at_the_next_refresh()
    {
        await using var world = await SelectedWorldAsync();
        var server = world[Cluster];
        Assert.Equal(0, (await world.RunAsync()).ExitCode);
        Assert.Equal(["docker-hub", Name], server.PullSecretsOf("tools", "default"));

        server.SeedNamespace("tools", new Dictionary<string, string>());
        server.ClearRequests();
        var run = await world.RunAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("succeeded", null), run.ClusterOutcome(Cluster));
        Assert.Equal(["apps", "tools"], Namespaces(run));
        Assert.Equal(("updated", null), run.Secret(Cluster, "apps"));
        Assert.Equal(("deleted", null), run.Secret(Cluster, "tools"));
        Assert.Equal(("removed", null), run.Account(Cluster, "tools", "default"));
        Assert.Equal(0, world.SecretCount(Cluster, "tools"));
        Assert.Equal(["docker-hub"], server.PullSecretsOf("tools", "default"));
        world.AssertSecret(Cluster, "apps");
        Assert.Equal(["docker-hub", Name], server.PullSecretsOf("apps", "default"));
        Assert.False(run.Cluster(Cluster).TryGetProperty("unchecked", out _));

        // One list found them, by name, across namespaces; the delete carried the uid and resourceVersion read.
        var list = Assert.Single(server.Requests, r => r.Path == "/api/v1/secrets");
        Assert.Equal("?fieldSelector=" + Uri.EscapeDataString("metadata.name=" + Name) + "&limit=500", list.Query);
        Assert.Single(server.Requests, r => r.Method == "DELETE");

        var next = await world.RunAsync();
        Assert.Equal(["apps"], Namespaces(next));
    }

    [Fact]
    public async Task A_refresh_of_a_selector_cluster_lists_Secrets_once_before_its_writes_for_both_the_oldest_age_and_the_sweep()
    {
        await using var world = await SelectedWorldAsync();
        var server = world[Cluster];
        Assert.Equal(0, (await world.RunAsync()).ExitCode);
        server.SeedNamespace("tools", new Dictionary<string, string>());
        server.ClearRequests();

        var run = await world.RunAsync("-o", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1, server.CountRequests("GET", "/api/v1/secrets"));
        var requests = server.Requests.ToList();
        var listAt = requests.FindIndex(r => r.Path == "/api/v1/secrets");
        var firstWriteAt = requests.FindIndex(r => r.Method is "PATCH" or "DELETE");
        Assert.InRange(listAt, 0, firstWriteAt - 1);
        // Both figures came from that one list: the age of the Secret in "apps" before it was written, and the sweep's target.
        Assert.Equal(JsonValueKind.Number, run.Cluster(Cluster).GetProperty("oldestSecretAgeSeconds").ValueKind);
        Assert.Equal(("deleted", null), run.Secret(Cluster, "tools"));
        Assert.Equal(0, world.SecretCount(Cluster, "tools"));
    }

    [Fact]
    public async Task A_foreign_same_named_Secret_outside_the_selection_is_untouched_and_not_reported()
    {
        await using var world = await SelectedWorldAsync();
        var server = world[Cluster];
        server.SeedNamespace("theirs");
        server.SeedServiceAccount("theirs", "default", [Name]);
        server.SeedSecret("theirs", Name, KubernetesCluster.SecretType,
            new Dictionary<string, string> { [KubernetesCluster.DockerConfigKey] = """{"auths":{"registry.example.com":{"auth":"dGVhbTpzM2NyZXQ="}}}""" },
            labels: new Dictionary<string, string> { [KubernetesCluster.ManagedByLabel] = KubernetesCluster.FieldManager });
        var before = server.Store.RawJson("secrets", "theirs", Name);
        var accountBefore = server.Store.RawJson("serviceaccounts", "theirs", "default");

        var run = await world.RunAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["apps", "tools"], Namespaces(run));
        Assert.Equal(before, server.Store.RawJson("secrets", "theirs", Name));
        Assert.Equal(accountBefore, server.Store.RawJson("serviceaccounts", "theirs", "default"));
        Assert.DoesNotContain(server.Requests, r => r.Path.Contains("/namespaces/theirs/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_deployments_sharing_a_cluster_and_a_Secret_name_never_sweep_each_others_Secrets()
    {
        await using var world = await SelectedWorldAsync();
        var server = world[Cluster];
        server.SeedNamespace("blue-apps", new Dictionary<string, string> { ["pull"] = "blue" });
        server.SeedServiceAccount("blue-apps", "default", []);
        var defaultFleet = File.ReadAllText(world.ConfigPath);
        var blueFleet = JsonNode.Parse(defaultFleet)!.AsObject();
        blueFleet["instance"] = "blue";
        blueFleet["clusters"]![0]!["namespaceSelector"] = "pull=blue";

        Assert.Equal(0, (await world.RunAsync()).ExitCode);
        world.WriteFleet(blueFleet.ToJsonString());
        var blue = await world.RunAsync();
        Assert.Equal(["blue-apps"], Namespaces(blue));
        Assert.Equal("blue", (string?)server.Store.Get("secrets", "blue-apps", Name)["metadata"]!["labels"]![KubernetesCluster.InstanceLabel]);
        Assert.Equal("default", (string?)server.Store.Get("secrets", "apps", Name)["metadata"]!["labels"]![KubernetesCluster.InstanceLabel]);
        var blueSecret = server.Store.RawJson("secrets", "blue-apps", Name);

        // The default deployment's next refresh sees blue's Secret outside its selection, and leaves it.
        world.WriteFleet(defaultFleet);
        var ours = await world.RunAsync();
        Assert.Equal(["apps", "tools"], Namespaces(ours));
        Assert.Equal(blueSecret, server.Store.RawJson("secrets", "blue-apps", Name));

        // Blue's refresh and cleanup see the default deployment's Secrets outside blue's selection, and leave them.
        world.WriteFleet(blueFleet.ToJsonString());
        var defaultSecrets = new[] { "apps", "tools" }.Select(ns => server.Store.RawJson("secrets", ns, Name)).ToList();
        Assert.Equal(["blue-apps"], Namespaces(await world.RunAsync()));
        var cleanup = await world.CleanupAsync();
        Assert.Equal(0, cleanup.ExitCode);
        Assert.Equal(["blue-apps"], Namespaces(cleanup));
        Assert.Equal(0, world.SecretCount(Cluster, "blue-apps"));
        Assert.Equal(defaultSecrets, new[] { "apps", "tools" }.Select(ns => server.Store.RawJson("secrets", ns, Name)));
    }

    [Fact]
    public async Task A_dry_run_reports_the_sweep_and_changes_nothing()
    {
        await using var world = await SelectedWorldAsync();
        Assert.Equal(0, (await world.RunAsync()).ExitCode);
        world[Cluster].SeedNamespace("tools", new Dictionary<string, string>());
        var before = world.Snapshot(Cluster);
        world[Cluster].ClearRequests();

        var run = await world.RunAsync("--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.True(run.Report.GetProperty("dryRun").GetBoolean());
        Assert.Equal(("deleted", null), run.Secret(Cluster, "tools"));
        Assert.Equal(("removed", null), run.Account(Cluster, "tools", "default"));
        Assert.Equal(before, world.Snapshot(Cluster));
        // The sweep's delete went to the server, as a server-side dry run: the snapshot above proves nothing persisted.
        Assert.Single(world[Cluster].Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task A_refused_Secret_list_checks_the_exact_names_the_fleet_gives_excluded_ones_included_and_says_what_it_could_not_check()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster(Cluster, "eu-west-1", "team-*")
        {
            ServerNamespaces = ["team-a", "team-old", "team-gone"],
        });
        var server = world[Cluster];
        Assert.Equal(0, (await world.RunAsync()).ExitCode);
        var fleet = JsonNode.Parse(File.ReadAllText(world.ConfigPath))!.AsObject();
        fleet["clusters"]![0]!["excludeNamespaces"] = new JsonArray("team-old", "team-g*");
        world.WriteFleet(fleet.ToJsonString());
        server.Deny(verb: "list", resource: "secrets");

        var run = await world.RunAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("succeeded", null), run.ClusterOutcome(Cluster));
        Assert.Equal(["team-a", "team-old"], Namespaces(run));
        Assert.Equal(("deleted", null), run.Secret(Cluster, "team-old"));
        Assert.Equal(0, world.SecretCount(Cluster, "team-old"));
        // team-gone left the selection through a pattern: only the list could have found it.
        Assert.Equal(1, world.SecretCount(Cluster, "team-gone"));
        var note = run.Cluster(Cluster).GetProperty("unchecked").GetString();
        Assert.Equal(
            "the Secret list was refused (403), so namespaces chosen by pattern or selector that no longer match were not checked for a stale Secret of ours; checked instead: team-old",
            note);
        Assert.Contains("sweep: " + note, run.Logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Secret_list_that_fails_makes_the_cluster_partial_naming_the_cause_while_its_writes_stand()
    {
        await using var world = await SelectedWorldAsync();
        world[Cluster].InjectFault(500, times: 100, pathContains: "/api/v1/secrets");

        var run = await world.RunAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(("partial", null), run.ClusterOutcome(Cluster));
        Assert.Equal(["created", "created"], run.SecretResults(Cluster));
        var note = run.Cluster(Cluster).GetProperty("unchecked").GetString()!;
        Assert.StartsWith("namespaces chosen by pattern or selector that no longer match were not checked for a stale Secret of ours (listing the Secrets named \"ecr-public-token\" failed: ", note, StringComparison.Ordinal);
        Assert.Contains("500", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cleanup_removes_every_Secret_of_ours_the_list_finds_not_only_those_the_selection_names()
    {
        await using var world = await SelectedWorldAsync();
        var server = world[Cluster];
        Assert.Equal(0, (await world.RunAsync()).ExitCode);
        server.SeedNamespace("tools", new Dictionary<string, string>());

        var cleanup = await world.CleanupAsync();

        Assert.Equal(0, cleanup.ExitCode);
        Assert.Equal(["apps", "tools"], Namespaces(cleanup));
        Assert.Equal(["deleted", "deleted"], cleanup.SecretResults(Cluster));
        Assert.Equal(0, world.SecretCount(Cluster, "apps"));
        Assert.Equal(0, world.SecretCount(Cluster, "tools"));
        Assert.Equal(["docker-hub"], server.PullSecretsOf("tools", "default"));
    }

    [Fact]
    public async Task A_cleanup_of_exactly_the_selection_a_fleet_change_removed_sweeps_nothing_else()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster(Cluster, "eu-west-1", "apps", "tools"));
        Assert.Equal(0, (await world.RunAsync()).ExitCode);
        var fleet = JsonNode.Parse(File.ReadAllText(world.ConfigPath))!.AsObject();
        fleet["clusters"]![0]!["namespaces"] = new JsonArray("tools");
        world.WriteFleet(fleet.ToJsonString());
        world[Cluster].ClearRequests();

        var time = new Common.RetryTime();
        var report = await world.RefreshInProcessAsync(time.Clock, time.Logger, operation: RunOperation.SelectionCleanup);

        Assert.Equal(["tools"], report.Clusters.Single().Secrets.Select(s => s.Namespace));
        Assert.Equal(1, world.SecretCount(Cluster, "apps"));
        Assert.Equal(0, world.SecretCount(Cluster, "tools"));
        Assert.DoesNotContain(world[Cluster].Requests, r => r.Path == "/api/v1/secrets");
    }

    [Fact]
    public async Task A_refresh_of_exact_names_only_does_not_sweep_a_name_the_fleet_dropped()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster(Cluster, "eu-west-1", "apps", "tools"));
        Assert.Equal(0, (await world.RunAsync()).ExitCode);
        var fleet = JsonNode.Parse(File.ReadAllText(world.ConfigPath))!.AsObject();
        fleet["clusters"]![0]!["namespaces"] = new JsonArray("apps");
        world.WriteFleet(fleet.ToJsonString());

        var run = await world.RunAsync();

        // Removing an exact name is a fleet change: the deployment's CleanRemoved (or bootstrap cleanup) cleans it.
        Assert.Equal(["apps"], Namespaces(run));
        Assert.Equal(1, world.SecretCount(Cluster, "tools"));
        Assert.DoesNotContain(world[Cluster].Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task A_swept_Secret_counts_in_the_refresh_runs_SecretsDeleted_metric()
    {
        await using var world = await SelectedWorldAsync();
        Assert.Equal(0, (await world.RunAsync()).ExitCode);
        world[Cluster].SeedNamespace("tools", new Dictionary<string, string>());

        var report = await world.RefreshInProcessAsync(new Common.RetryTime());
        using var metrics = JsonDocument.Parse(EmbeddedMetrics.Build(report, "f", DateTimeOffset.UnixEpoch, LogLevel.Information));

        Assert.Equal(1, metrics.RootElement.GetProperty("SecretsDeleted").GetInt32());
        Assert.Equal(1, metrics.RootElement.GetProperty("SecretsWritten").GetInt32());
        Assert.Equal(SecretResult.Deleted, report.Clusters.Single().Secrets.Single(s => s.Namespace == "tools").Result);
    }
}
