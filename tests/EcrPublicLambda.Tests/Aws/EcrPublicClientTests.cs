using System.Net;
using System.Text;
using EcrPublicLambda.Aws;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Tests.Aws;

public sealed class EcrPublicClientTests
{
    [Fact]
    public async Task GetAuthorizationToken_sends_the_AWS_JSON_request_signed_for_ecr_public_in_us_east_1()
    {
        await using var aws = await AwsHarness.StartAsync();

        await aws.Clients.GetEcrPublicTokenAsync(CancellationToken.None);

        var request = Assert.Single(aws.Server.Requests);
        Assert.Equal(FakeAwsOperation.GetAuthorizationToken, request.Operation);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.Equal("SpencerFrontendService.GetAuthorizationToken", request.Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.1", request.Headers["Content-Type"]);
        Assert.Equal("{}", request.Body);
        Assert.Null(request.SignatureProblem);
        Assert.Equal(("ecr-public", "us-east-1"), (request.SigningService, request.SigningRegion));
        Assert.Equal(FakeAwsServer.AccessKeyId, request.AccessKeyId);
        Assert.False(request.Headers.ContainsKey("X-Amz-Security-Token"));
    }

    [Fact]
    public async Task Parses_user_password_and_fractional_expiry_and_hides_the_password()
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.EcrPassword = "pa:ss/word+with=colon";
        aws.Server.EcrExpiresAt = 1795694399.5;

        var token = await aws.Clients.GetEcrPublicTokenAsync(CancellationToken.None);

        Assert.Equal("AWS", token.Username);
        SecretAssert.Equal("pa:ss/word+with=colon", token.Password, "password");
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795694399500), token.ExpiresAt);
        Assert.DoesNotContain("pa:ss", token.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bm8tY29sb24=", "authorizationData.authorizationToken is not \"user:password\"")]
    [InlineData("QVdTOg==", "authorizationData.authorizationToken is not \"user:password\"")]
    [InlineData("%%%", "authorizationData.authorizationToken is not base64")]
    public void A_token_that_is_not_base64_user_colon_password_is_an_unusable_answer_naming_the_field(string token, string problem)
    {
        var body = Encoding.UTF8.GetBytes($$$"""{"authorizationData":{"authorizationToken":"{{{token}}}","expiresAt":1795694399}}""");

        var error = Assert.Throws<AwsServiceException>(() => EcrPublicClient.Parse(body));

        Assert.EndsWith(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_token_is_sent_and_signed()
    {
        await using var aws = await AwsHarness.StartAsync(null, ("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2Vj//+SESSION=="));

        await aws.Clients.GetEcrPublicTokenAsync(CancellationToken.None);

        var request = Assert.Single(aws.Server.Requests);
        SecretAssert.Equal("IQoJb3JpZ2luX2Vj//+SESSION==", request.Headers["X-Amz-Security-Token"], "X-Amz-Security-Token");
        Assert.Null(request.SignatureProblem);
    }

    [Fact]
    public async Task Throttled_twice_then_success_makes_3_requests_with_growing_backoff()
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.Script(FakeAwsOperation.GetAuthorizationToken, FakeAwsFailure.Throttling, FakeAwsFailure.Throttling);

        var token = await aws.Clients.GetEcrPublicTokenAsync(CancellationToken.None);

        SecretAssert.Equal(aws.Server.EcrPassword, token.Password, "password");
        Assert.Equal(3, aws.Server.Count(FakeAwsOperation.GetAuthorizationToken));
        Assert.Equal([TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)], aws.Waits);
    }

    [Theory]
    [InlineData(FakeAwsFailure.TooManyRequests)]
    [InlineData(FakeAwsFailure.ServiceUnavailable)]
    [InlineData(FakeAwsFailure.Disconnect)]
    public async Task Http_429_5xx_and_dropped_connections_are_retried(FakeAwsFailure failure)
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.Script(FakeAwsOperation.GetAuthorizationToken, failure);

        await aws.Clients.GetEcrPublicTokenAsync(CancellationToken.None);

        Assert.Equal(2, aws.Server.Count(FakeAwsOperation.GetAuthorizationToken));
    }

    [Fact]
    public async Task Validation_error_is_not_retried()
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.Script(FakeAwsOperation.GetAuthorizationToken, FakeAwsFailure.Validation);

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Clients.GetEcrPublicTokenAsync(CancellationToken.None));

        Assert.Equal(1, aws.Server.Count(FakeAwsOperation.GetAuthorizationToken));
        Assert.Equal(("ECR Public", "ValidationException", HttpStatusCode.BadRequest), (e.Service, e.Code, e.StatusCode));
        Assert.Equal("ECR Public GetAuthorizationToken failed: ValidationException (HTTP 400): 1 validation error detected", e.Message);
        Assert.Empty(aws.Waits);
    }

    [Fact]
    public async Task Server_errors_are_retried_3_times_then_reported()
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.Script(FakeAwsOperation.GetAuthorizationToken, Enumerable.Repeat(FakeAwsFailure.ServerError, 10).ToArray());

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Clients.GetEcrPublicTokenAsync(CancellationToken.None));

        Assert.Equal(4, aws.Server.Count(FakeAwsOperation.GetAuthorizationToken));
        Assert.Equal(("ServerException", HttpStatusCode.InternalServerError), (e.Code, e.StatusCode));
        Assert.Equal([200, 400, 800], aws.Waits.Select(w => w.TotalMilliseconds));
    }

    [Fact]
    public async Task Unreachable_endpoint_is_a_transport_error_after_the_retries()
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.Script(FakeAwsOperation.GetAuthorizationToken, Enumerable.Repeat(FakeAwsFailure.Disconnect, 4).ToArray());

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Clients.GetEcrPublicTokenAsync(CancellationToken.None));

        Assert.Equal((AwsServiceException.TransportErrorCode, (HttpStatusCode)0), (e.Code, e.StatusCode));
        Assert.StartsWith("ECR Public GetAuthorizationToken failed: cannot reach http://127.0.0.1:", e.Message, StringComparison.Ordinal);
        Assert.Equal(4, aws.Server.Count(FakeAwsOperation.GetAuthorizationToken));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"authorizationData":{"authorizationToken":"bm8tY29sb24=","expiresAt":1.7E9}}""")]
    [InlineData("""{"authorizationData":{"authorizationToken":"!!!","expiresAt":1.7E9}}""")]
    public async Task An_unusable_answer_is_an_InvalidResponse_error(string body)
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.EcrRawBody = body;

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Clients.GetEcrPublicTokenAsync(CancellationToken.None));

        Assert.Equal(AwsServiceException.InvalidResponseCode, e.Code);
        Assert.Equal(1, aws.Server.Count(FakeAwsOperation.GetAuthorizationToken));
    }
}
