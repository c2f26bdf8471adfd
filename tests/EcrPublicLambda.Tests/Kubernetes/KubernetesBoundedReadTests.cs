using EcrPublicLambda.Fakes;
using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Tests.Kubernetes;

/// <summary>
/// Every answer is read under a cap enforced while reading: a larger one, declared or chunked or endless, fails that
/// request alone with a named error, never by buffering it first.
/// </summary>
public sealed class KubernetesBoundedReadTests
{
    private const int Mi = 1024 * 1024;
    private const string SecretPath = "/api/v1/namespaces/default/secrets/ecr-public-token";

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public async Task A_namespace_list_over_the_list_cap_fails_with_a_named_error_declared_chunked_or_over_HTTP1(bool declareLength, bool http1)
    {
        await using var test = await ClusterUnderTest.StartAsync(new() { Http1Only = http1 });
        // Far more than socket buffers on loopback take in, so "sent" below means "the client read it".
        var total = 64L * Mi;
        test.Server.AnswerOversized(total, declareLength, pathContains: "/api/v1/namespaces", method: "GET");

        var (namespaces, error) = await test.Cluster.ListNamespacesAsync(null, CancellationToken.None);

        Assert.Null(namespaces);
        Assert.Equal($"listing the namespaces failed: the API server's answer to GET /api/v1/namespaces exceeded {8 * Mi} bytes", error);
        Assert.Equal(1, test.Server.CountRequests("GET"));
        Assert.True(test.Server.OversizedBytesSent < total, $"{test.Server.OversizedBytesSent} of {total} bytes were sent: the client read it all");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_endless_answer_ends_at_the_cap_not_at_the_request_timeout(bool http1)
    {
        var options = new KubernetesClusterOptions { MaxListBytes = 256 * 1024, RequestTimeout = TimeSpan.FromMinutes(10) };
        await using var test = await ClusterUnderTest.StartAsync(new() { Http1Only = http1 }, options);
        test.Server.AnswerOversized(null, declareLength: false, pathContains: "/api/v1/namespaces");

        var (namespaces, error) = await test.Cluster.ListNamespacesAsync("team=a", CancellationToken.None);

        Assert.Null(namespaces);
        Assert.Equal("listing the namespaces failed: the API server's answer to GET /api/v1/namespaces exceeded 262144 bytes", error);
    }

    [Fact]
    public async Task A_single_object_has_the_smaller_cap_and_a_list_the_larger_one()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.AnswerOversized(2L * Mi, declareLength: false, pathContains: "/api/v1/namespaces", method: "GET");

        var (_, listError) = await test.Cluster.ListNamespacesAsync(null, CancellationToken.None);
        var (result, readError) = await test.DeleteAsync();

        // 2 MiB fits a list (read whole, then found not to be a NamespaceList) but not one Secret.
        Assert.Equal("listing the namespaces failed: the API server returned an unreadable NamespaceList", listError);
        Assert.Equal(SecretResult.Failed, result);
        Assert.Equal($"reading the Secret failed: the API server's answer to GET {SecretPath} exceeded {Mi} bytes", readError);
        Assert.Equal(0, test.Server.CountRequests("DELETE"));
    }

    [Fact]
    public async Task An_answer_of_exactly_the_cap_is_read_and_one_byte_more_is_not()
    {
        var options = new KubernetesClusterOptions { MaxListBytes = 100_000 };
        await using var exact = await ClusterUnderTest.StartAsync(clusterOptions: options);
        await using var over = await ClusterUnderTest.StartAsync(clusterOptions: options);
        exact.Server.AnswerOversized(100_000, declareLength: false, pathContains: "/api/v1/namespaces");
        over.Server.AnswerOversized(100_001, declareLength: false, pathContains: "/api/v1/namespaces");

        var (_, exactError) = await exact.Cluster.ListNamespacesAsync(null, CancellationToken.None);
        var (_, overError) = await over.Cluster.ListNamespacesAsync(null, CancellationToken.None);

        Assert.Equal("listing the namespaces failed: the API server returned an unreadable NamespaceList", exactError);
        Assert.Equal("listing the namespaces failed: the API server's answer to GET /api/v1/namespaces exceeded 100000 bytes", overError);
    }

    [Fact]
    public async Task An_oversized_answer_fails_that_request_alone_without_a_retry_and_the_cluster_goes_on()
    {
        await using var test = await ClusterUnderTest.StartAsync(new() { Namespaces = ["default", "apps"] });
        test.Server.AnswerOversized(3L * Mi, declareLength: true, pathContains: "/namespaces/apps/secrets/", method: "PATCH");

        var (appsResult, appsError) = await test.ApplyAsync("apps");
        var (defaultResult, defaultError) = await test.ApplyAsync("default");

        Assert.Equal(SecretResult.Failed, appsResult);
        Assert.Equal($"the API server's answer to PATCH /api/v1/namespaces/apps/secrets/ecr-public-token exceeded {Mi} bytes", appsError);
        Assert.Equal(1, test.Server.CountRequests("PATCH", "/namespaces/apps/"));
        Assert.Equal((SecretResult.Created, null), (defaultResult, defaultError));
        test.AssertNoSecretIn(appsError);
    }

    [Fact]
    public async Task An_oversized_error_answer_is_capped_as_well()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.AnswerOversized(5L * Mi, declareLength: false, pathContains: "/serviceaccounts/", method: "GET", statusCode: 500);

        var (result, error) = await test.EnsureAsync();

        Assert.Equal(ServiceAccountResult.Failed, result);
        Assert.Equal($"the API server's answer to GET /api/v1/namespaces/default/serviceaccounts/default exceeded {Mi} bytes", error);
        Assert.Equal(1, test.Server.CountRequests("GET"));
    }
}
