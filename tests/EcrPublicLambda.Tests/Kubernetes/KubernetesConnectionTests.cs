using System.Net;
using System.Net.Sockets;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Refresh;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Tests.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EcrPublicLambda.Tests.Kubernetes;

public sealed class KubernetesConnectionTests
{
    [Fact]
    public async Task A_server_certificate_from_another_CA_fails_without_retry()
    {
        await using var test = await ClusterUnderTest.StartAsync(new() { ServeCertificateFromAnotherCa = true });

        var (result, error) = await test.ApplyAsync();

        Assert.Equal(SecretResult.Failed, result);
        Assert.Equal($"TLS: the server certificate of {test.Server.Endpoint.Authority} is not signed by the cluster's CA", error);
        Assert.Empty(test.Delays);
        Assert.Empty(test.Server.Requests);
    }

    [Fact]
    public async Task A_certificate_signed_by_the_cluster_CA_for_another_name_is_refused_without_retry()
    {
        await using var test = await ClusterUnderTest.StartAsync(new() { ServeCertificateForAnotherName = true });

        var (result, error) = await test.ApplyAsync();

        Assert.Equal(SecretResult.Failed, result);
        Assert.Equal($"TLS: the server certificate does not name {test.Server.Endpoint.Host}", error);
        Assert.Empty(test.Delays);
        Assert.Empty(test.Server.Requests);
    }

    [Fact]
    public void KubernetesClient_own_certificate_check_would_accept_that_certificate_which_is_why_ours_is_kept()
    {
        // kubernetes-client/csharp, Kubernetes.ConfigInit.cs, CertificateValidationCallBack: with chain errors (a private
        // CA) it rebuilds the chain with the configured CA and returns valid-and-trusted, never looking at the name.
        using var certificates = FakeKubernetesCertificates.Create("cluster-ca", ["other-cluster.example.com"]);
        using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
        var errors = System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors | System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch;

        var accepted = k8s.Kubernetes.CertificateValidationCallBack(this, [certificates.Authority], certificates.Server, chain, errors);

        Assert.True(accepted);
    }

    [Fact]
    public async Task A_success_body_the_caller_does_not_need_is_dropped_and_error_bodies_are_kept()
    {
        await using var server = await FakeKubernetesServer.StartAsync(new FakeKubernetesOptions { Namespaces = ["default"] });
        server.SeedServiceAccount("default", "builder", []);
        using var transport = new KubernetesTransport(
            server.Endpoint,
            ClusterCertificateAuthority.Parse(server.CertificateAuthority),
            KubernetesCredential.RenewableToken(server.TokenProvider()),
            new KubernetesClusterOptions(),
            TimeProvider.System,
            NullLogger.Instance);

        var kept = await transport.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/serviceaccounts/builder", null, null, CancellationToken.None);
        Assert.Equal(200, kept.StatusCode);
        Assert.Contains("\"builder\"", System.Text.Encoding.UTF8.GetString(kept.Body), StringComparison.Ordinal);

        var dropped = await transport.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/serviceaccounts/builder", null, null, CancellationToken.None, successBody: false);
        Assert.Equal(200, dropped.StatusCode);
        Assert.Empty(dropped.Body);

        var error = await transport.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/serviceaccounts/absent", null, null, CancellationToken.None, successBody: false);
        Assert.Equal(404, error.StatusCode);
        Assert.Contains("\"NotFound\"", System.Text.Encoding.UTF8.GetString(error.Body), StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_token_the_cluster_rejects_is_renewed_once_then_reported_as_unauthorized()
    {
        var calls = 0;
        var tokens = new System.Collections.Concurrent.ConcurrentBag<string>();
        var wrongKey = FakeKubernetesCredential.Example with { SecretAccessKey = "not-the-right-secret-key" };
        await using var test = await ClusterUnderTest.StartAsync(tokens: server => _ =>
        {
            Interlocked.Increment(ref calls);
            var token = server.MintToken(credential: wrongKey);
            tokens.Add(token);
            return ValueTask.FromResult(token);
        });

        var (result, error) = await test.ApplyAsync();

        Assert.Equal(SecretResult.Failed, result);
        Assert.Equal("unauthorized (401): the cluster rejected the bearer token (is the IAM identity mapped into the cluster by an access entry or aws-auth, and are the cluster name and region right?)", error);
        Assert.All(tokens, token => Assert.DoesNotContain(test.LogLines, line => line.Contains(token["k8s-aws-v1.".Length..], StringComparison.Ordinal)));
        Assert.Equal(2, calls);
        Assert.All(test.Server.Requests, r => Assert.Equal("signature does not match", r.AuthenticationFailure));
        Assert.Equal(2, test.Server.Requests.Count);
    }

    [Fact]
    public async Task A_token_is_reused_then_renewed_before_the_cluster_would_reject_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var calls = new System.Runtime.CompilerServices.StrongBox<int>();
        await using var test = await ClusterUnderTest.StartAsync(
            new() { Clock = clock, Namespaces = ["default", "other"] },
            tokens: server => server.TokenProvider(calls));

        Assert.Equal(SecretResult.Created, (await test.ApplyAsync()).Result);
        Assert.Equal(SecretResult.Created, (await test.ApplyAsync("other")).Result);
        Assert.Equal(1, calls.Value);

        clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(SecretResult.Updated, (await test.ApplyAsync()).Result);
        Assert.Equal(2, calls.Value);
        Assert.All(test.Server.Requests, r => Assert.Null(r.AuthenticationFailure));
    }

    [Fact]
    public async Task A_token_older_than_15_minutes_is_rejected_by_the_fake()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var test = await ClusterUnderTest.StartAsync(
            new() { Clock = clock },
            new() { TokenLifetime = TimeSpan.FromHours(1) },
            server =>
            {
                var minted = server.MintToken();
                return _ => ValueTask.FromResult(minted);
            });

        clock.Advance(TimeSpan.FromMinutes(16));
        var (result, error) = await test.ApplyAsync();

        Assert.Equal(SecretResult.Failed, result);
        Assert.Equal("unauthorized (401): the cluster rejected the bearer token (is the IAM identity mapped into the cluster by an access entry or aws-auth, and are the cluster name and region right?)", error);
        Assert.StartsWith("token is expired", test.Server.Requests[0].AuthenticationFailure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_token_provider_fails_the_request_with_its_reason()
    {
        await using var test = await ClusterUnderTest.StartAsync(tokens: _ => _ => throw new InvalidOperationException("AssumeRole was denied"));

        var (result, error) = await test.ApplyAsync();

        Assert.Equal(SecretResult.Failed, result);
        Assert.Equal("could not get a bearer token for the cluster: AssumeRole was denied", error);
        Assert.Empty(test.Server.Requests);
    }

    [Fact]
    public async Task Connection_refused_is_retried_a_bounded_number_of_times_and_reported()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var fake = await FakeKubernetesServer.StartAsync();
        var time = new RetryTime();
        using var cluster = KubernetesCluster.Create(
            new Uri($"https://127.0.0.1:{port}"),
            fake.CertificateAuthority,
            fake.TokenProvider(),
            time.Clock,
            time.Logger,
            new KubernetesClusterOptions { Retry = new() { MaxAttempts = 3 } });

        var (result, error) = await cluster.ApplySecretAsync("default", "ecr-public-token", "default", ClusterUnderTest.Secret, false, false, CancellationToken.None);

        Assert.Equal(SecretResult.Failed, result);
        Assert.Equal($"connection refused by 127.0.0.1:{port} (after 3 attempts)", error);
        Assert.Equal(2, time.Waits.Count);

        // The connection has failed for good: the cluster's next request fails at once, with no attempt and no wait.
        Assert.Equal(
            (SecretResult.Failed, error),
            await cluster.ApplySecretAsync("apps", "ecr-public-token", "default", ClusterUnderTest.Secret, false, false, CancellationToken.None));
        Assert.Equal(2, time.Waits.Count);
    }

    [Fact]
    public void Create_refuses_plain_http_and_a_CA_that_is_not_a_PEM_certificate()
    {
        static Func<CancellationToken, ValueTask<string>> Token() => _ => ValueTask.FromResult("t");
        var ca = Convert.ToBase64String("-----BEGIN CERTIFICATE-----\nnot a cert\n-----END CERTIFICATE-----\n"u8.ToArray());

        var http = Assert.Throws<ArgumentException>(() => KubernetesCluster.Create(new Uri("http://127.0.0.1:1"), ca, Token(), TimeProvider.System, NullLogger.Instance));
        var notBase64 = Assert.Throws<ArgumentException>(() => KubernetesCluster.Create(new Uri("https://127.0.0.1:1"), "%%%", Token(), TimeProvider.System, NullLogger.Instance));
        var notPem = Assert.Throws<ArgumentException>(() => KubernetesCluster.Create(new Uri("https://127.0.0.1:1"), Convert.ToBase64String("hello"u8.ToArray()), Token(), TimeProvider.System, NullLogger.Instance));

        Assert.StartsWith("the cluster endpoint must be https", http.Message, StringComparison.Ordinal);
        Assert.StartsWith("the cluster's certificate authority is not base64", notBase64.Message, StringComparison.Ordinal);
        Assert.StartsWith("the cluster's certificate authority holds no PEM certificate", notPem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_fake_clusters_run_side_by_side_and_tokens_do_not_cross()
    {
        await using var eu = await FakeKubernetesServer.StartAsync(new() { ClusterName = "prod-eu", Region = "eu-west-1" });
        await using var us = await FakeKubernetesServer.StartAsync(new() { ClusterName = "prod-us", Region = "us-east-1" });
        using var euClient = eu.CreateClient();
        using var euTokenAtUs = us.CreateClient(eu.MintToken());

        using var ok = await euClient.GetAsync(new Uri("/api/v1/namespaces", UriKind.Relative));
        using var rejected = await euTokenAtUs.GetAsync(new Uri("/api/v1/namespaces", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""",
            await rejected.Content.ReadAsStringAsync());
        Assert.Equal("URL is not https://sts.us-east-1.amazonaws.com", us.Requests.Single().AuthenticationFailure);
    }
}
