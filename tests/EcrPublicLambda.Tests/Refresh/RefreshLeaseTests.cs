using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Refresh;
using EcrPublicLambda.Tests.Common;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary>
/// With a Lease duration (no reserved concurrency), runs exclude each other per cluster: a cluster whose Lease another
/// live run holds is left to it and reported, the other clusters are refreshed, and each Lease taken is given back.
/// </summary>
public sealed class RefreshLeaseTests
{
    private static readonly RefreshOptions Leasing = new() { LeaseDuration = TimeSpan.FromSeconds(360), LeaseHolder = "ecr-public-lambda-fn" };

    [Fact]
    public async Task A_cluster_another_run_holds_is_reported_and_left_alone_while_the_others_are_refreshed_and_their_Leases_released()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("free", "eu-west-1", "team-a", "team-b"),
            new WorldCluster("busy", "eu-west-1", "team-c") { ServiceAccounts = ["default"] });
        var time = new RetryTime();
        world["busy"].SeedServiceAccount("team-c", "default", []);
        world["busy"].Leases.Seed("team-c", RefreshWorld.SecretName, "ecr-public-lambda-fn/other", time.Clock.GetUtcNow().AddSeconds(-10), 360);

        var report = await world.RefreshInProcessAsync(time, Leasing);

        var free = report.Clusters.Single(c => c.Name == "free");
        var busy = report.Clusters.Single(c => c.Name == "busy");
        Assert.Equal(RunStatus.Succeeded, free.Status);
        world.AssertSecret("free", "team-a");
        world.AssertSecret("free", "team-b");
        Assert.Null(world["free"].Leases.Find("team-a", RefreshWorld.SecretName));
        Assert.Equal(2, world["free"].CountRequests("POST", "/leases") + world["free"].CountRequests("DELETE", "/leases"));

        Assert.Equal(RunStatus.Failed, busy.Status);
        Assert.StartsWith("another run holds this cluster's Lease team-c/ecr-public-token (holder \"ecr-public-lambda-fn/other\")", busy.Error, StringComparison.Ordinal);
        Assert.Equal([SecretResult.Skipped], busy.Secrets.Select(s => s.Result));
        Assert.Equal([ServiceAccountResult.Skipped], busy.ServiceAccounts.Select(s => s.Result));
        Assert.Equal(0, world.SecretCount("busy", "team-c"));
        Assert.Empty(world["busy"].PullSecretsOf("team-c", "default"));
        Assert.Equal("ecr-public-lambda-fn/other", (string?)world["busy"].Leases.Find("team-c", RefreshWorld.SecretName)!["spec"]!["holderIdentity"]);
        Assert.Equal(RunStatus.Partial, report.Status);
    }

    [Fact]
    public async Task The_Lease_is_in_the_first_exact_namespace_not_excluded_and_a_cleanup_takes_it_too()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("c", "eu-west-1", "skipped", "kept") { ExcludeNamespaces = ["skipped"] });
        var time = new RetryTime();

        var refresh = await world.RefreshInProcessAsync(time, Leasing);
        var cleanup = await world.RefreshInProcessAsync(time, Leasing, operation: RunOperation.Cleanup);

        Assert.Equal(RunStatus.Succeeded, refresh.Status);
        Assert.Equal(RunStatus.Succeeded, cleanup.Status);
        Assert.Equal(2, world["c"].CountRequests("POST", "/namespaces/kept/leases"));
        Assert.Equal(0, world["c"].CountRequests("POST", "/namespaces/skipped/leases"));
        Assert.Null(world["c"].Leases.Find("kept", RefreshWorld.SecretName));
    }

    [Fact]
    public async Task Without_a_Lease_duration_no_Lease_is_touched()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("c", "eu-west-1", "default"));

        var report = await world.RefreshInProcessAsync(new RetryTime());

        Assert.Equal(RunStatus.Succeeded, report.Status);
        Assert.DoesNotContain(world["c"].Requests, request => request.Path.Contains("/leases", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cluster_with_patterns_only_fails_with_a_clear_message_when_it_must_hold_a_Lease()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("patterns", "eu-west-1", "team-*") { ServerNamespaces = ["team-a"] });

        var report = await world.RefreshInProcessAsync(new RetryTime(), Leasing);

        var cluster = Assert.Single(report.Clusters);
        Assert.Equal(RunStatus.Failed, cluster.Status);
        Assert.Contains("names no namespace by exact name", cluster.Error, StringComparison.Ordinal);
        Assert.Equal(0, world.SecretCount("patterns", "team-a"));
    }

    [Fact]
    public async Task A_cleanup_waits_for_the_run_holding_the_Lease_and_then_cleans()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("c", "eu-west-1", "default"));
        var time = new RetryTime();
        Assert.Equal(RunStatus.Succeeded, (await world.RefreshInProcessAsync(time, Leasing)).Status);
        var server = world["c"];
        server.Leases.Seed("default", RefreshWorld.SecretName, "ecr-public-lambda-fn/scheduled", time.Clock.GetUtcNow(), 360);
        // The scheduled run gives the Lease back just before the cleanup's third attempt.
        var creates = 0;
        server.BeforeHandle = request =>
        {
            if (request.Method == "POST" && request.Path.EndsWith("/leases", StringComparison.Ordinal) && Interlocked.Increment(ref creates) == 3)
            {
                var seeded = server.Leases.Find("default", RefreshWorld.SecretName)!;
                server.Leases.Delete("default", RefreshWorld.SecretName, null, (string?)seeded["metadata"]!["resourceVersion"], dryRun: false);
            }
        };

        var cleanup = await world.RefreshInProcessAsync(time, Leasing with { LeaseRetryInterval = TimeSpan.FromSeconds(5) }, deadline: time.Clock.GetUtcNow().AddMinutes(5), operation: RunOperation.Cleanup);

        Assert.Equal(RunStatus.Succeeded, cleanup.Status);
        Assert.Equal([SecretResult.Deleted], cleanup.Clusters.Single().Secrets.Select(s => s.Result));
        Assert.Equal(0, world.SecretCount("c", "default"));
        Assert.Equal(3, creates);
        Assert.Equal(2, time.Lines.Count(line => line.Contains(" 540 ", StringComparison.Ordinal)));
        Assert.Null(server.Leases.Find("default", RefreshWorld.SecretName));
    }

    [Fact]
    public async Task A_cleanup_gives_up_waiting_before_its_deadline_and_reports_the_holder()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("c", "eu-west-1", "default"));
        var time = new RetryTime();
        await world.RefreshInProcessAsync(time, Leasing);
        world["c"].Leases.Seed("default", RefreshWorld.SecretName, "ecr-public-lambda-fn/stuck", time.Clock.GetUtcNow(), 360);
        var deadline = time.Clock.GetUtcNow().AddSeconds(60);

        var cleanup = await world.RefreshInProcessAsync(time, Leasing, deadline: deadline, operation: RunOperation.Cleanup);

        var cluster = Assert.Single(cleanup.Clusters);
        Assert.Equal(RunStatus.Failed, cluster.Status);
        Assert.Contains("holder \"ecr-public-lambda-fn/stuck\"", cluster.Error, StringComparison.Ordinal);
        Assert.True(time.Clock.GetUtcNow() < deadline);
        world.AssertSecret("c", "default");
    }

    [Fact]
    public async Task A_refresh_does_not_wait_for_a_held_Lease()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("c", "eu-west-1", "default"));
        var time = new RetryTime();
        world["c"].Leases.Seed("default", RefreshWorld.SecretName, "ecr-public-lambda-fn/other", time.Clock.GetUtcNow(), 360);

        var report = await world.RefreshInProcessAsync(time, Leasing, deadline: time.Clock.GetUtcNow().AddMinutes(5));

        Assert.Equal(RunStatus.Failed, report.Status);
        Assert.Equal(1, world["c"].CountRequests("POST", "/leases"));
        Assert.DoesNotContain(time.Lines, line => line.Contains(" 540 ", StringComparison.Ordinal));
    }
}
