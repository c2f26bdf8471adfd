using EcrPublicLambda.Fakes;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Refresh;
using EcrPublicLambda.Tests.Common;
using Microsoft.Extensions.Time.Testing;

namespace EcrPublicLambda.Tests.Kubernetes;

/// <summary>
/// One cluster's connection that fails for good fails all of the cluster's requests at once (the transport's latch),
/// and a request's timeout runs from when it got its slot, not while it queued for one.
/// </summary>
public sealed class KubernetesHungServerTests
{
    [Fact]
    public async Task A_hung_server_fails_every_queued_request_with_the_first_ones_error()
    {
        await using var hung = FakeHungServer.Start();
        await using var fake = await FakeKubernetesServer.StartAsync();
        var time = new RetryTime();
        using var cluster = KubernetesCluster.Create(
            hung.Endpoint,
            fake.CertificateAuthority,
            fake.TokenProvider(),
            time.Clock,
            time.Logger,
            new KubernetesClusterOptions { ConnectTimeout = TimeSpan.FromSeconds(1), MaxConcurrency = 2 });

        // Forty namespaces, two slots: without the latch they would time out two by two, one after the other.
        var results = await Task.WhenAll(Enumerable.Range(1, 40).Select(i =>
            cluster.ApplySecretAsync($"ns-{i}", "ecr-public-token", "default", ClusterUnderTest.Secret, false, false, CancellationToken.None)));

        var expected = $"the API server at {hung.Endpoint.GetLeftPart(UriPartial.Authority)} accepted the connection but did not answer the TLS handshake within 1 s";
        Assert.All(results, result => Assert.Equal((SecretResult.Failed, expected), result));
        Assert.Empty(time.Waits);
        Assert.InRange(hung.Connections, 1, 4);
    }

    [Fact]
    public async Task A_requests_timeout_starts_when_it_gets_its_slot()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var test = await ClusterUnderTest.StartAsync(
            new() { Clock = clock, Namespaces = ["a", "b", "c"] },
            new KubernetesClusterOptions { MaxConcurrency = 1, RequestTimeout = TimeSpan.FromSeconds(20) });

        // Each request keeps the one slot for 15 s of the client's clock: the queued ones wait 15 s, 30 s, ... for it.
        test.Server.BeforeHandle = _ => clock.Advance(TimeSpan.FromSeconds(15));

        var results = await Task.WhenAll(test.ApplyAsync("a"), test.ApplyAsync("b"), test.ApplyAsync("c"));

        Assert.All(results, result => Assert.Equal((SecretResult.Created, null), result));
        Assert.Empty(test.Delays);
    }
}
