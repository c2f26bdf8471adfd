using System.Text.Json;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary>
/// Clusters of kind <c>kubernetes</c> beside EKS ones: credentials from Secrets Manager (a ServiceAccount token or a
/// client certificate), the same refresh, dry run and cleanup, a refused credential failing its cluster alone.
/// </summary>
public sealed class KubernetesKindScenarioTests
{
    private const string Role = RefreshWorld.CrossAccountRole;

    private static WorldCluster[] Hybrid() =>
    [
        new WorldCluster("eks-eu", "eu-west-1", "default", "apps") { ServiceAccounts = ["default"] },
        new WorldCluster("eks-us", "us-east-1", "default") { EndpointInFleet = true },
        new WorldCluster("onprem-token", "eu-west-1", "default", "apps") { Kubernetes = WorldCredentials.Token, ServiceAccounts = ["default"] },
        new WorldCluster("edge-cert", "eu-central-1", "default") { Kubernetes = WorldCredentials.ClientCertificate, RoleArn = Role },
    ];

    [Fact]
    public async Task Two_eks_and_two_kubernetes_clusters_are_refreshed_dry_run_cleaned_and_cleaned_up_in_single_runs()
    {
        await using var world = await RefreshWorld.StartAsync(Hybrid());
        world["eks-eu"].SeedServiceAccount("default", "default", []);
        world["eks-eu"].SeedServiceAccount("apps", "default", []);
        world["onprem-token"].SeedServiceAccount("default", "default", ["corp"]);
        world["onprem-token"].SeedServiceAccount("apps", "default", []);

        var refresh = await world.RunAsync();

        Assert.Equal(0, refresh.ExitCode);
        Assert.Equal("succeeded", refresh.Status);
        foreach (var (cluster, ns) in new[] { ("eks-eu", "default"), ("eks-eu", "apps"), ("eks-us", "default"), ("onprem-token", "default"), ("onprem-token", "apps"), ("edge-cert", "default") })
        {
            world.AssertSecret(cluster, ns);
        }

        Assert.Equal(["corp", RefreshWorld.SecretName], world["onprem-token"].PullSecretsOf("default", "default"));

        // Each kubernetes cluster authenticated as its own credential says, and nothing was refused anywhere.
        Assert.Equal(["system:serviceaccount:ecr-public-lambda:refresher"], world["onprem-token"].AuthenticatedUsers);
        Assert.Equal(["ecr-public-lambda-edge-cert"], world["edge-cert"].AuthenticatedUsers);
        Assert.All(world.Servers.SelectMany(s => s.Requests), r => Assert.Null(r.AuthenticationFailure));

        // One read of each secret, in its region, signed for secretsmanager; the certificate's through the role that may read it.
        var reads = world.Aws.Requests.Where(r => r.Operation == FakeAwsOperation.GetSecretValue).ToList();
        Assert.Equal(["eu-central-1", "eu-west-1"], reads.Select(r => r.SigningRegion).Order(StringComparer.Ordinal));
        Assert.All(reads, r => Assert.Equal("secretsmanager", r.SigningService));
        Assert.Equal(world.Aws.IssuedCredentials[Role].AccessKeyId, reads.Single(r => r.SigningRegion == "eu-central-1").AccessKeyId);

        // The credentials' end: the token's exp and the certificate's NotAfter, for kubernetes clusters only.
        Assert.True(refresh.Cluster("onprem-token").TryGetProperty("credentialsExpireAt", out var tokenEnd));
        Assert.True(DateTimeOffset.Parse(tokenEnd.GetString()!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddDays(1));
        Assert.True(refresh.Cluster("edge-cert").TryGetProperty("credentialsExpireAt", out _));
        Assert.False(refresh.Cluster("eks-eu").TryGetProperty("credentialsExpireAt", out _));

        var dryRun = await world.CleanupAsync("--dry-run");

        Assert.Equal(0, dryRun.ExitCode);
        Assert.True(dryRun.Report.GetProperty("dryRun").GetBoolean());
        Assert.Equal(["deleted", "deleted"], dryRun.SecretResults("onprem-token"));
        Assert.Equal(["deleted"], dryRun.SecretResults("edge-cert"));
        Assert.Equal(1, world.SecretCount("onprem-token", "default"));
        Assert.Equal(1, world.SecretCount("edge-cert", "default"));

        var cleanup = await world.CleanupAsync();

        Assert.Equal(0, cleanup.ExitCode);
        Assert.Equal("succeeded", cleanup.Status);
        foreach (var (cluster, ns) in new[] { ("eks-eu", "default"), ("eks-us", "default"), ("onprem-token", "apps"), ("edge-cert", "default") })
        {
            Assert.Equal(0, world.SecretCount(cluster, ns));
        }

        Assert.Equal(["corp"], world["onprem-token"].PullSecretsOf("default", "default"));

        // The credentials never reach the report or the logs of any of the three runs.
        foreach (var run in new[] { refresh, dryRun, cleanup })
        {
            foreach (var cluster in new[] { "onprem-token", "edge-cert" })
            {
                var credential = world.CredentialOf(cluster);
                var marker = cluster == "edge-cert" ? credential.Split('\n')[1] : credential;
                Assert.DoesNotContain(marker, run.Output, StringComparison.Ordinal);
                Assert.DoesNotContain(marker, run.Logs, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_revoked_token_fails_only_its_cluster_with_the_secret_named_and_nothing_written_there()
    {
        await using var world = await RefreshWorld.StartAsync(Hybrid());
        world["eks-eu"].SeedServiceAccount("default", "default", []);
        world["eks-eu"].SeedServiceAccount("apps", "default", []);
        world["onprem-token"].RevokeToken(world.CredentialOf("onprem-token"));

        var run = await world.RunAsync();

        Assert.Equal("partial", run.Status);
        Assert.Equal(("failed", $"the credentials in {RefreshWorld.SecretNameOf("onprem-token")} were refused: expired or revoked"), run.ClusterOutcome("onprem-token"));
        Assert.Equal(0, world.SecretCount("onprem-token", "default"));
        foreach (var other in new[] { "eks-eu", "eks-us", "edge-cert" })
        {
            Assert.Equal(("succeeded", null), run.ClusterOutcome(other));
        }

        // A fixed token is not asked for again after a 401: each request was refused once (no renewal, no retry).
        var refused = world["onprem-token"].Requests;
        Assert.All(refused, r => Assert.Equal(401, r.StatusCode));
        Assert.Equal(refused.Count, refused.Select(r => $"{r.Method} {r.Path}{r.Query}").Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(2, refused.Count(r => r.Path.StartsWith("/api/v1/namespaces/", StringComparison.Ordinal) && r.Method == "PATCH"));
        Assert.DoesNotContain(world.CredentialOf("onprem-token"), run.Output + run.Logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_ending_within_a_day_is_reported_with_its_exp_and_warned_about()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("onprem-token", "eu-west-1", "default") { Kubernetes = WorldCredentials.Token, TokenLifetime = TimeSpan.FromHours(3) });

        var run = await world.RunAsync();

        Assert.Equal("succeeded", run.Status);
        var end = DateTimeOffset.Parse(run.Cluster("onprem-token").GetProperty("credentialsExpireAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(end - DateTimeOffset.UtcNow, TimeSpan.FromHours(2), TimeSpan.FromHours(4));
        var warning = Assert.Single(run.Logs.Split('\n'), line => line.Contains("\"eventId\":510", StringComparison.Ordinal));
        Assert.Contains("\"level\":\"WARN\"", warning, StringComparison.Ordinal);
        Assert.Contains(RefreshWorld.SecretNameOf("onprem-token"), warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_the_run_may_not_read_fails_its_cluster_naming_the_secret_and_the_permission()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("edge-cert", "eu-central-1", "default") { Kubernetes = WorldCredentials.ClientCertificate, RoleArn = Role },
            new WorldCluster("eks-eu", "eu-west-1", "default"));
        world.Aws.AddSecret(
            $"arn:aws:secretsmanager:eu-central-1:111122223333:secret:{RefreshWorld.SecretNameOf("edge-cert")}-AbCdEf",
            JsonSerializer.Serialize(new Dictionary<string, string> { ["token"] = "x" }),
            "arn:aws:iam::111122223333:role/someone-else");

        var run = await world.RunAsync();

        Assert.Equal("partial", run.Status);
        var (status, error) = run.ClusterOutcome("edge-cert");
        Assert.Equal("failed", status);
        Assert.StartsWith($"reading secret \"{RefreshWorld.SecretNameOf("edge-cert")}\" was denied: the role needs secretsmanager:GetSecretValue", error, StringComparison.Ordinal);
        Assert.Empty(world["edge-cert"].Requests);
        Assert.Equal(("succeeded", null), run.ClusterOutcome("eks-eu"));
    }
}
