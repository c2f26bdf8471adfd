using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary>
/// No secret reaches the report or a log line of <c>bootstrap refresh</c>, even at TRACE and with failures on every path:
/// ECR Public's token, the private ECR tokens and a Docker Hub login from Secrets Manager (<see cref="WorldRegistries"/>)
/// in every form they could take, the cluster credentials and the AWS keys.
/// </summary>
public sealed class RefreshSecrecyTests
{
    private const string Role = RefreshWorld.CrossAccountRole;
    private const string DeniedRole = "arn:aws:iam::210987654321:role/not-for-us";

    [Fact]
    public async Task A_full_refresh_with_every_registry_and_failures_leaks_no_password_auth_docker_config_bearer_token_or_secret_key()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("prod-eu", "eu-west-1", "default", "locked", "absent") { ServiceAccounts = ["default"], ServerNamespaces = ["default", "locked"] },
            new WorldCluster("shared-eu", "eu-west-1", "default", "taken") { RoleArn = Role },
            new WorldCluster("other-us", "us-east-1", "default") { TrustsOtherKeys = true },
            new WorldCluster("gone-us", "us-east-1", "default") { Unreachable = true, EndpointInFleet = true },
            new WorldCluster("denied-us", "us-east-1", "default") { RoleArn = DeniedRole });
        world.Aws.DenyRole(DeniedRole);
        world["prod-eu"].SeedServiceAccount("default", "default", ["corp-registry"]);
        world["prod-eu"].Deny(ns: "locked");
        world["shared-eu"].SeedSecret("taken", RefreshWorld.SecretName, KubernetesCluster.SecretType, new Dictionary<string, string> { [".dockerconfigjson"] = """{"auths":{}}""" });
        WithRegistries(world);

        var run = await world.RunAsync();

        // Every kind of outcome happened, so every message path was taken.
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("partial", run.Status);
        Assert.Equal(("created", null), run.Secret("prod-eu", "default"));
        Assert.Equal("failed", run.Secret("prod-eu", "locked").Result);
        Assert.Equal("failed", run.Secret("prod-eu", "absent").Result);
        Assert.Equal("conflict", run.Secret("shared-eu", "taken").Result);
        Assert.All(new[] { "other-us", "gone-us", "denied-us" }, name => Assert.Equal("failed", run.ClusterOutcome(name).Status));
        Assert.Equal(WorldRegistries.AllServers, Auths(world, "prod-eu", "default"));
        Assert.Contains("\"level\":\"DEBUG\"", run.Logs, StringComparison.Ordinal);

        var assumed = world.Aws.IssuedCredentials[Role];
        var secrets = new DockerConfigSecret(world.Aws.EcrPassword, DateTimeOffset.UnixEpoch).SensitiveValues()
            .Append(world.Aws.EcrPassword)
            .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:" + world.Aws.EcrPassword)))
            .Append(world["prod-eu"].Store.Get("secrets", "default", RefreshWorld.SecretName)["data"]![KubernetesCluster.DockerConfigKey]!.GetValue<string>())
            .Append(FakeAwsServer.SecretAccessKey)
            .Append(assumed.SecretAccessKey)
            .Append(assumed.SessionToken!)
            .Append("k8s-aws-v1.")
            .Concat(WorldRegistries.SensitiveValues(world.Aws))
            .ToList();
        WorldRegistries.AssertNoneIn(run.Output, secrets, "the report");
        WorldRegistries.AssertNoneIn(run.Logs, secrets, "the logs");
    }

    /// <summary>SecretStrings that hold the password but are no usable login: each names the secret, never its value.</summary>
    [Theory]
    [InlineData("not json at all {0}")]
    [InlineData("{{\"username\": \"octo-cat\", \"password\": \"{0}")]
    [InlineData("{{\"username\": \"octo-cat\", \"pass\": \"{0}\"}}")]
    [InlineData("{{\"username\": 7, \"password\": \"{0}\"}}")]
    [InlineData("[\"octo-cat\", \"{0}\"]")]
    [InlineData("\"{0}\"")]
    public async Task A_malformed_SecretString_holding_the_password_fails_its_registry_and_leaks_no_part_of_it(string shape)
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("prod-eu", "eu-west-1", "default"));
        WithRegistries(world);
        // The password as it stands inside a JSON string (its quote and backslash escaped), which each shape embeds.
        var password = JsonEncodedText.Encode(WorldRegistries.DockerHubPassword, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
        world.Aws.AddSecret(WorldRegistries.DockerHubArn, string.Format(CultureInfo.InvariantCulture, shape, password));

        var run = await world.RunAsync();

        Assert.Equal((1, "partial"), (run.ExitCode, run.Status));
        var (result, error) = run.Secret("prod-eu", "default");
        Assert.Equal("created", result);
        Assert.Contains("registry \"docker-hub\"", error, StringComparison.Ordinal);
        Assert.Equal(WorldRegistries.AllServers[..^1], Auths(world, "prod-eu", "default"));
        var secrets = WorldRegistries.SensitiveValues(world.Aws).Append(password).ToList();
        WorldRegistries.AssertNoneIn(run.Output, secrets, "the report");
        WorldRegistries.AssertNoneIn(run.Logs, secrets, "the logs");
    }

    [Fact]
    public async Task A_denied_secret_role_and_ECR_call_keep_the_previous_entries_name_their_registries_and_leak_no_credential()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("prod-eu", "eu-west-1", "default"));
        WithRegistries(world);
        // Tokens valid for 12 hours from the run's clock, so the failed registries' previous entries are still valid and kept.
        world.Aws.EcrExpiresAt = (world.Time.Clock.GetUtcNow() + TimeSpan.FromHours(12)).ToUnixTimeSeconds();
        Assert.Equal(0, (await world.RunAsync()).ExitCode);
        world.Aws.AddSecret(WorldRegistries.DockerHubArn, WorldRegistries.Login(WorldRegistries.RotatedPassword), readerRoleArn: "arn:aws:iam::111122223333:role/someone-else");
        world.Aws.EcrPassword = "eyJzZWNvbmQiOiJydW4gb2YgZWNyIHB1YmxpYyJ9";
        world.Aws.DenyRole(WorldRegistries.PullerRole);
        world.Aws.Script(FakeAwsOperation.GetEcrAuthorizationToken, FakeAwsFailure.AccessDenied);

        var run = await world.RunAsync();

        Assert.Equal((1, "partial"), (run.ExitCode, run.Status));
        var (result, error) = run.Secret("prod-eu", "default");
        Assert.Equal("updated", result);
        Assert.Contains("registry \"docker-hub\"", error, StringComparison.Ordinal);
        Assert.Contains("registry \"private-us\"", error, StringComparison.Ordinal);
        Assert.Contains("registry \"private-eu\"", error, StringComparison.Ordinal);
        Assert.Equal(WorldRegistries.AllServers, Auths(world, "prod-eu", "default"));
        var secrets = WorldRegistries.SensitiveValues(world.Aws, WorldRegistries.DockerHubPassword, WorldRegistries.RotatedPassword);
        WorldRegistries.AssertNoneIn(run.Output, secrets, "the report");
        WorldRegistries.AssertNoneIn(run.Logs, secrets, "the logs");
    }

    private static void WithRegistries(RefreshWorld world)
    {
        var fleet = JsonNode.Parse(File.ReadAllText(world.ConfigPath))!;
        WorldRegistries.Apply(world.Aws, fleet);
        world.WriteFleet(fleet.ToJsonString());
    }

    private static IEnumerable<string> Auths(RefreshWorld world, string cluster, string ns) =>
        JsonNode.Parse(Convert.FromBase64String((string)world[cluster].Store.Get("secrets", ns, RefreshWorld.SecretName)["data"]![KubernetesCluster.DockerConfigKey]!))!
            ["auths"]!.AsObject().Select(pair => pair.Key);
}
