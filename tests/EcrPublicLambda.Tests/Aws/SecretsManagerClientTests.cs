using System.Net;
using System.Text.Json;
using EcrPublicLambda.Aws;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Tests.Aws;

/// <summary>Secrets Manager GetSecretValue: the wire shape, the ARN forms, the documented errors, retries, and a value that never reaches a message.</summary>
public sealed class SecretsManagerClientTests
{
    private const string Complete = "arn:aws:secretsmanager:eu-central-1:111122223333:secret:ecr-public-lambda/edge-AbCdEf";
    private const string Partial = "arn:aws:secretsmanager:eu-central-1:111122223333:secret:ecr-public-lambda/edge";
    private const string Value = """{"token":"s3cr3t-service-account-token"}""";

    [Fact]
    public async Task A_partial_arn_is_read_with_a_json_1_1_post_signed_for_secretsmanager_in_the_secrets_region()
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.AddSecret(Complete, Value);

        var value = await aws.Clients.GetSecretStringAsync(Partial, "eu-central-1", await aws.CallerAsync(), CancellationToken.None);

        Assert.Equal(Value, value);
        var request = Assert.Single(aws.Server.Requests);
        Assert.Equal(FakeAwsOperation.GetSecretValue, request.Operation);
        Assert.Equal(("POST", "/"), (request.Method, request.Path));
        Assert.Equal("secretsmanager.GetSecretValue", request.Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.1", request.Headers["Content-Type"]);
        Assert.Equal(Partial, JsonDocument.Parse(request.Body).RootElement.GetProperty("SecretId").GetString());
        Assert.Equal(("secretsmanager", "eu-central-1"), (request.SigningService, request.SigningRegion));
        Assert.Null(request.SignatureProblem);
    }

    [Fact]
    public async Task The_secrets_manager_endpoint_variable_overrides_the_shared_one()
    {
        await using var aws = await AwsHarness.StartAsync(null, ("AWS_ENDPOINT_URL", "http://127.0.0.1:9/"), ("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:1/"));

        Assert.Equal(new Uri("http://127.0.0.1:1/"), aws.Clients.Endpoints.SecretsManager("eu-central-1"));
        Assert.Equal(new Uri("http://127.0.0.1:9/"), aws.Clients.Endpoints.Eks("eu-central-1"));
    }

    [Theory]
    [InlineData(FakeAwsFailure.ResourceNotFound, "ResourceNotFoundException", "Secrets Manager secret \"ecr-public-lambda/edge\" not found in eu-central-1")]
    [InlineData(FakeAwsFailure.AccessDenied, "AccessDeniedException", "reading secret \"ecr-public-lambda/edge\" was denied: the role needs secretsmanager:GetSecretValue on it")]
    [InlineData(FakeAwsFailure.DecryptionFailure, "DecryptionFailure", "Secrets Manager could not decrypt secret \"ecr-public-lambda/edge\" with its KMS key")]
    [InlineData(FakeAwsFailure.InvalidRequest, "InvalidRequestException", "secret \"ecr-public-lambda/edge\" cannot be read now")]
    public async Task Each_documented_error_names_the_secret_and_what_to_check_without_a_retry(FakeAwsFailure failure, string code, string message)
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.AddSecret(Complete, Value);
        aws.Server.Script(FakeAwsOperation.GetSecretValue, failure);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Clients.GetSecretStringAsync(Partial, "eu-central-1", aws.CallerAsync().Result, CancellationToken.None));

        Assert.Equal((code, HttpStatusCode.BadRequest), (error.Code, error.StatusCode));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Single(aws.Server.Requests);
    }

    [Fact]
    public async Task Throttling_is_retried_and_then_the_value_is_read()
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.AddSecret(Complete, Value);
        aws.Server.Script(FakeAwsOperation.GetSecretValue, FakeAwsFailure.Throttling, FakeAwsFailure.ServiceUnavailable);

        Assert.Equal(Value, await aws.Clients.GetSecretStringAsync(Complete, "eu-central-1", await aws.CallerAsync(), CancellationToken.None));
        Assert.Equal(3, aws.Server.Count(FakeAwsOperation.GetSecretValue));
        Assert.Equal(2, aws.Waits.Count);
    }

    [Fact]
    public async Task A_secret_asked_of_another_region_is_not_found_there()
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.AddSecret(Complete, Value);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Clients.GetSecretStringAsync(Partial, "eu-west-1", aws.CallerAsync().Result, CancellationToken.None));

        Assert.Equal("ResourceNotFoundException", error.Code);
    }

    [Theory]
    [InlineData("""{"Name":"x","SecretBinary":"czNjcjN0"}""", "the secret holds SecretBinary; store the value as SecretString")]
    [InlineData("""{"Name":"x"}""", "SecretString is missing or empty")]
    [InlineData("s3cr3t", "the body is not JSON")]
    public void An_unusable_answer_says_what_is_wrong_and_never_quotes_it(string body, string what)
    {
        var error = Assert.Throws<AwsServiceException>(() => SecretsManagerClient.Parse("edge", System.Text.Encoding.UTF8.GetBytes(body)));

        Assert.Equal($"Secrets Manager GetSecretValue for \"edge\" returned an unusable answer: {what}", error.Message);
    }
}
