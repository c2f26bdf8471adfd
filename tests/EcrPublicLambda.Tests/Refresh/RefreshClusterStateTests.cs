using EcrPublicLambda.Refresh;
using EcrPublicLambda.Tests.Common;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary>
/// What EKS says about a cluster shapes the run: an upgrading (<c>UPDATING</c>) cluster is refreshed, one that is not
/// serving fails with its status named, and one that cannot be reached says why when its endpoint's access explains it.
/// </summary>
public sealed class RefreshClusterStateTests
{
    [Fact]
    public async Task An_upgrading_cluster_is_refreshed_and_a_deleting_one_fails_naming_its_status()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("upgrading", "eu-west-1", "default") { Eks = c => c with { Status = "UPDATING" } },
            new WorldCluster("leaving", "eu-west-1", "default") { Eks = c => c with { Status = "DELETING" } });

        var report = await world.RefreshInProcessAsync(new RetryTime());

        Assert.Equal((RunStatus.Succeeded, null), Outcome(report, "upgrading"));
        world.AssertSecret("upgrading", "default");
        Assert.Equal((RunStatus.Failed, "EKS cluster \"leaving\" in eu-west-1 is DELETING: it is being deleted"), Outcome(report, "leaving"));
        Assert.Equal(0, world.SecretCount("leaving", "default"));
    }

    [Fact]
    public async Task An_unreachable_cluster_says_why_from_its_endpoint_access()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("private", "eu-west-1", "default", "apps") { Hung = true, Eks = c => c with { EndpointPublicAccess = false, EndpointPrivateAccess = true } },
            new WorldCluster("office", "eu-west-1", "default") { Unreachable = true, Eks = c => c with { PublicAccessCidrs = ["203.0.113.0/24"] } },
            new WorldCluster("open", "eu-west-1", "default") { Unreachable = true });
        var options = new RefreshOptions { Kubernetes = new() { ConnectTimeout = TimeSpan.FromSeconds(1) } };

        var report = await world.RefreshInProcessAsync(new RetryTime(), options);

        var (status, error) = Outcome(report, "private");
        Assert.Equal(RunStatus.Failed, status);
        Assert.Matches(
            @"^the API server at https://127\.0\.0\.1:\d+ accepted the connection but did not answer the TLS handshake within 1 s; the cluster's endpoint is private only: the function must run in the cluster's VPC \(or one with a route to it\)",
            error);
        Assert.Matches(
            @"^connection refused by 127\.0\.0\.1:\d+ \(after 4 attempts\); public access is limited to 203\.0\.113\.0/24; the function's egress address \(its NAT gateway's, in a VPC\) must be in it$",
            Outcome(report, "office").Error);
        Assert.Matches(@"^connection refused by 127\.0\.0\.1:\d+ \(after 4 attempts\)$", Outcome(report, "open").Error);
    }

    private static (RunStatus Status, string? Error) Outcome(RefreshReport report, string cluster) =>
        report.Clusters.Single(c => c.Name == cluster) is var c ? (c.Status, c.Error) : default;
}
