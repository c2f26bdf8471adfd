using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Tests.Aws;
using EcrPublicLambda.Tests.Refresh;

namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>
/// The published bootstrap as a command line over a fleet with every kind of registry (<see cref="WorldRegistries"/>:
/// ECR Public, private ECR in two regions, one through a role, and a Docker Hub login in Secrets Manager) against the
/// in-process fakes: <c>validate</c> lists what each cluster receives, <c>refresh</c> writes one Secret per namespace
/// with every server's credentials, and neither prints a credential.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CliRegistriesEndToEndTests(PublishedBootstrap bootstrap)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Validate_lists_what_each_cluster_receives_and_refresh_writes_every_registry_into_one_Secret_without_printing_a_credential()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("edge-a", "eu-west-1", "team-a", "team-b"),
            new WorldCluster("edge-b", "us-west-2", "team-c"));
        var fleet = JsonNode.Parse(File.ReadAllText(world.ConfigPath))!;
        WorldRegistries.Apply(world.Aws, fleet);
        fleet["clusters"]![1]!["registries"] = new JsonArray("private-us", "docker-hub");
        world.WriteFleet(fleet.ToJsonString());
        var environment = world.Variables();
        environment["AWS_LAMBDA_LOG_LEVEL"] = "DEBUG";

        var validate = await RunAsync(["validate", "--config", world.ConfigPath], environment);

        Assert.True(validate.ExitCode == 0, validate.Tail());
        Assert.Equal(
            [
                $"ok: 2 clusters, 3 namespaces, 0 service accounts, secret \"{RefreshWorld.SecretName}\" ({world.ConfigPath})",
                "registry \"ecr-public\": ECR Public, written for public.ecr.aws, ecr-public.aws.com",
                "registry \"private-eu\": ECR 111122223333 in eu-west-1, written for 111122223333.dkr.ecr.eu-west-1.amazonaws.com, 111122223333.dkr-ecr.eu-west-1.on.aws",
                "registry \"777788889999.dkr.ecr.eu-west-1.amazonaws.com\": ECR 777788889999 in eu-west-1, written for 777788889999.dkr.ecr.eu-west-1.amazonaws.com, 777788889999.dkr-ecr.eu-west-1.on.aws",
                "registry \"private-us\": ECR 444455556666 in us-west-2 as arn:aws:iam::444455556666:role/ecr-puller, written for 444455556666.dkr.ecr.us-west-2.amazonaws.com, 444455556666.dkr-ecr.us-west-2.on.aws",
                $"registry \"docker-hub\": {WorldRegistries.DockerHub} from Secrets Manager {WorldRegistries.DockerHubArn[..^7]}, written for {WorldRegistries.DockerHub}",
                "cluster \"edge-a\" (eu-west-1) receives: ecr-public, private-eu, 777788889999.dkr.ecr.eu-west-1.amazonaws.com, private-us, docker-hub",
                "cluster \"edge-b\" (us-west-2) receives: private-us, docker-hub",
                string.Empty,
            ],
            validate.StandardOutput.Split('\n'));
        Assert.Empty(world.Aws.Requests);

        var refresh = await RunAsync(["refresh", "--config", world.ConfigPath], environment);

        Assert.True(refresh.ExitCode == 0, refresh.Tail());
        using var report = JsonDocument.Parse(refresh.StandardOutput);
        Assert.Equal("succeeded", report.RootElement.GetProperty("status").GetString());
        Assert.Contains("\"level\":\"DEBUG\"", refresh.StandardError, StringComparison.Ordinal);
        var dockerHub = (WorldRegistries.DockerHubUser, WorldRegistries.DockerHubPassword);
        var ecrPublic = ("AWS", world.Aws.EcrPassword);
        var eu = ("AWS", world.Aws.PrivateEcrPassword("eu-west-1"));
        var us = ("AWS", world.Aws.PrivateEcrPassword("us-west-2"));
        foreach (var (cluster, ns) in new[] { ("edge-a", "team-a"), ("edge-a", "team-b") })
        {
            AssertAuths(world, cluster, ns, WorldRegistries.AllServers, [ecrPublic, ecrPublic, eu, eu, eu, eu, us, us, dockerHub]);
        }

        AssertAuths(world, "edge-b", "team-c", WorldRegistries.AllServers[^3..], [us, us, dockerHub]);

        var secrets = WorldRegistries.SensitiveValues(world.Aws);
        secrets.Add((string)world["edge-a"].Store.Get("secrets", "team-a", RefreshWorld.SecretName)["data"]![KubernetesCluster.DockerConfigKey]!);
        secrets.Add("k8s-aws-v1.");
        foreach (var (run, what) in new[] { (validate, "validate"), (refresh, "refresh") })
        {
            WorldRegistries.AssertNoneIn(run.StandardOutput, secrets, $"the stdout of {what}");
            WorldRegistries.AssertNoneIn(run.StandardError, secrets, $"the stderr of {what}");
        }
    }

    private static void AssertAuths(RefreshWorld world, string cluster, string ns, string[] servers, (string User, string Password)[] logins)
    {
        var secret = world[cluster].Store.Get("secrets", ns, RefreshWorld.SecretName);
        Assert.Equal(string.Join(",", servers), (string?)secret["metadata"]!["annotations"]![KubernetesCluster.RegistriesAnnotation]);
        var auths = JsonNode.Parse(Convert.FromBase64String((string)secret["data"]![KubernetesCluster.DockerConfigKey]!))!["auths"]!.AsObject();
        Assert.Equal(servers, auths.Select(pair => pair.Key));
        for (var i = 0; i < servers.Length; i++)
        {
            var entry = auths[servers[i]]!.AsObject();
            var (user, password) = logins[i];
            Assert.Equal(["username", "password", "auth"], entry.Select(pair => pair.Key));
            Assert.Equal(user, (string?)entry["username"]);
            SecretAssert.Equal(password, (string?)entry["password"], $"{cluster}/{ns} {servers[i]} password");
            SecretAssert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")), (string?)entry["auth"], $"{cluster}/{ns} {servers[i]} auth");
        }
    }

    private Task<ProcessOutcome> RunAsync(string[] arguments, IReadOnlyDictionary<string, string> environment) =>
        ChildProcess.RunAsync(bootstrap.Executable, arguments, bootstrap.RepositoryRoot, RunTimeout, $"bootstrap {arguments[0]}", environment);
}
