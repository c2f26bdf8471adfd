using System.Text.Json;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Tests.Refresh;

namespace EcrPublicLambda.Tests.Hosting.Lambda;

/// <summary>
/// <c>{"cleanup": true}</c> through the Lambda host as production composes it, against the fake AWS and API servers:
/// the same cleanup as <c>bootstrap cleanup</c>, answered with its report, and metrics that never count as a refresh.
/// </summary>
[Collection(LambdaHostCollection.Name)]
public sealed class LambdaCleanupTests
{
    private const string Name = RefreshWorld.SecretName;

    private static async Task<(RefreshWorld World, LambdaHarness Host)> StartAsync()
    {
        var world = await RefreshWorld.StartAsync(
            new WorldCluster("prod-eu", "eu-west-1", "apps") { ServiceAccounts = ["default"] },
            new WorldCluster("prod-us", "us-east-1", "apps") { ServiceAccounts = ["default"] });
        foreach (var cluster in new[] { "prod-eu", "prod-us" })
        {
            world[cluster].SeedServiceAccount("apps", "default", ["docker-hub"]);
        }

        var variables = world.Variables();
        variables["CONFIG_FILE"] = world.ConfigPath;
        return (world, await LambdaHarness.StartComposedAsync(variables, world.Time.Clock));
    }

    [Fact]
    public async Task A_cleanup_payload_deletes_our_Secrets_answers_the_report_and_emits_no_RunSucceeded()
    {
        var (world, host) = await StartAsync();
        await using var _ = world;
        await using var __ = host;
        Assert.False((await host.InvokeAsync("{}")).IsError);
        Assert.Equal(["docker-hub", Name], world["prod-eu"].PullSecretsOf("apps", "default"));

        var outcome = await host.InvokeAsync("""{"cleanup": true}""");

        Assert.False(outcome.IsError, outcome.Body);
        var report = outcome.Json;
        Assert.Equal("cleanup", report.GetProperty("operation").GetString());
        Assert.Equal("succeeded", report.GetProperty("status").GetString());
        foreach (var cluster in new[] { "prod-eu", "prod-us" })
        {
            Assert.Equal(0, world.SecretCount(cluster, "apps"));
            Assert.Equal(["docker-hub"], world[cluster].PullSecretsOf("apps", "default"));
        }

        var metrics = host.Out.Metrics;
        Assert.Equal(2, metrics.Count);
        Assert.Equal(1, metrics[0].GetProperty("RunSucceeded").GetInt32());
        Assert.False(metrics[1].TryGetProperty("RunSucceeded", out JsonElement _));
        Assert.Equal(2, metrics[1].GetProperty("SecretsDeleted").GetInt32());
        Assert.DoesNotContain("RunSucceeded", metrics[1].GetProperty("_aws").GetRawText(), StringComparison.Ordinal);
        Assert.Contains(host.Out.Logs, line => line.GetProperty("eventId").GetInt32() == 406
            && line.GetProperty("operation").GetString() == "cleanup"
            && line.GetProperty("message").GetString() == "cleanup succeeded in " + report.GetProperty("durationMs").GetInt64() + " ms: 2 cluster(s), 2 succeeded, 0 partial, 0 failed (dry run False)");
    }

    [Fact]
    public async Task A_dry_run_cleanup_of_one_cluster_persists_nothing()
    {
        var (world, host) = await StartAsync();
        await using var _ = world;
        await using var __ = host;
        Assert.False((await host.InvokeAsync("{}")).IsError);
        var before = world.Snapshot("prod-eu") + world.Snapshot("prod-us");

        var outcome = await host.InvokeAsync("""{"cleanup": true, "clusters": ["prod-eu"], "dryRun": true}""");

        Assert.False(outcome.IsError, outcome.Body);
        Assert.True(outcome.Json.GetProperty("dryRun").GetBoolean());
        Assert.Equal(["prod-eu"], outcome.Json.GetProperty("clusters").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("deleted", outcome.Json.GetProperty("clusters")[0].GetProperty("secrets")[0].GetProperty("result").GetString());
        Assert.Equal(before, world.Snapshot("prod-eu") + world.Snapshot("prod-us"));
        Assert.DoesNotContain(world["prod-us"].Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task A_foreign_Secret_makes_a_CleanupIncomplete_error_and_stays()
    {
        var (world, host) = await StartAsync();
        await using var _ = world;
        await using var __ = host;
        world["prod-us"].SeedSecret("apps", Name, KubernetesCluster.SecretType,
            new Dictionary<string, string> { [KubernetesCluster.DockerConfigKey] = """{"auths":{}}""" });
        var before = world["prod-us"].Store.RawJson("secrets", "apps", Name);

        var outcome = await host.InvokeAsync("""{"cleanup": true}""");

        Assert.True(outcome.IsError);
        Assert.Equal("CleanupIncomplete", outcome.ErrorType);
        Assert.StartsWith("cleanup partial (2 cluster(s)): prod-us (us-east-1) apps: secret conflict: ", outcome.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(before, world["prod-us"].Store.RawJson("secrets", "apps", Name));
        Assert.False(host.Out.Metrics.Single().TryGetProperty("RunSucceeded", out JsonElement _));
        Assert.Equal(1, host.Out.Metrics.Single().GetProperty("SecretConflicts").GetInt32());
    }
}
