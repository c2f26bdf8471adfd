using System.Net;
using EcrPublicLambda.Aws;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Tests.Aws;

public sealed class SsmAndLambdaClientTests
{
    private const string Parameter = "/EcrPublicLambda/Prod/deployed-fleet-sha256";

    [Fact]
    public async Task GetParameter_posts_AWS_JSON_1_1_to_AmazonSSM_signed_for_ssm_in_the_region_and_gives_the_value()
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.PutParameter(Parameter, "eu-central-1", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

        var value = await aws.Clients.GetParameterAsync(Parameter, "eu-central-1", CancellationToken.None);

        Assert.Equal("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", value);
        var request = Assert.Single(aws.Server.Requests);
        Assert.Equal(("POST", "/", $$"""{"Name":"{{Parameter}}"}"""), (request.Method, request.Path, request.Body));
        Assert.Equal("AmazonSSM.GetParameter", request.Headers["X-Amz-Target"]);
        Assert.Equal(("ssm", "eu-central-1"), (request.SigningService, request.SigningRegion));
        Assert.Null(request.SignatureProblem);
    }

    [Fact]
    public async Task A_missing_parameter_is_ParameterNotFound_without_retry()
    {
        await using var aws = await AwsHarness.StartAsync();

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Clients.GetParameterAsync(Parameter, "eu-central-1", CancellationToken.None));

        Assert.Equal((SsmClient.ParameterNotFound, HttpStatusCode.BadRequest), (e.Code, e.StatusCode));
        Assert.Single(aws.Server.Requests);
    }

    [Fact]
    public async Task PutFunctionConcurrency_puts_the_REST_JSON_body_signed_for_lambda_and_the_function_is_throttled_to_0()
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.AddFunction("EcrPublicLambda-Function", "us-west-2", 1);

        await aws.Clients.PutFunctionConcurrencyAsync("EcrPublicLambda-Function", "us-west-2", 0, CancellationToken.None);

        Assert.Equal(0, aws.Server.ReservedConcurrency("EcrPublicLambda-Function", "us-west-2"));
        var request = Assert.Single(aws.Server.Requests);
        Assert.Equal(("PUT", "/2017-10-31/functions/EcrPublicLambda-Function/concurrency", """{"ReservedConcurrentExecutions":0}"""), (request.Method, request.Path, request.Body));
        Assert.Equal(("lambda", "us-west-2"), (request.SigningService, request.SigningRegion));
        Assert.Null(request.SignatureProblem);
    }

    [Fact]
    public async Task PutFunctionConcurrency_of_an_unknown_function_is_ResourceNotFoundException_naming_it()
    {
        await using var aws = await AwsHarness.StartAsync();

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Clients.PutFunctionConcurrencyAsync("gone", "us-west-2", 0, CancellationToken.None));

        Assert.Equal(("ResourceNotFoundException", HttpStatusCode.NotFound), (e.Code, e.StatusCode));
        Assert.Contains("Function not found: arn:aws:lambda:us-west-2:111122223333:function:gone", e.Message, StringComparison.Ordinal);
    }
}
