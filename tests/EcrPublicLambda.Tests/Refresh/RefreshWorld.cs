using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using EcrPublicLambda.Aws;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Hosting;
using EcrPublicLambda.Hosting.Logging;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Refresh;
using EcrPublicLambda.Tests.Aws;
using EcrPublicLambda.Tests.Common;
using EcrPublicLambda.Tests.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary>
/// A fake AWS (ECR Public, EKS, STS) and one fake Kubernetes API server (HTTPS, EKS token authentication) per cluster,
/// a fleet file listing them, and <c>bootstrap refresh</c> run through the real composition
/// (<see cref="App.RunAsync(string[], HostContext)"/>) with the real JSON logger, its stdout and stderr captured.
/// </summary>
internal sealed class RefreshWorld : IAsyncDisposable
{
    internal const string SecretName = EcrPublicLambda.Configuration.Fleet.DefaultSecretName;

    /// <summary>The expiry the fake ECR Public hands out (epoch 1795694399.123), as the report and the annotation show it.</summary>
    internal const string TokenExpiresAt = "2026-11-26T11:59:59Z";

    /// <summary>The IAM principal the run's own keys belong to.</summary>
    internal const string CallerArn = "arn:aws:iam::111122223333:role/ecr-public-lambda";

    /// <summary>A role in another account that clusters can be reached through (<see cref="WorldCluster.RoleArn"/>).</summary>
    internal const string CrossAccountRole = "arn:aws:iam::210987654321:role/ecr-public-writer";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly Dictionary<string, FakeKubernetesServer> servers = new(StringComparer.Ordinal);
    private readonly TempDirectory directory = new();
    private readonly HttpClient http = new();
    private readonly List<Socket> reservedPorts = [];
    private readonly List<FakeHungServer> hung = [];
    private readonly Dictionary<string, string> credentialValues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Arn, string? ReaderRoleArn)> credentialSecrets = new(StringComparer.Ordinal);

    private readonly TimeProvider serverClock;

    private RefreshWorld(FakeAwsServer aws, TimeProvider serverClock) => (Aws, this.serverClock) = (aws, serverClock);

    internal FakeAwsServer Aws { get; }

    /// <summary>The run's clock and its retry waits: a fake clock, started now, that moves on by each wait the run starts.</summary>
    internal RetryTime Time { get; } = new();

    internal string ConfigPath => Path.Combine(directory.Path, "clusters.json");

    /// <summary>The fake API server of <paramref name="cluster"/> (none for an unreachable one).</summary>
    internal FakeKubernetesServer this[string cluster] => servers[cluster];

    internal IEnumerable<FakeKubernetesServer> Servers => servers.Values;

    /// <summary>The credentials in a <c>kubernetes</c> cluster's secret: the token, or the client key PEM.</summary>
    internal string CredentialOf(string cluster) => credentialValues[cluster];

    /// <summary>
    /// Rotates the ServiceAccount token of a <c>kubernetes</c> cluster: a new token from its API server is stored in the
    /// same secret, then the old one is revoked at once (refused from now on; docs/kubernetes-clusters.md waits for a
    /// run before revoking, so this is the harder case). Gives the old token.
    /// </summary>
    internal string RotateToken(string cluster)
    {
        var token = servers[cluster].IssueServiceAccountToken("ecr-public-lambda", "refresher", serverClock.GetUtcNow() + TimeSpan.FromDays(2));
        var old = ReplaceCredentials(cluster, new JsonObject { ["token"] = token }, token);
        servers[cluster].RevokeToken(old);
        return old;
    }

    /// <summary>
    /// Stores a new client certificate for <paramref name="commonName"/> (signed by the cluster's CA) in the secret of a
    /// <c>kubernetes</c> cluster; the old one stays valid, as x509 client certificates cannot be revoked in Kubernetes.
    /// Gives the old key PEM.
    /// </summary>
    internal string RotateClientCertificate(string cluster, string commonName)
    {
        var (certificate, key) = servers[cluster].IssueClientCertificate(commonName);
        return ReplaceCredentials(cluster, new JsonObject { ["clientCertificate"] = certificate, ["clientKey"] = key }, key);
    }

    /// <summary>Puts a new value in a <c>kubernetes</c> cluster's secret (as PutSecretValue would); gives the credential it held.</summary>
    private string ReplaceCredentials(string cluster, JsonObject value, string credential)
    {
        var old = credentialValues[cluster];
        var (arn, reader) = credentialSecrets[cluster];
        Aws.AddSecret(arn, value.ToJsonString(), reader);
        credentialValues[cluster] = credential;
        return old;
    }

    /// <summary>The secret name a <c>kubernetes</c> cluster's credentials are in (as its ARN gives it).</summary>
    internal static string SecretNameOf(string cluster) => $"ecr-public-lambda/{cluster}";

    /// <summary>Every request any fake (AWS or Kubernetes) received.</summary>
    internal int RequestCount => Aws.Requests.Count + servers.Values.Sum(server => server.Requests.Count);

    /// <param name="clockSkew">How far the true time (the fakes' clock: AWS's and the API servers') is ahead of the run's machine clock (behind when negative).</param>
    internal static async Task<RefreshWorld> StartAsync(IEnumerable<WorldCluster> clusters, bool adoptExisting = false, TimeSpan clockSkew = default)
    {
        var serverClock = clockSkew == TimeSpan.Zero ? TimeProvider.System : new FakeSkewedClock(TimeProvider.System, clockSkew);
        var world = new RefreshWorld(await FakeAwsServer.StartAsync(serverClock), serverClock);
        try
        {
            var entries = new JsonArray();
            var index = 0;
            foreach (var cluster in clusters)
            {
                entries.Add(await world.AddAsync(cluster, ++index));
            }

            world.WriteFleet(new JsonObject { ["adoptExisting"] = adoptExisting, ["clusters"] = entries }.ToJsonString());
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    internal static Task<RefreshWorld> StartAsync(params WorldCluster[] clusters) => StartAsync(clusters, adoptExisting: false);

    internal void WriteFleet(string json) => File.WriteAllText(ConfigPath, json);

    /// <summary>Runs <c>bootstrap refresh --config FILE</c> with <paramref name="arguments"/>.</summary>
    internal Task<RefreshRun> RunAsync(params string[] arguments) => CommandAsync("refresh", arguments);

    /// <summary>Runs <c>bootstrap cleanup --config FILE</c> with <paramref name="arguments"/>.</summary>
    internal Task<RefreshRun> CleanupAsync(params string[] arguments) => CommandAsync("cleanup", arguments);

    /// <summary>Runs <c>bootstrap status --config FILE</c> with <paramref name="arguments"/>.</summary>
    internal Task<RefreshRun> StatusAsync(params string[] arguments) => CommandAsync("status", arguments);

    /// <summary>Runs <c>bootstrap COMMAND --config FILE</c> with <paramref name="arguments"/>, writing to <paramref name="terminal"/> (default: no terminal).</summary>
    internal async Task<RefreshRun> CommandAsync(string command, string[] arguments, TerminalInfo? terminal = null)
    {
        using var output = new StringWriter();
        using var logs = new StringWriter();
        var errors = TextWriter.Synchronized(logs);
        int code;
        using (var provider = new JsonLoggerProvider(errors, LogLevel.Trace, Time.Clock))
        using (var loggers = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Trace)
            .AddProvider(provider)
            .AddProvider(new FakeLoggerProvider(Time.Logger.Collector))))
        {
            var context = new HostContext(Environment(), output, errors, http, Time.Clock, loggers.CreateLogger(App.LoggerCategory), CancellationToken.None, terminal);
            code = await App.RunAsync([command, "--config", ConfigPath, .. arguments], context).WaitAsync(Patience);
        }

        return new RefreshRun(code, output.ToString(), logs.ToString());
    }

    /// <summary>Every Secret and ServiceAccount of every namespace of the cluster, as the API server lists them.</summary>
    internal string Snapshot(string cluster)
    {
        var store = this[cluster].Store;
        var text = new StringBuilder(store.ListNamespaces().ToJsonString());
        foreach (var ns in store.ListNamespaces()["items"]!.AsArray().Select(item => (string)item!["metadata"]!["name"]!))
        {
            text.Append(store.List("secrets", ns).ToJsonString()).Append(store.List("serviceaccounts", ns).ToJsonString());
        }

        return text.ToString();
    }

    /// <summary>Asserts that the cluster's Secret in <paramref name="ns"/> is ours and carries <paramref name="password"/> (the default: the fake's current one).</summary>
    internal void AssertSecret(string cluster, string ns, string? password = null)
    {
        password ??= Aws.EcrPassword;
        var secret = this[cluster].Store.Get("secrets", ns, SecretName);
        Assert.Equal(KubernetesCluster.SecretType, (string?)secret["type"]);
        Assert.Equal(KubernetesCluster.FieldManager, (string?)secret["metadata"]!["labels"]![KubernetesCluster.ManagedByLabel]);
        Assert.Equal(TokenExpiresAt, (string?)secret["metadata"]!["annotations"]![KubernetesCluster.ExpiresAtAnnotation]);
        var config = JsonNode.Parse(Convert.FromBase64String((string)secret["data"]![KubernetesCluster.DockerConfigKey]!))!;
        var auths = config["auths"]!.AsObject();
        Assert.Equal(["public.ecr.aws", "ecr-public.aws.com"], auths.Select(pair => pair.Key));
        foreach (var (_, entry) in auths)
        {
            Assert.Equal("AWS", (string?)entry!["username"]);
            SecretAssert.Equal(password, (string?)entry["password"], $"{cluster}/{ns} password");
            SecretAssert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:" + password)), (string?)entry["auth"], $"{cluster}/{ns} auth");
        }
    }

    internal int SecretCount(string cluster, string ns) => this[cluster].Store.List("secrets", ns)["items"]!.AsArray().Count;

    public async ValueTask DisposeAsync()
    {
        foreach (var server in servers.Values)
        {
            await server.DisposeAsync();
        }

        foreach (var server in hung)
        {
            await server.DisposeAsync();
        }

        await Aws.DisposeAsync();
        reservedPorts.ForEach(socket => socket.Dispose());
        http.Dispose();
        directory.Dispose();
    }

    private async Task<JsonObject> AddAsync(WorldCluster cluster, int index)
    {
        var keys = cluster.RoleArn is { } role
            ? new FakeKubernetesCredential($"ASIAWORLDROLE{index:D4}", $"world/role+secret/{index:D4}/abcdefghij", role)
            : cluster.TrustsOtherKeys
                ? FakeKubernetesCredential.Example
                : new FakeKubernetesCredential(FakeAwsServer.AccessKeyId, FakeAwsServer.SecretAccessKey, CallerArn);
        if (cluster.RoleArn is not null)
        {
            Aws.SetRoleKeys(cluster.RoleArn, keys.AccessKeyId, keys.SecretAccessKey);
        }

        string endpoint;
        string authority;
        if (cluster.Hung)
        {
            var server = FakeHungServer.Start();
            hung.Add(server);
            endpoint = server.Endpoint.AbsoluteUri.TrimEnd('/');
            using var certificates = FakeKubernetesCertificates.Create("hung-ca");
            authority = certificates.AuthorityBase64Pem;
        }
        else if (cluster.Unreachable)
        {
            endpoint = $"https://127.0.0.1:{ReservePort()}";
            using var certificates = FakeKubernetesCertificates.Create("unreachable-ca");
            authority = certificates.AuthorityBase64Pem;
        }
        else
        {
            var server = await FakeKubernetesServer.StartAsync(new FakeKubernetesOptions
            {
                ClusterName = cluster.Name,
                Region = cluster.Region,
                Credentials = [keys],
                Namespaces = cluster.ServerNamespaces ?? cluster.Namespaces,
                Clock = serverClock,
            });
            servers[cluster.Name] = server;
            endpoint = server.Endpoint.AbsoluteUri.TrimEnd('/');
            authority = server.CertificateAuthority;
        }

        if (cluster.Kubernetes is { } kind)
        {
            return AddKubernetes(cluster, kind, endpoint, authority);
        }

        if (!cluster.EndpointInFleet && !cluster.UnknownToEks)
        {
            var described = new FakeEksCluster(cluster.Name, cluster.Region, endpoint, authority);
            Aws.AddCluster(cluster.Eks?.Invoke(described) ?? described);
        }

        var entry = new JsonObject
        {
            ["name"] = cluster.Name,
            ["region"] = cluster.Region,
            ["namespaces"] = new JsonArray([.. cluster.Namespaces.Select(ns => (JsonNode)ns)]),
        };
        if (cluster.ServiceAccounts.Count > 0)
        {
            entry["serviceAccounts"] = new JsonArray([.. cluster.ServiceAccounts.Select(name => (JsonNode)name)]);
        }

        if (cluster.ExcludeNamespaces.Count > 0)
        {
            entry["excludeNamespaces"] = new JsonArray([.. cluster.ExcludeNamespaces.Select(ns => (JsonNode)ns)]);
        }

        if (cluster.NamespaceSelector is not null)
        {
            entry["namespaceSelector"] = cluster.NamespaceSelector;
        }

        if (cluster.RoleArn is not null)
        {
            entry["roleArn"] = cluster.RoleArn;
        }

        if (cluster.EndpointInFleet)
        {
            entry["endpoint"] = endpoint;
            entry["certificateAuthority"] = authority;
        }

        return entry;
    }

    /// <summary>A <c>kubernetes</c> cluster: its credentials stored in the fake Secrets Manager, its fleet entry with kind and secret.</summary>
    private JsonObject AddKubernetes(WorldCluster cluster, WorldCredentials kind, string endpoint, string authority)
    {
        var server = servers[cluster.Name];
        string value;
        if (kind == WorldCredentials.Token)
        {
            var token = server.IssueServiceAccountToken("ecr-public-lambda", "refresher", serverClock.GetUtcNow() + cluster.TokenLifetime);
            credentialValues[cluster.Name] = token;
            value = new JsonObject { ["token"] = token }.ToJsonString();
        }
        else
        {
            var (certificate, key) = server.IssueClientCertificate("ecr-public-lambda-" + cluster.Name);
            credentialValues[cluster.Name] = key;
            value = new JsonObject { ["clientCertificate"] = certificate, ["clientKey"] = key }.ToJsonString();
        }

        // The complete ARN in the fake; the fleet names the partial one (as the CDK context would).
        var partialArn = $"arn:aws:secretsmanager:{cluster.Region}:111122223333:secret:{SecretNameOf(cluster.Name)}";
        credentialSecrets[cluster.Name] = (partialArn + "-AbCdEf", cluster.RoleArn);
        Aws.AddSecret(partialArn + "-AbCdEf", value, cluster.RoleArn);
        var entry = new JsonObject
        {
            ["name"] = cluster.Name,
            ["kind"] = "kubernetes",
            ["endpoint"] = endpoint,
            ["certificateAuthority"] = authority,
            ["credentialsSecretArn"] = partialArn,
            ["namespaces"] = new JsonArray([.. cluster.Namespaces.Select(ns => (JsonNode)ns)]),
        };
        if (cluster.ServiceAccounts.Count > 0)
        {
            entry["serviceAccounts"] = new JsonArray([.. cluster.ServiceAccounts.Select(name => (JsonNode)name)]);
        }

        if (cluster.RoleArn is not null)
        {
            entry["roleArn"] = cluster.RoleArn;
        }

        return entry;
    }

    /// <summary>
    /// One run of the engine itself (<see cref="Refresher"/>; a cleanup with <c>operation</c>), in this process, on every
    /// cluster of the fleet: for tests that set the engine's clock, bounds or deadline, or capture its log lines.
    /// </summary>
    internal async Task<RefreshReport> RefreshInProcessAsync(
        RetryTime time, RefreshOptions? options = null, DateTimeOffset? deadline = null, RunOperation? operation = null)
    {
        var (clock, logger) = (time.Clock, time.Logger);
        return await RefreshInProcessAsync(clock, logger, options, deadline, operation);
    }

    /// <summary>As <see cref="RefreshInProcessAsync(RetryTime, RefreshOptions?, DateTimeOffset?, bool)"/>, on any clock and logger.</summary>
    internal async Task<RefreshReport> RefreshInProcessAsync(
        TimeProvider clock, ILogger logger, RefreshOptions? options = null, DateTimeOffset? deadline = null, RunOperation? operation = null)
    {
        var fleet = FleetFile.Load(ConfigPath, Environment());
        using var http = new HttpClient();
        using var aws = new AwsClients(Environment(), http, clock, logger);
        return await new Refresher(aws, clock, logger, options)
            .RunAsync(fleet, new RefreshRequest([], DryRun: false) { Operation = operation ?? RunOperation.Refresh }, deadline, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>The AWS side as the run sees it: every endpoint variable at the fake, fixed keys in the environment.</summary>
    internal AppEnvironment Environment() => new(Variables(), directory.Path);

    /// <summary>The variables of <see cref="Environment"/>.</summary>
    internal Dictionary<string, string> Variables() =>
        new(StringComparer.Ordinal)
        {
            ["AWS_ENDPOINT_URL_ECR_PUBLIC"] = Aws.Endpoint.AbsoluteUri,
            ["AWS_ENDPOINT_URL_EKS"] = Aws.Endpoint.AbsoluteUri,
            ["AWS_ENDPOINT_URL_STS"] = Aws.Endpoint.AbsoluteUri,
            ["AWS_ENDPOINT_URL_ECR"] = Aws.Endpoint.AbsoluteUri,
            ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = Aws.Endpoint.AbsoluteUri,
            ["AWS_ACCESS_KEY_ID"] = FakeAwsServer.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = FakeAwsServer.SecretAccessKey,
        };

    /// <summary>A loopback port that refuses connections: bound (so nothing else can take it) but not listening.</summary>
    private int ReservePort()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        reservedPorts.Add(socket);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
