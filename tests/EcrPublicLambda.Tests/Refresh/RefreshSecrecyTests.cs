using System.Text;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary>No secret reaches the report or a log line of <c>bootstrap refresh</c>, even at TRACE and with failures on every path.</summary>
public sealed class RefreshSecrecyTests
{
    private const string Role = RefreshWorld.CrossAccountRole;
    private const string DeniedRole = "arn:aws:iam::210987654321:role/not-for-us";

    [Fact]
    public async Task A_full_refresh_with_failures_leaks_no_password_auth_docker_config_bearer_token_or_secret_key()
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

        var run = await world.RunAsync();

        // Every kind of outcome happened, so every message path was taken.
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("partial", run.Status);
        Assert.Equal(("created", null), run.Secret("prod-eu", "default"));
        Assert.Equal("failed", run.Secret("prod-eu", "locked").Result);
        Assert.Equal("failed", run.Secret("prod-eu", "absent").Result);
        Assert.Equal("conflict", run.Secret("shared-eu", "taken").Result);
        Assert.All(new[] { "other-us", "gone-us", "denied-us" }, name => Assert.Equal("failed", run.ClusterOutcome(name).Status));
        world.AssertSecret("prod-eu", "default");
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
            .ToList();
        foreach (var (text, where) in new[] { (run.Output, "the report"), (run.Logs, "the logs") })
        {
            for (var i = 0; i < secrets.Count; i++)
            {
                Assert.False(text.Contains(secrets[i], StringComparison.Ordinal), $"secret #{i} appears in {where}");
            }
        }
    }
}
