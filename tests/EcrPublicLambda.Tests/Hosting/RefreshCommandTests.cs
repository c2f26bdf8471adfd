using System.Text.Json;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Tests.Refresh;

namespace EcrPublicLambda.Tests.Hosting;

/// <summary><c>bootstrap refresh</c> as a command: one registry login per run, <c>--cluster</c>, bad input, the report on stdout.</summary>
public sealed class RefreshCommandTests
{
    [Fact]
    public async Task A_run_over_five_clusters_fetches_the_ecr_public_token_once()
    {
        await using var world = await RefreshWorld.StartAsync(
            [.. Enumerable.Range(1, 5).Select(i => new WorldCluster($"cluster-{i}", i % 2 == 0 ? "us-east-1" : "eu-west-1", "default", "apps"))]);

        var run = await world.RunAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("succeeded", run.Status);
        Assert.Equal(1, world.Aws.Count(FakeAwsOperation.GetAuthorizationToken));
        Assert.Equal(5, world.Aws.Count(FakeAwsOperation.DescribeCluster));
        foreach (var i in Enumerable.Range(1, 5))
        {
            world.AssertSecret($"cluster-{i}", "default");
            world.AssertSecret($"cluster-{i}", "apps");
        }
    }

    [Fact]
    public async Task Cluster_option_refreshes_only_the_named_clusters_and_contacts_no_other()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("alpha", "eu-west-1", "default"),
            new WorldCluster("beta", "eu-west-1", "default"),
            new WorldCluster("gamma", "us-east-1", "default") { EndpointInFleet = true });

        var run = await world.RunAsync("--cluster", "gamma", "--cluster=alpha");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["alpha", "gamma"], run.ClusterNames);
        Assert.Empty(world["beta"].Requests);
        Assert.NotEmpty(world["alpha"].Requests);
        Assert.NotEmpty(world["gamma"].Requests);
        Assert.Equal(["/clusters/alpha"], world.Aws.Requests.Where(r => r.Operation == FakeAwsOperation.DescribeCluster).Select(r => r.Path));
        world.AssertSecret("alpha", "default");
        Assert.Equal(0, world.SecretCount("beta", "default"));
    }

    [Fact]
    public async Task An_unknown_cluster_is_bad_input_naming_it_and_nothing_is_sent()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("alpha", "eu-west-1", "default"));

        var run = await world.RunAsync("--cluster", "alpha", "--cluster", "no-such-cluster");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Contains("\"no-such-cluster\" not in the fleet", run.Logs, StringComparison.Ordinal);
        Assert.Equal(0, world.RequestCount);
    }

    [Theory]
    [InlineData("""{"clusters": [{"name": "alpha", "region": "eu-west-1", "namespaces": ["Prod"]}]}""", "clusters[0].namespaces[0]")]
    [InlineData("""{"clusters": [{"name": "alpha", "region": "eu-west-1", "namespaces": ["default"], "namespace": "x"}]}""", "clusters[0].namespace")]
    [InlineData("""{"clusters": [""", "clusters.json")]
    public async Task A_bad_fleet_is_bad_input_naming_the_problem_and_nothing_is_sent(string fleet, string named)
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("alpha", "eu-west-1", "default"));
        world.WriteFleet(fleet);

        var run = await world.RunAsync();

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Contains(named, run.Logs, StringComparison.Ordinal);
        Assert.Equal(0, world.RequestCount);
    }

    [Fact]
    public async Task A_failed_registry_login_fails_every_cluster_and_nothing_is_sent_to_them()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("alpha", "eu-west-1", "default") { ServiceAccounts = ["default"] },
            new WorldCluster("beta", "us-east-1", "default"));
        world.Aws.Script(FakeAwsOperation.GetAuthorizationToken, FakeAwsFailure.AccessDenied);

        var run = await world.RunAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("failed", run.Status);
        Assert.Equal(JsonValueKind.Null, run.Report.GetProperty("tokenExpiresAt").ValueKind);
        foreach (var name in new[] { "alpha", "beta" })
        {
            var (status, error) = run.ClusterOutcome(name);
            Assert.Equal("failed", status);
            Assert.StartsWith("ECR Public GetAuthorizationToken failed", error, StringComparison.Ordinal);
            Assert.Contains("AccessDeniedException", error, StringComparison.Ordinal);
            Assert.Empty(world[name].Requests);
        }

        Assert.Equal(("failed", "not attempted: the cluster failed (see its error)"), run.Account("alpha", "default", "default"));
        // The lookups run alongside the login (they may or may not have been sent when it failed); the login is sent once.
        Assert.Equal(1, world.Aws.Count(FakeAwsOperation.GetAuthorizationToken));
        Assert.All(world.Aws.Requests, request => Assert.Contains(request.Operation, new[] { FakeAwsOperation.GetAuthorizationToken, FakeAwsOperation.DescribeCluster }));
    }

    [Fact]
    public async Task The_registry_login_and_the_cluster_lookups_wait_on_the_network_together()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("alpha", "eu-west-1", "default"),
            new WorldCluster("beta", "us-east-1", "default"));
        // The fake answers none of the three until all three have arrived: sent one after another, they never would.
        world.Aws.GatherRequests = 3;

        var run = await world.RunAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [FakeAwsOperation.GetAuthorizationToken, FakeAwsOperation.DescribeCluster, FakeAwsOperation.DescribeCluster],
            world.Aws.Requests.Select(r => r.Operation).Order());
        Assert.True(world.Aws.Gathered, "the registry login and the two cluster lookups were not in flight at the same time");
        world.AssertSecret("alpha", "default");
        world.AssertSecret("beta", "default");
    }

    [Fact]
    public async Task The_report_on_stdout_has_exactly_the_documented_shape()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("alpha", "eu-west-1", "default", "absent") { ServiceAccounts = ["default"], ServerNamespaces = ["default"] },
            new WorldCluster("beta", "us-east-1", "default") { UnknownToEks = true });
        world["alpha"].SeedServiceAccount("default", "default", []);

        var run = await world.RunAsync();

        Assert.Equal(1, run.ExitCode);
        var report = run.Report;
        Assert.Equal(["operation", "status", "dryRun", "tokenExpiresAt", "durationMs", "clusters", "oldestSecretAgeSeconds"], Names(report));
        Assert.Equal("refresh", report.GetProperty("operation").GetString());
        Assert.Equal("partial", report.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.False, report.GetProperty("dryRun").ValueKind);
        Assert.Matches(@"^2026-\d\d-\d\dT\d\d:\d\d:\d\dZ$", report.GetProperty("tokenExpiresAt").GetString());
        Assert.True(report.GetProperty("durationMs").TryGetInt64(out var duration) && duration >= 0);

        var clusters = report.GetProperty("clusters").EnumerateArray().ToList();
        Assert.Equal(2, clusters.Count);
        foreach (var cluster in clusters)
        {
            Assert.Equal(["name", "region", "status", "error", "secrets", "serviceAccounts", "oldestSecretAgeSeconds"], Names(cluster));
            Assert.Contains(cluster.GetProperty("status").GetString(), (string[])["succeeded", "partial", "failed"]);
            Assert.All(cluster.GetProperty("secrets").EnumerateArray(), secret =>
            {
                Assert.Equal(["namespace", "result", "error"], Names(secret));
                Assert.Contains(secret.GetProperty("result").GetString(), (string[])["created", "updated", "conflict", "failed", "skipped"]);
            });
            Assert.All(cluster.GetProperty("serviceAccounts").EnumerateArray(), account =>
            {
                Assert.Equal(["namespace", "name", "result", "error"], Names(account));
                Assert.Contains(account.GetProperty("result").GetString(), (string[])["added", "present", "failed", "skipped"]);
            });
        }

        // error is always present: null where all went well, a string where not.
        var alpha = run.Cluster("alpha");
        Assert.Equal(JsonValueKind.Null, alpha.GetProperty("error").ValueKind);
        Assert.Equal(JsonValueKind.Null, alpha.GetProperty("secrets")[0].GetProperty("error").ValueKind);
        Assert.Equal(JsonValueKind.String, alpha.GetProperty("secrets")[1].GetProperty("error").ValueKind);
        Assert.Equal(JsonValueKind.Null, alpha.GetProperty("serviceAccounts")[0].GetProperty("error").ValueKind);
        Assert.Equal(JsonValueKind.String, run.Cluster("beta").GetProperty("error").ValueKind);

        // stdout holds the report and nothing else; stderr holds JSON log lines only.
        Assert.StartsWith("{", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("}" + Environment.NewLine, run.Output, StringComparison.Ordinal);
        Assert.All(run.Logs.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => JsonDocument.Parse(line).Dispose());
    }

    private static List<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
