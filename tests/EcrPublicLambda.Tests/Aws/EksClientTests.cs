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

    [Theory]
    [InlineData("CREATING", "EKS cluster \"prod-eu\" in eu-west-1 is CREATING: its API server is not ready yet; it is refreshed once the cluster is ACTIVE")]
    [InlineData("DELETING", "EKS cluster \"prod-eu\" in eu-west-1 is DELETING: it is being deleted")]
    [InlineData("FAILED", "EKS cluster \"prod-eu\" in eu-west-1 is FAILED: EKS could not create it; see the cluster's health issues in the EKS console")]
    [InlineData("PENDING", "EKS cluster \"prod-eu\" in eu-west-1 is PENDING: it is not ready yet (a connected cluster waiting for its agent); it is refreshed once it is ACTIVE")]
    public async Task A_cluster_that_is_neither_ACTIVE_nor_UPDATING_is_an_error_naming_its_status(string status, string message)
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.AddCluster(new FakeEksCluster("prod-eu", "eu-west-1", "https://ABC.eks.amazonaws.com", Ca, Status: status));

        var e = await Assert.ThrowsAsync<AwsServiceException>(
            async () => await aws.Clients.DescribeClusterAsync("prod-eu", "eu-west-1", await aws.CallerAsync(), CancellationToken.None));

        Assert.Equal("ClusterNotActive", e.Code);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task An_UPDATING_cluster_is_described_like_an_ACTIVE_one()
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.AddCluster(new FakeEksCluster("prod-eu", "eu-west-1", "https://ABC.eks.amazonaws.com", Ca, Status: "UPDATING"));

        var info = await aws.Clients.DescribeClusterAsync("prod-eu", "eu-west-1", await aws.CallerAsync(), CancellationToken.None);

        Assert.Equal(("UPDATING", new Uri("https://ABC.eks.amazonaws.com")), (info.Status, info.Endpoint));
    }

    [Fact]
    public async Task The_endpoints_access_is_read_from_resourcesVpcConfig()
    {
        await using var aws = await AwsHarness.StartAsync();
        aws.Server.AddCluster(new FakeEksCluster("open", "eu-west-1", "https://A.eks.amazonaws.com", Ca));
        aws.Server.AddCluster(new FakeEksCluster("private", "eu-west-1", "https://B.eks.amazonaws.com", Ca, EndpointPublicAccess: false, EndpointPrivateAccess: true));
        aws.Server.AddCluster(new FakeEksCluster("office", "eu-west-1", "https://C.eks.amazonaws.com", Ca, EndpointPrivateAccess: true, PublicAccessCidrs: ["203.0.113.0/24", "198.51.100.7/32"]));
        var caller = await aws.CallerAsync();

        var open = await aws.Clients.DescribeClusterAsync("open", "eu-west-1", caller, CancellationToken.None);
        var @private = await aws.Clients.DescribeClusterAsync("private", "eu-west-1", caller, CancellationToken.None);
        var office = await aws.Clients.DescribeClusterAsync("office", "eu-west-1", caller, CancellationToken.None);

        Assert.Equal((true, false, "0.0.0.0/0"), (open.EndpointAccess!.PublicAccess, open.EndpointAccess.PrivateAccess, string.Join(",", open.EndpointAccess.PublicAccessCidrs)));
        Assert.Null(open.EndpointAccess.UnreachableHint());
        Assert.Equal((false, true), (@private.EndpointAccess!.PublicAccess, @private.EndpointAccess.PrivateAccess));
        Assert.StartsWith("the cluster's endpoint is private only: the function must run in the cluster's VPC (or one with a route to it)", @private.EndpointAccess.UnreachableHint(), StringComparison.Ordinal);
        Assert.Equal(
            "public access is limited to 203.0.113.0/24, 198.51.100.7/32; the function's egress address must be in it or the function must run in the VPC",
            office.EndpointAccess!.UnreachableHint());
        Assert.Equal(
            "public access is limited to 203.0.113.0/24; the function's egress address (its NAT gateway's, in a VPC) must be in it",
            new EksEndpointAccess(true, false, ["203.0.113.0/24"]).UnreachableHint());
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
