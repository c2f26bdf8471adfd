using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary>
/// <c>bootstrap refresh</c> under faults: each one fails only its namespace or its cluster, the healthy cluster beside it
/// is still written, the report says what went wrong, and the exit code is 1.
/// </summary>
public sealed class RefreshFaultTests
{
    private const string Healthy = "healthy";
    private const string Role = RefreshWorld.CrossAccountRole;

    [Fact]
    public async Task A_missing_namespace_fails_that_namespace_only_and_is_never_created()
    {
        await using var world = await StartAsync(new WorldCluster("prod-eu", "eu-west-1", "default", "absent", "apps")
        {
            ServiceAccounts = ["default"],
            ServerNamespaces = ["default", "apps"],
        });
        world["prod-eu"].SeedServiceAccount("default", "default", []);
        world["prod-eu"].SeedServiceAccount("apps", "default", []);

        var run = await world.RunAsync();

        AssertPartialRun(world, run);
        Assert.Equal(("partial", null), run.ClusterOutcome("prod-eu"));
        Assert.Equal(("failed", "namespace \"absent\" not found"), run.Secret("prod-eu", "absent"));
        Assert.Equal(("created", null), run.Secret("prod-eu", "default"));
        Assert.Equal(("created", null), run.Secret("prod-eu", "apps"));
        Assert.Equal("skipped", run.Account("prod-eu", "absent", "default").Result);
        Assert.Equal(("added", null), run.Account("prod-eu", "apps", "default"));
        world.AssertSecret("prod-eu", "default");
        world.AssertSecret("prod-eu", "apps");
        Assert.False(world["prod-eu"].Store.HasNamespace("absent"));
        Assert.Equal(0, world["prod-eu"].CountRequests("POST"));
    }

    [Fact]
    public async Task An_unreachable_cluster_fails_alone_and_its_error_says_it_could_not_connect()
    {
        await using var world = await StartAsync(new WorldCluster("gone-eu", "eu-west-1", "default", "apps") { ServiceAccounts = ["default"], EndpointInFleet = true, Unreachable = true });

        var run = await world.RunAsync();

        AssertPartialRun(world, run);
        var (status, error) = run.ClusterOutcome("gone-eu");
        Assert.Equal("failed", status);
        Assert.Matches(@"^connection refused by 127\.0\.0\.1:\d+ \(after 4 attempts\)$", error);
        Assert.All(run.SecretResults("gone-eu"), result => Assert.Equal("failed", result));
        Assert.Equal(4, run.Cluster("gone-eu").GetProperty("secrets").GetArrayLength() + run.Cluster("gone-eu").GetProperty("serviceAccounts").GetArrayLength());

        // The retries backed off (on the injected clock, so the test never slept).
        Assert.NotEmpty(world.Time.Waits);
    }

    [Fact]
    public async Task A_cluster_that_rejects_the_token_fails_with_401_and_nothing_is_written_there()
    {
        await using var world = await StartAsync(new WorldCluster("other-eu", "eu-west-1", "default") { TrustsOtherKeys = true });

        var run = await world.RunAsync();

        AssertPartialRun(world, run);
        Assert.Equal(("failed", "unauthorized (401): the cluster rejected the bearer token (is the IAM identity mapped into the cluster by an access entry or aws-auth, and are the cluster name and region right?)"), run.ClusterOutcome("other-eu"));
        Assert.Equal("failed", run.Secret("other-eu", "default").Result);
        Assert.Equal(0, world.SecretCount("other-eu", "default"));

        // A 401 is retried once with a fresh token, then reported, for the Secret list read before writing and for the
        // apply; the fake saw our key and did not know it.
        Assert.Equal(2, world["other-eu"].CountRequests("GET", "/api/v1/secrets"));
        Assert.Equal(2, world["other-eu"].CountRequests("PATCH"));
        Assert.Equal(4, world["other-eu"].Requests.Count);
        Assert.All(world["other-eu"].Requests, r => Assert.Equal("unknown access key", r.AuthenticationFailure));
    }

    [Fact]
    public async Task A_denied_namespace_fails_with_403_and_the_other_namespaces_are_written()
    {
        await using var world = await StartAsync(new WorldCluster("prod-eu", "eu-west-1", "default", "locked"));
        world["prod-eu"].Deny(ns: "locked");

        var run = await world.RunAsync();

        AssertPartialRun(world, run);
        Assert.Equal(("partial", null), run.ClusterOutcome("prod-eu"));
        var (result, error) = run.Secret("prod-eu", "locked");
        Assert.Equal("failed", result);
        Assert.StartsWith("forbidden (403): ", error, StringComparison.Ordinal);
        Assert.Contains("\"locked\"", error, StringComparison.Ordinal);
        Assert.Equal(("created", null), run.Secret("prod-eu", "default"));
        world.AssertSecret("prod-eu", "default");
        Assert.Equal(0, world.SecretCount("prod-eu", "locked"));
    }

    [Fact]
    public async Task A_cluster_eks_does_not_know_fails_with_the_describe_cluster_error_and_its_server_is_never_contacted()
    {
        await using var world = await StartAsync(new WorldCluster("ghost-eu", "eu-west-1", "default") { UnknownToEks = true });

        var run = await world.RunAsync();

        AssertPartialRun(world, run);
        Assert.Equal(("failed", "EKS cluster \"ghost-eu\" not found in eu-west-1"), run.ClusterOutcome("ghost-eu"));
        Assert.Equal("failed", run.Secret("ghost-eu", "default").Result);
        Assert.Equal(0, world.SecretCount("ghost-eu", "default"));
        Assert.Empty(world["ghost-eu"].Requests);
        Assert.Single(world.Aws.Requests, r => r.Path == "/clusters/ghost-eu");
    }

    [Fact]
    public async Task A_role_that_cannot_be_assumed_fails_its_cluster_only()
    {
        await using var world = await StartAsync(new WorldCluster("shared-eu", "eu-west-1", "default") { RoleArn = Role });
        world.Aws.DenyRole(Role);

        var run = await world.RunAsync();

        AssertPartialRun(world, run);
        var (status, error) = run.ClusterOutcome("shared-eu");
        Assert.Equal("failed", status);
        Assert.StartsWith($"cannot assume role {Role}: AccessDenied (HTTP 403)", error, StringComparison.Ordinal);
        Assert.Equal("failed", run.Secret("shared-eu", "default").Result);
        Assert.Equal(0, world.SecretCount("shared-eu", "default"));
        Assert.Empty(world["shared-eu"].Requests);
        Assert.DoesNotContain(world.Aws.Requests, r => r.Path == "/clusters/shared-eu");
    }

    /// <summary>The faulty cluster first, then a healthy one in another region.</summary>
    private static Task<RefreshWorld> StartAsync(WorldCluster faulty) =>
        RefreshWorld.StartAsync(faulty, new WorldCluster(Healthy, "us-east-1", "default", "apps"));

    /// <summary>The run finished with a failure (exit 1, <c>partial</c>) and the healthy cluster was fully written.</summary>
    private static void AssertPartialRun(RefreshWorld world, RefreshRun run)
    {
        world.AssertSecret(Healthy, "default");
        world.AssertSecret(Healthy, "apps");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("partial", run.Status);
        Assert.Equal(("succeeded", null), run.ClusterOutcome(Healthy));
        Assert.Equal(["created", "created"], run.SecretResults(Healthy));
    }
}
