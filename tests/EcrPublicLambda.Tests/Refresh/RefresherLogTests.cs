using EcrPublicLambda.Refresh;
using EcrPublicLambda.Tests.Common;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary>
/// Log volume follows clusters and problems, not namespaces: one INFO line per cluster with its figures, the
/// per-Secret and per-service-account lines at DEBUG when all went well and at WARNING when not.
/// </summary>
public sealed class RefresherLogTests
{
    [Fact]
    public async Task One_info_line_per_cluster_and_warnings_only_for_what_went_wrong()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("alpha", "eu-west-1", "default", "apps", "absent") { ServerNamespaces = ["default", "apps"], ServiceAccounts = ["default"] },
            new WorldCluster("beta", "us-east-1", "default"));
        world["alpha"].SeedServiceAccount("default", "default", []);
        world["alpha"].SeedServiceAccount("apps", "default", []);
        var time = new RetryTime();

        var report = await world.RefreshInProcessAsync(time);

        Assert.Equal(RunStatus.Partial, report.Status);
        var lines = time.Lines;
        Assert.Equal(
            [
                "Information 505 Cluster alpha (eu-west-1) refresh: Partial; 2 of 3 Secret(s) written, 2 of 3 service account(s) list it",
                "Information 505 Cluster beta (us-east-1) refresh: Succeeded; 1 of 1 Secret(s) written, 0 of 0 service account(s) list it",
            ],
            lines.Where(line => line.StartsWith("Information 505 ", StringComparison.Ordinal)).Select(line => line.TrimEnd()).Order(StringComparer.Ordinal));

        // Written Secrets and ready service accounts: DEBUG. The missing namespace: one WARNING for its Secret.
        var secretLines = lines.Where(line => line.Contains(" 301 Secret ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, secretLines.Count);
        Assert.Equal(3, secretLines.Count(line => line.StartsWith("Debug 301 ", StringComparison.Ordinal)));
        Assert.Contains(secretLines, line => line.StartsWith("Warning 301 Secret absent/", StringComparison.Ordinal));
        var accountLines = lines.Where(line => line.Contains(" 303 Service account ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, accountLines.Count);
        Assert.All(accountLines, line => Assert.StartsWith("Debug 303 ", line, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.StartsWith("Information 301 ", StringComparison.Ordinal) || line.StartsWith("Information 303 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cleanup_logs_the_same_events_as_a_refresh_in_its_own_words()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("alpha", "eu-west-1", "default"));
        var refreshTime = new RetryTime();
        await world.RefreshInProcessAsync(refreshTime);
        var cleanupTime = new RetryTime();

        await world.RefreshInProcessAsync(cleanupTime, operation: RunOperation.Cleanup);

        static List<string> Steps(RetryTime time) =>
            [.. time.Lines.Where(line => line.StartsWith("Information 50", StringComparison.Ordinal)).Select(line => line.Split(' ')[1])];
        Assert.Equal(["500", "505", "503"], Steps(refreshTime));
        Assert.Equal(["500", "505", "503"], Steps(cleanupTime));
        Assert.Contains("Information 500 cleanup started: 1 cluster(s), dry run False", cleanupTime.Lines.Select(line => line.TrimEnd()));
        Assert.Contains(
            "Information 505 Cluster alpha (eu-west-1) cleanup: Succeeded; 1 of 1 Secret(s) deleted or absent, 0 of 0 service account(s) no longer list it",
            cleanupTime.Lines.Select(line => line.TrimEnd()));
    }
}
