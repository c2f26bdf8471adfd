using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Refresh;
using EcrPublicLambda.Tests.Common;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary>
/// API servers that accept TCP and never answer fail fast and alone: each hung cluster fails once its connection times
/// out, with an error saying it did not answer, and the healthy cluster behind them is still written. The connect
/// timeout is real time (the socket layer), so it is kept short here; the run's own waits are on the fake clock.
/// </summary>
public sealed class RefreshHungServerTests
{
    [Fact]
    public async Task Thirty_hung_clusters_fail_with_their_reason_and_the_healthy_one_behind_them_succeeds()
    {
        var clusters = Enumerable.Range(1, 30)
            .Select(i => new WorldCluster($"hung-{i:D2}", "eu-west-1", "default", "apps", "monitoring") { Hung = true, ServiceAccounts = ["default"] })
            .Append(new WorldCluster("healthy", "eu-west-1", "default", "apps"));
        await using var world = await RefreshWorld.StartAsync(clusters);
        var time = new RetryTime();
        // Short, but long enough for the healthy cluster's handshake on a busy test machine.
        var options = new RefreshOptions { Kubernetes = new KubernetesClusterOptions { ConnectTimeout = TimeSpan.FromSeconds(3) } };

        var report = await world.RefreshInProcessAsync(time, options);

        var healthy = report.Clusters.Single(c => c.Name == "healthy");
        Assert.Equal((RunStatus.Succeeded, null), (healthy.Status, healthy.Error));
        world.AssertSecret("healthy", "default");
        world.AssertSecret("healthy", "apps");
        var hung = report.Clusters.Where(c => c.Name != "healthy").ToList();
        Assert.Equal(30, hung.Count);
        Assert.All(hung, cluster =>
        {
            Assert.Equal(RunStatus.Failed, cluster.Status);
            Assert.Matches(@"^the API server at https://127\.0\.0\.1:\d+ accepted the connection but did not answer the TLS handshake within 3 s$", cluster.Error);
            Assert.All(cluster.Secrets, secret => Assert.Equal((SecretResult.Failed, cluster.Error), (secret.Result, secret.Error)));
        });

        // A hung handshake is not retried: no wait was started, and the run took no time on its own clock.
        Assert.Empty(time.Waits);
        Assert.Equal(RunStatus.Partial, report.Status);
    }
}
