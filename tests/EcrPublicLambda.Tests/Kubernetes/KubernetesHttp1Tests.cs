using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Tests.Kubernetes;

/// <summary>An API server that speaks HTTP/1.1 only (no h2 in ALPN) gets a few connections per cluster, not one per request in flight.</summary>
public sealed class KubernetesHttp1Tests
{
    [Fact]
    public async Task Forty_concurrent_writes_to_an_HTTP1_only_server_share_a_few_connections()
    {
        var namespaces = Enumerable.Range(1, 40).Select(i => $"team-{i:D2}").ToArray();
        await using var test = await ClusterUnderTest.StartAsync(new() { Namespaces = namespaces, Http1Only = true });
        test.Server.Latency = TimeSpan.FromMilliseconds(20);

        var results = await Task.WhenAll(namespaces.Select(ns => test.ApplyAsync(ns)));

        Assert.All(results, result => Assert.Equal((SecretResult.Created, null), result));
        Assert.Equal(["HTTP/1.1"], test.Server.Protocols);
        Assert.InRange(test.Server.ConnectionCount, 1, new KubernetesClusterOptions().MaxConnections);
        Assert.True(test.Server.MaxConcurrentRequests <= new KubernetesClusterOptions().MaxConnections, $"{test.Server.MaxConcurrentRequests} requests in flight");
    }

    [Fact]
    public async Task An_h2_server_gets_one_connection_for_every_request()
    {
        var namespaces = Enumerable.Range(1, 40).Select(i => $"team-{i:D2}").ToArray();
        await using var test = await ClusterUnderTest.StartAsync(new() { Namespaces = namespaces });
        test.Server.Latency = TimeSpan.FromMilliseconds(20);

        var results = await Task.WhenAll(namespaces.Select(ns => test.ApplyAsync(ns)));

        Assert.All(results, result => Assert.Equal((SecretResult.Created, null), result));
        Assert.Equal(["HTTP/2"], test.Server.Protocols);
        Assert.Equal(1, test.Server.ConnectionCount);
        Assert.True(test.Server.MaxConcurrentRequests > 4, $"{test.Server.MaxConcurrentRequests} requests in flight: h2 multiplexes");
    }
}
