using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Refresh;
using EcrPublicLambda.Tests.Common;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary>The engine and the invocation deadline: no write starts when too little time is left.</summary>
public sealed class RefresherDeadlineTests
{
    [Theory]
    [InlineData(2)] // inside the reserve (3 s) but before the cutoff (1 s)
    [InlineData(0)] // the deadline is now
    [InlineData(-30)] // already past
    public async Task A_deadline_that_leaves_no_time_skips_every_secret_and_sends_nothing(int secondsLeft)
    {
        await using var world = await StartAsync();
        var time = new RetryTime();

        var report = await RunAsync(world, time, time.Clock.GetUtcNow().AddSeconds(secondsLeft));

        Assert.Equal(RunStatus.Failed, report.Status);
        Assert.Equal(2, report.Clusters.Count);
        Assert.All(report.Clusters, cluster =>
        {
            Assert.Equal(RunStatus.Failed, cluster.Status);
            Assert.StartsWith("not started: ", cluster.Error, StringComparison.Ordinal);
            Assert.All(cluster.Secrets, secret => Assert.Equal(SecretResult.Skipped, secret.Result));
            Assert.All(cluster.ServiceAccounts, account => Assert.Equal(ServiceAccountResult.Skipped, account.Result));
        });
        Assert.Equal(3, report.Clusters.Sum(cluster => cluster.Secrets.Count));
        Assert.Equal(2, report.Clusters.Sum(cluster => cluster.ServiceAccounts.Count));
        Assert.Equal(0, world.RequestCount);
    }

    [Fact]
    public async Task A_deadline_with_time_to_spare_writes_everything()
    {
        await using var world = await StartAsync();
        var time = new RetryTime();

        var report = await RunAsync(world, time, time.Clock.GetUtcNow().AddMinutes(5));

        Assert.Equal(RunStatus.Succeeded, report.Status);
        world.AssertSecret("prod-eu", "default");
        world.AssertSecret("prod-eu", "apps");
        world.AssertSecret("prod-us", "default");
    }

    [Fact]
    public async Task A_deadline_reached_during_the_run_skips_the_work_not_yet_started()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("prod-eu", "eu-west-1", "default") { ServiceAccounts = ["default"] });
        world["prod-eu"].SeedServiceAccount("default", "default", []);
        var time = new RetryTime();
        var clock = time.Clock;

        // 15 s: the clock can move to 2 s before it without passing a request's own 20 s timeout.
        var deadline = clock.GetUtcNow().AddSeconds(15);

        // The Secret write "takes" until 2 s before the deadline: less than the 3 s reserve is left afterwards.
        TakesUntilJustBefore(world, clock, deadline, request => request.Method == "PATCH" && request.Path.Contains("/secrets/", StringComparison.Ordinal));

        var report = await RunAsync(world, time, deadline);

        var cluster = Assert.Single(report.Clusters);
        Assert.Equal(RunStatus.Partial, cluster.Status);
        Assert.Equal(SecretResult.Created, Assert.Single(cluster.Secrets).Result);
        var account = Assert.Single(cluster.ServiceAccounts);
        Assert.Equal(ServiceAccountResult.Skipped, account.Result);
        Assert.StartsWith("not started: ", account.Error, StringComparison.Ordinal);
        world.AssertSecret("prod-eu", "default");
        Assert.Empty(world["prod-eu"].PullSecretsOf("default", "default"));
        Assert.Equal(0, world["prod-eu"].CountRequests("GET", "/serviceaccounts/"));
    }

    [Fact]
    public async Task A_cleanup_with_no_time_left_skips_everything_and_sends_nothing()
    {
        await using var world = await StartAsync();
        Assert.Equal(0, (await world.RunAsync()).ExitCode);
        var requests = world.RequestCount;
        var time = new RetryTime();

        var report = await world.RefreshInProcessAsync(time, deadline: time.Clock.GetUtcNow().AddSeconds(2), operation: RunOperation.Cleanup);

        Assert.Equal(RunOperation.Cleanup, report.Operation);
        Assert.Equal(RunStatus.Failed, report.Status);
        Assert.All(report.Clusters, cluster => Assert.All(cluster.Secrets, secret => Assert.Equal(SecretResult.Skipped, secret.Result)));
        Assert.Equal(requests, world.RequestCount);
        world.AssertSecret("prod-eu", "apps");
    }

    [Fact]
    public async Task A_deadline_reached_during_a_cleanup_leaves_the_service_accounts_not_started()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("prod-eu", "eu-west-1", "default") { ServiceAccounts = ["default"] });
        world["prod-eu"].SeedServiceAccount("default", "default", ["docker-hub"]);
        Assert.Equal(0, (await world.RunAsync()).ExitCode);
        var time = new RetryTime();
        var clock = time.Clock;
        var deadline = clock.GetUtcNow().AddSeconds(15);

        // The DELETE "takes" until 2 s before the deadline: less than the 3 s reserve is left afterwards.
        TakesUntilJustBefore(world, clock, deadline, request => request.Method == "DELETE");

        var report = await world.RefreshInProcessAsync(time, deadline: deadline, operation: RunOperation.Cleanup);

        var cluster = Assert.Single(report.Clusters);
        Assert.Equal(RunStatus.Partial, cluster.Status);
        Assert.Equal(SecretResult.Deleted, Assert.Single(cluster.Secrets).Result);
        var account = Assert.Single(cluster.ServiceAccounts);
        Assert.Equal(ServiceAccountResult.Skipped, account.Result);
        Assert.StartsWith("not started: ", account.Error, StringComparison.Ordinal);
        Assert.Equal(0, world.SecretCount("prod-eu", "default"));
        Assert.Equal(["docker-hub", RefreshWorld.SecretName], world["prod-eu"].PullSecretsOf("default", "default"));
    }

    /// <summary>Each request matching <paramref name="slow"/> moves the clock to 2 s before <paramref name="deadline"/>.</summary>
    private static void TakesUntilJustBefore(RefreshWorld world, Microsoft.Extensions.Time.Testing.FakeTimeProvider clock, DateTimeOffset deadline, Func<EcrPublicLambda.Fakes.FakeKubernetesRequest, bool> slow) =>
        world["prod-eu"].BeforeHandle = request =>
        {
            if (slow(request))
            {
                clock.Advance(deadline - TimeSpan.FromSeconds(2) - clock.GetUtcNow());
            }
        };

    private static async Task<RefreshWorld> StartAsync()
    {
        var world = await RefreshWorld.StartAsync(
            new WorldCluster("prod-eu", "eu-west-1", "default", "apps") { ServiceAccounts = ["default"] },
            new WorldCluster("prod-us", "us-east-1", "default") { EndpointInFleet = true });
        world["prod-eu"].SeedServiceAccount("default", "default", []);
        world["prod-eu"].SeedServiceAccount("apps", "default", []);
        return world;
    }

    private static Task<RefreshReport> RunAsync(RefreshWorld world, RetryTime time, DateTimeOffset deadline) =>
        world.RefreshInProcessAsync(time, deadline: deadline);
}
