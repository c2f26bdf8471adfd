using System.Text;
using System.Text.Json.Nodes;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Tests.Aws;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary>
/// A fleet with ECR Public, private ECR registries in two regions (one through a role) and a Docker Hub login in Secrets
/// Manager: one Secret per namespace with every registry, one token call per region and role, and a registry that fails
/// keeps what the Secret already held for it.
/// </summary>
public sealed class RegistriesScenarioTests
{
    private const string PullerRole = WorldRegistries.PullerRole;
    private const string DockerHubArn = WorldRegistries.DockerHubArn;
    private const string DockerHubPassword = WorldRegistries.DockerHubPassword;
    private const string RotatedPassword = WorldRegistries.RotatedPassword;
    private const string DockerHub = WorldRegistries.DockerHub;

    private static readonly string[] AllServers = WorldRegistries.AllServers;

    [Fact]
    public async Task Every_namespace_gets_one_Secret_with_an_entry_per_registry_server_and_each_region_and_role_is_asked_once()
    {
        await using var world = await StartAsync();

        var run = await world.RunAsync();

        Assert.Equal((0, "succeeded"), (run.ExitCode, run.Status));
        foreach (var (cluster, ns) in new[] { ("edge-a", "team-a"), ("edge-a", "team-b"), ("edge-b", "team-c") })
        {
            var auths = Auths(world, cluster, ns);
            Assert.Equal(AllServers, auths.Select(pair => pair.Key));
            AssertEntry(auths, "public.ecr.aws", "AWS", world.Aws.EcrPassword);
            AssertEntry(auths, "111122223333.dkr-ecr.eu-west-1.on.aws", "AWS", world.Aws.PrivateEcrPassword("eu-west-1"));
            AssertEntry(auths, "777788889999.dkr.ecr.eu-west-1.amazonaws.com", "AWS", world.Aws.PrivateEcrPassword("eu-west-1"));
            AssertEntry(auths, "444455556666.dkr.ecr.us-west-2.amazonaws.com", "AWS", world.Aws.PrivateEcrPassword("us-west-2"));
            AssertEntry(auths, DockerHub, "octo-cat", DockerHubPassword);
            var annotations = world[cluster].Store.Get("secrets", ns, RefreshWorld.SecretName)["metadata"]!["annotations"]!;
            Assert.Equal(string.Join(",", AllServers), (string?)annotations[KubernetesCluster.RegistriesAnnotation]);
            Assert.Equal(RefreshWorld.TokenExpiresAt, (string?)annotations[KubernetesCluster.ExpiresAtAnnotation]);
        }

        // One ECR call per region and role: eu-west-1 with the function's keys serves both eu-west-1 registries.
        var ecrCalls = world.Aws.Requests.Where(r => r.Operation == FakeAwsOperation.GetEcrAuthorizationToken).ToList();
        Assert.Equal(2, ecrCalls.Count);
        Assert.Equal(["eu-west-1", "us-west-2"], ecrCalls.Select(r => r.SigningRegion).Order());
        Assert.Equal(world.Aws.IssuedCredentials[PullerRole].AccessKeyId, ecrCalls.Single(r => r.SigningRegion == "us-west-2").AccessKeyId);
        Assert.Equal(FakeAwsServer.AccessKeyId, ecrCalls.Single(r => r.SigningRegion == "eu-west-1").AccessKeyId);
        Assert.All(ecrCalls, r => Assert.Equal(("ecr", null), (r.SigningService, r.SignatureProblem)));
        Assert.Single(world.Aws.Requests, r => r.Operation == FakeAwsOperation.GetSecretValue);
        Assert.Single(world.Aws.Requests, r => r.Operation == FakeAwsOperation.GetAuthorizationToken);
        Assert.Equal(RefreshWorld.TokenExpiresAt, run.Report.GetProperty("tokenExpiresAt").GetString());
    }

    [Fact]
    public async Task Every_registry_fetch_is_in_flight_together_with_the_cluster_lookups_before_anything_is_written()
    {
        await using var world = await StartAsync();
        // ECR Public, ECR eu-west-1, AssumeRole of the puller (its ECR call follows it), GetSecretValue, two DescribeCluster:
        // none is answered until all six arrived, so a fetch made after another (or after a lookup) would never gather.
        world.Aws.GatherRequests = 6;

        var run = await world.RunAsync();

        Assert.Equal((0, "succeeded"), (run.ExitCode, run.Status));
        Assert.True(world.Aws.Gathered, "the registry fetches and the lookups were not in flight at the same time");
    }

    [Fact]
    public async Task A_denied_secret_keeps_its_previous_entry_refreshes_the_others_and_names_the_registry()
    {
        await using var world = await StartAsync();
        Assert.Equal(0, (await world.RunAsync()).ExitCode);

        world.Aws.EcrPassword = "eyJuZXh0IjoiZWNyIHB1YmxpYyJ9";
        world.Aws.PrivateEcrPasswordPrefix = "eyJuZXh0IjoicHJpdmF0ZSJ9-";
        world.Aws.AddSecret(DockerHubArn, Login(RotatedPassword), readerRoleArn: "arn:aws:iam::111122223333:role/someone-else");
        var run = await world.RunAsync();

        Assert.Equal((1, "partial"), (run.ExitCode, run.Status));
        var (result, error) = run.Secret("edge-a", "team-a");
        Assert.Equal("updated", result);
        Assert.Contains("registry \"docker-hub\"", error, StringComparison.Ordinal);
        Assert.Contains("AccessDeniedException", error, StringComparison.Ordinal);
        Assert.Equal("partial", run.ClusterOutcome("edge-a").Status);
        var auths = Auths(world, "edge-a", "team-a");
        Assert.Equal(AllServers, auths.Select(pair => pair.Key));
        AssertEntry(auths, DockerHub, "octo-cat", DockerHubPassword);
        AssertEntry(auths, "public.ecr.aws", "AWS", "eyJuZXh0IjoiZWNyIHB1YmxpYyJ9");
        AssertEntry(auths, "444455556666.dkr-ecr.us-west-2.on.aws", "AWS", "eyJuZXh0IjoicHJpdmF0ZSJ9-us-west-2");
        AssertNothingSecretIn(world, run, DockerHubPassword, RotatedPassword);
    }

    [Fact]
    public async Task A_failed_registry_without_a_previous_entry_is_absent_and_the_others_are_written()
    {
        await using var world = await StartAsync();
        world.Aws.AddSecret(DockerHubArn, "not json at all " + DockerHubPassword);

        var run = await world.RunAsync();

        Assert.Equal("partial", run.Status);
        Assert.Contains("is not a JSON object with \"username\" and \"password\"", run.Secret("edge-b", "team-c").Error, StringComparison.Ordinal);
        Assert.Equal(AllServers[..^1], Auths(world, "edge-b", "team-c").Select(pair => pair.Key));
        AssertNothingSecretIn(world, run, DockerHubPassword);
    }

    [Fact]
    public async Task A_cluster_whose_every_registry_failed_fails_with_its_Secret_untouched_while_the_others_are_written()
    {
        await using var world = await StartAsync(fleet =>
            fleet["clusters"]![1]!["registries"] = new JsonArray("docker-hub"));
        Assert.Equal(0, (await world.RunAsync()).ExitCode);
        var before = world["edge-b"].Store.Get("secrets", "team-c", RefreshWorld.SecretName).ToJsonString();

        world.Aws.EcrPassword = "eyJuZXh0IjoiZWNyIHB1YmxpYyJ9";
        world.Aws.AddSecret(DockerHubArn, "not json at all " + RotatedPassword);
        var run = await world.RunAsync();

        Assert.Equal("partial", run.Status);
        var (status, error) = run.ClusterOutcome("edge-b");
        Assert.Equal("failed", status);
        Assert.StartsWith("no Secret was written: registry \"docker-hub\"", error, StringComparison.Ordinal);
        Assert.Equal(before, world["edge-b"].Store.Get("secrets", "team-c", RefreshWorld.SecretName).ToJsonString());
        Assert.Equal("partial", run.ClusterOutcome("edge-a").Status);
        AssertEntry(Auths(world, "edge-a", "team-a"), "public.ecr.aws", "AWS", "eyJuZXh0IjoiZWNyIHB1YmxpYyJ9");
        AssertEntry(Auths(world, "edge-a", "team-a"), DockerHub, "octo-cat", DockerHubPassword);
        AssertNothingSecretIn(world, run, DockerHubPassword, RotatedPassword);
    }

    [Fact]
    public async Task A_cluster_limited_to_a_subset_gets_only_it_and_a_registry_removed_from_the_file_leaves_at_the_next_run()
    {
        await using var world = await StartAsync(fleet =>
            fleet["clusters"]![1]!["registries"] = new JsonArray("docker-hub", "ecr-public"));

        Assert.Equal(0, (await world.RunAsync()).ExitCode);
        Assert.Equal(AllServers, Auths(world, "edge-a", "team-a").Select(pair => pair.Key));
        Assert.Equal(["public.ecr.aws", "ecr-public.aws.com", DockerHub], Auths(world, "edge-b", "team-c").Select(pair => pair.Key));

        var fleet = JsonNode.Parse(File.ReadAllText(world.ConfigPath))!;
        fleet["registries"]!.AsArray().RemoveAt(3);
        world.WriteFleet(fleet.ToJsonString());
        Assert.Equal(0, (await world.RunAsync()).ExitCode);

        Assert.DoesNotContain(Auths(world, "edge-a", "team-a"), pair => pair.Key.StartsWith("444455556666.", StringComparison.Ordinal));
        Assert.Equal(8 - 2 + 1, Auths(world, "edge-a", "team-a").Count);
    }

    [Fact]
    public async Task A_rotated_secret_shows_up_at_the_next_run()
    {
        await using var world = await StartAsync();
        Assert.Equal(0, (await world.RunAsync()).ExitCode);

        world.Aws.AddSecret(DockerHubArn, Login(RotatedPassword));
        var run = await world.RunAsync();

        Assert.Equal(0, run.ExitCode);
        AssertEntry(Auths(world, "edge-b", "team-c"), DockerHub, "octo-cat", RotatedPassword);
        AssertNothingSecretIn(world, run, DockerHubPassword, RotatedPassword);
    }

    private static async Task<RefreshWorld> StartAsync(Action<JsonNode>? change = null)
    {
        var world = await RefreshWorld.StartAsync(
            new WorldCluster("edge-a", "eu-west-1", "team-a", "team-b"),
            new WorldCluster("edge-b", "us-west-2", "team-c"));
        var fleet = JsonNode.Parse(File.ReadAllText(world.ConfigPath))!;
        WorldRegistries.Apply(world.Aws, fleet);
        change?.Invoke(fleet);
        world.WriteFleet(fleet.ToJsonString());
        return world;
    }

    private static string Login(string password) => WorldRegistries.Login(password);

    private static JsonObject Auths(RefreshWorld world, string cluster, string ns)
    {
        var secret = world[cluster].Store.Get("secrets", ns, RefreshWorld.SecretName);
        return JsonNode.Parse(Convert.FromBase64String((string)secret["data"]![KubernetesCluster.DockerConfigKey]!))!["auths"]!.AsObject();
    }

    /// <summary>The entry <c>kubectl create secret docker-registry</c> writes: username, password, auth = base64(user:password), in that order.</summary>
    private static void AssertEntry(JsonObject auths, string server, string username, string password)
    {
        var entry = auths[server]!.AsObject();
        Assert.Equal(["username", "password", "auth"], entry.Select(p => p.Key));
        Assert.Equal(username, (string?)entry["username"]);
        SecretAssert.Equal(password, (string?)entry["password"], $"{server} password");
        SecretAssert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")), (string?)entry["auth"], $"{server} auth");
    }

    private static void AssertNothingSecretIn(RefreshWorld world, RefreshRun run, params string[] passwords)
    {
        var secrets = WorldRegistries.SensitiveValues(world.Aws, passwords);
        secrets.Add((string)world["edge-a"].Store.Get("secrets", "team-a", RefreshWorld.SecretName)["data"]![KubernetesCluster.DockerConfigKey]!);
        WorldRegistries.AssertNoneIn(run.Output, secrets, "the report");
        WorldRegistries.AssertNoneIn(run.Logs, secrets, "the logs");
    }
}
