using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary>
/// <c>bootstrap refresh</c> on clusters that choose namespaces by pattern, exclusion and label selector: one namespace
/// list per run, then exactly the selected Active namespaces are written.
/// </summary>
public sealed class RefreshNamespaceSelectionTests
{
    private const string Cluster = "prod-eu";

    [Fact]
    public async Task A_pattern_selects_active_namespaces_minus_exclusions_and_leaves_terminating_ones_alone()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster(Cluster, "eu-west-1", "team-*", "default")
        {
            ServiceAccounts = ["default"],
            ExcludeNamespaces = ["team-skip"],
            ServerNamespaces = ["default", "kube-system", "team-a", "team-b", "team-skip", "team-old"],
        });
        var server = world[Cluster];
        foreach (var ns in new[] { "default", "team-a", "team-b", "team-old" })
        {
            server.SeedServiceAccount(ns, "default", []);
        }

        server.TerminateNamespace("team-old");

        var run = await world.RunAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("succeeded", null), run.ClusterOutcome(Cluster));
        Assert.Equal(["default", "team-a", "team-b"], Namespaces(run));
        Assert.All(run.SecretResults(Cluster), result => Assert.Equal("created", result));
        foreach (var ns in new[] { "default", "team-a", "team-b" })
        {
            world.AssertSecret(Cluster, ns);
            Assert.Equal(("added", null), run.Account(Cluster, ns, "default"));
        }

        Assert.Equal(0, world.SecretCount(Cluster, "team-old"));
        Assert.Empty(server.PullSecretsOf("team-old", "default"));
        Assert.Equal(0, world.SecretCount(Cluster, "team-skip"));
        Assert.Equal(0, world.SecretCount(Cluster, "kube-system"));
        Assert.Single(server.Requests, r => r.Method == "GET" && r.Path == "/api/v1/namespaces");
        Assert.Contains("team-old are being terminated; left alone", run.Logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_selector_is_sent_as_labelSelector_and_narrows_the_selection()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster(Cluster, "eu-west-1", "*")
        {
            NamespaceSelector = "env!=dev, ecr-public-lambda/pull-secret in (enabled)",
            ServerNamespaces = ["default"],
        });
        var server = world[Cluster];
        server.SeedNamespace("apps", Labels(("ecr-public-lambda/pull-secret", "enabled"), ("env", "prod")));
        server.SeedNamespace("tools", Labels(("ecr-public-lambda/pull-secret", "enabled")));
        server.SeedNamespace("sandbox", Labels(("ecr-public-lambda/pull-secret", "enabled"), ("env", "dev")));
        server.SeedNamespace("other", Labels(("ecr-public-lambda/pull-secret", "disabled")));

        var run = await world.RunAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["apps", "tools"], Namespaces(run));
        var list = Assert.Single(server.Requests, r => r.Method == "GET" && r.Path == "/api/v1/namespaces");
        Assert.Equal("?labelSelector=" + Uri.EscapeDataString("ecr-public-lambda/pull-secret in (enabled),env!=dev") + "&limit=500", list.Query);
        Assert.Equal(0, world.SecretCount(Cluster, "sandbox"));
        Assert.Equal(0, world.SecretCount(Cluster, "other"));
    }

    [Fact]
    public async Task A_missing_exact_name_beside_a_pattern_still_fails_and_an_empty_pattern_is_no_error()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster(Cluster, "eu-west-1", "nothing-*", "absent", "default")
        {
            ServerNamespaces = ["default"],
        });

        var run = await world.RunAsync();

        Assert.Equal(("partial", null), run.ClusterOutcome(Cluster));
        Assert.Equal(["absent", "default"], Namespaces(run));
        Assert.Equal(("failed", "namespace \"absent\" not found"), run.Secret(Cluster, "absent"));
        Assert.Equal(("created", null), run.Secret(Cluster, "default"));
        Assert.False(world[Cluster].Store.HasNamespace("absent"));
    }

    [Fact]
    public async Task Without_list_access_the_cluster_fails_before_any_write()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster(Cluster, "eu-west-1", "team-*")
        {
            ServerNamespaces = ["team-a"],
        });
        world[Cluster].Deny(verb: "list", resource: "namespaces");

        var run = await world.RunAsync();

        Assert.Equal(1, run.ExitCode);
        var (status, error) = run.ClusterOutcome(Cluster);
        Assert.Equal("failed", status);
        Assert.StartsWith("listing the namespaces failed: forbidden (403): namespaces is forbidden: ", error, StringComparison.Ordinal);
        Assert.Equal(0, world[Cluster].CountRequests("PATCH"));
        Assert.Equal(0, world.SecretCount(Cluster, "team-a"));
    }

    [Fact]
    public async Task An_unreachable_cluster_reports_only_its_exact_names_never_a_pattern()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("gone-eu", "eu-west-1", "team-*", "default", "skipped")
        {
            ServiceAccounts = ["default"],
            ExcludeNamespaces = ["skipped"],
            EndpointInFleet = true,
            Unreachable = true,
        });

        var run = await world.RunAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("failed", run.ClusterOutcome("gone-eu").Status);
        var secrets = run.Cluster("gone-eu").GetProperty("secrets").EnumerateArray().ToList();
        Assert.Equal(["default"], secrets.Select(s => s.GetProperty("namespace").GetString()!));
        Assert.Equal(("failed", "not attempted: the cluster failed (see its error)"), run.Secret("gone-eu", "default"));
        Assert.Equal("failed", run.Account("gone-eu", "default", "default").Result);
    }

    [Fact]
    public async Task A_dry_run_shows_what_a_pattern_selects_today_and_writes_nothing()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster(Cluster, "eu-west-1", "team-*")
        {
            ServerNamespaces = ["team-a", "team-b", "default"],
        });

        var run = await world.RunAsync("--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["team-a", "team-b"], Namespaces(run));
        Assert.Equal(0, world.SecretCount(Cluster, "team-a"));
        Assert.Equal(0, world.SecretCount(Cluster, "team-b"));
    }

    private static string[] Namespaces(RefreshRun run) =>
        [.. run.Cluster(Cluster).GetProperty("secrets").EnumerateArray().Select(s => s.GetProperty("namespace").GetString()!)];

    private static Dictionary<string, string> Labels(params (string Key, string Value)[] labels) =>
        labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
}
