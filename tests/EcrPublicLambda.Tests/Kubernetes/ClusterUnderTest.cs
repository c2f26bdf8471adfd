using EcrPublicLambda.Fakes;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Tests.Common;
using Microsoft.Extensions.Time.Testing;

namespace EcrPublicLambda.Tests.Kubernetes;

/// <summary>A fake API server and a <see cref="KubernetesCluster"/> wired to it, on a clock that moves on by each retry wait (<see cref="RetryTime"/>).</summary>
internal sealed class ClusterUnderTest : IAsyncDisposable
{
    internal const string Password = "eyJwYXlsb2FkIjoiSFVOVEVSMiIsInYiOjJ9+secret/PW==";

    private readonly RetryTime time;

    private ClusterUnderTest(FakeKubernetesServer server, KubernetesCluster cluster, RetryTime time)
    {
        Server = server;
        Cluster = cluster;
        this.time = time;
    }

    internal FakeKubernetesServer Server { get; }

    internal KubernetesCluster Cluster { get; }

    /// <summary>The client's log lines.</summary>
    internal IReadOnlyList<string> LogLines => time.Lines;

    /// <summary>Every wait the client started between attempts (its clock moved on by each).</summary>
    internal IReadOnlyList<TimeSpan> Delays => time.Waits;

    internal static DockerConfigSecret Secret { get; } = new(Password, new DateTimeOffset(2026, 11, 26, 23, 59, 59, TimeSpan.Zero));

    internal static async Task<ClusterUnderTest> StartAsync(
        FakeKubernetesOptions? fakeOptions = null,
        KubernetesClusterOptions? clusterOptions = null,
        Func<FakeKubernetesServer, Func<CancellationToken, ValueTask<string>>>? tokens = null)
    {
        var server = await FakeKubernetesServer.StartAsync(fakeOptions);
        // The client's clock: the fake server's when the test set a fake one, else its own, started now.
        var time = fakeOptions?.Clock is FakeTimeProvider shared ? new RetryTime(shared) : new RetryTime();
        var cluster = KubernetesCluster.Create(
            server.Endpoint,
            server.CertificateAuthority,
            tokens?.Invoke(server) ?? server.TokenProvider(),
            time.Clock,
            time.Logger,
            clusterOptions ?? new KubernetesClusterOptions());
        return new ClusterUnderTest(server, cluster, time);
    }

    internal Task<(SecretResult Result, string? Error)> ApplyAsync(string ns = "default", bool adopt = false, bool dryRun = false, DockerConfigSecret? secret = null, string instance = "default") =>
        Cluster.ApplySecretAsync(ns, "ecr-public-token", instance, secret ?? Secret, adopt, dryRun, CancellationToken.None);

    internal Task<(ServiceAccountResult Result, string? Error)> EnsureAsync(string ns = "default", string serviceAccount = "default", bool dryRun = false) =>
        Cluster.EnsurePullSecretAsync(ns, serviceAccount, "ecr-public-token", dryRun, CancellationToken.None);

    internal Task<(SecretResult Result, string? Error)> DeleteAsync(string ns = "default", bool dryRun = false, string instance = "default") =>
        Cluster.DeleteSecretAsync(ns, "ecr-public-token", instance, dryRun, CancellationToken.None);

    internal Task<(ServiceAccountResult Result, string? Error)> RemoveAsync(string ns = "default", string serviceAccount = "default", bool dryRun = false) =>
        Cluster.RemovePullSecretAsync(ns, serviceAccount, "ecr-public-token", dryRun, CancellationToken.None);

    /// <summary>Fails the test if the password (or a value derived from it) shows in any log line or in <paramref name="texts"/>.</summary>
    internal void AssertNoSecretIn(params string?[] texts)
    {
        foreach (var sensitive in Secret.SensitiveValues())
        {
            foreach (var text in texts.Concat(LogLines))
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
