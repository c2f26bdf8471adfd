using System.Text.Encodings.Web;
using System.Text.Json;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Tests.Configuration;
using EcrPublicLambda.Tests.Refresh;

namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>
/// Clusters of kind <c>kubernetes</c> (docs/kubernetes-clusters.md) reached by the published Native AOT bootstrap:
/// an EKS cluster beside one reached with a ServiceAccount token and one with an x509 client certificate, their
/// credentials read from the fake Secrets Manager, once on the command line and twice through the Lambda host in one
/// warm process with the token (revoked) and the client certificate rotated in between. Every output is searched for each credential.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class KubernetesKindEndToEndTests(PublishedBootstrap bootstrap)
{
    private const string Eks = "eks-eu";
    private const string TokenCluster = "onprem-token";
    private const string CertificateCluster = "edge-cert";
    private const string ServiceAccountUser = "system:serviceaccount:ecr-public-lambda:refresher";
    private const string RotatedCommonName = "ecr-public-lambda-edge-cert-2026-12";

    // The scheduled event and the host's log events as the Lambda end-to-end tests use them.
    private const string ScheduledEvent = LambdaEndToEndTests.ScheduledEvent;
    private const int HostReadyEvent = LambdaEndToEndTests.HostReadyEvent;
    private const int InvocationReceivedEvent = LambdaEndToEndTests.InvocationReceivedEvent;

    private static readonly (string Cluster, string Namespace)[] Targets =
        [(Eks, "default"), (Eks, "apps"), (TokenCluster, "default"), (TokenCluster, "apps"), (CertificateCluster, "default")];

    [Fact]
    public async Task Refresh_on_the_command_line_writes_every_namespace_of_an_eks_a_token_and_a_certificate_cluster_and_prints_no_credential()
    {
        await using var world = await StartWorldAsync();

        var outcome = await ChildProcess.RunAsync(
            bootstrap.Executable,
            ["refresh", "--config", world.ConfigPath],
            bootstrap.RepositoryRoot,
            TimeSpan.FromMinutes(2),
            "the end-to-end tests run the published bootstrap",
            world.Variables());

        // Before anything of the output can reach a failure message.
        AssertNoCredentialIn(world, outcome.StandardOutput + outcome.StandardError, []);
        Assert.True(outcome.ExitCode == 0, $"exit code {outcome.ExitCode}:\n{outcome.Tail()}");
        var run = new RefreshRun(outcome.ExitCode, outcome.StandardOutput, outcome.StandardError);
        Assert.Equal("succeeded", run.Status);
        Assert.Equal([Eks, TokenCluster, CertificateCluster], run.ClusterNames);
        foreach (var (cluster, ns) in Targets)
        {
            Assert.Equal(("created", null), run.Secret(cluster, ns));
            world.AssertSecret(cluster, ns);
        }

        Assert.Equal(("added", null), run.Account(Eks, "default", "default"));
        Assert.Equal(["corp", RefreshWorld.SecretName], world[TokenCluster].PullSecretsOf("default", "default"));
        AssertEachClusterAuthenticatedAsItsCredentialSays(world);

        // One read of each cluster's secret, in its region; the certificate's through the role that may read it.
        Assert.Equal(["eu-central-1", "eu-west-1"], SecretReadRegions(world));
        var roleKey = world.Aws.IssuedCredentials[RefreshWorld.CrossAccountRole].AccessKeyId;
        Assert.Equal(roleKey, world.Aws.Requests.Single(r => r.Operation == FakeAwsOperation.GetSecretValue && r.SigningRegion == "eu-central-1").AccessKeyId);

        // The credentials' end: the token's exp and the certificate's NotAfter, for the kubernetes clusters only.
        Assert.True(run.Cluster(TokenCluster).TryGetProperty("credentialsExpireAt", out _));
        Assert.True(run.Cluster(CertificateCluster).TryGetProperty("credentialsExpireAt", out _));
        Assert.False(run.Cluster(Eks).TryGetProperty("credentialsExpireAt", out _));
    }

    [Fact]
    public async Task Scheduled_invocations_in_one_warm_process_read_the_rotated_token_and_certificate_afresh_after_the_old_token_is_revoked()
    {
        await using var world = await StartWorldAsync();
        using var work = new TempDirectory();
        var task = Path.Combine(work.Path, "task");
        FunInvocation.Stage(bootstrap, task, await File.ReadAllTextAsync(world.ConfigPath));
        var firstPassword = world.Aws.EcrPassword;
        var revoked = new List<string>();
        var tokenRequestsBefore = 0;
        await using var pause = await InvocationPause.StartAsync(_ =>
        {
            // Between the two runs: the first one wrote every Secret with the first password and the first token.
            foreach (var (cluster, ns) in Targets)
            {
                world.AssertSecret(cluster, ns, firstPassword);
            }

            tokenRequestsBefore = world[TokenCluster].Requests.Count;
            revoked.Add(world.RotateToken(TokenCluster));
            revoked.Add(world.RotateClientCertificate(CertificateCluster, RotatedCommonName));
            world.Aws.EcrPassword = "eyJwYXlsb2FkIjoic2Vjb25kIHJ1biJ9+kind/e2e-2nd";
            return Task.CompletedTask;
        });
        var environment = world.Variables();
        environment.Remove("AWS_ACCESS_KEY_ID");
        environment.Remove("AWS_SECRET_ACCESS_KEY");
        environment["AWS_LAMBDA_LOG_LEVEL"] = "TRACE";

        var run = await FunInvocation.RunAsync(
            bootstrap,
            work.Path,
            task,
            (FakeAwsServer.AccessKeyId, FakeAwsServer.SecretAccessKey),
            environment,
            [ScheduledEvent, ScheduledEvent],
            text => AssertNoCredentialIn(world, text, [firstPassword, .. revoked]),
            pause);

        pause.ThrowIfFailed();
        Assert.Equal([0], pause.Ran);
        Assert.All(run.Results, result => Assert.Equal((200, (string?)null), (result.StatusCode, result.FunctionError)));
        foreach (var report in run.Results.Select(result => result.Json))
        {
            Assert.Equal("succeeded", report.GetProperty("status").GetString());
            Assert.Equal(
                [$"{Eks} succeeded", $"{TokenCluster} succeeded", $"{CertificateCluster} succeeded"],
                report.GetProperty("clusters").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()} {c.GetProperty("status").GetString()}"));
        }

        // The second run wrote every Secret again (the new password), the token cluster's with the new token: the old
        // one was refused from the pause on, so a token kept from the first run would have failed that cluster.
        foreach (var (cluster, ns) in Targets)
        {
            world.AssertSecret(cluster, ns);
        }

        var secondRun = world[TokenCluster].Requests.Skip(tokenRequestsBefore).ToList();
        Assert.Contains(secondRun, r => r.Method == "PATCH");
        Assert.All(world.Servers.SelectMany(s => s.Requests), r => Assert.Null(r.AuthenticationFailure));
        Assert.Equal([ServiceAccountUser], world[TokenCluster].AuthenticatedUsers);

        // The certificate cluster's new certificate (another CN) was presented from the second run on: no TLS client
        // credentials were kept in the warm process either.
        Assert.Equal(["ecr-public-lambda-" + CertificateCluster, RotatedCommonName], world[CertificateCluster].AuthenticatedUsers);

        // Each run read each secret once: two runs, two reads per region.
        Assert.Equal(["eu-central-1", "eu-central-1", "eu-west-1", "eu-west-1"], SecretReadRegions(world));

        // Both invocations in one process: one init, two invocations.
        Assert.Single(run.Logs(HostReadyEvent));
        Assert.Equal(2, run.Logs(InvocationReceivedEvent).Count);
    }

    /// <summary>One EKS cluster (two namespaces, service account default) and two kubernetes clusters: a token (two namespaces) and a certificate read through a role.</summary>
    private static async Task<RefreshWorld> StartWorldAsync()
    {
        var world = await RefreshWorld.StartAsync(
            new WorldCluster(Eks, "eu-west-1", "default", "apps") { ServiceAccounts = ["default"] },
            new WorldCluster(TokenCluster, "eu-west-1", "default", "apps") { Kubernetes = WorldCredentials.Token, ServiceAccounts = ["default"] },
            new WorldCluster(CertificateCluster, "eu-central-1", "default") { Kubernetes = WorldCredentials.ClientCertificate, RoleArn = RefreshWorld.CrossAccountRole });
        world[Eks].SeedServiceAccount("default", "default", []);
        world[Eks].SeedServiceAccount("apps", "default", []);
        world[TokenCluster].SeedServiceAccount("default", "default", ["corp"]);
        world[TokenCluster].SeedServiceAccount("apps", "default", []);
        return world;
    }

    private static List<string?> SecretReadRegions(RefreshWorld world) =>
        [.. world.Aws.Requests.Where(r => r.Operation == FakeAwsOperation.GetSecretValue).Select(r => r.SigningRegion).Order(StringComparer.Ordinal)];

    /// <summary>Every request was authenticated; the token cluster saw only its ServiceAccount, the certificate cluster only the certificate's CN.</summary>
    private static void AssertEachClusterAuthenticatedAsItsCredentialSays(RefreshWorld world)
    {
        Assert.All(world.Servers.SelectMany(s => s.Requests), r => Assert.Null(r.AuthenticationFailure));
        Assert.Equal([ServiceAccountUser], world[TokenCluster].AuthenticatedUsers.Distinct());
        Assert.Equal(["ecr-public-lambda-" + CertificateCluster], world[CertificateCluster].AuthenticatedUsers.Distinct());
    }

    /// <summary>
    /// Fails if <paramref name="text"/> holds a credential, raw or JSON- or URL-escaped: the kubernetes clusters' current
    /// and <paramref name="earlier"/> tokens (and their signatures) and client keys (each base64 line), the ECR
    /// passwords, the AWS secret keys and session tokens, or anything of an EKS bearer token or presigned URL. Never says which.
    /// </summary>
    private static void AssertNoCredentialIn(RefreshWorld world, string text, IReadOnlyList<string> earlier)
    {
        static IEnumerable<string> Pieces(string credential) =>
            credential.Contains("-----BEGIN", StringComparison.Ordinal)
                ? credential.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith("-----", StringComparison.Ordinal))
                : [credential, credential.Split('.')[^1]];

        var values = new[] { world.CredentialOf(TokenCluster), world.CredentialOf(CertificateCluster) }
            .Concat(earlier)
            .SelectMany(Pieces)
            .Concat([world.Aws.EcrPassword, FakeAwsServer.SecretAccessKey])
            .Concat(world.Aws.IssuedCredentials.Values.SelectMany(c => new[] { c.SecretAccessKey, c.SessionToken ?? c.SecretAccessKey }))
            .SelectMany(value => new[] { value, JsonEncodedText.Encode(value).ToString(), JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(), Uri.EscapeDataString(value) })
            .Append("k8s-aws-v1.")
            .Append("X-Amz-Signature=")
            .Append("PRIVATE KEY");
        foreach (var value in values)
        {
            Assert.False(text.Contains(value, StringComparison.Ordinal), "a credential (or a bearer token) reached the bootstrap's output; the value is withheld");
        }
    }
}
