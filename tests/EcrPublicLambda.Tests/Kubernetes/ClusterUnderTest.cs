using System.Collections.Concurrent;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Tests.Kubernetes;

/// <summary>A fake API server and a <see cref="KubernetesCluster"/> wired to it, with instant, recorded retry waits.</summary>
internal sealed class ClusterUnderTest : IAsyncDisposable
{
    internal const string Password = "eyJwYXlsb2FkIjoiSFVOVEVSMiIsInYiOjJ9+secret/PW==";

    private ClusterUnderTest(FakeKubernetesServer server, KubernetesCluster cluster, CapturingLogger logger, ConcurrentQueue<TimeSpan> delays)
    {
        Server = server;
        Cluster = cluster;
        Logger = logger;
        Delays = delays;
    }

    internal FakeKubernetesServer Server { get; }

    internal KubernetesCluster Cluster { get; }

    internal CapturingLogger Logger { get; }

    /// <summary>Every wait the client asked for between attempts.</summary>
    internal ConcurrentQueue<TimeSpan> Delays { get; }

    internal static DockerConfigSecret Secret { get; } = new(Password, new DateTimeOffset(2026, 11, 26, 23, 59, 59, TimeSpan.Zero));

    internal static async Task<ClusterUnderTest> StartAsync(
        FakeKubernetesOptions? fakeOptions = null,
        KubernetesClusterOptions? clusterOptions = null,
        Func<FakeKubernetesServer, Func<CancellationToken, ValueTask<string>>>? tokens = null)
    {
        var server = await FakeKubernetesServer.StartAsync(fakeOptions);
        var delays = new ConcurrentQueue<TimeSpan>();
        var logger = new CapturingLogger();
        var options = (clusterOptions ?? new KubernetesClusterOptions()) with
        {
            Delay = (delay, _) =>
            {
                delays.Enqueue(delay);
                return Task.CompletedTask;
            },
        };
        var cluster = KubernetesCluster.Create(
            server.Endpoint,
            server.CertificateAuthority,
            tokens?.Invoke(server) ?? server.TokenProvider(),
            fakeOptions?.Clock ?? TimeProvider.System,
            logger,
            options);
        return new ClusterUnderTest(server, cluster, logger, delays);
    }

    internal Task<(SecretResult Result, string? Error)> ApplyAsync(string ns = "default", bool adopt = false, bool dryRun = false, DockerConfigSecret? secret = null) =>
        Cluster.ApplySecretAsync(ns, "ecr-public-token", secret ?? Secret, adopt, dryRun, CancellationToken.None);

    internal Task<(ServiceAccountResult Result, string? Error)> EnsureAsync(string ns = "default", string serviceAccount = "default", bool dryRun = false) =>
        Cluster.EnsurePullSecretAsync(ns, serviceAccount, "ecr-public-token", dryRun, CancellationToken.None);

    /// <summary>Fails the test if the password (or a value derived from it) shows in any log line or in <paramref name="texts"/>.</summary>
    internal void AssertNoSecretIn(params string?[] texts)
    {
        foreach (var sensitive in Secret.SensitiveValues())
        {
            foreach (var text in texts.Concat(Logger.Lines))
            {
                Assert.False(text?.Contains(sensitive, StringComparison.Ordinal) ?? false, "a secret value leaked into a message or log line");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cluster.Dispose();
        await Server.DisposeAsync();
    }
}
