using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary><c>bootstrap refresh</c> end to end against fake AWS and fake API servers: the paths that write.</summary>
public sealed class RefreshScenarioTests
{
    private const string Role = RefreshWorld.CrossAccountRole;

    [Fact]
    public async Task Three_clusters_in_two_regions_are_refreshed_through_describe_cluster_a_given_endpoint_and_an_assumed_role()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("prod-eu", "eu-west-1", "default", "monitoring") { ServiceAccounts = ["default"] },
            new WorldCluster("shared-eu", "eu-west-1", "apps") { RoleArn = Role },
            new WorldCluster("prod-us", "us-east-1", "default") { EndpointInFleet = true });
        world["prod-eu"].SeedServiceAccount("default", "default", ["corp-registry", "mirror-creds"]);
        world["prod-eu"].SeedServiceAccount("monitoring", "default", []);

        var run = await world.RunAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("succeeded", run.Status);
        Assert.False(run.Report.GetProperty("dryRun").GetBoolean());
        Assert.Equal(RefreshWorld.TokenExpiresAt, run.Report.GetProperty("tokenExpiresAt").GetString());
        Assert.Equal(["prod-eu", "shared-eu", "prod-us"], run.ClusterNames);
        foreach (var name in run.ClusterNames)
        {
            Assert.Equal(("succeeded", null), run.ClusterOutcome(name!));
            Assert.All(run.SecretResults(name!), result => Assert.Equal("created", result));
        }

        Assert.Equal(("added", null), run.Account("prod-eu", "default", "default"));
        Assert.Equal(("added", null), run.Account("prod-eu", "monitoring", "default"));

        world.AssertSecret("prod-eu", "default");
        world.AssertSecret("prod-eu", "monitoring");
        world.AssertSecret("shared-eu", "apps");
        world.AssertSecret("prod-us", "default");
        Assert.Equal(["corp-registry", "mirror-creds", RefreshWorld.SecretName], world["prod-eu"].PullSecretsOf("default", "default"));
        Assert.Equal([RefreshWorld.SecretName], world["prod-eu"].PullSecretsOf("monitoring", "default"));

        // One registry login; DescribeCluster for the clusters without an endpoint only, each in its region.
        Assert.Equal(1, world.Aws.Count(FakeAwsOperation.GetAuthorizationToken));
        var described = world.Aws.Requests.Where(r => r.Operation == FakeAwsOperation.DescribeCluster).ToList();
        Assert.Equal(["/clusters/prod-eu eu-west-1", "/clusters/shared-eu eu-west-1"], described.Select(r => $"{r.Path} {r.SigningRegion}").Order(StringComparer.Ordinal));

        // The role's cluster: one AssumeRole (signed with the caller's keys), then DescribeCluster signed with the role's keys.
        var assume = Assert.Single(world.Aws.Requests, r => r.Operation == FakeAwsOperation.AssumeRole);
        Assert.Equal(FakeAwsServer.AccessKeyId, assume.AccessKeyId);
        Assert.Contains("RoleArn=" + Uri.EscapeDataString(Role), assume.Body, StringComparison.Ordinal);
        var roleKeys = world.Aws.IssuedCredentials[Role].AccessKeyId;
        Assert.Equal(roleKeys, described.Single(r => r.Path == "/clusters/shared-eu").AccessKeyId);
        Assert.Equal(FakeAwsServer.AccessKeyId, described.Single(r => r.Path == "/clusters/prod-eu").AccessKeyId);

        // Its API server trusts the role's keys only: every request authenticated, so every token was signed with them.
        Assert.NotEmpty(world["shared-eu"].Requests);
        Assert.All(world.Servers.SelectMany(s => s.Requests), r => Assert.Null(r.AuthenticationFailure));
    }

    [Fact]
    public async Task A_second_run_updates_the_secret_in_place_and_finds_the_service_account_done()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("prod-eu", "eu-west-1", "default", "apps") { ServiceAccounts = ["builder"] });
        world["prod-eu"].SeedServiceAccount("default", "builder", ["corp-registry"]);
        world["prod-eu"].SeedServiceAccount("apps", "builder", []);
        world["prod-eu"].SeedSecret("apps", "unrelated", "Opaque", new Dictionary<string, string> { ["key"] = "value" });

        var first = await world.RunAsync();
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(["created", "created"], first.SecretResults("prod-eu"));
        var firstPassword = world.Aws.EcrPassword;
        world.Aws.EcrPassword = "eyJwYXlsb2FkIjoic2Vjb25kIHJ1biBwYXNzd29yZCJ9";
        world["prod-eu"].ClearRequests();

        var second = await world.RunAsync();

        Assert.Equal(0, second.ExitCode);
        Assert.Equal("succeeded", second.Status);
        Assert.Equal(["updated", "updated"], second.SecretResults("prod-eu"));
        Assert.Equal(("present", null), second.Account("prod-eu", "default", "builder"));
        Assert.Equal(("present", null), second.Account("prod-eu", "apps", "builder"));
        Assert.Equal(1, world.SecretCount("prod-eu", "default"));
        Assert.Equal(2, world.SecretCount("prod-eu", "apps"));
        Assert.NotEqual(firstPassword, world.Aws.EcrPassword);
        world.AssertSecret("prod-eu", "default");
        world.AssertSecret("prod-eu", "apps");
        Assert.Equal(["corp-registry", RefreshWorld.SecretName], world["prod-eu"].PullSecretsOf("default", "builder"));
        Assert.Equal([RefreshWorld.SecretName], world["prod-eu"].PullSecretsOf("apps", "builder"));

        // The second run wrote the two Secrets and only read the service accounts.
        Assert.Equal(2, world["prod-eu"].CountRequests("PATCH", "/secrets/"));
        Assert.Equal(0, world["prod-eu"].CountRequests("PATCH", "/serviceaccounts/"));
        Assert.Equal(0, world["prod-eu"].CountRequests("POST"));
    }

    [Fact]
    public async Task A_dry_run_changes_nothing_sends_every_write_as_dry_run_and_reports_what_would_happen()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("prod-eu", "eu-west-1", "default", "apps") { ServiceAccounts = ["default"] });
        world["prod-eu"].SeedServiceAccount("default", "default", ["corp-registry"]);
        world["prod-eu"].SeedServiceAccount("apps", "default", []);
        var before = world.Snapshot("prod-eu");

        var run = await world.RunAsync("--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("succeeded", run.Status);
        Assert.True(run.Report.GetProperty("dryRun").GetBoolean());
        Assert.Equal(["created", "created"], run.SecretResults("prod-eu"));
        Assert.Equal(("added", null), run.Account("prod-eu", "default", "default"));
        Assert.Equal(("added", null), run.Account("prod-eu", "apps", "default"));
        Assert.Equal(before, world.Snapshot("prod-eu"));

        var writes = world["prod-eu"].Requests.Where(r => r.Method is not "GET").ToList();
        Assert.Equal(4, writes.Count);
        Assert.All(writes, write =>
        {
            Assert.Equal("PATCH", write.Method);
            Assert.Contains("dryRun=All", write.Query, StringComparison.Ordinal);
        });

        // The real run afterwards still has everything to do.
        var real = await world.RunAsync();
        Assert.Equal(["created", "created"], real.SecretResults("prod-eu"));
        Assert.Equal(("added", null), real.Account("prod-eu", "apps", "default"));
    }

    [Fact]
    public async Task A_foreign_secret_is_a_conflict_and_left_byte_for_byte_unchanged()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("prod-eu", "eu-west-1", "default", "apps") { ServiceAccounts = ["default"] });
        SeedForeignSecret(world["prod-eu"]);
        world["prod-eu"].SeedServiceAccount("default", "default", []);
        world["prod-eu"].SeedServiceAccount("apps", "default", []);
        var before = world["prod-eu"].Store.RawJson("secrets", "default", RefreshWorld.SecretName);

        var run = await world.RunAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("partial", run.Status);
        Assert.Equal(("partial", null), run.ClusterOutcome("prod-eu"));
        var (result, error) = run.Secret("prod-eu", "default");
        Assert.Equal("conflict", result);
        Assert.Contains("adoptExisting", error, StringComparison.Ordinal);
        Assert.Equal(("created", null), run.Secret("prod-eu", "apps"));
        Assert.Equal("skipped", run.Account("prod-eu", "default", "default").Result);
        Assert.Equal(("added", null), run.Account("prod-eu", "apps", "default"));

        Assert.Equal(before, world["prod-eu"].Store.RawJson("secrets", "default", RefreshWorld.SecretName));
        Assert.Empty(world["prod-eu"].PullSecretsOf("default", "default"));
        world.AssertSecret("prod-eu", "apps");
    }

    [Fact]
    public async Task A_foreign_secret_is_taken_over_with_adopt_existing()
    {
        await using var world = await RefreshWorld.StartAsync(
            [new WorldCluster("prod-eu", "eu-west-1", "default") { ServiceAccounts = ["default"] }],
            adoptExisting: true);
        SeedForeignSecret(world["prod-eu"]);
        world["prod-eu"].SeedServiceAccount("default", "default", []);

        var run = await world.RunAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("succeeded", run.Status);
        Assert.Equal(("updated", null), run.Secret("prod-eu", "default"));
        Assert.Equal(("added", null), run.Account("prod-eu", "default", "default"));
        world.AssertSecret("prod-eu", "default");

        // First the plain apply (409, nothing written), then the forced one.
        var applies = world["prod-eu"].Requests.Where(r => r.Method == "PATCH" && r.Path.Contains("/secrets/", StringComparison.Ordinal)).ToList();
        Assert.Equal([409, 200], applies.Select(r => r.StatusCode));
        Assert.DoesNotContain("force=true", applies[0].Query, StringComparison.Ordinal);
        Assert.Contains("force=true", applies[1].Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_same_named_secret_of_another_type_is_a_conflict_even_with_adopt_existing(bool adoptExisting)
    {
        await using var world = await RefreshWorld.StartAsync([new WorldCluster("prod-eu", "eu-west-1", "default")], adoptExisting);
        world["prod-eu"].SeedSecret("default", RefreshWorld.SecretName, "Opaque", new Dictionary<string, string> { ["token"] = "not ours" });
        var before = world["prod-eu"].Store.RawJson("secrets", "default", RefreshWorld.SecretName);

        var run = await world.RunAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("failed", run.Status);
        var (result, error) = run.Secret("prod-eu", "default");
        Assert.Equal("conflict", result);
        Assert.Contains(adoptExisting ? "another type" : "adoptExisting", error, StringComparison.Ordinal);
        Assert.Equal(before, world["prod-eu"].Store.RawJson("secrets", "default", RefreshWorld.SecretName));
    }

    /// <summary>A pull Secret of the same name that someone made with kubectl.</summary>
    private static void SeedForeignSecret(FakeKubernetesServer server) =>
        server.SeedSecret(
            "default",
            RefreshWorld.SecretName,
            "kubernetes.io/dockerconfigjson",
            new Dictionary<string, string> { [".dockerconfigjson"] = """{"auths":{"public.ecr.aws":{"username":"AWS","password":"someone-elses","auth":"QVdTOnNvbWVvbmUtZWxzZXM="}}}""" });
}
