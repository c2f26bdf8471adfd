using System.Net;
using System.Text;
using EcrPublicLambda.Aws;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Common;
using EcrPublicLambda.Hosting;
using EcrPublicLambda.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcrPublicLambda.Tests.Aws;

/// <summary>Error parsing, retry classification, endpoint resolution, redirects.</summary>
public sealed class AwsWireRulesTests
{
    [Theory]
    [InlineData("ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.eks/", """{"message":"No cluster found"}""", "ResourceNotFoundException", "No cluster found")]
    [InlineData(null, """{"__type":"com.amazonaws.ecr.public#ThrottlingException","message":"Rate exceeded"}""", "ThrottlingException", "Rate exceeded")]
    [InlineData(null, """{"code":"AccessDeniedException","Message":"denied"}""", "AccessDeniedException", "denied")]
    [InlineData(null, "<html>bad gateway</html>", "HTTP502", null)]
    public void Error_code_and_message_come_from_header_or_body(string? header, string body, string code, string? message)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadGateway);
        if (header is not null)
        {
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", header);
        }

        var error = AwsErrorResponse.Parse(HttpStatusCode.BadGateway, response.Headers, Encoding.UTF8.GetBytes(body));

        Assert.Equal(new AwsErrorResponse(code, message), error);
    }

    [Fact]
    public void Error_messages_lose_echoed_canonical_requests_and_credentials()
    {
        var credentials = new AwsCredentials("AKID", "SECRETKEY", "SESSIONTOKEN");
        var error = new AwsErrorResponse(
            "SignatureDoesNotMatch",
            "Signature mismatch for SESSIONTOKEN\n\nThe Canonical String for this request should have been\n'POST\n/\n\nx-amz-security-token:SESSIONTOKEN'");

        Assert.Equal("Signature mismatch for <redacted>", error.SafeMessage(credentials));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "ThrottlingException", true)]
    [InlineData(HttpStatusCode.BadRequest, "TooManyRequestsException", true)]
    [InlineData(HttpStatusCode.BadRequest, "RequestLimitExceeded", true)]
    [InlineData(HttpStatusCode.BadRequest, "Throttling", true)]
    [InlineData(HttpStatusCode.TooManyRequests, "HTTP429", true)]
    [InlineData(HttpStatusCode.InternalServerError, "ServerException", true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "HTTP503", true)]
    [InlineData(HttpStatusCode.BadRequest, "ValidationException", false)]
    [InlineData(HttpStatusCode.Forbidden, "AccessDeniedException", false)]
    [InlineData(HttpStatusCode.NotFound, "ResourceNotFoundException", false)]
    [InlineData(HttpStatusCode.BadRequest, "ExpiredTokenException", false)]
    public void Only_throttling_and_5xx_are_retryable(HttpStatusCode status, string code, bool retryable) =>
        Assert.Equal(retryable, AwsRetryPolicy.IsRetryable(status, code));

    [Fact]
    public void Endpoints_prefer_the_service_variable_then_the_shared_one_then_AWS()
    {
        var none = new AwsEndpoints(Environment());
        Assert.Equal("https://api.ecr-public.us-east-1.amazonaws.com/", none.EcrPublic.AbsoluteUri);
        Assert.Equal("https://eks.ap-southeast-4.amazonaws.com/", none.Eks("ap-southeast-4").AbsoluteUri);
        Assert.Equal("https://sts.il-central-1.amazonaws.com/", none.Sts("il-central-1").AbsoluteUri);

        var shared = new AwsEndpoints(Environment(("AWS_ENDPOINT_URL", "http://localhost:4566"), ("AWS_ENDPOINT_URL_STS", "https://sts.example")));
        Assert.Equal("http://localhost:4566/", shared.EcrPublic.AbsoluteUri);
        Assert.Equal("http://localhost:4566/", shared.Eks("eu-west-1").AbsoluteUri);
        Assert.Equal("https://sts.example/", shared.Sts("eu-west-1").AbsoluteUri);

        var ecr = new AwsEndpoints(Environment(("AWS_ENDPOINT_URL_ECR_PUBLIC", "http://127.0.0.1:1234/ecr")));
        Assert.Equal("http://127.0.0.1:1234/ecr/", ecr.EcrPublic.AbsoluteUri);
        Assert.Equal("https://eks.eu-west-1.amazonaws.com/", ecr.Eks("eu-west-1").AbsoluteUri);
    }

    [Fact]
    public void A_malformed_endpoint_variable_is_named()
    {
        var e = Assert.Throws<FormatException>(() => new AwsEndpoints(Environment(("AWS_ENDPOINT_URL_EKS", "eks.local"))));
        Assert.Equal("AWS_ENDPOINT_URL_EKS: \"eks.local\" is not an absolute http(s) URL", e.Message);
    }

    [Theory]
    [InlineData("http://sts.example.com", "AWS_ENDPOINT_URL_STS: \"http://sts.example.com\" is plain http, which is allowed only on loopback (127.0.0.1, ::1, localhost); use https")]
    [InlineData("http://10.0.0.7:4566/", "AWS_ENDPOINT_URL_STS: \"http://10.0.0.7:4566\" is plain http, which is allowed only on loopback (127.0.0.1, ::1, localhost); use https")]
    public void Plain_http_is_refused_except_on_loopback(string url, string message)
    {
        var e = Assert.Throws<FormatException>(() => new AwsEndpoints(Environment(("AWS_ENDPOINT_URL_STS", url))));
        Assert.Equal(message, e.Message);
        Assert.Equal("http://[::1]:4566/", new AwsEndpoints(Environment(("AWS_ENDPOINT_URL_STS", "http://[::1]:4566"))).Sts("eu-west-1").AbsoluteUri);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_fails_the_call_without_retry()
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.Script(FakeAwsOperation.GetAuthorizationToken, FakeAwsFailure.Redirect);

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Clients.GetEcrPublicTokenAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, e.StatusCode);
        Assert.DoesNotContain(aws.Server.Requests, request => request.Path.StartsWith("/redirected", StringComparison.Ordinal));
        Assert.Equal(1, aws.Server.Count(FakeAwsOperation.GetAuthorizationToken));
    }

    private static AppEnvironment Environment(params (string Name, string Value)[] variables) =>
        new(variables.ToDictionary(v => v.Name, v => v.Value), AppContext.BaseDirectory);
}
