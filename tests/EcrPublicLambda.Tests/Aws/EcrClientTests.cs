using System.Net;
using System.Text;
using EcrPublicLambda.Aws;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Tests.Aws;

/// <summary>ECR (private registries) GetAuthorizationToken: the wire shape, the regional endpoint, the list answer, the errors.</summary>
public sealed class EcrClientTests
{
    [Fact]
    public async Task GetAuthorizationToken_is_a_json_1_1_post_signed_for_ecr_in_the_registrys_region()
    {
        await using var harness = await AwsHarness.StartAsync();

        var token = await harness.Clients.GetEcrTokenAsync("ap-south-1", await harness.CallerAsync(), CancellationToken.None);

        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal(FakeAwsOperation.GetEcrAuthorizationToken, request.Operation);
        Assert.Equal(("POST", "/", "{}"), (request.Method, request.Path, request.Body));
        Assert.Equal("AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken", request.Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.1", request.Headers["Content-Type"]);
        Assert.Equal(("ecr", "ap-south-1"), (request.SigningService, request.SigningRegion));
        Assert.Null(request.SignatureProblem);
        Assert.Equal("AWS", token.Username);
        SecretAssert.Equal(harness.Server.PrivateEcrPassword("ap-south-1"), token.Password, "password");
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795694399123), token.ExpiresAt);
        Assert.DoesNotContain(token.Password, token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_regional_endpoint_is_api_ecr_and_AWS_ENDPOINT_URL_ECR_overrides_the_shared_variable()
    {
        var real = new AwsEndpoints(new EcrPublicLambda.Configuration.AppEnvironment(new Dictionary<string, string>(), AppContext.BaseDirectory));
        var local = new AwsEndpoints(new EcrPublicLambda.Configuration.AppEnvironment(
            new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9/", ["AWS_ENDPOINT_URL_ECR"] = "http://127.0.0.1:1/" }, AppContext.BaseDirectory));

        Assert.Equal(new Uri("https://api.ecr.eu-west-1.amazonaws.com/"), real.Ecr("eu-west-1"));
        Assert.Equal(new Uri("http://127.0.0.1:1/"), local.Ecr("eu-west-1"));
        Assert.Equal(new Uri("http://127.0.0.1:9/"), local.EcrPublic);
    }

    [Theory]
    [InlineData("""{"authorizationData":[]}""", "authorizationData[0].authorizationToken or .expiresAt is missing")]
    [InlineData("""{"authorizationData":{"authorizationToken":"QVdTOnBhc3M=","expiresAt":1}}""", "the body is not JSON")]
    [InlineData("""{"authorizationData":[{"authorizationToken":"%%%","expiresAt":1}]}""", "authorizationData[0].authorizationToken is not base64")]
    [InlineData("""{"authorizationData":[{"authorizationToken":"QVdT","expiresAt":1}]}""", "authorizationData[0].authorizationToken is not \"user:password\"")]
    public void An_unusable_answer_is_an_InvalidResponse_naming_what_is_wrong(string body, string what)
    {
        var e = Assert.Throws<AwsServiceException>(() => EcrClient.Parse(Encoding.UTF8.GetBytes(body)));

        Assert.Equal((AwsServiceException.InvalidResponseCode, HttpStatusCode.OK), (e.Code, e.StatusCode));
        Assert.Equal($"ECR GetAuthorizationToken returned an unusable answer: {what}", e.Message);
    }

    [Fact]
    public async Task Access_denied_is_reported_with_its_code_and_no_retry()
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.Script(FakeAwsOperation.GetEcrAuthorizationToken, FakeAwsFailure.AccessDenied);

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Clients.GetEcrTokenAsync("eu-west-1", new AwsCredentials(FakeAwsServer.AccessKeyId, FakeAwsServer.SecretAccessKey, null), CancellationToken.None));

        Assert.Equal("AccessDeniedException", e.Code);
        Assert.Single(aws.Server.Requests);
    }
}
