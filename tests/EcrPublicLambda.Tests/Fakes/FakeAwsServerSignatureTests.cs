using System.Net;
using System.Text;
using EcrPublicLambda.Aws;
using EcrPublicLambda.Common;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcrPublicLambda.Tests.Fakes;

/// <summary>
/// The fake AWS checks the signature of every request as AWS does: a wrong secret is SignatureDoesNotMatch, a missing
/// Authorization header or a scope for another region is refused, and each problem is recorded on the request.
/// </summary>
public sealed class FakeAwsServerSignatureTests
{
    [Fact]
    public async Task The_fake_rejects_a_signature_made_with_the_wrong_secret()
    {
        await using var server = await FakeAwsServer.StartAsync();
        var environment = new AppEnvironment(
            new Dictionary<string, string>
            {
                ["AWS_ENDPOINT_URL"] = server.Endpoint.AbsoluteUri,
                ["AWS_ACCESS_KEY_ID"] = FakeAwsServer.AccessKeyId,
                ["AWS_SECRET_ACCESS_KEY"] = "not-the-secret",
            },
            AppContext.BaseDirectory);
        using var http = new HttpClient();
        using var clients = new AwsClients(environment, http, TimeProvider.System, NullLogger.Instance);

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => clients.GetEcrPublicTokenAsync(CancellationToken.None));

        Assert.Equal(("SignatureDoesNotMatch", HttpStatusCode.Forbidden), (e.Code, e.StatusCode));
        Assert.Equal("signature does not match the request on the wire", Assert.Single(server.Requests).SignatureProblem);
    }

    [Fact]
    public async Task The_fake_rejects_unsigned_requests_and_a_wrong_scope()
    {
        await using var server = await FakeAwsServer.StartAsync();
        using var http = new HttpClient();
        using var unsigned = new StringContent("{}", Encoding.UTF8);
        unsigned.Headers.ContentType = new("application/x-amz-json-1.1");
        using var message = new HttpRequestMessage(HttpMethod.Post, server.Endpoint) { Content = unsigned };
        message.Headers.Add("X-Amz-Target", EcrPublicClient.Target);
        using var response = await http.SendAsync(message);

        var sender = new AwsHttpSender(http, new RetryPolicy(new RetryOptions { MaxAttempts = 1 }, TimeProvider.System), TimeProvider.System, NullLogger.Instance);
        var wrongRegion = AwsJson11.Request("ECR Public", "GetAuthorizationToken", "ecr-public", "eu-west-1", server.Endpoint, EcrPublicClient.Target, "{}"u8.ToArray());
        var e = await Assert.ThrowsAsync<AwsServiceException>(
            () => sender.SendAsync(wrongRegion, new AwsCredentials(FakeAwsServer.AccessKeyId, FakeAwsServer.SecretAccessKey, null), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("IncompleteSignatureException", e.Code);
        Assert.Equal(
            ["missing Authorization header", "credential scope names ecr-public/eu-west-1, expected ecr-public/us-east-1"],
            server.Requests.Select(r => r.SignatureProblem));
    }
}
