using System.Text.Json;
using EcrPublicLambda.Hosting;
using EcrPublicLambda.Hosting.Lambda;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Tests.Hosting.Lambda;

/// <summary>
/// The report in the function's log at fleet size: one line per cluster plus a summary line, each far below CloudWatch
/// Logs' 256 KB event limit (here: under 16 KB), and together they carry every cluster and every entry.
/// </summary>
public sealed class ReportLogTests
{
    private const int MaxLineBytes = 16 * 1024;

    [Fact]
    public async Task Two_hundred_clusters_of_twenty_namespaces_are_logged_one_bounded_line_each_plus_a_summary()
    {
        var report = Fleet(clusters: 200, namespaces: 20);
        await using var host = await LambdaHarness.StartAsync(LambdaHarness.Recording([], _ => report));

        await host.InvokeAsync("{}");
        await host.StopAsync();

        AssertBounded(host.Out.Text);
        var clusterLines = host.Out.Logs.Where(line => line.GetProperty("eventId").GetInt32() == 410).ToList();
        Assert.Equal(200, clusterLines.Select(line => line.GetProperty("cluster").GetString()).Distinct().Count());

        // One line per cluster; only the failed one, whose 20 entries each carry a long error, needs a second part.
        Assert.Equal(201, clusterLines.Count);
        AssertCarries(report, clusterLines);
        var summary = Assert.Single(host.Out.Logs, line => line.GetProperty("eventId").GetInt32() == 406);
        Assert.Equal("refresh partial in 4321 ms: 200 cluster(s), 199 succeeded, 0 partial, 1 failed (dry run False)", summary.GetProperty("message").GetString());
        Assert.Equal("ERROR", summary.GetProperty("level").GetString());
    }

    [Fact]
    public async Task A_cluster_with_thousands_of_namespaces_is_logged_in_parts_of_whole_namespaces()
    {
        var report = Fleet(clusters: 1, namespaces: 3000);
        await using var host = await LambdaHarness.StartAsync(LambdaHarness.Recording([], _ => report));

        await host.InvokeAsync("{}");
        await host.StopAsync();

        AssertBounded(host.Out.Text);
        var parts = host.Out.Logs.Where(line => line.GetProperty("eventId").GetInt32() == 410).ToList();
        Assert.True(parts.Count > 10, $"{parts.Count} parts");
        Assert.All(parts, (line, i) => Assert.EndsWith($"(report part {i + 1} of {parts.Count})", line.GetProperty("message").GetString(), StringComparison.Ordinal));
        AssertCarries(report, parts);

        // Each part keeps a namespace's Secret and its service accounts together.
        Assert.All(parts, line =>
        {
            var cluster = line.GetProperty("report");
            var namespaces = cluster.GetProperty("secrets").EnumerateArray().Select(s => s.GetProperty("namespace").GetString()).ToHashSet();
            Assert.All(cluster.GetProperty("serviceAccounts").EnumerateArray(), a => Assert.Contains(a.GetProperty("namespace").GetString(), namespaces));
        });
    }

    private static void AssertBounded(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) < MaxLineBytes, $"a line of {line.Length} characters"));
    }

    /// <summary>The cluster lines, put together, hold exactly the report's clusters and entries.</summary>
    private static void AssertCarries(RefreshReport report, List<JsonElement> clusterLines)
    {
        var logged = clusterLines
            .Select(line => JsonSerializer.Deserialize(line.GetProperty("report").GetRawText(), JsonContext.Default.ClusterReport)!)
            .GroupBy(c => (c.Name, c.Region))
            .Select(g => g.First() with { Secrets = [.. g.SelectMany(c => c.Secrets)], ServiceAccounts = [.. g.SelectMany(c => c.ServiceAccounts)] })
            .ToList();
        Assert.Equal(report.Clusters.Count, logged.Count);
        foreach (var (expected, actual) in report.Clusters.Zip(logged))
        {
            Assert.Equal((expected.Name, expected.Region, expected.Status, expected.Error), (actual.Name, actual.Region, actual.Status, actual.Error));
            Assert.Equal(expected.Secrets, actual.Secrets);
            Assert.Equal(expected.ServiceAccounts, actual.ServiceAccounts);
        }
    }

    /// <summary>A run over <paramref name="clusters"/> clusters; the last one failed with a long error on every entry.</summary>
    private static RefreshReport Fleet(int clusters, int namespaces)
    {
        var longError = "server error (500 InternalError) after 4 attempt(s): " + new string('x', 380);
        return new RefreshReport(
            clusters == 1 ? RunStatus.Failed : RunStatus.Partial,
            false,
            new DateTimeOffset(2026, 11, 27, 20, 0, 0, TimeSpan.Zero),
            4321,
            [.. Enumerable.Range(1, clusters).Select(c =>
            {
                var failed = c == clusters;
                var nss = Enumerable.Range(1, namespaces).Select(n => $"team-{n:D4}-namespace").ToList();
                return new ClusterReport(
                    $"cluster-{c:D3}-in-a-long-naming-scheme",
                    "ap-southeast-4",
                    failed ? RunStatus.Failed : RunStatus.Succeeded,
                    failed ? longError : null,
                    [.. nss.Select(ns => new SecretReport(ns, failed ? SecretResult.Failed : SecretResult.Updated, failed ? longError : null))],
                    [.. nss.SelectMany(ns => new[] { "default", "builder" }.Select(sa =>
                        new ServiceAccountReport(ns, sa, failed ? ServiceAccountResult.Skipped : ServiceAccountResult.Present, failed ? "not attempted: the Secret was not written in this namespace" : null)))]);
            })]);
    }
}
