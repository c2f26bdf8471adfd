using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Tests.Aws;
using EcrPublicLambda.Tests.Configuration;
using EcrPublicLambda.Tests.Refresh;
using Xunit.Sdk;

namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>
/// The published bootstrap in a task folder of its own (a copy of it, with <c>clusters.json</c> beside it), run by
/// @vercel/fun through <c>tests/e2e/fun-invoke.js</c>, and the in-process fakes it talks to on 127.0.0.1: AWS (ECR Public,
/// EKS, STS) and three Kubernetes API servers. Cluster <c>alpha</c> is registered with its endpoint and CA; cluster
/// <c>beta</c> is found through the fake EKS DescribeCluster; cluster <c>gamma</c> is reached through a role (STS
/// AssumeRole, then DescribeCluster and the bearer token with the role's credentials). Every run's output is checked
/// for secret values.
/// </summary>
internal sealed class FunctionUnderTest : IAsyncDisposable
{
    internal const string SecretName = "ecr-public-token";
    internal const string Alpha = "alpha";
    internal const string Beta = "beta";
    internal const string Gamma = "gamma";
    internal const string GammaRole = "arn:aws:iam::210987654321:role/ecr-public-writer";

    /// <summary>The ECR Public password the fake hands out: unlike any other string of the run, so a leak is unambiguous.</summary>
    internal const string Password = "eyJwYXlsb2FkIjoiRTJFLXBhc3N3b3JkIn0=+e2e/Pw-7f3a9c";

    private readonly PublishedBootstrap bootstrap;
    private readonly TempDirectory work = new();
    private bool registries;

    private FunctionUnderTest(PublishedBootstrap bootstrap, FakeAwsServer aws, FakeKubernetesServer alpha, FakeKubernetesServer beta, FakeKubernetesServer gamma)
    {
        this.bootstrap = bootstrap;
        Aws = aws;
        AlphaServer = alpha;
        BetaServer = beta;
        GammaServer = gamma;
    }

    /// <summary>The caller's keys (fun hands them to the function); both fakes know them and check signatures made with them.</summary>
    internal static FakeKubernetesCredential Caller => FakeKubernetesCredential.Example;

    /// <summary>
    /// The keys the fake STS issues for gamma's role (preset with <see cref="FakeAwsServer.SetRoleKeys"/>): gamma's API
    /// server trusts only them, so its Secret proves the function signed with the assumed role.
    /// </summary>
    internal static FakeKubernetesCredential RoleCredential { get; } = new(
        "ASIAFAKEROLE00000001", "role/secret+0001/abcdefghijklmnopqrstuvwx", "arn:aws:sts::210987654321:assumed-role/ecr-public-writer/ecr-public-lambda");

    /// <summary>The ECR Public token's expiry as the fake gives it (epoch seconds, fractional), to the second.</summary>
    internal static DateTimeOffset TokenExpiresAt { get; } = DateTimeOffset.FromUnixTimeSeconds(1_795_694_399);

    internal FakeAwsServer Aws { get; }

    internal FakeKubernetesServer AlphaServer { get; }

    internal FakeKubernetesServer BetaServer { get; }

    internal FakeKubernetesServer GammaServer { get; }

    internal string TaskDirectory => Path.Combine(work.Path, "task");

    /// <summary>
    /// Starts the fakes and stages the task folder. <paramref name="alphaNamespaces"/> (default: <c>default</c> and
    /// <c>monitoring</c>) are registered for alpha, whose server has <c>default</c>, <c>monitoring</c> and
    /// <c>kube-system</c>; alpha also asks for service account <c>default</c>.
    /// </summary>
    internal static Task<FunctionUnderTest> StartAsync(PublishedBootstrap bootstrap, params string[] alphaNamespaces) =>
        StartCoreAsync(bootstrap, registries: false, alphaNamespaces);

    /// <summary>
    /// As <see cref="StartAsync(PublishedBootstrap, string[])"/>, with the fleet's <c>registries</c> of
    /// <see cref="WorldRegistries"/> (ECR Public, private ECR in two regions, one through a role, and a Docker Hub login in
    /// the fake Secrets Manager): every Secret holds <see cref="WorldRegistries.AllServers"/>.
    /// </summary>
    internal static Task<FunctionUnderTest> StartWithRegistriesAsync(PublishedBootstrap bootstrap) =>
        StartCoreAsync(bootstrap, registries: true, []);

    private static async Task<FunctionUnderTest> StartCoreAsync(PublishedBootstrap bootstrap, bool registries, string[] alphaNamespaces)
    {
        var aws = await FakeAwsServer.StartAsync();
        aws.AddCredentials(Caller.AccessKeyId, Caller.SecretAccessKey);
        aws.EcrPassword = Password;
        aws.SetRoleKeys(GammaRole, RoleCredential.AccessKeyId, RoleCredential.SecretAccessKey);
        aws.EcrExpiresAt = TokenExpiresAt.ToUnixTimeSeconds() + 0.5;
        var alpha = await FakeKubernetesServer.StartAsync(new FakeKubernetesOptions { ClusterName = Alpha, Region = "eu-west-1", Namespaces = ["default", "monitoring", "kube-system"] });
        var beta = await FakeKubernetesServer.StartAsync(new FakeKubernetesOptions { ClusterName = Beta, Region = "us-west-2", Namespaces = ["apps", "default"] });
        var gamma = await FakeKubernetesServer.StartAsync(new FakeKubernetesOptions { ClusterName = Gamma, Region = "us-east-2", Namespaces = ["default"], Credentials = [RoleCredential] });
        aws.AddCluster(new FakeEksCluster(Beta, "us-west-2", beta.Endpoint.AbsoluteUri, beta.CertificateAuthority));
        aws.AddCluster(new FakeEksCluster(Gamma, "us-east-2", gamma.Endpoint.AbsoluteUri, gamma.CertificateAuthority));
        alpha.SeedServiceAccount("default", "default", ["registry-mirror"]);
        alpha.SeedServiceAccount("monitoring", "default", []);

        var function = new FunctionUnderTest(bootstrap, aws, alpha, beta, gamma) { registries = registries };
        function.StageTaskDirectory(alphaNamespaces.Length > 0 ? alphaNamespaces : ["default", "monitoring"]);
        return function;
    }

    /// <summary>
    /// Invokes the function once per payload, in order, in ONE function process under @vercel/fun; fails if fun-invoke.js
    /// fails, gives other than one answer per payload, or if any secret value shows in the captured output.
    /// </summary>
    internal async Task<FunRun> InvokeAsync(params string[] payloads)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_ENDPOINT_URL_ECR_PUBLIC"] = Aws.Endpoint.AbsoluteUri,
            ["AWS_ENDPOINT_URL_EKS"] = Aws.Endpoint.AbsoluteUri,
            ["AWS_ENDPOINT_URL_STS"] = Aws.Endpoint.AbsoluteUri,
            ["AWS_ENDPOINT_URL_ECR"] = Aws.Endpoint.AbsoluteUri,
            ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = Aws.Endpoint.AbsoluteUri,
            ["AWS_ENDPOINT_URL_SSM"] = Aws.Endpoint.AbsoluteUri,
            ["AWS_ENDPOINT_URL_LAMBDA"] = Aws.Endpoint.AbsoluteUri,
            ["AWS_LAMBDA_LOG_LEVEL"] = "TRACE",
        };
        return await FunInvocation.RunAsync(
            bootstrap,
            work.Path,
            TaskDirectory,
            (Caller.AccessKeyId, Caller.SecretAccessKey),
            environment,
            payloads,
            AssertNothingSecretIn);
    }

    /// <summary>Replaces the staged <c>clusters.json</c> (e.g. with an invalid fleet).</summary>
    internal void ReplaceFleet(string json) => File.WriteAllText(Path.Combine(TaskDirectory, "clusters.json"), json);

    /// <summary>Fails unless the fake STS issued gamma's role exactly the credentials gamma's API server was told to expect.</summary>
    internal void AssertRoleCredentialsAsExpected()
    {
        Assert.True(Aws.IssuedCredentials.TryGetValue(GammaRole, out var issued), "the function did not assume gamma's role");
        Assert.Equal(RoleCredential.AccessKeyId, issued.AccessKeyId);
        SecretAssert.Equal(RoleCredential.SecretAccessKey, issued.SecretAccessKey, "the issued role secret key");
    }

    /// <summary>The stored Secret's fields, or null when there is none.</summary>
    internal static JsonObject? StoredSecret(FakeKubernetesServer server, string ns) =>
        server.Store.RawJson("secrets", ns, SecretName) is { } json ? JsonNode.Parse(json)!.AsObject() : null;

    /// <summary>
    /// Fails unless <paramref name="server"/> holds in <paramref name="ns"/> the Secret the function writes: type, label,
    /// annotation, field manager, and a <c>.dockerconfigjson</c> with the kubectl-style entry for both registry hosts.
    /// </summary>
    internal static void AssertSecretWritten(FakeKubernetesServer server, string ns) =>
        AssertSecretWritten(server, ns, ["ecr-public.aws.com", "public.ecr.aws"], _ => ("AWS", Password));

    /// <summary>
    /// As <see cref="AssertSecretWritten(FakeKubernetesServer, string)"/> for a fleet with <see cref="WorldRegistries"/>:
    /// an entry for every server, each with its registry's credentials.
    /// </summary>
    internal void AssertSecretWrittenWithRegistries(FakeKubernetesServer server, string ns) =>
        AssertSecretWritten(server, ns, [.. WorldRegistries.AllServers.Order(StringComparer.Ordinal)], host => host switch
        {
            WorldRegistries.DockerHub => (WorldRegistries.DockerHubUser, WorldRegistries.DockerHubPassword),
            _ when host.Contains(".eu-west-1.", StringComparison.Ordinal) => ("AWS", Aws.PrivateEcrPassword("eu-west-1")),
            _ when host.Contains(".us-west-2.", StringComparison.Ordinal) => ("AWS", Aws.PrivateEcrPassword("us-west-2")),
            _ => ("AWS", Password),
        });

    private static void AssertSecretWritten(FakeKubernetesServer server, string ns, string[] servers, Func<string, (string User, string Password)> login)
    {
        var secret = StoredSecret(server, ns) ?? throw new XunitException($"{server.ClusterName}: no Secret {ns}/{SecretName}");
        Assert.Equal("kubernetes.io/dockerconfigjson", (string?)secret["type"]);
        var metadata = secret["metadata"]!;
        Assert.Equal("ecr-public-lambda", (string?)metadata["labels"]?["app.kubernetes.io/managed-by"]);
        Assert.Equal("2026-11-26T11:59:59Z", (string?)metadata["annotations"]?["ecr-public-lambda/expires-at"]);
        Assert.Contains(metadata["managedFields"]!.AsArray(), entry => (string?)entry!["manager"] == "ecr-public-lambda" && (string?)entry["operation"] == "Apply");

        var data = secret["data"]!.AsObject();
        Assert.Equal([".dockerconfigjson"], data.Select(pair => pair.Key));
        using var config = JsonDocument.Parse(Convert.FromBase64String((string)data[".dockerconfigjson"]!));
        var auths = config.RootElement.GetProperty("auths");
        Assert.Equal(servers, auths.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var (host, entry) in auths.EnumerateObject().Select(p => (p.Name, p.Value)))
        {
            var (user, password) = login(host);
            Assert.Equal(["auth", "password", "username"], entry.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal(user, entry.GetProperty("username").GetString());
            SecretAssert.Equal(password, entry.GetProperty("password").GetString(), $"the Secret's password for {host}");
            SecretAssert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")), entry.GetProperty("auth").GetString(), $"the Secret's auth for {host}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Aws.DisposeAsync();
        await AlphaServer.DisposeAsync();
        await BetaServer.DisposeAsync();
        await GammaServer.DisposeAsync();
        work.Dispose();
    }

    /// <summary>
    /// Fails if <paramref name="text"/> (e.g. a CloudFormation answer) holds a secret: the password and what is derived
    /// from it (auth, the .dockerconfigjson in base64), every registry credential of <see cref="WorldRegistries"/> in
    /// every form, the secret access keys, or anything of a bearer token or presigned URL.
    /// </summary>
    internal void AssertNothingSecretIn(string text)
    {
        var issued = Aws.IssuedCredentials.Values.SelectMany(c => new[] { c.SecretAccessKey, c.SessionToken! });
        var sensitive = new DockerConfigSecret(Password, TokenExpiresAt).SensitiveValues()
            .Concat(new[] { Caller.SecretAccessKey, RoleCredential.SecretAccessKey }.Concat(issued).SelectMany(key => new[] { key, Uri.EscapeDataString(key) }))
            .Concat(WorldRegistries.SensitiveValues(Aws, WorldRegistries.DockerHubPassword, WorldRegistries.RotatedPassword))
            .Append("k8s-aws-v1.")
            .Append("X-Amz-Signature=");
        foreach (var value in sensitive)
        {
            Assert.False(text.Contains(value, StringComparison.Ordinal), "a secret value (or a bearer token) reached the function's output; the value is withheld");
        }
    }

    private void StageTaskDirectory(IReadOnlyList<string> alphaNamespaces)
    {
        var fleet = new JsonObject
        {
            ["secretName"] = SecretName,
            ["clusters"] = new JsonArray(
                new JsonObject
                {
                    ["name"] = Alpha,
                    ["region"] = AlphaServer.Region,
                    ["namespaces"] = new JsonArray([.. alphaNamespaces.Select(ns => (JsonNode)ns)]),
                    ["serviceAccounts"] = new JsonArray("default"),
                    ["endpoint"] = AlphaServer.Endpoint.AbsoluteUri,
                    ["certificateAuthority"] = AlphaServer.CertificateAuthority,
                },
                new JsonObject
                {
                    ["name"] = Beta,
                    ["region"] = BetaServer.Region,
                    ["namespaces"] = new JsonArray("apps"),
                },
                new JsonObject
                {
                    ["name"] = Gamma,
                    ["region"] = GammaServer.Region,
                    ["namespaces"] = new JsonArray("default"),
                    ["roleArn"] = GammaRole,
                }),
        };
        if (registries)
        {
            WorldRegistries.Apply(Aws, fleet);
        }

        FunInvocation.Stage(bootstrap, TaskDirectory, fleet.ToJsonString());
    }
}
