using EcrPublicLambda.Refresh;
using EcrPublicLambda.Tests.Common;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary>
/// The engine's bounds (clusters in flight, AWS lookups ahead of them) change the order of the work, never its
/// outcome: with one slot each, a cluster whose lookup fails still fails alone and every other cluster is written.
/// </summary>
public sealed class RefresherBoundsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 4)]
    [InlineData(2, 1)]
    public async Task Tight_bounds_still_refresh_every_cluster_and_fail_only_the_broken_one(int maxClusters, int maxLookups)
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("alpha", "eu-west-1", "default", "apps"),
            new WorldCluster("missing", "eu-west-1", "default") { UnknownToEks = true },
            new WorldCluster("gamma", "us-east-1", "default") { EndpointInFleet = true },
            new WorldCluster("delta", "us-east-1", "default", "tools"));
        var report = await world.RefreshInProcessAsync(
            new RetryTime(), new RefreshOptions { MaxClusters = maxClusters, MaxLookups = maxLookups });

        Assert.Equal(RunStatus.Partial, report.Status);
        Assert.Equal(["alpha", "missing", "gamma", "delta"], report.Clusters.Select(cluster => cluster.Name));
        Assert.Equal(
            [RunStatus.Succeeded, RunStatus.Failed, RunStatus.Succeeded, RunStatus.Succeeded],
            report.Clusters.Select(cluster => cluster.Status));
        Assert.Contains("not found", report.Clusters[1].Error, StringComparison.Ordinal);
        world.AssertSecret("alpha", "default");
        world.AssertSecret("alpha", "apps");
        world.AssertSecret("gamma", "default");
        world.AssertSecret("delta", "default");
        world.AssertSecret("delta", "tools");
        Assert.Equal(0, world["missing"].CountRequests("PATCH", "/secrets/"));
    }
}
