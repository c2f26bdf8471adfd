using System.Net;
using EcrPublicLambda.Aws;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Hosting;
using EcrPublicLambda.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcrPublicLambda.Tests.Aws;

public sealed class EksClientTests
{
    private const string Ca = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMvakNDQWVhZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K";

    [Fact]
    public async Task DescribeCluster_sends_a_GET_signed_for_eks_in_the_clusters_region()
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.AddCluster(new FakeEksCluster("prod_eu-1", "ap-southeast-4", "https://ABC.gr7.ap-southeast-4.eks.amazonaws.com", Ca));

        var info = await aws.Clients.DescribeClusterAsync("prod_eu-1", "ap-southeast-4", await aws.CallerAsync(), CancellationToken.None);

        var request = Assert.Single(aws.Server.Requests);
        Assert.Equal(("GET", "/clusters/prod_eu-1", ""), (request.Method, request.Path, request.Body));
        Assert.Equal(("eks", "ap-southeast-4"), (request.SigningService, request.SigningRegion));
        Assert.Null(request.SignatureProblem);
        Assert.Equal(new Uri("https://ABC.gr7.ap-southeast-4.eks.amazonaws.com"), info.Endpoint);
        Assert.Equal(Ca, info.CertificateAuthority);
        Assert.Equal(("prod_eu-1", "ap-southeast-4", "ACTIVE", "API_AND_CONFIG_MAP"), (info.Name, info.Region, info.Status, info.AuthenticationMode));
    }

    [Fact]
    public async Task Assumed_role_credentials_sign_with_their_session_token()
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.AddCluster(new FakeEksCluster("prod-eu", "eu-west-1", "https://ABC.eks.amazonaws.com", Ca, AuthenticationMode: null));
        const string role = "arn:aws:iam::210987654321:role/ecr-public-writer";

        var credentials = await aws.Clients.CredentialsForAsync(role, "eu-west-1", CancellationToken.None);
        var info = await aws.Clients.DescribeClusterAsync("prod-eu", "eu-west-1", credentials, CancellationToken.None);

        var request = aws.Server.Requests.Single(r => r.Operation == FakeAwsOperation.DescribeCluster);
        Assert.Equal(aws.Server.IssuedCredentials[role].AccessKeyId, request.AccessKeyId);
        SecretAssert.Equal(aws.Server.IssuedCredentials[role].SessionToken, request.Headers["X-Amz-Security-Token"], "X-Amz-Security-Token");
        Assert.Null(request.SignatureProblem);
        Assert.Null(info.AuthenticationMode);
    }

    [Fact]
    public async Task A_missing_cluster_is_reported_by_name_and_region_without_retry()
    {
        await using var aws = await AwsHarness.StartAsync();

        var e = await Assert.ThrowsAsync<AwsServiceException>(
            async () => await aws.Clients.DescribeClusterAsync("prod-eu", "eu-west-1", await aws.CallerAsync(), CancellationToken.None));

        Assert.Equal("EKS cluster \"prod-eu\" not found in eu-west-1", e.Message);
        Assert.Equal(("EKS", "ResourceNotFoundException", HttpStatusCode.NotFound), (e.Service, e.Code, e.StatusCode));
        Assert.Equal(1, aws.Server.Count(FakeAwsOperation.DescribeCluster));
    }

    [Fact]
    public async Task Access_denied_names_the_AWS_error_code_and_is_not_retried()
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.AddCluster(new FakeEksCluster("prod-eu", "eu-west-1", "https://ABC.eks.amazonaws.com", Ca));
        aws.Server.Script(FakeAwsOperation.DescribeCluster, FakeAwsFailure.AccessDenied);

        var e = await Assert.ThrowsAsync<AwsServiceException>(
            async () => await aws.Clients.DescribeClusterAsync("prod-eu", "eu-west-1", await aws.CallerAsync(), CancellationToken.None));

        Assert.Equal(("AccessDeniedException", HttpStatusCode.Forbidden), (e.Code, e.StatusCode));
        Assert.StartsWith("EKS DescribeCluster failed: AccessDeniedException (HTTP 403): User: arn:aws:iam::111122223333:user/caller is not authorized", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, aws.Server.Count(FakeAwsOperation.DescribeCluster));
    }

    [Fact]
    public async Task Throttled_twice_then_success_makes_3_requests()
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.AddCluster(new FakeEksCluster("prod-eu", "eu-west-1", "https://ABC.eks.amazonaws.com", Ca));
        aws.Server.Script(FakeAwsOperation.DescribeCluster, FakeAwsFailure.Throttling, FakeAwsFailure.TooManyRequests);

        var info = await aws.Clients.DescribeClusterAsync("prod-eu", "eu-west-1", await aws.CallerAsync(), CancellationToken.None);

        Assert.Equal("ACTIVE", info.Status);
        Assert.Equal(3, aws.Server.Count(FakeAwsOperation.DescribeCluster));
    }

    [Fact]
    public async Task A_cluster_that_is_not_ACTIVE_is_an_error()
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.AddCluster(new FakeEksCluster("prod-eu", "eu-west-1", "https://ABC.eks.amazonaws.com", Ca, Status: "CREATING"));

        var e = await Assert.ThrowsAsync<AwsServiceException>(
            async () => await aws.Clients.DescribeClusterAsync("prod-eu", "eu-west-1", await aws.CallerAsync(), CancellationToken.None));

        Assert.Equal("ClusterNotActive", e.Code);
        Assert.Equal("EKS cluster \"prod-eu\" in eu-west-1 is CREATING, not ACTIVE", e.Message);
    }

    [Fact]
    public async Task Endpoint_override_for_EKS_wins_over_the_shared_one()
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.AddCluster(new FakeEksCluster("prod-eu", "eu-west-1", "https://ABC.eks.amazonaws.com", Ca));
        var environment = new AppEnvironment(
            new Dictionary<string, string>
            {
                ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9/",
                ["AWS_ENDPOINT_URL_EKS"] = aws.Server.Endpoint.AbsoluteUri,
                ["AWS_ACCESS_KEY_ID"] = FakeAwsServer.AccessKeyId,
                ["AWS_SECRET_ACCESS_KEY"] = FakeAwsServer.SecretAccessKey,
            },
            AppContext.BaseDirectory);
        using var http = new HttpClient();
        using var clients = new AwsClients(environment, http, TimeProvider.System, NullLogger.Instance);

        var credentials = await clients.CredentialsForAsync(null, "eu-west-1", CancellationToken.None);
        var info = await clients.DescribeClusterAsync("prod-eu", "eu-west-1", credentials, CancellationToken.None);

        Assert.Equal("prod-eu", info.Name);
    }
}
