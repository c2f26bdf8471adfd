using System.Net;
using EcrPublicLambda.Aws;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Hosting;
using EcrPublicLambda.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcrPublicLambda.Tests.Aws;

public sealed class AwsCredentialsTests
{
    private const string Role = "arn:aws:iam::210987654321:role/ecr-public-writer";

    [Fact]
    public async Task Without_a_role_the_environment_keys_are_used()
    {
        await using var aws = await AwsHarness.StartAsync(null, ("AWS_SESSION_TOKEN", "TOKEN"));

        var credentials = await aws.Clients.CredentialsForAsync(null, "eu-west-1", CancellationToken.None);

        Assert.Equal(FakeAwsServer.AccessKeyId, credentials.AccessKeyId);
        SecretAssert.Equal(FakeAwsServer.SecretAccessKey, credentials.SecretAccessKey, "secret key");
        SecretAssert.Equal("TOKEN", credentials.SessionToken, "session token");
        Assert.Empty(aws.Server.Requests);
    }

    [Fact]
    public async Task AssumeRole_goes_through_AWSSDK_SecurityToken_to_the_regional_STS_endpoint_override()
    {
        await using var aws = await AwsHarness.StartAsync();

        var credentials = await aws.Clients.CredentialsForAsync(Role, "il-central-1", CancellationToken.None);

        var request = Assert.Single(aws.Server.Requests);
        Assert.Equal(FakeAwsOperation.AssumeRole, request.Operation);
        Assert.Equal(("sts", "il-central-1", FakeAwsServer.AccessKeyId), (request.SigningService, request.SigningRegion, request.AccessKeyId));
        Assert.Null(request.SignatureProblem);
        Assert.Contains("RoleSessionName=ecr-public-lambda", request.Body, StringComparison.Ordinal);
        Assert.Contains("RoleArn=" + Uri.EscapeDataString(Role), request.Body, StringComparison.Ordinal);
        var issued = aws.Server.IssuedCredentials[Role];
        Assert.Equal(issued.AccessKeyId, credentials.AccessKeyId);
        SecretAssert.Equal(issued.SecretAccessKey, credentials.SecretAccessKey, "secret key");
        SecretAssert.Equal(issued.SessionToken, credentials.SessionToken, "session token");
        Assert.Equal(issued.ExpiresAt, credentials.ExpiresAt);
    }

    [Fact]
    public async Task Role_credentials_are_cached_until_5_minutes_before_expiry()
    {
        await using var aws = await AwsHarness.StartAsync();
        var clock = aws.Clock;

        var first = await aws.Clients.CredentialsForAsync(Role, "eu-west-1", CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(54));
        var cached = await aws.Clients.CredentialsForAsync(Role, "eu-central-1", CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var renewed = await aws.Clients.CredentialsForAsync(Role, "eu-west-1", CancellationToken.None);

        Assert.Same(first, cached);
        Assert.NotEqual(first.AccessKeyId, renewed.AccessKeyId);

        // The SDK signs AssumeRole by the machine's real clock, which did not move with the fake one: the fake STS
        // refuses the renewal as 55 minutes old once, the SDK corrects from its Date, and the call is retried once.
        Assert.Equal(2, aws.Server.Requests.Count(r => r.Operation == FakeAwsOperation.AssumeRole && r.SignatureProblem is null));
        Assert.Equal(2, aws.Clients.AssumeRoleCalls);
    }

    [Fact]
    public async Task Concurrent_requests_for_one_role_assume_it_once()
    {
        await using var aws = await AwsHarness.StartAsync();

        var all = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => aws.Clients.CredentialsForAsync(Role, "eu-west-1", CancellationToken.None)));

        Assert.Single(all.Distinct());
        Assert.Equal(1, aws.Server.Count(FakeAwsOperation.AssumeRole));
        Assert.Empty(aws.Waits);
    }

    [Fact]
    public async Task A_throttled_or_unavailable_AssumeRole_is_retried_under_the_one_policy()
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.Script(FakeAwsOperation.AssumeRole, FakeAwsFailure.Throttling, FakeAwsFailure.ServiceUnavailable);

        var credentials = await aws.Clients.CredentialsForAsync(Role, "eu-west-1", CancellationToken.None);

        Assert.NotEqual(FakeAwsServer.AccessKeyId, credentials.AccessKeyId);
        Assert.Equal(3, aws.Server.Count(FakeAwsOperation.AssumeRole));
        Assert.Equal([TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)], aws.Waits);
    }

    [Fact]
    public async Task AssumeRole_gives_up_after_the_policys_attempts_and_a_denial_is_not_retried()
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.Script(FakeAwsOperation.AssumeRole, Enumerable.Repeat(FakeAwsFailure.ServerError, 10).ToArray());

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Clients.CredentialsForAsync(Role, "eu-west-1", CancellationToken.None));

        Assert.Equal(("STS", HttpStatusCode.InternalServerError), (e.Service, e.StatusCode));
        Assert.Equal(4, aws.Server.Count(FakeAwsOperation.AssumeRole));
        Assert.Equal([200, 400, 800], aws.Waits.Select(w => w.TotalMilliseconds));
    }

    [Fact]
    public async Task A_denied_AssumeRole_is_a_clear_STS_error_without_secrets()
    {
        await using var aws = await AwsHarness.StartAsync(null, ("AWS_SESSION_TOKEN", "CALLER-SESSION-TOKEN"));
        aws.Server.DenyRole(Role);

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Clients.CredentialsForAsync(Role, "eu-west-1", CancellationToken.None));

        Assert.Equal(("STS", "AccessDenied", HttpStatusCode.Forbidden), (e.Service, e.Code, e.StatusCode));
        Assert.StartsWith($"cannot assume role {Role}: AccessDenied (HTTP 403): User: arn:aws:iam::111122223333:user/caller is not authorized to perform: sts:AssumeRole", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAwsServer.SecretAccessKey, e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("CALLER-SESSION-TOKEN", e.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, aws.Server.Count(FakeAwsOperation.AssumeRole));
        Assert.Empty(aws.Waits);
    }

    [Fact]
    public async Task No_credentials_anywhere_is_an_AwsCredentialsException()
    {
        using var http = new HttpClient();
        using var clients = new AwsClients(
            new AppEnvironment(new Dictionary<string, string>(), AppContext.BaseDirectory),
            http,
            TimeProvider.System,
            NullLogger.Instance,
            sdkCredentialChain: _ => throw new AwsCredentialsException("no AWS credentials found"));

        await Assert.ThrowsAsync<AwsCredentialsException>(() => clients.GetEcrPublicTokenAsync(CancellationToken.None));
    }
}
