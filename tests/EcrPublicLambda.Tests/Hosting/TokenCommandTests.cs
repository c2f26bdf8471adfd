using EcrPublicLambda.Aws;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Hosting;
using EcrPublicLambda.Tests.Aws;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EcrPublicLambda.Tests.Hosting;

/// <summary>`bootstrap token` against `aws eks get-token` output captured with faketime (TestData/aws/get-token-*.json).</summary>
public sealed class TokenCommandTests
{
    private static async Task<(int Code, string Out, string Error)> RunAsync(
        IReadOnlyDictionary<string, string> environment, DateTimeOffset now, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var http = new HttpClient();
        var context = new HostContext(
            new AppEnvironment(environment, AppContext.BaseDirectory), stdout, stderr, http, new FakeTimeProvider(now), NullLogger.Instance, CancellationToken.None);
        var code = await TokenCommand.RunAsync(args, context, _ => throw new AwsCredentialsException("no AWS credentials found"));
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Output_equals_aws_eks_get_token_byte_for_byte()
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE",
            ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        };

        var (code, stdout, stderr) = await RunAsync(environment, At("2026-11-26T12:00:00.4Z"), "token", "--cluster", "prod-eu", "--region", "eu-west-1");

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        SecretAssert.Equal(await File.ReadAllTextAsync(GoldenVectors.PathOf("get-token-eu-west-1.json")), stdout, "ExecCredential");
    }

    [Fact]
    public async Task Output_with_a_session_token_equals_aws_eks_get_token_byte_for_byte()
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "ASIAQEXAMPLEROLE0002",
            ["AWS_SECRET_ACCESS_KEY"] = "Zz9+/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
            ["AWS_SESSION_TOKEN"] = "FwoGZXIvYXdzEBYaDEXAMPLESESSION+TOKEN/with+plus/and/slash==",
        };

        var (code, stdout, _) = await RunAsync(environment, At("2026-02-28T23:59:59Z"), "token", "--cluster=team-a_staging-2", "--region=ap-southeast-4");

        Assert.Equal(0, code);
        SecretAssert.Equal(await File.ReadAllTextAsync(GoldenVectors.PathOf("get-token-session.json")), stdout, "ExecCredential");
    }

    [Theory]
    [InlineData("""{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","spec":{"interactive":false}}""", "client.authentication.k8s.io/v1")]
    [InlineData("""{"apiVersion":"client.authentication.k8s.io/v1beta1"}""", "client.authentication.k8s.io/v1beta1")]
    [InlineData("""{"apiVersion":"client.authentication.k8s.io/v9"}""", "client.authentication.k8s.io/v1beta1")]
    [InlineData("not json", "client.authentication.k8s.io/v1beta1")]
    public async Task The_api_version_follows_KUBERNETES_EXEC_INFO_like_the_CLI(string execInfo, string expected)
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE",
            ["AWS_SECRET_ACCESS_KEY"] = "secret",
            ["KUBERNETES_EXEC_INFO"] = execInfo,
        };

        var (code, stdout, _) = await RunAsync(environment, At("2026-11-26T12:00:00Z"), "token", "--cluster", "x", "--region", "eu-west-1");

        Assert.Equal(0, code);
        Assert.Contains($"\"apiVersion\": \"{expected}\",\n", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--cluster", "-bad", "--cluster: \"-bad\" is not a valid EKS cluster name")]
    [InlineData("--cluster", "has.dot", "--cluster: \"has.dot\" is not a valid EKS cluster name")]
    [InlineData("--region", "EU-WEST-1", "--region: \"EU-WEST-1\" is not a valid AWS region")]
    [InlineData("--region", "euwest1", "--region: \"euwest1\" is not a valid AWS region")]
    [InlineData("--role-arn", "arn:aws:iam::12345:role/x", "--role-arn: \"arn:aws:iam::12345:role/x\" is not a valid IAM role ARN")]
    [InlineData("--role-arn", "arn:aws:iam::123456789012:user/x", "--role-arn: \"arn:aws:iam::123456789012:user/x\" is not a valid IAM role ARN")]
    public async Task Bad_arguments_exit_2_naming_the_value(string option, string value, string message)
    {
        var args = new Dictionary<string, string> { ["--cluster"] = "prod-eu", ["--region"] = "eu-west-1", [option] = value }
            .SelectMany(p => new[] { p.Key, p.Value }).Prepend("token").ToArray();

        var (code, stdout, stderr) = await Cli(args);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith($"error: {message}", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--region", "eu-west-1")]
    [InlineData("--cluster", "prod-eu")]
    public async Task A_missing_option_exits_2(string option, string value)
    {
        var (code, _, stderr) = await Cli("token", option, value);

        Assert.Equal(2, code);
        Assert.Contains("is required", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_credentials_exits_1()
    {
        var (code, stdout, stderr) = await RunAsync(new Dictionary<string, string>(), DateTimeOffset.UtcNow, "token", "--cluster", "prod-eu", "--region", "eu-west-1");

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal("error: no AWS credentials found\n", stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task With_a_role_the_token_is_signed_with_the_assumed_credentials()
    {
        await using var aws = await FakeAwsServer.StartAsync();
        const string role = "arn:aws:iam::210987654321:role/ecr-public-writer";
        var now = At("2026-11-26T12:00:00Z");
        var environment = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_STS"] = aws.Endpoint.AbsoluteUri,
            ["AWS_ACCESS_KEY_ID"] = FakeAwsServer.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = FakeAwsServer.SecretAccessKey,
        };

        var (code, stdout, _) = await RunAsync(environment, now, "token", "--cluster", "prod-eu", "--region", "me-central-1", "--role-arn", role);

        Assert.Equal(0, code);
        var expected = EksTokenFactory.Create(aws.IssuedCredentials[role], "prod-eu", "me-central-1", now);
        Assert.True(stdout.Contains($"\"token\": \"{expected.Token}\"", StringComparison.Ordinal), "the token is not the one signed with the assumed credentials");
        Assert.Equal("me-central-1", Assert.Single(aws.Requests).SigningRegion);
    }

    [Fact]
    public async Task A_denied_role_exits_1_with_the_STS_error()
    {
        await using var aws = await FakeAwsServer.StartAsync();
        const string role = "arn:aws:iam::210987654321:role/nope";
        aws.DenyRole(role);
        var environment = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_STS"] = aws.Endpoint.AbsoluteUri,
            ["AWS_ACCESS_KEY_ID"] = FakeAwsServer.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = FakeAwsServer.SecretAccessKey,
        };

        var (code, stdout, stderr) = await RunAsync(environment, DateTimeOffset.UtcNow, "token", "--cluster", "prod-eu", "--region", "eu-west-1", "--role-arn", role);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.StartsWith($"error: cannot assume role {role}: AccessDenied (HTTP 403)", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAwsServer.SecretAccessKey, stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Out, string Error)> Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var http = new HttpClient();
        var context = new HostContext(
            new AppEnvironment(new Dictionary<string, string>(), AppContext.BaseDirectory), stdout, stderr, http, TimeProvider.System, NullLogger.Instance, CancellationToken.None);
        var code = await App.RunAsync(args, context);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
