using System.Diagnostics;
using EcrPublicLambda.Refresh;
using EcrPublicLambda.Tests.Refresh;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>
/// The fleet target with the production defaults, in real time: 30 API servers that accept TCP and never answer, plus
/// a healthy one listed after them, end within 30 s (the connect timeout is 5 s and clusters run 24 at a time, so about
/// two rounds of 5 s), the healthy cluster written and every hung one failed with its reason.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class HungFleetTimingTests
{
    [Fact]
    public async Task Thirty_hung_clusters_and_a_healthy_one_end_within_30_seconds_with_the_default_timeouts()
    {
        var clusters = Enumerable.Range(1, 30)
            .Select(i => new WorldCluster($"hung-{i:D2}", "eu-west-1", "default", "apps") { Hung = true })
            .Append(new WorldCluster("healthy", "eu-west-1", "default", "apps"));
        await using var world = await RefreshWorld.StartAsync(clusters);

        var watch = Stopwatch.StartNew();
        var report = await world.RefreshInProcessAsync(TimeProvider.System, NullLogger.Instance);
        watch.Stop();

        Assert.Equal(RunStatus.Succeeded, report.Clusters.Single(c => c.Name == "healthy").Status);
        Assert.All(report.Clusters.Where(c => c.Name != "healthy"), cluster =>
            Assert.EndsWith("accepted the connection but did not answer the TLS handshake within 5 s", cluster.Error, StringComparison.Ordinal));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"the run took {watch.Elapsed.TotalSeconds:0.0} s");
    }
}
